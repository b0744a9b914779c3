/**
 * Spend for the pages: an organisation's and the partnership's analysis by financial year, and
 * an import's steps as the browser takes them (a file received → a queued job with what the file
 * holds → the columns confirmed → the import running in the background → its reconciliation and
 * rejected rows). The import itself is spend-import.ts; who may see whose spend is the spend
 * policy and the role matrix.
 */
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import { fyStartYearOf, isoDate, periodDates } from '../../core/periods.js';
import { can, type Actor } from '../../core/roles.js';
import type { SpendMapping } from '../../core/spend/mapping.js';
import type { Database } from '../../db/client.js';
import type { DB, Organisation, Partnership } from '../../db/schema.js';
import type { Logger } from '../../logger.js';
import type { AuditActor } from '../audit/audit.repo.js';
import { reportProgress, type JobRow } from '../jobs/jobs.js';
import {
  importJob,
  PREVIEW_ROWS,
  queuedColumns,
  queuedImport,
  queueUpload,
  type QueuedImport,
} from '../imports/queue.js';
import { importSpendFile, SPEND_KIND, SpendImportError } from './spend-import.js';
import { findBatch, listBatches, recentJobs, spendBreakdown, spendYears } from './spend.repo.js';
import type { SuppliersService } from './suppliers.service.js';

/** A financial year of spend: the one asked for if it has spend, else the latest (or this year). */
export interface YearRange {
  readonly year: number;
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export class SpendService {
  readonly #database: Database;
  readonly #db: Kysely<DB>;
  readonly #suppliers: SuppliersService;
  readonly #log: Logger;

  constructor(deps: { database: Database; suppliers: SuppliersService; logger: Logger }) {
    this.#database = deps.database;
    this.#db = deps.database.db;
    this.#suppliers = deps.suppliers;
    this.#log = deps.logger;
  }

  #range(p: Partnership, raw: string | undefined, years: readonly number[]): YearRange {
    const y = Number(raw);
    const year =
      Number.isInteger(y) && years.includes(y)
        ? y
        : (years[0] ?? fyStartYearOf(isoDate(new Date()), p.fy_start_month));
    const dates = periodDates({ kind: 'year', fyStartYear: year }, p.fy_start_month);
    return { year, from: dates.startsOn, to: dates.endsOn, label: dates.label };
  }

