/**
 * A return as a template: downloading it as CSV or XLSX (the sections the person may see), and
 * uploading it filled in (the sections they may change), checked and previewed before saving.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError, notFound } from '../../core/errors.js';
import { editablePillars, isEditable, visibleSections } from '../../core/policies/returns.js';
import type { Deps } from '../../deps.js';
import { formBody } from '../../http/route-context.js';
import { receiveUpload } from '../../http/upload.js';
import { checkTemplate, readTemplate, templateCsv, templateRows, templateXlsx } from './bulk.js';
import { inReturn, returnPath } from './return-context.js';
import { uploadPage, uploadPreviewPage, V } from './returns.pages.js';
import { readConfirmedRows } from './returns.schema.js';
import type { ReturnContext } from './returns.service.js';

type ReturnParams = { Params: { slug: string; orgId: string; periodId: string } };

const fileBase = (ctx: ReturnContext) =>
  `${ctx.organisation.code}-${ctx.period.label.replace(/[^A-Za-z0-9]+/g, '-')}-return`;

export function registerTemplateRoutes(app: FastifyInstance, deps: Deps) {
  const returns = deps.returns;
  const maxBytes = deps.config.uploadMaxBytes;

  app.get<ReturnParams & { Params: { format: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/template.:format',
    { config: { access: 'return.view' } },
    async function templateGet(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const state = await returns.load(r.ctx, r.auditActor);
      const rows = templateRows(visibleSections(r.actor, r.target, state.sections), state.values);
      if (request.params.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileBase(r.ctx)}.csv"`)
          .send(templateCsv(rows));
      }
      if (request.params.format === 'xlsx') {
        return reply
          .header(
            'content-type',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', `attachment; filename="${fileBase(r.ctx)}.xlsx"`)
          .send(await templateXlsx(rows, `${r.organisation.name} ${r.period.label}`));
      }
      throw notFound();
    },
  );

  app.get<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/upload',
    { config: { access: 'return.edit' } },
    async function uploadGet(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      return reply.page(`${V}/upload.njk`, uploadPage(r.ctx, maxBytes));
    },
  );

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/upload',
    { config: { access: 'return.edit', upload: true } },
    async function uploadPost(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const state = await returns.load(r.ctx, r.auditActor);
      if (!isEditable(state.revision.status))
        throw new DomainError('CONFLICT', 'locked', 'This return cannot be changed now.');
      const upload = await receiveUpload(request, {
        maxBytes,
        prompt: 'Select a CSV or XLSX file',
      });
      // An empty file is as good as none.
      if (!upload.ok || upload.file.bytes.length === 0) {
        const message = upload.ok ? 'Select a CSV or XLSX file' : upload.message;
        return reply.page(
          `${V}/upload.njk`,
          uploadPage(r.ctx, maxBytes, [{ line: 0, column: '-', message }]),
          upload.ok ? 400 : upload.status,
        );
      }
      const { rows, headerProblems } = await readTemplate(upload.file.bytes);
      const checked = checkTemplate(
        state.sections,
        rows,
        editablePillars(r.actor, r.target, state.sections),
      );
      const problems = [...headerProblems, ...checked.problems];
      if (problems.length)
        return reply.page(`${V}/upload.njk`, uploadPage(r.ctx, maxBytes, problems), 400);
      return reply.page(
        `${V}/upload-preview.njk`,
        uploadPreviewPage(r.ctx, state, checked.entries),
      );
    },
  );

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/upload/confirm',
    { config: { access: 'return.edit' } },
    async function uploadConfirmPost(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const state = await returns.load(r.ctx, r.auditActor);
      const checked = checkTemplate(
        state.sections,
        readConfirmedRows(formBody(request)),
        editablePillars(r.actor, r.target, state.sections),
      );
      if (checked.problems.length)
        return reply.page(`${V}/upload.njk`, uploadPage(r.ctx, maxBytes, checked.problems), 400);
      const changed = await returns.applyBulk(state, r.ctx, checked.entries, r.auditActor);
      request.session.flash = `${changed} ${changed === 1 ? 'figure was' : 'figures were'} saved from the template. Check each section and mark it complete.`;
      return reply.redirect(returnPath(r.ctx), 303);
    },
  );
}
