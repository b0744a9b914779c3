/**
 * What an uploaded file may cost: the one place for the limits on rows, columns, cell and heading
 * length and, for spreadsheets, the data they hold once decompressed. Readers enforce them while
 * they stream, so a hostile file is refused after reading at most a little past a limit, never
 * after it has been read whole. Upload sizes (the bytes sent) are settings (UPLOAD_MAX_MB,
 * SPEND_UPLOAD_MAX_MB); these are not, because they follow from what the files are for.
 */

export interface TableLimits {
  /** Rows read, the heading row and blank rows included. */
  readonly rows: number;
  /** Columns in any row. */
  readonly columns: number;
  /** Characters in any cell (32,767 is the most an Excel cell holds). */
  readonly cellChars: number;
  /** Characters in any cell of the heading row (the first row that is not blank). */
  readonly headerChars: number;
}

export interface XlsxLimits extends TableLimits {
  /**
   * Bytes of the parts read (workbook, relationships, styles, shared strings and the first
   * worksheet), counted as they are inflated: a zip's declared sizes can lie.
   */
  readonly inflatedBytes: number;
  /** Bytes of the shared-strings part alone: it is held in memory while the sheet is read. */
  readonly sharedStringsBytes: number;
  /** Entries in the shared-strings part. */
  readonly sharedStrings: number;
}

/** Excel's own limit on the characters in a cell. */
export const EXCEL_CELL_CHARS = 32_767;

/**
 * Spend files: a council's year is about 240,000 lines and 60 MB as CSV (decision 013); a
 * partnership's shared ledger over several years can be millions. The import reads a file in
 * chunks (decision 039): bench:spend measured 5,000,000 rows at under 1.3 GB on the embedded
 * database, 886 MB on a server. A ledger has a few dozen columns at most.
 */
export const SPEND_FILE_LIMITS: XlsxLimits = {
  rows: 6_000_000,
  columns: 100,
  cellChars: EXCEL_CELL_CHARS,
  headerChars: 200,
  inflatedBytes: 500 * 1024 * 1024,
  sharedStringsBytes: 64 * 1024 * 1024,
  sharedStrings: 1_000_000,
};

/**
 * Each text a spend line keeps (supplier name, expense type and area, transaction reference,
 * postcode and identifiers) is at most this long; a longer one rejects its row with the reason.
 * Supplier names are indexed, and PostgreSQL cannot index a value of more than about 2,700 bytes;
 * no registered company or charity name is longer than 160 characters.
 */
export const SPEND_TEXT_CHARS = 500;

/** A return's template: one row per figure (a few hundred at most). */
export const RETURN_TEMPLATE_LIMITS: XlsxLimits = {
  rows: 5_000,
  columns: 50,
  cellChars: EXCEL_CELL_CHARS,
  headerChars: 200,
  inflatedBytes: 50 * 1024 * 1024,
  sharedStringsBytes: 20 * 1024 * 1024,
  sharedStrings: 100_000,
};

/** The supplier register as CSV: one row per supplier. */
export const SUPPLIER_CSV_LIMITS: TableLimits = {
  rows: 200_000,
  columns: 50,
  cellChars: 2_000,
  headerChars: 200,
};

/** A file broke a limit or cannot be read; the message says which and how to fix it. */
export class FileLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileLimitError';
  }
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Column letters as a spreadsheet shows them: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where a cell is: "row 3, column C" in a spreadsheet, "line 3, column 3" in a CSV file. */
export function cellPlace(kind: 'csv' | 'xlsx', line: number, column: number): string {
  return kind === 'xlsx'
    ? `row ${count(line)}, column ${columnLetters(column)}`
    : `line ${count(line)}, column ${count(column)}`;
}

export const limitMessages = {
  rows: (limits: TableLimits) =>
    `The file has more than ${count(limits.rows)} rows. Split it into smaller files and upload each one.`,
  columns: (limits: TableLimits, kind: 'csv' | 'xlsx', line: number) =>
    `${kind === 'xlsx' ? 'Row' : 'Line'} ${count(line)} has more than ${count(limits.columns)} columns. Remove the columns that are not needed and upload the file again.`,
  cell: (limits: TableLimits, place: string) =>
    `The cell at ${place} is longer than ${count(limits.cellChars)} characters. Shorten it and upload the file again.`,
  header: (limits: TableLimits, place: string) =>
    `The column heading at ${place} is longer than ${count(limits.headerChars)} characters. Check that the first row of the file holds the column headings.`,
  inflated: (limits: XlsxLimits) =>
    `The spreadsheet holds more than ${count(Math.round(limits.inflatedBytes / 1024 / 1024))} MB of data once opened. Save it as a CSV file, or split it into smaller files.`,
  ratio: (times: number) =>
    `The spreadsheet grows to more than ${count(times)} times its size when opened, which a spreadsheet does not. Save it again from your spreadsheet program, or save it as a CSV file, and upload it again.`,
  sharedText: (limits: TableLimits) =>
    `A cell in the spreadsheet is longer than ${count(limits.cellChars)} characters. Shorten it and upload the file again.`,
  sharedStrings: () =>
    'The spreadsheet holds too much text for one upload. Save it as a CSV file, or split it into smaller files.',
  unreadable: (why?: string) =>
    `The file is not a readable XLSX spreadsheet${why ? ` (${why})` : ''}. Open it in a spreadsheet program, save it again as .xlsx or .csv, and upload it again.`,
};

/**
 * Checks the heading row (the first row that is not blank): every heading within the limit.
 * Throws a FileLimitError naming the first heading that is too long.
 */
export function checkHeader(
  fields: readonly string[],
  line: number,
  limits: TableLimits,
  kind: 'csv' | 'xlsx',
): void {
  fields.forEach((f, i) => {
    if (f.length > limits.headerChars)
      throw new FileLimitError(limitMessages.header(limits, cellPlace(kind, line, i + 1)));
  });
}
