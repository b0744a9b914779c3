/**
 * The records CsvRecordReader reads, found in the bytes of a UTF-8 file without making a string of
 * it. A record of plain ASCII (no doubled quotes, nothing after a closing quote, within the limits)
 * is handed over as the byte ranges of its fields, quotes taken off, so that a reader can copy the
 * bytes it needs as they are and make strings of the few it must read. Any other record is handed
 * over as its fields, read from its bytes by CsvRecordReader itself: so every record is exactly
 * what that reader makes of it, at the same line. Pure: the caller reads the file.
 */
import type { TableLimits } from '../file-limits.js';
import { CsvRecordReader } from './csv.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A plain record: its fields are bytes[starts[i], ends[i]) for i < count. */
export type PlainRecordHandler = (
  bytes: Buffer,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
  line: number,
) => void;

export type FieldsHandler = (fields: string[], line: number) => void;

/**
 * A reader of the data rows of plain records that may decline one (returning false), which is
 * then read as text: ImportSession.plainRow.
 */
export type PlainRowReader = (
  bytes: Buffer,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
  line: number,
) => boolean;

/**
 * A record longer than this many bytes is past the limits whatever it holds (a UTF-16 unit takes
 * at most 3 bytes, a field 2 more for its quotes and 1 for its delimiter): from one such, the
 * rest of the file is read by CsvRecordReader as it streams, which throws as soon as it sees it.
 */
function longestRecord(limits: Pick<TableLimits, 'columns' | 'cellChars'>): number {
  return limits.columns * (3 * limits.cellChars + 3);
}

export class CsvByteRecords {
  readonly #delimiter: number;
  readonly #limits: Pick<TableLimits, 'columns' | 'cellChars'>;
  readonly #longest: number;
  /** The bytes of a record not yet ended when the last chunk did. */
  #rest: Buffer | null = null;
  #line = 1;
  #starts = new Int32Array(64);
  #ends = new Int32Array(64);
  #first = true;
  /** Decodes a record that is not plain (whole, so no state is carried from one to the next). */
  readonly #decoder = new TextDecoder('utf-8');
  /** Once a record is too long to hold: the rest of the file as text, read as it streams. */
  #text: { decoder: InstanceType<typeof TextDecoder>; reader: CsvRecordReader } | null = null;

  constructor(
    delimiter: string,
    limits: Pick<TableLimits, 'columns' | 'cellChars'>,
    /**
     * Where the bytes begin, when not at the start of the file: a record's first byte found by
     * CsvBoundaryFinder, and its line. No byte-order mark is looked for there.
     */
    from?: { readonly line: number },
  ) {
    this.#delimiter = delimiter.charCodeAt(0);
    this.#limits = limits;
    this.#longest = longestRecord(limits);
    if (from) {
      this.#line = from.line;
      this.#first = false;
    }
  }

