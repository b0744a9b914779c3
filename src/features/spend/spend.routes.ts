/**
 * Spend pages: an organisation's spend analysis and imports (upload → check the columns → import
 * with progress → reconciliation), each import's rejected rows, and the partnership's analysis.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { sendCsv } from '../../http/csv-download.js';
import { formBody, inOrganisation, inPartnership } from '../../http/route-context.js';
import { receiveUploadToFile } from '../../http/upload.js';
import { SpendImportError } from './spend-import.js';
import {
  batchPage,
  columnsPage,
  importPage,
  jobPage,
  jobPath,
  jobProgress,
  organisationSpendPage,
  partnershipSpendPage,
  rejectedRowsCsv,
  V,
} from './spend.pages.js';
import { readMapping } from './spend.schema.js';
import { IMPORT_VIEWS } from '../imports/imports.pages.js';

type OrgParams = { Params: { slug: string; orgId: string } };
type JobParams = { Params: { slug: string; orgId: string; jobId: string } };
type BatchParams = { Params: { slug: string; batchId: string } };

export function registerSpendRoutes(app: FastifyInstance, deps: Deps) {
  const spend = deps.spend;
  const maxBytes = deps.config.spendUploadMaxBytes;
  const importDir = path.join(deps.config.uploadDir, 'imports');

  app.get<OrgParams & { Querystring: { year?: string } }>(
    '/manage/:slug/organisations/:orgId/spend',
    { config: { access: 'spend.view' } },
    async function organisationSpendGet(request, reply) {
      const { partnership, organisation, actor } = inOrganisation(request);
      const data = await spend.organisationSpend(partnership, organisation, request.query.year);
      return reply.page(
        `${V}/organisation.njk`,
        organisationSpendPage(partnership, organisation, data, {
          seeSuppliers: can(actor, 'suppliers.view', { partnershipId: partnership.id }),
          import: can(actor, 'spend.import', {
            partnershipId: partnership.id,
            organisationId: organisation.id,
          }),
        }),
      );
    },
  );

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/spend/import',
    { config: { access: 'spend.import' } },
    async function spendImportGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      return reply.page(`${V}/import.njk`, importPage(partnership, organisation, maxBytes));
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/spend/import',
    { config: { access: 'spend.import', upload: true } },
    async function spendImportPost(request, reply) {
      const { partnership, organisation, user } = inOrganisation(request);
      const again = (text: string, status: number) =>
        reply.page(
          `${V}/import.njk`,
          importPage(partnership, organisation, maxBytes, text),
          status,
        );
      const upload = await receiveUploadToFile(request, {
        maxBytes,
        prompt: 'Select a CSV or XLSX spend file',
        dir: importDir,
      });
      if (!upload.ok) return again(upload.message, upload.status);
      try {
        // Read once here (within the file limits); the columns page shows what was found.
        const jobId = await spend.queueImport(partnership, organisation, user.id, upload.file);
        return reply.redirect(`${jobPath(partnership, organisation, jobId)}/columns`, 303);
      } catch (err) {
        upload.file.discard();
        if (err instanceof SpendImportError) return again(err.message, 400);
        throw err;
      }
    },
  );

  app.get<JobParams>(
    '/manage/:slug/organisations/:orgId/spend/jobs/:jobId/columns',
    { config: { access: 'spend.import' } },
    async function spendColumnsGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const queued = await spend.queued(partnership, organisation, request.params.jobId);
      const { job, filePath } = queued;
      if (job.status !== 'queued' || !filePath)
        return reply.redirect(jobPath(partnership, organisation, job.id), 303);
      const { inspection, mapping } = await spend.columns(organisation, { ...queued, filePath });
      return reply.page(
        `${IMPORT_VIEWS}/columns.njk`,
        columnsPage(partnership, organisation, job.id, inspection, mapping),
      );
    },
  );

  app.post<JobParams>(
    '/manage/:slug/organisations/:orgId/spend/jobs/:jobId/columns',
    { config: { access: 'spend.import' } },
    async function spendColumnsPost(request, reply) {
      const { partnership, organisation, actor, auditActor } = inOrganisation(request);
      const queued = await spend.queued(partnership, organisation, request.params.jobId);
      const { job, filePath } = queued;
      if (job.status !== 'queued' || !filePath)
        return reply.redirect(jobPath(partnership, organisation, job.id), 303);
      const { mapping, problem } = readMapping(formBody(request));
      if (problem) {
        const { inspection } = await spend.columns(organisation, { ...queued, filePath });
        return reply.page(
          `${IMPORT_VIEWS}/columns.njk`,
          columnsPage(partnership, organisation, job.id, inspection, mapping, problem),
          400,
        );
      }
      // The import runs in the background; the progress page follows it.
      await spend.startImport({
        partnership,
        organisation,
        queued: { ...queued, filePath },
        mapping,
        actor: auditActor,
        rights: actor,
      });
      return reply.redirect(jobPath(partnership, organisation, job.id), 303);
    },
  );

  app.get<JobParams>(
    '/manage/:slug/organisations/:orgId/spend/jobs/:jobId',
    { config: { access: 'spend.view' } },
    async function spendJobGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const job = await spend.job(partnership, organisation, request.params.jobId);
      // No Refresh header: a page that reloads itself restarts screen readers and cannot be
      // stopped (WCAG 2.2.1). The person checks progress, or the page's script asks for it.
      return reply.page(`${IMPORT_VIEWS}/job.njk`, jobPage(partnership, organisation, job).page);
    },
  );

  app.get<JobParams>(
    '/manage/:slug/organisations/:orgId/spend/jobs/:jobId/progress',
    { config: { access: 'spend.view' } },
    async function spendJobProgressGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const job = await spend.job(partnership, organisation, request.params.jobId);
      return reply
        .header('cache-control', 'no-store')
        .send(jobProgress(partnership, organisation, job));
    },
  );

  app.get<BatchParams>(
    '/manage/:slug/spend/batches/:batchId',
    { config: { access: 'partnership.view' } },
    async function spendBatchGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const data = await spend.batch(partnership, actor, request.params.batchId);
      return reply.page(`${V}/batch.njk`, batchPage(partnership, data));
    },
  );

  app.get<BatchParams>(
    '/manage/:slug/spend/batches/:batchId/rejected.csv',
    { config: { access: 'partnership.view' } },
    async function spendRejectedCsvGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const data = await spend.rejectedRows(partnership, actor, request.params.batchId);
      return sendCsv(reply, `rejected-rows-${data.batch.file_name}.csv`, rejectedRowsCsv(data));
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { year?: string } }>(
    '/manage/:slug/spend',
    { config: { access: 'spend.partnership.view' } },
    async function partnershipSpendGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const data = await spend.partnershipSpend(partnership, request.query.year);
      return reply.page(
        `${V}/partnership.njk`,
        partnershipSpendPage(partnership, data, {
          manageLm3: can(actor, 'lm3.manage', { partnershipId: partnership.id }),
          importForMembers: can(actor, 'spend.import.members', { partnershipId: partnership.id }),
        }),
      );
    },
  );
}
