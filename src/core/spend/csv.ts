/**
 * A streaming RFC 4180 record reader: quoted fields with commas, quotes ("") and line breaks,
 * CRLF or LF, any single-character delimiter. It only splits records into fields; what the
 * fields mean is decided elsewhere. Written for speed on million-line files (csv-parse is the
 * oracle in its property tests).
 */
import { cellPlace, FileLimitError, limitMessages, type TableLimits } from '../file-limits.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export type RecordHandler = (fields: string[], line: number) => void;

export class CsvRecordReader {
  readonly #delimiter: number;
  readonly #limits: Pick<TableLimits, 'columns' | 'cellChars'> | undefined;
  #fields: string[] = [];
  #field = '';
  #inQuotes = false;
  /** The previous chunk ended just after a quote inside a quoted field (it may be "" or the end). */
  #quotePending = false;
  #fieldStarted = false;
  #line = 1;
  #recordLine = 1;
  #pendingCR = false;

  /**
   * With limits, a field longer than `cellChars` or a record of more than `columns` fields throws a
   * FileLimitError as soon as it is seen (a field grows at most one chunk past the limit).
   */
  constructor(
    delimiter = ',',
    limits?: Pick<TableLimits, 'columns' | 'cellChars'>,
    /** The line the text begins on (a record read from the middle of a file). */
    line = 1,
  ) {
    this.#delimiter = delimiter.charCodeAt(0);
    this.#limits = limits;
    this.#line = line;
    this.#recordLine = line;
  }

  /** Ends a field: checks it and the record's width against the limits. */
  #take(field: string): void {
    const limits = this.#limits;
    if (limits) {
      if (field.length > limits.cellChars) this.#tooLong();
      if (this.#fields.length >= limits.columns)
        throw new FileLimitError(
          limitMessages.columns(limits as TableLimits, 'csv', this.#recordLine),
        );
    }
    this.#fields.push(field);
  }

  #tooLong(): never {
    throw new FileLimitError(
      limitMessages.cell(
        this.#limits as TableLimits,
        cellPlace('csv', this.#recordLine, this.#fields.length + 1),
      ),
    );
  }

  /** A field still being read has passed the limit. */
  #check(): void {
    if (this.#limits && this.#field.length > this.#limits.cellChars) this.#tooLong();
  }

  /** Feeds the next piece of text; calls `onRecord` for every record completed in it. */
  push(chunk: string, onRecord: RecordHandler): void {
    const d = this.#delimiter;
    const n = chunk.length;
    let i = 0;
    let start = 0;
    if (this.#pendingCR) {
      this.#pendingCR = false;
      if (n > 0 && chunk.charCodeAt(0) === LF) {
        i = 1;
        start = 1;
      }
    }
    while (i < n) {
      if (this.#quotePending) {
        this.#quotePending = false;
        if (chunk.charCodeAt(i) === QUOTE) {
          this.#field += '"';
          this.#inQuotes = true;
          i++;
          start = i;
          continue;
        }
        // The quote closed the field; carry on unquoted.
      }
      if (this.#inQuotes) {
        const q = chunk.indexOf('"', i);
        if (q === -1) {
          this.#field += chunk.slice(i);
          this.#check();
          for (let k = i; k < n; k++) if (chunk.charCodeAt(k) === LF) this.#line++;
          i = n;
          start = n;
          break;
        }
        for (let k = i; k < q; k++) if (chunk.charCodeAt(k) === LF) this.#line++;
        this.#field += chunk.slice(i, q);
        this.#check();
        if (q + 1 >= n) {
          this.#inQuotes = false;
          this.#quotePending = true;
          i = n;
          start = n;
          break;
        }
        if (chunk.charCodeAt(q + 1) === QUOTE) {
          this.#field += '"';
          i = q + 2;
        } else {
          this.#inQuotes = false;
          i = q + 1;
        }
        start = i;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === d) {
        this.#take(this.#field + chunk.slice(start, i));
        this.#field = '';
        this.#fieldStarted = false;
        i++;
        start = i;
      } else if (c === LF || c === CR) {
        this.#take(this.#field + chunk.slice(start, i));
        this.#field = '';
        this.#fieldStarted = false;
        onRecord(this.#fields, this.#recordLine);
        this.#fields = [];
        this.#line++;
        this.#recordLine = this.#line;
        if (c === CR) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === LF) i++;
          } else {
            this.#pendingCR = true;
          }
        }
        i++;
        start = i;
      } else if (c === QUOTE && i === start && this.#field === '' && !this.#fieldStarted) {
        this.#inQuotes = true;
        this.#fieldStarted = true;
        i++;
        start = i;
      } else {
        i++;
      }
    }
    if (start < n && !this.#inQuotes) {
      this.#field += chunk.slice(start, n);
      this.#fieldStarted = true;
      this.#check();
    }
  }

  /** Ends the input: a last record without a final line break is still a record. */
  end(onRecord: RecordHandler): void {
    this.#quotePending = false;
    if (this.#fields.length > 0 || this.#field !== '' || this.#fieldStarted) {
      this.#take(this.#field);
      onRecord(this.#fields, this.#recordLine);
    }
    this.#fields = [];
    this.#field = '';
    this.#fieldStarted = false;
  }
}

