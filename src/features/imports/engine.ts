/**
 * The one import engine. Every kind of file the service takes in (spend, payroll, activity data,
 * the NHS estates return) goes through the same steps; a kind supplies only what is its own:
 * its fields and their header synonyms, what one row means (its parser), what a rejected row may
 * keep, and its merge.
 *
 * 1. Inspect the file once (hash, size, encoding, kind, headings): files.ts.
 * 2. Find the columns: those confirmed in the browser or on the command line, else the ones
 *    remembered for this organisation, kind and heading row, else detected from the synonyms.
 * 3. Stream the records (memory does not grow with the file): skip blank rows, count rows, reject a
 *    row whose mapped text is too long, and hand each row to the kind's session, which parses it
 *    and stages it (accepted or rejected, with reasons naming the column).
 * 4. The kind's merge: one transaction that stores the import, reconciles it (rows = accepted +
 *    duplicates + rejected, checked here again), works out the figures resting on it and audits.
 *    A failure, or a killed process, leaves nothing of it.
 * 5. The mapping is remembered; the job records the outcome either way.
 */
import { sql, type Kysely } from 'kysely';
import type { XlsxLimits } from '../../core/file-limits.js';
import {
  detectColumns,
  missingFields,
  missingMessage,
  shapeKey,
  type ColumnMapping,
  type ImportField,
} from '../../core/imports/columns.js';
import type { PlainRowReader } from '../../core/spend/csv-bytes.js';
import type { DB } from '../../db/schema.js';
import { createJob, finishJob, reportProgress } from '../jobs/jobs.js';
import { ImportError, type FileInspection, type FilePart } from './files.js';
import { readRows as readRowsOf, reportReading as reportReadingOf } from './read-rows.js';

/** What every kind of import reports, for the pages, the job and the command line. */
export interface ImportCounts {
  readonly file: string;
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly duplicates: number;
  /** Rows that are not for this import (another organisation's row of a shared return). */
  readonly skipped?: number;
  readonly batchId: string;
  /** The same file had been imported for this organisation before: nothing was added. */
  readonly alreadyImported: boolean;
}

/** A kind of file the engine imports. */
export interface ImportKind<F extends string> {
  /** As stored on remembered mappings and batches: 'spend', 'payroll', … */
  readonly id: string;
  /** The job's kind: 'spend-import', … */
  readonly jobKind: string;
  /** What people call the file: "spend file". */
  readonly noun: string;
  readonly fields: readonly ImportField<F>[];
  readonly limits: XlsxLimits;
  /** Each mapped text is at most this long; a longer one rejects its row with the reason. */
  readonly textChars: number;
}

/** One data row as the kind's session sees it. */
export interface RowInput<F extends string> {
  /** The line (or spreadsheet row) the row starts on. */
  readonly line: number;
  /** Every cell of the row, as read. */
  readonly fields: string[];
  /** The trimmed value of a mapped field ('' when the field is not mapped). */
  value(field: F): string;
  /** The column's heading in quotes, for a reason: “Amount”. */
  column(field: F): string;
  /** Whether the file has a column for the field. */
  has(field: F): boolean;
}

export interface ImportSession<F extends string, R extends ImportCounts> {
  /** One data row, with the reasons the engine already found to reject it. */
  row(row: RowInput<F>, reasons: string[]): void;
  /**
   * A data row of a plain record of a UTF-8 CSV file (core/spend/csv-bytes.ts), its fields as
   * byte ranges, for a kind that reads such rows without making strings of them. Returns false
   * when it did not take the row: the engine then gives it to row() as text, with its reasons.
   */
  readonly plainRow?: PlainRowReader;
  /** Sends what has been read so far on its way (called every chunk of rows, and at the end). */
  flush(): Promise<void>;
  /** The one transaction that stores the import. */
  merge(rows: number): Promise<R>;
  /** Always called at the end, whether the merge committed or not. */
  close(): Promise<void>;
}

export interface ImportProgress {
  /**
   * reading (done/total in bytes), then saving: matching (suppliers), adding (lines),
   * finishing (rejected rows, reconciliation, calculators, audit), then done.
   */
  readonly phase: 'reading' | 'saving' | 'matching' | 'adding' | 'finishing' | 'done';
  readonly done: number;
  readonly total: number;
}

export async function rememberedColumns<F extends string>(
  db: Kysely<DB>,
  kind: ImportKind<F>,
  organisationId: string,
  headers: readonly string[],
): Promise<ColumnMapping<F> | undefined> {
  const row = await db
    .selectFrom('import_mappings')
    .select('mapping')
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind.id)
    .where('shape', '=', shapeKey(headers))
    .executeTakeFirst();
  return row ? (row.mapping as ColumnMapping<F>) : undefined;
}

