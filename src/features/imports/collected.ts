/**
 * Kinds whose files are small (a payroll extract, a year's activity data, an estates return):
 * the rows a kind parses are held in memory (the kind's row limit bounds them) and stored in one
 * transaction with an `import_batches` record and its rejected rows. A kind supplies its parser,
 * what a rejected row may keep, and how its records are stored; the engine does the rest, the
 * same as for spend.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, Organisation, Partnership } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import type { Database } from '../../db/client.js';
import type { ColumnMapping } from '../../core/imports/columns.js';
import {
  asJob,
  rememberColumns,
  resolveColumns,
  runSession,
  type ImportCounts,
  type ImportKind,
  type ImportProgress,
  type ImportSession,
  type RowInput,
} from './engine.js';
import { ImportError, inspectFile, type FileInspection } from './files.js';
import { lockPartnership } from '../../db/locks.js';

/** Where and for whom a file is imported. */
export interface CollectedTarget {
  readonly partnership: Partnership;
  readonly organisation: Organisation;
  /** The financial year the file is for (its start year), where the kind has one. */
  readonly fyStartYear: number | null;
  /** The kind's own choice made with the columns (the trust's code in an estates return). */
  readonly option?: string | null;
  readonly actor: AuditActor;
}

export interface StoreContext extends CollectedTarget {
  readonly trx: Transaction<DB>;
  readonly batchId: string;
}

export interface CollectedKind<F extends string, P, S> extends ImportKind<F> {
  /** The audit action of an import of this kind ('payroll.imported'). */
  readonly auditAction: string;
  /** What a rejected row keeps of its cells (nothing, for a file that holds personal data). */
  keep(row: RowInput<F>): string[];
  /** Problems with the columns chosen beyond a required one missing, in words for the columns page. */
  mappingProblems?(mapping: ColumnMapping<F>): { readonly field: F; readonly text: string }[];
  /** Reads what this import's rows are parsed against (rates, settings) before the rows. */
  prepare(ctx: PrepareContext<F>): Promise<CollectedParser<F, P, S>>;
}

export interface PrepareContext<F extends string> {
  readonly db: Kysely<DB>;
  readonly target: CollectedTarget;
  readonly headers: readonly string[];
  readonly mapping: ColumnMapping<F>;
}

export interface CollectedParser<F extends string, P, S> {
  /**
   * Parses one row: its record, or null when it is rejected (the reasons are added to `reasons`,
   * naming the column and never repeating a personal value) or, with no reason, when the row is
   * not for this import (skipped).
   */
  parse(row: RowInput<F>, reasons: string[]): P | null;
  /**
   * Stores the records in the import's transaction (and works out the figures resting on them).
   * Returns what the batch records of the import (counts only) and how many records were already
   * stored (duplicates).
   */
  store(ctx: StoreContext, records: readonly P[]): Promise<{ summary: S; duplicates?: number }>;
}

export interface CollectedResult<S> extends ImportCounts {
  readonly summary: S | null;
  readonly fyStartYear: number | null;
}

export interface CollectedOptions<F extends string> extends CollectedTarget {
  readonly database: Database;
  readonly filePath: string;
  readonly fileName: string;
  readonly mapping?: ColumnMapping<F>;
  readonly jobId?: string;
  readonly onProgress?: (p: ImportProgress) => void;
}

/** Imports one file of a collected kind as a job. */
export function importCollected<F extends string, P, S>(
  kind: CollectedKind<F, P, S>,
  options: CollectedOptions<F>,
): Promise<CollectedResult<S>> {
  return asJob(
    options.database.db,
    {
      id: options.jobId,
      kind: kind.jobKind,
      partnershipId: options.partnership.id,
      organisationId: options.organisation.id,
      fileName: options.fileName,
      userId: options.actor.userId,
    },
    async (jobId) => {
      const db = options.database.db;
      const inspection = await inspectFile(options.filePath, kind.limits, 0);
      const previous = await previousBatch(db, kind, options.organisation.id, inspection.sha256);
      if (previous) return alreadyImported<S>(options.fileName, previous);
      const mapping = await resolveColumns(
        db,
        kind,
        options.organisation.id,
        inspection.headers,
        options.mapping,
      );
      const problems = kind.mappingProblems?.(mapping) ?? [];
      if (problems.length) throw new ImportError(problems.map((p) => p.text).join('. '));
      const parser = await kind.prepare({
        db,
        target: options,
        headers: inspection.headers,
        mapping,
      });
      return runSession(
        {
          db,
          kind,
          filePath: options.filePath,
          inspection,
          mapping,
          jobId,
          onProgress: options.onProgress,
        },
        new CollectedSession(kind, parser, options, inspection, mapping),
      );
    },
  );
}

