/**
 * The import pages of a collected kind (payroll, activity data, the estates return), registered
 * for each under its organisation's section: upload → check the columns (and year) → progress →
 * result, reconciliation and rejected rows. Every kind gets the same pages.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fyLabel, fyStartYearOf, isoDate } from '../../core/periods.js';
import type { Deps } from '../../deps.js';
import { sendCsv } from '../../http/csv-download.js';
import { formBody, inOrganisation } from '../../http/route-context.js';
import { receiveUploadToFile } from '../../http/upload.js';
import type { ColumnMapping } from '../../core/imports/columns.js';
import { ImportError } from './files.js';
import {
  batchPage,
  columnsPage,
  IMPORT_VIEWS,
  jobPage,
  jobProgress,
  kindPath,
  rejectedRowsCsv,
  uploadPage,
  type KindPages,
} from './imports.pages.js';
import { readColumns } from './imports.schema.js';
import type { CollectedKindSpec } from './imports.service.js';

type OrgParams = { Params: { slug: string; orgId: string } };
type JobParams = { Params: { slug: string; orgId: string; jobId: string } };
type BatchParams = { Params: { slug: string; orgId: string; importId: string } };

/** The financial years offered for a file: this one and those before it, latest first. */
function yearChoices(fyStartMonth: number, chosen: number | null, offered: number) {
  const now = fyStartYearOf(isoDate(new Date()), fyStartMonth);
  const years = Array.from({ length: offered }, (_, i) => now - i);
  return {
    years,
    items: [
      { value: '', text: 'Choose a year' },
      ...years.map((y) => ({
        value: String(y),
        text: fyLabel(y, fyStartMonth),
        selected: y === chosen,
      })),
    ],
  };
}

const rowsOf = (n: unknown) => {
  const v = Number(n ?? 0);
  return `${v.toLocaleString('en-GB')} ${v === 1 ? 'row' : 'rows'}`;
};

/** What became of the file's rows, as every import reports it. */
function countRows(r: Record<string, unknown>) {
  return [
    { key: { text: 'Rows in the file' }, value: { text: rowsOf(r.rows) } },
    { key: { text: 'Used' }, value: { text: rowsOf(r.accepted) } },
    { key: { text: 'Rejected' }, value: { text: rowsOf(r.rejected) } },
  ];
}