  /** Feeds the next bytes of the file; hands over every record completed in them. */
  push(chunk: Buffer, plain: PlainRecordHandler, fields: FieldsHandler): void {
    if (this.#text) {
      this.#text.reader.push(this.#text.decoder.decode(chunk, { stream: true }), fields);
      return;
    }
    let bytes = this.#rest ? Buffer.concat([this.#rest, chunk]) : chunk;
    if (this.#first) {
      bytes = withoutByteOrderMarks(bytes);
      if (bytes.length < 6 && isByteOrderMarkStart(bytes)) {
        this.#rest = Buffer.from(bytes);
        return;
      }
      this.#first = false;
    }
    const done = this.#records(bytes, false, plain, fields);
    this.#rest = done < bytes.length ? Buffer.from(bytes.subarray(done)) : null;
    if (this.#rest && this.#rest.length > this.#longest) {
      const decoder = new TextDecoder('utf-8');
      const reader = new CsvRecordReader(
        String.fromCharCode(this.#delimiter),
        this.#limits,
        this.#line,
      );
      this.#text = { decoder, reader };
      reader.push(decoder.decode(this.#rest, { stream: true }), fields);
      this.#rest = null;
    }
  }

  /** Ends the file: a last record without a line break is still a record. */
  end(plain: PlainRecordHandler, fields: FieldsHandler): void {
    if (this.#text) {
      this.#text.reader.push(this.#text.decoder.decode(), fields);
      this.#text.reader.end(fields);
      return;
    }
    let rest = this.#rest;
    this.#rest = null;
    if (rest && this.#first) rest = withoutByteOrderMarks(rest);
    if (rest && rest.length > 0) this.#records(rest, true, plain, fields);
  }

  /**
   * Hands over the records in `bytes` from its start, and returns where the first one not ended
   * begins (bytes.length when every one ended). At the end of the file (`last`), the bytes left
   * are the last record.
   */
  #records(bytes: Buffer, last: boolean, plain: PlainRecordHandler, fields: FieldsHandler): number {
    const d = this.#delimiter;
    const cellBytes = this.#limits.cellChars;
    const n = bytes.length;
    let record = 0;
    while (record < n) {
      let count = 0;
      let simple = true;
      let ascii = 0;
      let newlines = 0;
      let fieldStart = record;
      let inQuotes = false;
      /** The field was quoted and has ended its quotes; where its text ended, or -1. */
      let closed = -1;
      let quoted = false;
      let i = record;
      let end = -1;
      let next = -1;
      for (; i < n; i++) {
        const c = bytes[i]!;
        ascii |= c;
        if (inQuotes) {
          if (c === QUOTE) {
            if (i + 1 >= n) break; // "" or the end of the field: the next bytes tell
            if (bytes[i + 1] === QUOTE) {
              simple = false;
              i++;
            } else {
              inQuotes = false;
              closed = i;
            }
          } else if (c === LF) newlines++;
          continue;
        }
        if (c === d || c === LF || c === CR) {
          this.#field(count++, quoted ? fieldStart + 1 : fieldStart, closed >= 0 ? closed : i);
          if (c !== d) {
            if (c === CR) {
              if (i + 1 >= n) break; // CR LF, or CR alone: the next byte tells
              next = bytes[i + 1] === LF ? i + 2 : i + 1;
            } else next = i + 1;
            end = i;
            break;
          }
          fieldStart = i + 1;
          quoted = false;
          closed = -1;
        } else if (closed >= 0) {
          simple = false; // text after a closing quote belongs to the field
        } else if (c === QUOTE && i === fieldStart) {
          inQuotes = true;
          quoted = true;
        }
      }
      if (end < 0) {
        if (!last) return record;
        // The file's last record, without a line break (or in quotes never closed).
        if (inQuotes || i < n) simple = false;
        else this.#field(count++, quoted ? fieldStart + 1 : fieldStart, closed >= 0 ? closed : n);
        end = n;
        next = n;
      }
      const line = this.#line;
      if (simple && ascii < 0x80 && count <= this.#limits.columns && this.#within(count, cellBytes))
        plain(bytes, this.#starts, this.#ends, count, line);
      else this.#read(bytes.subarray(record, end), line, fields);
      this.#line += newlines + 1;
      record = next;
    }
    return n;
  }

  /** Records field `index` as bytes [start, end), making room for it. */
  #field(index: number, start: number, end: number): void {
    if (index >= this.#starts.length) {
      const starts = new Int32Array(this.#starts.length * 2);
      const ends = new Int32Array(this.#ends.length * 2);
      starts.set(this.#starts);
      ends.set(this.#ends);
      this.#starts = starts;
      this.#ends = ends;
    }
    this.#starts[index] = start;
    this.#ends[index] = end;
  }

  /** Whether every field is within the limit on a cell (in ASCII, a byte is a character). */
  #within(count: number, cellChars: number): boolean {
    for (let k = 0; k < count; k++) if (this.#ends[k]! - this.#starts[k]! > cellChars) return false;
    return true;
  }

  /** A record that is not plain, read by CsvRecordReader from its own bytes, at its line. */
  #read(bytes: Buffer, line: number, fields: FieldsHandler): void {
    const reader = new CsvRecordReader(String.fromCharCode(this.#delimiter), this.#limits, line);
    reader.push(this.#decoder.decode(bytes), fields);
    reader.end(fields);
  }
}

/** Whether an ASCII byte is one that trim() takes off: tab, LF, VT, FF, CR or space. */
export function isAsciiSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** Whether every field of a plain record is empty or white space (as isBlank finds its text). */
export function isBlankRecord(
  bytes: Buffer,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
): boolean {
  for (let k = 0; k < count; k++)
    for (let i = starts[k]!; i < ends[k]!; i++) if (!isAsciiSpace(bytes[i]!)) return false;
  return true;
}

const BOM = [0xef, 0xbb, 0xbf];

function isByteOrderMarkStart(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== BOM[i % 3]) return false;
  return true;
}

/**
 * The file's bytes without the byte-order marks the text reader drops: the decoder drops one, and
 * the reader one more at the start of the text.
 */
function withoutByteOrderMarks(bytes: Buffer): Buffer {
  const at = byteOrderMarkBytes(bytes);
  return at ? bytes.subarray(at) : bytes;
}

/** How many bytes of byte-order marks the start of a file has that the readers drop (0, 3 or 6). */
export function byteOrderMarkBytes(bytes: Uint8Array): number {
  let at = 0;
  for (let k = 0; k < 2; k++) {
    if (bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf) at += 3;
    else break;
  }
  return at;
}
