/**
 * An import's steps as the browser takes them, for the kinds whose files are small (payroll,
 * activity data, the estates return): a file received → a queued job with what the file holds →
 * the columns (and year) confirmed → the import running in the background → its result,
 * reconciliation and rejected rows. Spend takes the same steps through its own service, because
 * its batches are its own table.
 */
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import type { ColumnMapping } from '../../core/imports/columns.js';
import { can, type Action, type Actor } from '../../core/roles.js';
import type { Database } from '../../db/client.js';
import type { DB, Organisation, Partnership } from '../../db/schema.js';
import type { Logger } from '../../logger.js';
import type { AuditActor } from '../audit/audit.repo.js';
import type { JobRow } from '../jobs/jobs.js';
import {
  importJob,
  PREVIEW_ROWS,
  queuedColumns,
  queuedImport,
  queueUpload,
  type QueuedImport,
} from './queue.js';
import { isUuid } from '../tenancy/tenancy.repo.js';
import { importCollected, type CollectedKind } from './collected.js';
import { ImportError, type FileInspection } from './files.js';

/** What the pages and routes of a collected kind need to know about it. */
export interface CollectedKindSpec<F extends string> {
  readonly kind: CollectedKind<F, unknown, unknown>;
  /** Whether the file holds personal data: no values shown, rejected rows keep nothing. */
  readonly personal: boolean;
  /** Whether the file is for one financial year (asked on the columns page). */
  readonly forYear: boolean;
  /** How many financial years are offered, this one and those before it (6 unless said). */
  readonly yearsOffered?: number;
  /** A choice the kind needs beyond the columns, asked on the columns page (a trust's code). */
  readonly option?: { readonly label: string; readonly hint: string };
  /** Who may see the kind's imports, and who may import. */
  readonly viewAction: Action;
  readonly importAction: Action;
}

export class ImportsService {
  readonly #database: Database;
  readonly #db: Kysely<DB>;
  readonly #log: Logger;

  constructor(deps: { database: Database; logger: Logger }) {
    this.#database = deps.database;
    this.#db = deps.database.db;
    this.#log = deps.logger;
  }

  /** Reads a received file and queues its import (never a personal file's values). */
  queue(
    spec: CollectedKindSpec<string>,
    partnership: Partnership,
    organisation: Organisation,
    userId: string,
    file: { readonly name: string; readonly path: string },
  ): Promise<string> {
    return queueUpload(
      this.#db,
      spec.kind,
      spec.personal ? 0 : PREVIEW_ROWS,
      { partnership, organisation, userId },
      file,
    );
  }

  /** An import job of this kind and organisation, or NOT_FOUND. */
  job(
    spec: CollectedKindSpec<string>,
    partnership: Partnership,
    organisation: Organisation,
    jobId: string,
  ): Promise<JobRow> {
    return importJob(this.#db, spec.kind.jobKind, partnership, organisation, jobId);
  }

  queued(
    spec: CollectedKindSpec<string>,
    partnership: Partnership,
    organisation: Organisation,
    jobId: string,
  ): Promise<QueuedImport> {
    return queuedImport(this.#db, spec.kind.jobKind, partnership, organisation, jobId);
  }

  /** What the columns page shows: what the file holds, and the mapping to offer. */
  columns<F extends string>(
    spec: CollectedKindSpec<F>,
    organisation: Organisation,
    queued: QueuedImport & { filePath: string },
  ): Promise<{ inspection: FileInspection; mapping: ColumnMapping<F> }> {
    return queuedColumns(
      this.#db,
      spec.kind,
      spec.personal ? 0 : PREVIEW_ROWS,
      organisation,
      queued,
    );
  }

  /**
   * Starts the import of a queued job with the columns confirmed. It runs in the background (the
   * progress page follows the job); the uploaded file is deleted when it ends, however it ends.
   */
  async start<F extends string>(options: {
    spec: CollectedKindSpec<F>;
    partnership: Partnership;
    organisation: Organisation;
    queued: QueuedImport & { filePath: string };
    mapping: ColumnMapping<F>;
    fyStartYear: number | null;
    option?: string | null;
    actor: AuditActor;
  }): Promise<void> {
    const { job, filePath } = options.queued;
    await this.#db
      .updateTable('jobs')
      .set({ status: 'running', updated_at: sql`now()` })
      .where('id', '=', job.id)
      .execute();
    void importCollected(options.spec.kind, {
      database: this.#database,
      partnership: options.partnership,
      organisation: options.organisation,
      fyStartYear: options.fyStartYear,
      option: options.option ?? null,
      filePath,
      fileName: job.file_name ?? options.spec.kind.noun,
      actor: options.actor,
      mapping: options.mapping,
      jobId: job.id,
    })
      .catch((err: unknown) => {
        // The error alone: never the file's rows.
        if (!(err instanceof ImportError))
          this.#log.error(
            { err: { message: (err as Error).message }, jobId: job.id },
            `${options.spec.kind.id} import failed`,
          );
      })
      .finally(() => this.#forget(job.id, filePath));
  }

  /** Deletes an uploaded file and the job's note of it. */
  async #forget(jobId: string, filePath: string) {
    fs.rmSync(filePath, { force: true });
    await this.#db
      .updateTable('jobs')
      .set({ file_path: null })
      .where('id', '=', jobId)
      .execute()
      .catch(() => undefined);
  }

  /** An import of the kind with its first rejected rows, if the reader may see the kind's imports. */
  async batch(
    spec: CollectedKindSpec<string>,
    partnership: Partnership,
    organisation: Organisation,
    reader: Actor,
    batchId: string,
    limit: number | null = 50,
  ) {
    if (!isUuid(batchId)) throw notFound();
    const batch = await this.#db
      .selectFrom('import_batches')
      .selectAll()
      .where('partnership_id', '=', partnership.id)
      .where('organisation_id', '=', organisation.id)
      .where('kind', '=', spec.kind.id)
      .where('id', '=', batchId)
      .executeTakeFirst();
    if (
      !batch ||
      !can(reader, spec.viewAction, {
        partnershipId: partnership.id,
        organisationId: organisation.id,
      })
    )
      throw notFound();
    let q = this.#db
      .selectFrom('import_rejected_rows')
      .select(['line_no', 'reason', 'columns'])
      .where('batch_id', '=', batch.id)
      .orderBy('line_no');
    if (limit !== null) q = q.limit(limit);
    return { batch, rejected: await q.execute() };
  }
}
