/**
 * Spend pages: an organisation's spend analysis and imports (upload → check the columns → import
 * with progress → reconciliation), each import's rejected rows, and the partnership's analysis.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { notFound } from '../../core/errors.js';
import { fyLabel, fyStartYearOf, isoDate, periodDates } from '../../core/periods.js';
import { formatPounds, penceToPounds } from '../../core/spend/amounts.js';
import { SUPPLIER_TYPES } from '../../core/spend/suppliers.js';
import {
  detectMapping,
  missingRequired,
  SPEND_FIELDS,
  type SpendMapping,
} from '../../core/spend/mapping.js';
import { can, type Actor } from '../../core/roles.js';
import type { Organisation, Partnership, User } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { sendCsv } from '../../http/csv-download.js';
import { createJob, findJob, reportProgress } from '../jobs/jobs.js';
import {
  importSpendFile,
  inspectSpendFile,
  type FileInspection,
  rememberedMapping,
  SpendImportError,
} from './spend-import.js';
import {
  findBatch,
  listBatches,
  recentJobs,
  spendBreakdown,
  spendYears,
  type SpendRow,
} from './spend.repo.js';

const V = 'features/spend/views';
/** Rows of the file shown on the columns page. */
const PREVIEW_ROWS = 8;
type OrgParams = { Params: { slug: string; orgId: string } };

const pounds = (pence: number) => formatPounds(pence, { whole: true });
const pct = (part: number, total: number) =>
  total === 0 ? '–' : `${((part / total) * 100).toFixed(1)}%`;

export function spendRowView(r: SpendRow) {
  return {
    ...r,
    totalText: pounds(r.total),
    localPct: pct(r.local, r.total),
    deprivedPct: pct(r.deprived, r.total),
    smePct: pct(r.sme, r.total),
    vcsePct: pct(r.vcse, r.total),
    knownPct: pct(r.known, r.total),
    neighbourhoodPct: pct(r.neighbourhood, r.total),
    districtOnlyPct: pct(r.known - r.neighbourhood, r.total),
  };
}