type BatchRow = {
  id: string;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  skipped: number;
  summary: unknown;
  fy_start_year: number | null;
};

async function previousBatch(
  db: Database['db'] | Transaction<DB>,
  kind: ImportKind<string>,
  organisationId: string,
  sha256: string,
): Promise<BatchRow | undefined> {
  return db
    .selectFrom('import_batches')
    .select([
      'id',
      'rows',
      'accepted',
      'rejected',
      'duplicates',
      'skipped',
      'summary',
      'fy_start_year',
    ])
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind.id)
    .where('file_sha256', '=', sha256)
    .executeTakeFirst();
}

function alreadyImported<S>(file: string, b: BatchRow): CollectedResult<S> {
  return {
    file,
    rows: b.rows,
    accepted: 0,
    rejected: b.rejected,
    duplicates: b.accepted + b.duplicates,
    skipped: b.skipped,
    batchId: b.id,
    alreadyImported: true,
    summary: b.summary as S,
    fyStartYear: b.fy_start_year,
  };
}

class CollectedSession<F extends string, P, S> implements ImportSession<F, CollectedResult<S>> {
  readonly #records: P[] = [];
  readonly #rejected: { line: number; reason: string; columns: string[] }[] = [];
  #skipped = 0;

  constructor(
    readonly kind: CollectedKind<F, P, S>,
    readonly parser: CollectedParser<F, P, S>,
    readonly options: CollectedOptions<F>,
    readonly inspection: FileInspection,
    readonly mapping: ColumnMapping<F>,
  ) {}

  row(row: RowInput<F>, reasons: string[]): void {
    const record = reasons.length ? null : this.parser.parse(row, reasons);
    if (record !== null && reasons.length === 0) this.#records.push(record);
    else if (reasons.length === 0) this.#skipped += 1;
    else
      this.#rejected.push({
        line: row.line,
        reason: reasons.join('; ') || 'The row could not be read',
        columns: this.kind.keep(row),
      });
  }

  async flush(): Promise<void> {}

  async merge(rows: number): Promise<CollectedResult<S>> {
    const { kind, options, inspection } = this;
    const { partnership, organisation, actor } = options;
    return options.database.db.transaction().execute(async (trx) => {
      // Imports into one partnership run one at a time; a second copy of the same file then finds the first.
      await lockPartnership(trx, partnership.id, 'imports');
      const again = await previousBatch(trx, kind, organisation.id, inspection.sha256);
      if (again) return alreadyImported<S>(options.fileName, again);
      const batch = await trx
        .insertInto('import_batches')
        .values({
          kind: kind.id,
          partnership_id: partnership.id,
          organisation_id: organisation.id,
          file_name: options.fileName,
          file_sha256: inspection.sha256,
          file_bytes: inspection.bytes,
          encoding: inspection.encoding,
          mapping: JSON.stringify(this.mapping),
          fy_start_year: options.fyStartYear,
          rows,
          accepted: 0,
          rejected: this.#rejected.length,
          duplicates: 0,
          imported_by: actor.userId,
          actor_label: actor.label,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let i = 0; i < this.#rejected.length; i += 1000) {
        await trx
          .insertInto('import_rejected_rows')
          .values(
            this.#rejected.slice(i, i + 1000).map((r) => ({
              batch_id: batch.id,
              line_no: r.line,
              reason: r.reason,
              columns: r.columns,
            })),
          )
          .execute();
      }
      const stored = await this.parser.store({ ...options, trx, batchId: batch.id }, this.#records);
      const duplicates = stored.duplicates ?? 0;
      const accepted = this.#records.length - duplicates;
      const skipped = this.#skipped;
      await trx
        .updateTable('import_batches')
        .set({ accepted, duplicates, skipped, summary: JSON.stringify(stored.summary) })
        .where('id', '=', batch.id)
        .execute();
      await rememberColumns(trx, kind, organisation.id, inspection.headers, this.mapping);
      await recordAudit(trx, {
        actor,
        partnershipId: partnership.id,
        entity: 'import_batch',
        entityId: batch.id,
        action: kind.auditAction,
        after: {
          organisation: organisation.code,
          file: options.fileName,
          sha256: inspection.sha256,
          year: options.fyStartYear,
          rows,
          accepted,
          rejected: this.#rejected.length,
          duplicates,
          skipped,
        },
      });
      return {
        file: options.fileName,
        rows,
        accepted,
        rejected: this.#rejected.length,
        duplicates,
        skipped,
        batchId: batch.id,
        alreadyImported: false,
        summary: stored.summary,
        fyStartYear: options.fyStartYear,
      };
    });
  }

  async close(): Promise<void> {
    this.#records.length = 0;
  }
}
