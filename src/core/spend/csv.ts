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