export function registerSpendRoutes(app: FastifyInstance, deps: Deps) {
  const db = deps.database.db;
  const base = (p: Partnership) => `/manage/${p.slug}`;
  const orgBase = (p: Partnership, o: Organisation) => `${base(p)}/organisations/${o.id}/spend`;
  const auditActor = (r: FastifyRequest) => {
    const user = r.user as User;
    return { userId: user.id, label: user.email };
  };
  const importDir = path.join(deps.config.uploadDir, 'imports');

  function yearRange(p: Partnership, raw: string | undefined, years: number[]) {
    const y = Number(raw);
    const year =
      Number.isInteger(y) && years.includes(y)
        ? y
        : (years[0] ?? fyStartYearOf(isoDate(new Date()), p.fy_start_month));
    const dates = periodDates({ kind: 'year', fyStartYear: year }, p.fy_start_month);
    return { year, from: dates.startsOn, to: dates.endsOn, label: dates.label };
  }

  app.get<OrgParams & { Querystring: { year?: string } }>(
    '/manage/:slug/organisations/:orgId/spend',
    { config: { access: 'spend.view' } },
    async function organisationSpendGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const years = await spendYears(
        db,
        partnership.id,
        partnership.fy_start_month,
        organisation.id,
      );
      const range = yearRange(partnership, request.query.year, years);
      const opts = { organisationId: organisation.id, from: range.from, to: range.to };
      const [summary, months, expenses, suppliers, batches, jobs] = await Promise.all([
        spendBreakdown(db, partnership.id, { ...opts, by: 'none' }),
        spendBreakdown(db, partnership.id, { ...opts, by: 'month' }),
        spendBreakdown(db, partnership.id, { ...opts, by: 'expense', limit: 15 }),
        spendBreakdown(db, partnership.id, { ...opts, by: 'supplier', limit: 20 }),
        listBatches(db, partnership.id, organisation.id),
        recentJobs(db, partnership.id, organisation.id),
      ]);
      const actor = request.actor as Actor;
      return reply.page(`${V}/organisation.njk`, {
        title: `Spend: ${organisation.name}`,
        organisation,
        range,
        years: years.map((y) => ({
          year: y,
          label: fyLabel(y, partnership.fy_start_month),
          href: `${orgBase(partnership, organisation)}?year=${y}`,
          current: y === range.year,
        })),
        summary: summary[0] ? spendRowView(summary[0]) : null,
        months: months.map(spendRowView),
        expenses: expenses.map(spendRowView),
        suppliers: suppliers.map((r) => ({
          ...spendRowView(r),
          href: can(actor, 'suppliers.view', { partnershipId: partnership.id })
            ? `${base(partnership)}/suppliers/${r.key}`
            : undefined,
        })),
        batches: batches.map((b) => ({
          ...b,
          amount: pounds(Number(b.amount_accepted_pence)),
          href: `${base(partnership)}/spend/batches/${b.id}`,
        })),
        jobs: jobs.map((j) => ({
          ...j,
          href: `${orgBase(partnership, organisation)}/jobs/${j.id}`,
        })),
        canImport: can(actor, 'spend.import', {
          partnershipId: partnership.id,
          organisationId: organisation.id,
        }),
        breadcrumbs: [
          { href: base(partnership), text: partnership.name },
          {
            href: `${base(partnership)}/organisations/${organisation.id}`,
            text: organisation.name,
          },
        ],
      });
    },
  );

  const uploadView = (partnership: Partnership, organisation: Organisation, error?: string) => ({
    title: 'Import a spend file',
    organisation,
    errors: error ? formErrors([{ field: 'file', text: error }]) : noErrors,
    action: `${orgBase(partnership, organisation)}/import`,
    maxMb: Math.round(deps.config.spendUploadMaxBytes / 1024 / 1024),
    back: { href: orgBase(partnership, organisation), text: 'Back to spend' },
  });

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/spend/import',
    { config: { access: 'spend.import' } },
    async function spendImportGet(request, reply) {
      return reply.page(
        `${V}/import.njk`,
        uploadView(request.partnership as Partnership, request.organisation as Organisation),
      );
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/spend/import',
    { config: { access: 'spend.import' } },
    async function spendImportPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const again = (text: string, status: number) =>
        reply.page(`${V}/import.njk`, uploadView(partnership, organisation, text), status);
      fs.mkdirSync(importDir, { recursive: true });
      const target = path.join(importDir, randomUUID());
      let fileName = '';
      try {
        const file = request.isMultipart()
          ? await request.file({ limits: { fileSize: deps.config.spendUploadMaxBytes } })
          : undefined;
        if (!file?.filename) {
          await file?.toBuffer().catch(() => undefined);
          return again('Select a CSV or XLSX spend file', 400);
        }
        fileName = path.basename(file.filename);
        await pipeline(file.file, fs.createWriteStream(target));
        if (file.file.truncated) {
          fs.rmSync(target, { force: true });
          return again(
            `The file must be smaller than ${Math.round(deps.config.spendUploadMaxBytes / 1024 / 1024)} MB`,
            413,
          );
        }
      } catch (err) {
        fs.rmSync(target, { force: true });
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          return again(
            `The file must be smaller than ${Math.round(deps.config.spendUploadMaxBytes / 1024 / 1024)} MB`,
            413,
          );
        }
        throw err;
      }
      // Read once here (within the file limits); the columns page shows what was found.
      let inspection: FileInspection;
      try {
        inspection = await inspectSpendFile(target, PREVIEW_ROWS);
      } catch (err) {
        fs.rmSync(target, { force: true });
        if (err instanceof SpendImportError) return again(err.message, 400);
        throw err;
      }
      const jobId = await createJob(db, {
        partnershipId: partnership.id,
        organisationId: organisation.id,
        kind: 'spend-import',
        fileName,
        userId: (request.user as User).id,
      });
      await db
        .updateTable('jobs')
        .set({ status: 'queued', file_path: target, inspection: JSON.stringify(inspection) })
        .where('id', '=', jobId)
        .execute();
      return reply.redirect(`${orgBase(partnership, organisation)}/jobs/${jobId}/columns`, 303);
    },
  );

  async function queuedJob(request: FastifyRequest<OrgParams & { Params: { jobId: string } }>) {
    const partnership = request.partnership as Partnership;
    const organisation = request.organisation as Organisation;
    const job = await findJob(db, partnership.id, request.params.jobId);
    if (!job || job.organisation_id !== organisation.id) throw notFound();
    const row = await db
      .selectFrom('jobs')
      .select(['file_path', 'inspection'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    return {
      job,
      filePath: row.file_path,
      inspection: row.inspection as FileInspection | null,
    };
  }

  async function columnsView(
    partnership: Partnership,
    organisation: Organisation,
    jobId: string,
    filePath: string,
    stored: FileInspection | null,
    chosen?: SpendMapping,
    error?: string,
  ) {
    const inspection = stored ?? (await inspectSpendFile(filePath, PREVIEW_ROWS));
    const mapping =
      chosen ??
      (await rememberedMapping(db, organisation.id, inspection.headers)) ??
      detectMapping(inspection.headers);
    return {
      title: 'Check the columns',
      organisation,
      inspection,
      fields: SPEND_FIELDS.map((f) => ({
        ...f,
        items: [
          { value: '', text: f.required ? 'Choose a column' : 'Not in this file' },
          ...inspection.headers.map((h, i) => ({
            value: String(i),
            text: h || `Column ${i + 1}`,
            selected: mapping[f.id] === i,
          })),
        ],
      })),
      errors: error
        ? formErrors([{ field: `field-${missingRequired(mapping)[0] ?? 'date'}`, text: error }])
        : noErrors,
      action: `${orgBase(partnership, organisation)}/jobs/${jobId}/columns`,
      back: {
        href: `${orgBase(partnership, organisation)}/import`,
        text: 'Choose a different file',
      },
    };
  }

  app.get<OrgParams & { Params: { jobId: string } }>(
    '/manage/:slug/organisations/:orgId/spend/jobs/:jobId/columns',
    { config: { access: 'spend.import' } },
    async function spendColumnsGet(request, reply) {
      const { job, filePath, inspection } = await queuedJob(request);
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      if (job.status !== 'queued' || !filePath)
        return reply.redirect(`${orgBase(partnership, organisation)}/jobs/${job.id}`, 303);
      return reply.page(
        `${V}/columns.njk`,
        await columnsView(partnership, organisation, job.id, filePath, inspection),
      );
    },
  );

  app.post<OrgParams & { Params: { jobId: string } }>(
    '/manage/:slug/organisations/:orgId/spend/jobs/:jobId/columns',
    { config: { access: 'spend.import' } },
    async function spendColumnsPost(request, reply) {
      const { job, filePath, inspection } = await queuedJob(request);
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      if (job.status !== 'queued' || !filePath)
        return reply.redirect(`${orgBase(partnership, organisation)}/jobs/${job.id}`, 303);
      const body = request.body as Record<string, unknown>;
      const mapping: SpendMapping = {};
      const used = new Map<number, string>();
      let duplicate: string | undefined;
      for (const f of SPEND_FIELDS) {
        const v = body[`field-${f.id}`];
        if (typeof v === 'string' && /^\d+$/.test(v)) {
          const index = Number(v);
          if (used.has(index))
            duplicate = `${f.label} and ${used.get(index)} cannot use the same column`;
          used.set(index, f.label);
          mapping[f.id] = index;
        }
      }
      const missing = missingRequired(mapping);
      if (missing.length || duplicate) {
        const text =
          duplicate ??
          `Choose the ${missing.map((m) => SPEND_FIELDS.find((f) => f.id === m)?.label.toLowerCase()).join(', ')} column`;
        return reply.page(
          `${V}/columns.njk`,
          await columnsView(partnership, organisation, job.id, filePath, inspection, mapping, text),
          400,
        );
      }
      await db
        .updateTable('jobs')
        .set({ status: 'running', updated_at: sql`now()` })
        .where('id', '=', job.id)
        .execute();
      const actor = auditActor(request);
      // The import runs in the background; the progress page follows it.
      void importSpendFile({
        database: deps.database,
        partnership,
        organisation,
        filePath,
        fileName: job.file_name ?? 'spend file',
        actor,
        rights: request.actor as Actor,
        mapping,
        jobId: job.id,
        onProgress: (p) => {
          if (p.phase === 'saving')
            void reportProgress(db, job.id, p.done, p.total, 'Saving the lines').catch(
              () => undefined,
            );
        },
      })
        .catch((err: unknown) => {
          if (!(err instanceof SpendImportError)) request.log.error({ err }, 'spend import failed');
        })
        .finally(() => fs.rmSync(filePath, { force: true }));
      return reply.redirect(`${orgBase(partnership, organisation)}/jobs/${job.id}`, 303);
    },
  );

  app.get<OrgParams & { Params: { jobId: string } }>(
    '/manage/:slug/organisations/:orgId/spend/jobs/:jobId',
    { config: { access: 'spend.view' } },
    async function spendJobGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const job = await findJob(db, partnership.id, request.params.jobId);
      if (!job || job.organisation_id !== organisation.id) throw notFound();
      const running = job.status === 'running' || job.status === 'queued';
      const result = job.result as {
        rows: number;
        accepted: number;
        rejected: number;
        duplicates: number;
        amountAcceptedPence: number;
        amountRejectedPence: number;
        amountDuplicatesPence: number;
        alreadyImported: boolean;
      } | null;
      if (running) reply.header('refresh', '2');
      return reply.page(`${V}/job.njk`, {
        title: running
          ? 'Importing…'
          : job.status === 'done'
            ? 'Import finished'
            : 'Import did not finish',
        organisation,
        job,
        running,
        percent: job.progress_total
          ? Math.min(
              100,
              Math.floor((Number(job.progress_done) / Number(job.progress_total)) * 100),
            )
          : 0,
        result: result
          ? {
              ...result,
              amountAccepted: penceToPounds(result.amountAcceptedPence),
              amountRejected: penceToPounds(result.amountRejectedPence),
              amountDuplicates: penceToPounds(result.amountDuplicatesPence),
            }
          : null,
        batchHref: job.batch_id ? `${base(partnership)}/spend/batches/${job.batch_id}` : null,
        back: { href: orgBase(partnership, organisation), text: 'Back to spend' },
      });
    },
  );

  /** An import of the partnership, if the reader may see that organisation's spend. */
  async function visibleBatch(
    request: FastifyRequest<{ Params: { slug: string; batchId: string } }>,
  ) {
    const partnership = request.partnership as Partnership;
    const batch = await findBatch(db, partnership.id, request.params.batchId);
    if (
      !batch ||
      !can(request.actor, 'spend.view', {
        partnershipId: partnership.id,
        organisationId: batch.organisation_id,
      })
    )
      throw notFound();
    return batch;
  }

  app.get<{ Params: { slug: string; batchId: string } }>(
    '/manage/:slug/spend/batches/:batchId',
    { config: { access: 'partnership.view' } },
    async function spendBatchGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const batch = await visibleBatch(request);
      const rejected = await db
        .selectFrom('spend_rejected_rows')
        .select(['line_no', 'reason'])
        .where('batch_id', '=', batch.id)
        .orderBy('line_no')
        .limit(50)
        .execute();
      const total =
        Number(batch.amount_accepted_pence) +
        Number(batch.amount_rejected_pence) +
        Number(batch.amount_duplicates_pence);
      return reply.page(`${V}/batch.njk`, {
        title: `Import of ${batch.file_name}`,
        batch,
        amounts: {
          accepted: penceToPounds(batch.amount_accepted_pence),
          rejected: penceToPounds(batch.amount_rejected_pence),
          duplicates: penceToPounds(batch.amount_duplicates_pence),
          total: penceToPounds(total),
        },
        rejected,
        csvHref: `${base(partnership)}/spend/batches/${batch.id}/rejected.csv`,
        back: {
          href: `${base(partnership)}/organisations/${batch.organisation_id}/spend`,
          text: `Back to ${batch.organisation_name}’s spend`,
        },
      });
    },
  );

  app.get<{ Params: { slug: string; batchId: string } }>(
    '/manage/:slug/spend/batches/:batchId/rejected.csv',
    { config: { access: 'partnership.view' } },
    async function spendRejectedCsvGet(request, reply) {
      const batch = await visibleBatch(request);
      const rows = await db
        .selectFrom('spend_rejected_rows')
        .select(['line_no', 'reason', 'columns'])
        .where('batch_id', '=', batch.id)
        .orderBy('line_no')
        .execute();
      const width = Math.max(0, ...rows.map((r) => r.columns.length));
      const header = [
        'line',
        'reason',
        // The file's own header row, so the corrected rows can be imported again.
        ...Array.from({ length: width }, (_, i) => batch.headers[i] || `column_${i + 1}`),
      ];
      return sendCsv(reply, `rejected-rows-${batch.file_name}.csv`, [
        header,
        ...rows.map((r) => [String(r.line_no), r.reason, ...r.columns]),
      ]);
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { year?: string } }>(
    '/manage/:slug/spend',
    { config: { access: 'spend.partnership.view' } },
    async function partnershipSpendGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const years = await spendYears(db, partnership.id, partnership.fy_start_month);
      const range = yearRange(partnership, request.query.year, years);
      const opts = { from: range.from, to: range.to };
      const [summary, organisations, months, unclassified] = await Promise.all([
        spendBreakdown(db, partnership.id, { ...opts, by: 'none' }),
        spendBreakdown(db, partnership.id, { ...opts, by: 'organisation' }),
        spendBreakdown(db, partnership.id, { ...opts, by: 'month' }),
        deps.suppliers.largestUnclassified(partnership.id, 10),
      ]);
      return reply.page(`${V}/partnership.njk`, {
        title: 'Spend across the partnership',
        range,
        years: years.map((y) => ({
          year: y,
          label: fyLabel(y, partnership.fy_start_month),
          href: `${base(partnership)}/spend?year=${y}`,
          current: y === range.year,
        })),
        summary: summary[0] ? spendRowView(summary[0]) : null,
        organisations: organisations.map((o) => ({
          ...spendRowView(o),
          href: `${base(partnership)}/organisations/${o.key}/spend?year=${range.year}`,
        })),
        months: months.map(spendRowView),
        unclassified: unclassified.map((u) => ({
          ...u,
          typeText: SUPPLIER_TYPES.find((t) => t.id === u.type)?.label ?? u.type,
          amount: pounds(Number(u.pence)),
          href: `${base(partnership)}/suppliers/${u.id}`,
        })),
        imdEdition: partnership.imd_edition,
        canManageLm3: can(request.actor, 'lm3.manage', { partnershipId: partnership.id }),
        breadcrumbs: [{ href: base(partnership), text: partnership.name }],
      });
    },
  );
}
