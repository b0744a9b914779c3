/**
 * Reading an uploaded file for any kind of import: its hash, size, encoding and kind (CSV or
 * XLSX) in one pass, its heading row and first rows, then its records in batches as it streams.
 * The limits on rows, columns and cells (core/file-limits.ts) hold as it reads: a file past one
 * ends in an ImportError that says which.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import {
  checkHeader,
  FileLimitError,
  limitMessages,
  type XlsxLimits,
} from '../../core/file-limits.js';
import { CsvBoundaryFinder, CsvRecordReader, detectDelimiter } from '../../core/spend/csv.js';
import {
  byteOrderMarkBytes,
  CsvByteRecords,
  type FieldsHandler,
  type PlainRecordHandler,
} from '../../core/spend/csv-bytes.js';
import { readXlsxRows } from '../../files/xlsx.js';
import { Utf8Check } from '../../lib/utf8.js';

/** A problem with the file or its contents, told to the person as it is (not logged as a fault). */
export class ImportError extends Error {}

export interface FileInspection {
  readonly sha256: string;
  readonly bytes: number;
  readonly kind: 'csv' | 'xlsx';
  readonly encoding: 'utf-8' | 'windows-1252' | 'xlsx';
  readonly headers: string[];
  /** The first rows, each value cut to PREVIEW_CHARS: for showing, not importing. */
  readonly preview: string[][];
  readonly delimiter: string;
}

export interface FileRecord {
  fields: string[];
  /** The line the record starts on (a spreadsheet's row number). */
  line: number;
}

/** Reads the file once for its hash and encoding, then its header and first rows. */
export async function inspectFile(
  filePath: string,
  limits: XlsxLimits,
  previewRows = 10,
): Promise<FileInspection> {
  const hash = createHash('sha256');
  let bytes = 0;
  let head: Buffer | undefined;
  // Checked without decoding: making a string of every chunk cost ~0.4 s per 100 MB.
  const utf8 = new Utf8Check();
  for await (const chunk of fs.createReadStream(filePath, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    head ??= chunk;
    utf8.push(chunk);
  }
  if (!head || bytes === 0) throw new ImportError('The file is empty');
  const isXlsx = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (!isXlsx && head.subarray(0, 4096).includes(0)) {
    throw new ImportError('The file is not a CSV or XLSX spreadsheet (it contains binary data)');
  }
  const kind = isXlsx ? 'xlsx' : 'csv';
  const encoding = isXlsx ? 'xlsx' : utf8.end() ? 'utf-8' : 'windows-1252';
  let headers: string[] | undefined;
  const preview: string[][] = [];
  const delimiter = kind === 'csv' ? await firstLineDelimiter(filePath, encoding) : ',';
  reading: for await (const batch of recordBatches(
    filePath,
    { kind, encoding, delimiter },
    limits,
  )) {
    for (const { fields, line } of batch) {
      if (isBlank(fields)) continue;
      if (!headers) {
        headers = fields.map((f) => f.replace(/^\ufeff/, '').trim());
        try {
          checkHeader(headers, line, limits, kind);
        } catch (err) {
          throw err instanceof FileLimitError ? new ImportError(err.message) : err;
        }
        continue;
      }
      if (preview.length >= previewRows) break reading;
      preview.push(fields.map(clip));
    }
  }
  if (!headers) throw new ImportError('The file has no header row');
  return { sha256: hash.digest('hex'), bytes, kind, encoding, headers, preview, delimiter };
}

/** Characters of a value shown in the preview: enough to recognise a column. */
const PREVIEW_CHARS = 100;
const clip = (v: string) => (v.length > PREVIEW_CHARS ? `${v.slice(0, PREVIEW_CHARS - 1)}…` : v);

async function firstLineDelimiter(filePath: string, encoding: string): Promise<string> {
  const fd = await fs.promises.open(filePath, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    const text = new TextDecoder(encoding).decode(buf.subarray(0, bytesRead));
    return detectDelimiter(text.split(/\r?\n/)[0] ?? '');
  } finally {
    await fd.close();
  }
}

export const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === '');

/** “Header” of a column, for a reason or message that names it. */
export function columnName(headers: readonly string[], index: number | undefined): string {
  return index === undefined ? '?' : `“${headers[index] ?? index + 1}”`;
}

/**
 * The file's records, in order, in batches (one per chunk read) so that a million-line file does
 * not cost a million awaits.
 */
