/**
 * Step 3 of the import engine (engine.ts): streaming a file's data rows into a kind's session.
 * Apart from the engine, so that a parsing thread loads it without the database's modules (about
 * half a second before the first row is read); progress goes to `report` and `onProgress`.
 */
import { isBlankRecord, type PlainRecordHandler } from '../../core/spend/csv-bytes.js';
import { columnName, csvByteRecords, ImportError, isBlank, recordBatches } from './files.js';
import type { ImportCounts, ImportSession, ReadOptions, RowInput } from './engine.js';

export const NO_ROWS = 'The file has a header but no rows of data';

/** Rows handed to the session between flushes (and reports of progress). */
const CHUNK_ROWS = 50_000;

/**
 * Rows of the first flush: fewer, so that the database starts on the rows, and the person sees
 * reading move, sooner (a file's first rows are its slowest, bringing most of its new names).
 */
const FIRST_CHUNK_ROWS = 10_000;

/**
 * Streams the file's data rows into the session (step 3) and returns how many there were. Throws
 * an ImportError when the file has a heading row but no data.
 */
export async function readRows<F extends string>(
  options: ReadOptions<F>,
  session: ImportSession<F, ImportCounts>,
): Promise<number> {
  const { kind, inspection, mapping } = options;
  const progress = options.onProgress ?? (() => undefined);
  const headers = inspection.headers;
  const fieldIds = kind.fields.map((f) => f.id);
  // Every mapped column's value is kept within textChars: a longer one rejects its row.
  const bounded = kind.fields.flatMap((f) => {
    const index = mapping[f.id];
    return index === undefined
      ? []
      : [
          {
            index,
            what: `Column ${columnName(headers, index)}: the ${f.label.replace(/\s*\(.*\)$/, '').toLowerCase()}`,
          },
        ];
  });
  const columns = new Map<F, string>(fieldIds.map((f) => [f, columnName(headers, mapping[f])]));
  let fields: string[] = [];
  let line = 0;
  const row: RowInput<F> = {
    get line() {
      return line;
    },
    get fields() {
      return fields;
    },
    value(field) {
      const i = mapping[field];
      return i === undefined ? '' : (fields[i] ?? '').trim();
    },
    column: (field) => columns.get(field) ?? '?',
    has: (field) => mapping[field] !== undefined,
  };
  let rows = 0;
  let sinceFlush = 0;
  let chunkRows = FIRST_CHUNK_ROWS;
  let bytesRead = 0;
  // Only the first part of a file (or the whole) begins with the heading row.
  const part = options.part;
  let header = !part?.start;
  /** A record as text: skipped when blank or the heading row, else a data row. */
  const record = (recordFields: string[], recordLine: number) => {
    if (isBlank(recordFields)) return; // blank rows (often at the end) are not data
    if (header) {
      header = false;
      return;
    }
    dataRow(recordFields, recordLine);
  };
  const dataRow = (recordFields: string[], recordLine: number) => {
    rows++;
    sinceFlush++;
    fields = recordFields;
    line = recordLine;
    const reasons: string[] = [];
    for (const b of bounded) {
      // Trimmed only when it could be too long (trimming every value costs a string each).
      const v = fields[b.index];
      if (v !== undefined && v.length > kind.textChars && v.trim().length > kind.textChars)
        reasons.push(`${b.what} is longer than ${kind.textChars} characters`);
    }
    session.row(row, reasons);
  };
  const onBytes = (n: number) => {
    bytesRead += n;
  };
  const flushed = async () => {
    if (sinceFlush < chunkRows) return;
    sinceFlush = 0;
    chunkRows = CHUNK_ROWS;
    await session.flush();
    await reportReading(options, Math.min(bytesRead, inspection.bytes));
  };
  progress({ phase: 'reading', done: 0, total: inspection.bytes });
  const plainRow = session.plainRow?.bind(session);
  if (plainRow && inspection.kind === 'csv' && inspection.encoding === 'utf-8') {
    // The same rows from the file's bytes: a plain record's fields are not made strings unless
    // the session gives the row back (to be rejected, say).
    const plain: PlainRecordHandler = (bytes, starts, ends, count, recordLine) => {
      if (isBlankRecord(bytes, starts, ends, count)) return;
      if (header) {
        header = false;
        return;
      }
      if (plainRow(bytes, starts, ends, count, recordLine)) {
        rows++;
        sinceFlush++;
        return;
      }
      const text: string[] = [];
      for (let k = 0; k < count; k++) text.push(bytes.toString('latin1', starts[k], ends[k]));
      dataRow(text, recordLine);
    };
    for await (const _ of csvByteRecords(
      options.filePath,
      inspection,
      kind.limits,
      onBytes,
      plain,
      record,
      part,
    ))
      await flushed();
  } else if (part) {
    throw new Error('only a UTF-8 CSV file is read in parts');
  } else {
    for await (const batch of recordBatches(options.filePath, inspection, kind.limits, onBytes)) {
      for (const rec of batch) record(rec.fields, rec.line);
      await flushed();
    }
  }
  await session.flush();
  // A part may hold none: whoever reads the parts counts the file's rows.
  if (rows === 0 && !part) throw new ImportError(NO_ROWS);
  return rows;
}

/**
 * How far reading has got (bytes), for the person (onProgress) and on the job (or to `report`):
 * after every chunk of rows, wherever the rows are read.
 */
export async function reportReading<F extends string>(
  options: ReadOptions<F>,
  done: number,
): Promise<void> {
  const total = options.inspection.bytes;
  options.onProgress?.({ phase: 'reading', done, total });
  if (options.report) await options.report(done, total);
}