/** Where a part of a file can start: the first record beginning at or after a byte offset. */
export interface CsvBoundary {
  /** The byte offset of the record's first byte. */
  readonly offset: number;
  /** The line it starts on, as CsvRecordReader numbers lines. */
  readonly line: number;
  /** Records before it (blank ones and the header included), as CsvRecordReader counts them. */
  readonly records: number;
}

const FIELD_START = 0;
const UNQUOTED = 1;
const IN_QUOTES = 2;
/** Just after a quote inside a quoted field: "" or the field's end. */
const QUOTE_PENDING = 3;
const SPACE = 32;
const TILDE = 126;

/**
 * Finds, in the bytes of a CSV file, the first record that begins at or after `target`, by running
 * the state machine of CsvRecordReader over bytes (quotes, line breaks, the delimiter) without
 * making any string. Two parsers can then read the two parts of the file at once, the second
 * numbering its lines from `line`, and between them see exactly the records one reader sees.
 * It works on UTF-8 and Windows-1252 bytes alike: in both, a quote, a line break or an ASCII
 * delimiter is one byte that no other character contains. Feed it the file after any byte-order
 * mark. A boundary is given only after a record that is certainly not blank (it holds a printable
 * ASCII character other than the delimiter or a quote that opens a field), so the heading row is
 * always before it.
 */
export class CsvBoundaryFinder {
  readonly #delimiter: number;
  readonly #target: number;
  #state = FIELD_START;
  #at = 0;
  #line = 1;
  #records = 0;
  #pendingCR = false;
  /** The record being read holds a printable character: it is not blank. */
  #printable = false;
  /** A record that is not blank has ended: the heading row is behind. */
  #headed = false;
  #found: CsvBoundary | undefined;

  constructor(delimiter: string, target: number) {
    this.#delimiter = delimiter.charCodeAt(0);
    this.#target = target;
  }

  get found(): CsvBoundary | undefined {
    return this.#found;
  }

  /** Feeds the next bytes; returns the boundary once it is found (later bytes are then ignored). */
  push(bytes: Uint8Array): CsvBoundary | undefined {
    if (this.#found) return this.#found;
    const d = this.#delimiter;
    const n = bytes.length;
    let state = this.#state;
    let i = 0;
    if (this.#pendingCR) {
      this.#pendingCR = false;
      if (n > 0 && bytes[0] === LF) i = 1;
      if (this.#boundary(this.#at + i)) return this.#found;
    }
    for (; i < n; i++) {
      const c = bytes[i]!;
      if (state === IN_QUOTES) {
        if (c === QUOTE) state = QUOTE_PENDING;
        else if (c === LF) this.#line++;
        else if (c > SPACE && c <= TILDE) this.#printable = true;
        continue;
      }
      if (state === QUOTE_PENDING && c === QUOTE) {
        state = IN_QUOTES;
        continue;
      }
      if (c === d) {
        state = FIELD_START;
      } else if (c === LF || c === CR) {
        state = FIELD_START;
        this.#records++;
        this.#line++;
        if (this.#printable) this.#headed = true;
        this.#printable = false;
        if (c === CR) {
          if (i + 1 >= n) {
            this.#pendingCR = true;
            break;
          }
          if (bytes[i + 1] === LF) i++;
        }
        if (this.#boundary(this.#at + i + 1)) return this.#found;
      } else if (c === QUOTE && state === FIELD_START) {
        state = IN_QUOTES;
      } else {
        state = UNQUOTED;
        if (c > SPACE && c <= TILDE && c !== QUOTE) this.#printable = true;
      }
    }
    this.#state = state;
    this.#at += n;
    return undefined;
  }

  /** A record starts at `offset`: the boundary, when it is far enough and the heading is behind. */
  #boundary(offset: number): boolean {
    if (offset < this.#target || !this.#headed) return false;
    this.#found = { offset, line: this.#line, records: this.#records };
    return true;
  }
}

/** Splits a whole text (for small files and tests). */
export function readCsv(text: string, delimiter = ','): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const reader = new CsvRecordReader(delimiter);
  const take: RecordHandler = (fields, line) => out.push({ fields, line });
  reader.push(text, take);
  reader.end(take);
  return out;
}

/** The delimiter a header line uses: comma unless semicolons, tabs or pipes clearly dominate. */
export function detectDelimiter(headerLine: string): string {
  const count = (ch: string) => headerLine.split(ch).length - 1;
  const candidates: [string, number][] = [
    [',', count(',')],
    [';', count(';')],
    ['\t', count('\t')],
    ['|', count('|')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  const best = candidates[0];
  return best && best[1] > 0 ? best[0] : ',';
}