export async function* recordBatches(
  filePath: string,
  file: Pick<FileInspection, 'kind' | 'encoding' | 'delimiter'>,
  limits: XlsxLimits,
  onBytes?: (n: number) => void,
): AsyncGenerator<FileRecord[]> {
  let records = 0;
  try {
    for await (const batch of file.kind === 'xlsx'
      ? readXlsxRows(filePath, limits)
      : csvRecordBatches(filePath, file.encoding, file.delimiter, limits, onBytes)) {
      records += batch.length;
      if (records > limits.rows) throw new FileLimitError(limitMessages.rows(limits));
      yield batch;
    }
  } catch (err) {
    throw err instanceof FileLimitError ? new ImportError(err.message) : err;
  }
}

/**
 * The records of a UTF-8 CSV file read from its bytes (CsvByteRecords): each plain record to
 * `plain` as byte ranges, any other to `fields` as text, exactly the records and lines
 * recordBatches gives, under the same limits. Yields after each chunk of the file.
 */
export async function* csvByteRecords(
  filePath: string,
  file: Pick<FileInspection, 'delimiter'>,
  limits: XlsxLimits,
  onBytes: (n: number) => void,
  plain: PlainRecordHandler,
  fields: FieldsHandler,
  /** A part of the file (splitCsv); the whole file otherwise. */
  part?: FilePart,
): AsyncGenerator<void> {
  const reader = new CsvByteRecords(file.delimiter, limits, part?.start ? part : undefined);
  // A part counts the records before it, so that the limit on rows holds for the whole file.
  let records = part?.records ?? 0;
  const counted = () => {
    if (++records > limits.rows) throw new FileLimitError(limitMessages.rows(limits));
  };
  const toPlain: PlainRecordHandler = (bytes, starts, ends, count, line) => {
    counted();
    plain(bytes, starts, ends, count, line);
  };
  const toFields: FieldsHandler = (values, line) => {
    counted();
    fields(values, line);
  };
  try {
    for await (const chunk of fs.createReadStream(filePath, {
      highWaterMark: 1 << 20,
      ...(part ? { start: part.start, end: part.end - 1 } : {}),
    }) as AsyncIterable<Buffer>) {
      reader.push(chunk, toPlain, toFields);
      onBytes(chunk.length);
      yield;
    }
    reader.end(toPlain, toFields);
  } catch (err) {
    throw err instanceof FileLimitError ? new ImportError(err.message) : err;
  }
}

/**
 * A part of a CSV file that one parser reads while another reads the rest: the bytes from `start`
 * (a record's first byte) to `end` (exclusive), the line it begins on, and the records before it.
 */
export interface FilePart {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly records: number;
}

/**
 * Cuts a UTF-8 CSV file in two at the first record beginning at or after its middle, for two
 * parsers (CsvBoundaryFinder: every record and line of the whole is in one part or the other, and
 * the heading row in the first); null when no record begins after the middle. Reads the first half
 * of the file once, making no strings.
 */
export async function splitCsv(
  filePath: string,
  file: Pick<FileInspection, 'delimiter' | 'bytes'>,
): Promise<[FilePart, FilePart] | null> {
  const finder = new CsvBoundaryFinder(file.delimiter, Math.floor(file.bytes / 2));
  // The readers drop the byte-order marks at the start (the first chunk holds them whole).
  let skip: number | undefined;
  for await (const chunk of fs.createReadStream(filePath, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    const found = finder.push(
      skip === undefined ? chunk.subarray((skip = byteOrderMarkBytes(chunk))) : chunk,
    );
    if (found) {
      const at = (skip ?? 0) + found.offset;
      if (at >= file.bytes) return null;
      return [
        { start: 0, end: at, line: 1, records: 0 },
        { start: at, end: file.bytes, line: found.line, records: found.records },
      ];
    }
  }
  return null;
}

async function* csvRecordBatches(
  filePath: string,
  encoding: string,
  delimiter: string,
  limits: XlsxLimits,
  onBytes?: (n: number) => void,
): AsyncGenerator<FileRecord[]> {
  const reader = new CsvRecordReader(delimiter, limits);
  const decoder = new TextDecoder(encoding);
  let batch: FileRecord[] = [];
  const take = (fields: string[], line: number) => batch.push({ fields, line });
  let first = true;
  for await (const chunk of fs.createReadStream(filePath, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    let text = decoder.decode(chunk, { stream: true });
    if (first) {
      text = text.replace(/^\ufeff/, '');
      first = false;
    }
    reader.push(text, take);
    onBytes?.(chunk.length);
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  reader.push(decoder.decode(), take);
  reader.end(take);
  if (batch.length) yield batch;
}