  /** An organisation's spend in a year (by month, expense type and supplier), its imports and jobs. */
  async organisationSpend(partnership: Partnership, organisation: Organisation, year?: string) {
    const years = await spendYears(
      this.#db,
      partnership.id,
      partnership.fy_start_month,
      organisation.id,
    );
    // With no year asked for, the year of the latest file imported (not always the latest year).
    const latest =
      year === undefined
        ? await this.#db
            .selectFrom('spend_batches')
            .select('last_date')
            .where('partnership_id', '=', partnership.id)
            .where('organisation_id', '=', organisation.id)
            .where('last_date', 'is not', null)
            .orderBy('imported_at', 'desc')
            .executeTakeFirst()
        : undefined;
    const range = this.#range(
      partnership,
      year ??
        (latest?.last_date
          ? String(fyStartYearOf(latest.last_date, partnership.fy_start_month))
          : undefined),
      years,
    );
    const opts = { organisationId: organisation.id, from: range.from, to: range.to };
    const [summary, months, expenses, suppliers, batches, jobs] = await Promise.all([
      spendBreakdown(this.#db, partnership.id, { ...opts, by: 'none' }),
      spendBreakdown(this.#db, partnership.id, { ...opts, by: 'month' }),
      spendBreakdown(this.#db, partnership.id, { ...opts, by: 'expense', limit: 15 }),
      spendBreakdown(this.#db, partnership.id, { ...opts, by: 'supplier', limit: 20 }),
      listBatches(this.#db, partnership.id, organisation.id),
      recentJobs(this.#db, partnership.id, organisation.id),
    ]);
    return { years, range, summary, months, expenses, suppliers, batches, jobs };
  }

  /** The partnership's spend in a year, by organisation and month, and the suppliers to fix first. */
  async partnershipSpend(partnership: Partnership, year?: string) {
    const years = await spendYears(this.#db, partnership.id, partnership.fy_start_month);
    const range = this.#range(partnership, year, years);
    const opts = { from: range.from, to: range.to };
    const [summary, organisations, months, unclassified] = await Promise.all([
      spendBreakdown(this.#db, partnership.id, { ...opts, by: 'none' }),
      spendBreakdown(this.#db, partnership.id, { ...opts, by: 'organisation' }),
      spendBreakdown(this.#db, partnership.id, { ...opts, by: 'month' }),
      this.#suppliers.largestUnclassified(partnership.id, 10),
    ]);
    return { years, range, summary, organisations, months, unclassified };
  }

  /**
   * Reads a received file once (within the file limits) and queues its import, keeping what was
   * found for the columns page. A file that cannot be read is removed and SpendImportError says why.
   */
  queueImport(
    partnership: Partnership,
    organisation: Organisation,
    userId: string,
    file: { readonly name: string; readonly path: string },
  ): Promise<string> {
    return queueUpload(
      this.#db,
      SPEND_KIND,
      PREVIEW_ROWS,
      { partnership, organisation, userId },
      file,
    );
  }

  /** An import job of the organisation, or NOT_FOUND. */
  job(partnership: Partnership, organisation: Organisation, jobId: string): Promise<JobRow> {
    return importJob(this.#db, SPEND_KIND.jobKind, partnership, organisation, jobId);
  }

  /** An import job of the organisation with its file and what the upload found, or NOT_FOUND. */
  queued(
    partnership: Partnership,
    organisation: Organisation,
    jobId: string,
  ): Promise<QueuedImport> {
    return queuedImport(this.#db, SPEND_KIND.jobKind, partnership, organisation, jobId);
  }

  /** What the columns page shows: what the file holds, and the mapping to offer. */
  columns(organisation: Organisation, queued: QueuedImport & { filePath: string }) {
    return queuedColumns(this.#db, SPEND_KIND, PREVIEW_ROWS, organisation, queued);
  }

  /**
   * Starts the import of a queued job with the columns confirmed. It runs in the background (the
   * progress page follows the job); the file is removed when it ends, however it ends.
   */
  async startImport(options: {
    partnership: Partnership;
    organisation: Organisation;
    queued: QueuedImport & { filePath: string };
    mapping: SpendMapping;
    actor: AuditActor;
    rights: Actor;
  }): Promise<void> {
    const { job, filePath } = options.queued;
    await this.#db
      .updateTable('jobs')
      .set({ status: 'running', updated_at: sql`now()` })
      .where('id', '=', job.id)
      .execute();
    void importSpendFile({
      database: this.#database,
      partnership: options.partnership,
      organisation: options.organisation,
      filePath,
      fileName: job.file_name ?? 'spend file',
      actor: options.actor,
      rights: options.rights,
      mapping: options.mapping,
      jobId: job.id,
      onProgress: (p) => {
        if (p.phase === 'saving')
          void reportProgress(this.#db, job.id, p.done, p.total, 'Saving the lines').catch(
            () => undefined,
          );
      },
    })
      .catch((err: unknown) => {
        if (!(err instanceof SpendImportError))
          this.#log.error({ err, jobId: job.id }, 'spend import failed');
      })
      .finally(() => fs.rmSync(filePath, { force: true }));
  }

  /** An import of the partnership with its first rejected rows, if the reader may see its spend. */
  async batch(partnership: Partnership, reader: Actor, batchId: string) {
    const batch = await this.#visibleBatch(partnership, reader, batchId);
    const [rejected, needing] = await Promise.all([
      this.#db
        .selectFrom('spend_rejected_rows')
        .select(['line_no', 'reason'])
        .where('batch_id', '=', batch.id)
        .orderBy('line_no')
        .limit(50)
        .execute(),
      // The next step after an import: its suppliers that have no known location or no type.
      sql<{ n: number }>`
        SELECT count(DISTINCT l.supplier_id)::int AS n
        FROM spend_lines l JOIN suppliers s ON s.id = l.supplier_id
        WHERE l.partnership_id = ${partnership.id} AND l.batch_id = ${batch.id}
          AND (s.type = 'unclassified' OR s.location_precision = 'none')`.execute(this.#db),
    ]);
    return {
      batch,
      rejected,
      suppliersNeedingDetails: Number(needing.rows[0]?.n ?? 0),
      /** The financial year of the file's latest payment: the spend page to open after it. */
      year: batch.last_date ? fyStartYearOf(batch.last_date, partnership.fy_start_month) : null,
    };
  }

  /** Every rejected row of an import, with its original columns, if the reader may see its spend. */
  async rejectedRows(partnership: Partnership, reader: Actor, batchId: string) {
    const batch = await this.#visibleBatch(partnership, reader, batchId);
    const rows = await this.#db
      .selectFrom('spend_rejected_rows')
      .select(['line_no', 'reason', 'columns'])
      .where('batch_id', '=', batch.id)
      .orderBy('line_no')
      .execute();
    return { batch, rows };
  }

  /** An import of the partnership, if the reader may see that organisation's spend; else NOT_FOUND. */
  async #visibleBatch(partnership: Partnership, reader: Actor, batchId: string) {
    const batch = await findBatch(this.#db, partnership.id, batchId);
    if (
      !batch ||
      !can(reader, 'spend.view', {
        partnershipId: partnership.id,
        organisationId: batch.organisation_id,
      })
    )
      throw notFound();
    return batch;
  }
}