export function registerCollectedImportRoutes<F extends string>(
  app: FastifyInstance,
  deps: Deps,
  spec: CollectedKindSpec<F>,
  pages: KindPages,
) {
  const imports = deps.imports;
  const maxBytes = deps.config.spendUploadMaxBytes;
  const importDir = path.join(deps.config.uploadDir, 'imports');
  const base = `/manage/:slug/organisations/:orgId/${pages.segment}`;
  const offered = spec.yearsOffered ?? 6;
  const view = { config: { access: spec.viewAction } };
  const write = { config: { access: spec.importAction } };
  const jobHref = (p: { slug: string }, o: { id: string }, jobId: string) =>
    `${kindPath(p, o, pages)}/jobs/${jobId}`;

  app.get<OrgParams>(`${base}/import`, write, async function importGet(request, reply) {
    const { partnership, organisation } = inOrganisation(request);
    return reply.page(
      `${IMPORT_VIEWS}/upload.njk`,
      uploadPage(pages, partnership, organisation, maxBytes),
    );
  });

  app.post<OrgParams>(
    `${base}/import`,
    { config: { access: spec.importAction, upload: true } },
    async function importPost(request, reply) {
      const { partnership, organisation, user } = inOrganisation(request);
      const again = (text: string, status: number) =>
        reply.page(
          `${IMPORT_VIEWS}/upload.njk`,
          uploadPage(pages, partnership, organisation, maxBytes, text),
          status,
        );
      const upload = await receiveUploadToFile(request, {
        maxBytes,
        prompt: `Select a CSV or XLSX ${pages.noun}`,
        dir: importDir,
      });
      if (!upload.ok) return again(upload.message, upload.status);
      try {
        const jobId = await imports.queue(spec, partnership, organisation, user.id, upload.file);
        return reply.redirect(`${jobHref(partnership, organisation, jobId)}/columns`, 303);
      } catch (err) {
        upload.file.discard();
        if (err instanceof ImportError) return again(err.message, 400);
        throw err;
      }
    },
  );

  const columnsView = async (
    request: Parameters<typeof inOrganisation>[0],
    jobId: string,
    problem?: {
      mapping?: ColumnMapping<F>;
      problems?: readonly { field?: F; text: string }[];
      yearError?: string;
      year?: number | null;
      option?: string;
      optionError?: string;
    },
  ) => {
    const { partnership, organisation } = inOrganisation(request);
    const queued = await imports.queued(spec, partnership, organisation, jobId);
    if (queued.job.status !== 'queued' || !queued.filePath) return null;
    const found = await imports.columns(spec, organisation, {
      ...queued,
      filePath: queued.filePath,
    });
    const home = kindPath(partnership, organisation, pages);
    return {
      queued: { ...queued, filePath: queued.filePath },
      page: columnsPage({
        organisation,
        fields: spec.kind.fields,
        inspection: found.inspection,
        mapping: problem?.mapping ?? found.mapping,
        action: `${jobHref(partnership, organisation, jobId)}/columns`,
        back: { href: `${home}/import`, text: 'Choose a different file' },
        samples: !spec.personal,
        ...(spec.forYear
          ? {
              years: {
                items: yearChoices(partnership.fy_start_month, problem?.year ?? null, offered)
                  .items,
                ...(problem?.yearError ? { error: problem.yearError } : {}),
              },
            }
          : {}),
        ...(spec.option
          ? {
              option: {
                ...spec.option,
                value: problem?.option ?? '',
                ...(problem?.optionError ? { error: problem.optionError } : {}),
              },
            }
          : {}),
        ...(problem?.problems ? { problems: problem.problems } : {}),
      }),
    };
  };

  app.get<JobParams>(
    `${base}/jobs/:jobId/columns`,
    write,
    async function columnsGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const shown = await columnsView(request, request.params.jobId);
      if (!shown)
        return reply.redirect(jobHref(partnership, organisation, request.params.jobId), 303);
      return reply.page(`${IMPORT_VIEWS}/columns.njk`, shown.page);
    },
  );

  app.post<JobParams>(
    `${base}/jobs/:jobId/columns`,
    write,
    async function columnsPost(request, reply) {
      const { partnership, organisation, auditActor } = inOrganisation(request);
      const body = formBody(request);
      const { mapping, problem } = readColumns(spec.kind.fields, body);
      const problems = problem ? [{ text: problem }] : (spec.kind.mappingProblems?.(mapping) ?? []);
      const rawYear = typeof body.year === 'string' ? Number(body.year) : NaN;
      const year = yearChoices(partnership.fy_start_month, null, offered).years.includes(rawYear)
        ? rawYear
        : null;
      const yearError =
        spec.forYear && year === null ? 'Choose the financial year the file is for' : undefined;
      const option = typeof body.option === 'string' ? body.option.trim().slice(0, 50) : '';
      const optionError =
        spec.option && option === '' ? `Enter the ${spec.option.label.toLowerCase()}` : undefined;
      if (problems.length || yearError || optionError) {
        const shown = await columnsView(request, request.params.jobId, {
          mapping,
          year,
          option,
          ...(optionError ? { optionError } : {}),
          ...(problems.length ? { problems } : {}),
          ...(yearError ? { yearError } : {}),
        });
        if (!shown)
          return reply.redirect(jobHref(partnership, organisation, request.params.jobId), 303);
        return reply.page(`${IMPORT_VIEWS}/columns.njk`, shown.page, 400);
      }
      const queued = await imports.queued(spec, partnership, organisation, request.params.jobId);
      if (queued.job.status !== 'queued' || !queued.filePath)
        return reply.redirect(jobHref(partnership, organisation, queued.job.id), 303);
      await imports.start({
        spec,
        partnership,
        organisation,
        queued: { ...queued, filePath: queued.filePath },
        mapping,
        fyStartYear: year,
        option: spec.option ? option : null,
        actor: auditActor,
      });
      return reply.redirect(jobHref(partnership, organisation, queued.job.id), 303);
    },
  );

  app.get<JobParams>(`${base}/jobs/:jobId`, view, async function jobGet(request, reply) {
    const { partnership, organisation } = inOrganisation(request);
    const job = await imports.job(spec, partnership, organisation, request.params.jobId);
    const home = kindPath(partnership, organisation, pages);
    return reply.page(
      `${IMPORT_VIEWS}/job.njk`,
      jobPage({
        organisation,
        job,
        href: jobHref(partnership, organisation, job.id),
        resultRows: (r) => [
          ...countRows(r),
          ...pages.resultRows(
            (r.summary ?? {}) as Record<string, unknown>,
            r.alreadyImported === true,
          ),
        ],
        batchHref: job.batch_id ? `${home}/imports/${job.batch_id}` : null,
        importHref: `${home}/import`,
        back: { href: home, text: `Back to ${pages.home.toLowerCase()}` },
        afterwards: pages.afterwards,
      }),
    );
  });

  app.get<JobParams>(
    `${base}/jobs/:jobId/progress`,
    view,
    async function jobProgressGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const job = await imports.job(spec, partnership, organisation, request.params.jobId);
      return reply
        .header('cache-control', 'no-store')
        .send(jobProgress(job, jobHref(partnership, organisation, job.id)));
    },
  );

  app.get<BatchParams>(`${base}/imports/:importId`, view, async function batchGet(request, reply) {
    const { partnership, organisation, actor } = inOrganisation(request);
    const data = await imports.batch(
      spec,
      partnership,
      organisation,
      actor,
      request.params.importId,
    );
    return reply.page(
      `${IMPORT_VIEWS}/batch.njk`,
      batchPage(pages, partnership, organisation, data),
    );
  });

  app.get<BatchParams>(
    `${base}/imports/:importId/rejected.csv`,
    view,
    async function rejectedCsvGet(request, reply) {
      const { partnership, organisation, actor } = inOrganisation(request);
      const data = await imports.batch(
        spec,
        partnership,
        organisation,
        actor,
        request.params.importId,
        null,
      );
      return sendCsv(
        reply,
        `rejected-rows-${data.batch.file_name}.csv`,
        rejectedRowsCsv(data.rejected),
      );
    },
  );
}