/** Remembers the columns confirmed for this organisation, kind and heading row (in the merge). */
export async function rememberColumns(
  db: Kysely<DB>,
  kind: ImportKind<string>,
  organisationId: string,
  headers: readonly string[],
  mapping: ColumnMapping<string>,
): Promise<void> {
  await db
    .insertInto('import_mappings')
    .values({
      organisation_id: organisationId,
      kind: kind.id,
      shape: shapeKey(headers),
      mapping: JSON.stringify(mapping),
    })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'kind', 'shape'])
        .doUpdateSet({ mapping: (eb) => eb.ref('excluded.mapping'), updated_at: sql`now()` }),
    )
    .execute();
}

/** The columns to use: given, else remembered, else detected; an ImportError if a required one is missing. */
export async function resolveColumns<F extends string>(
  db: Kysely<DB>,
  kind: ImportKind<F>,
  organisationId: string,
  headers: readonly string[],
  given?: ColumnMapping<F>,
): Promise<ColumnMapping<F>> {
  const mapping =
    given ??
    (await rememberedColumns(db, kind, organisationId, headers)) ??
    detectColumns(kind.fields, headers);
  const missing = missingFields(kind.fields, mapping);
  if (missing.length) throw new ImportError(missingMessage(kind.fields, missing, headers));
  return mapping;
}

export interface ReadOptions<F extends string> {
  /** Where the job's progress is recorded, unless `report` records it (a parsing thread has no database). */
  readonly db?: Kysely<DB>;
  readonly report?: (done: number, total: number) => Promise<void>;
  readonly kind: ImportKind<F>;
  readonly filePath: string;
  readonly inspection: FileInspection;
  readonly mapping: ColumnMapping<F>;
  readonly jobId: string;
  readonly onProgress?: (p: ImportProgress) => void;
  /**
   * The part of a UTF-8 CSV file to read (files.ts splitCsv), when two parsers share it: its rows
   * are those of the whole file in that part, the heading row being in the first.
   */
  readonly part?: FilePart;
}

/**
 * Streams the file's data rows into the session (step 3), reporting progress on the job too, and
 * returns how many there were (read-rows.ts, which a parsing thread loads without the database).
 */
export function readRows<F extends string>(
  options: ReadOptions<F>,
  session: ImportSession<F, ImportCounts>,
): Promise<number> {
  return readRowsOf(withJobProgress(options), session);
}

/**
 * How far reading has got (bytes), for the person (onProgress) and on the job (or to `report`):
 * after every chunk of rows, wherever the rows are read.
 */
export function reportReading<F extends string>(
  options: ReadOptions<F>,
  done: number,
): Promise<void> {
  return reportReadingOf(withJobProgress(options), done);
}

/** The options with the job's progress recorded in the database, unless `report` records it. */
function withJobProgress<F extends string>(options: ReadOptions<F>): ReadOptions<F> {
  const db = options.db;
  if (options.report || !db) return options;
  return { ...options, report: (done, total) => reportProgress(db, options.jobId, done, total) };
}

/**
 * Runs one import of a kind from start to end (steps 2 to 5) with a session the kind opens; the
 * session is closed however it ends. The rows are read with readRows unless the kind reads them
 * its own way (spend parses in a worker thread with the same readRows).
 */
export async function runSession<F extends string, R extends ImportCounts>(
  options: ReadOptions<F>,
  session: ImportSession<F, R>,
  read: (options: ReadOptions<F>, session: ImportSession<F, R>) => Promise<number> = readRows,
): Promise<R> {
  try {
    const rows = await read(options, session);
    const total = options.inspection.bytes;
    options.onProgress?.({ phase: 'saving', done: total, total });
    const result = await session.merge(rows);
    const skipped = result.skipped ?? 0;
    if (result.accepted + result.duplicates + result.rejected + skipped !== rows) {
      throw new Error(
        `reconciliation failed: ${result.accepted} + ${result.duplicates} + ${result.rejected} + ${skipped} ≠ ${rows}`,
      );
    }
    options.onProgress?.({ phase: 'done', done: total, total });
    return result;
  } finally {
    await session.close();
  }
}

/**
 * Runs an import as a job (created here unless the caller made one), finishing the job either
 * way: done with the result, or failed with a message the person can act on.
 */
export async function asJob<R extends ImportCounts>(
  db: Kysely<DB>,
  job: {
    readonly id?: string;
    readonly kind: string;
    readonly partnershipId: string;
    readonly organisationId: string;
    readonly fileName: string;
    readonly userId: string | null;
  },
  run: (jobId: string) => Promise<R>,
): Promise<R> {
  const jobId =
    job.id ??
    (await createJob(db, {
      partnershipId: job.partnershipId,
      organisationId: job.organisationId,
      kind: job.kind,
      fileName: job.fileName,
      userId: job.userId,
    }));
  try {
    const result = await run(jobId);
    await finishJob(db, jobId, {
      status: 'done',
      message: result.alreadyImported
        ? 'This file had already been imported: nothing was added.'
        : 'Imported.',
      result,
      batchId: result.batchId,
    });
    return result;
  } catch (err) {
    await finishJob(db, jobId, {
      status: 'failed',
      message:
        err instanceof ImportError
          ? err.message
          : 'The import failed and nothing from it was saved.',
    }).catch(() => undefined);
    throw err;
  }
}
