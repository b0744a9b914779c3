/**
 * Evidence for one figure of a return: its details (note, confidence, links), the files kept for
 * it (added, removed), and downloading a file, only for people who may see the figure.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, forbidden, notFound } from '../../core/errors.js';
import { pillarOfItem } from '../../core/framework/sections.js';
import { isEditable, mayEditSection, maySeeSection } from '../../core/policies/returns.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors, validateForm } from '../../http/form-errors.js';
import { inPartnership } from '../../http/route-context.js';
import { receiveUploadToFile } from '../../http/upload.js';
import { inReturn, returnPath, type InReturn } from '../returns/return-context.js';
import { evidencePage, evidenceValues, V, type EvidenceItem } from './evidence.pages.js';
import { evidenceSchema } from './evidence.schema.js';

type ItemParams = {
  Params: { slug: string; orgId: string; periodId: string; itemId: string };
};

export function registerEvidenceRoutes(app: FastifyInstance, deps: Deps) {
  const { returns, evidence } = deps;
  const maxBytes = deps.config.uploadMaxBytes;

  /** The figure, if the person may see its section (else 403), with its files and queries. */
  async function evidenceItem(
    request: FastifyRequest,
    params: ItemParams['Params'],
  ): Promise<{ route: InReturn; page: EvidenceItem }> {
    const route = await inReturn(request, returns, params.periodId);
    const state = await returns.load(route.ctx, route.auditActor);
    const pillar = pillarOfItem(state.sections, params.itemId);
    const section = state.sections.find((s) => s.pillar === pillar);
    const item = section?.items.find((i) => i.id === params.itemId);
    if (!section || !item || !pillar) throw notFound();
    if (!maySeeSection(route.actor, route.target, pillar)) throw forbidden('pillar not allowed');
    const [files, comments] = await Promise.all([
      evidence.files(state.revision.id, item.id),
      returns.listComments(state.revision.id),
    ]);
    const editable =
      isEditable(state.revision.status) && mayEditSection(route.actor, route.target, pillar);
    return {
      route,
      page: {
        ctx: route.ctx,
        state,
        section,
        item,
        files,
        comments: comments.filter((c) => c.item_id === item.id),
        editable,
      },
    };
  }

  /** The same figure, for a change: 403 unless its evidence can be changed now. */
  async function editableItem(request: FastifyRequest, params: ItemParams['Params']) {
    const found = await evidenceItem(request, params);
    if (!found.page.editable) throw forbidden('not editable');
    return found;
  }

  const itemPath = (p: EvidenceItem) => `${returnPath(p.ctx)}/items/${p.item.id}`;
  const target = (p: EvidenceItem) => ({
    partnershipId: p.ctx.partnership.id,
    returnId: p.state.returnId,
    revisionId: p.state.revision.id,
    itemId: p.item.id,
  });

  app.get<ItemParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/items/:itemId',
    { config: { access: 'return.view' } },
    async function itemGet(request, reply) {
      const { page } = await evidenceItem(request, request.params);
      return reply.page(
        `${V}/item.njk`,
        evidencePage(page, { values: evidenceValues(page), errors: noErrors }, maxBytes),
      );
    },
  );

  app.post<ItemParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/items/:itemId',
    { config: { access: 'return.edit' } },
    async function itemPost(request, reply) {
      const { route, page } = await editableItem(request, request.params);
      const form = validateForm(evidenceSchema, request.body);
      if (!form.ok) return reply.page(`${V}/item.njk`, evidencePage(page, form, maxBytes), 400);
      await returns.saveEvidenceDetails(
        page.state,
        page.ctx,
        page.item.id,
        {
          note: form.data.note || null,
          confidence: form.data.confidence ?? null,
          links: form.data.links,
        },
        route.auditActor,
      );
      request.session.flash = 'The evidence has been saved.';
      return reply.redirect(itemPath(page), 303);
    },
  );

  app.post<ItemParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/items/:itemId/files',
    { config: { access: 'return.edit', upload: true } },
    async function evidenceUploadPost(request, reply) {
      const { route, page } = await editableItem(request, request.params);
      const again = (text: string, status: number) =>
        reply.page(
          `${V}/item.njk`,
          evidencePage(
            page,
            { values: evidenceValues(page), errors: formErrors([{ field: 'file', text }]) },
            maxBytes,
          ),
          status,
        );
      const upload = await receiveUploadToFile(request, {
        maxBytes,
        prompt: 'Select a file to upload',
        dir: evidence.incomingDir,
      });
      if (!upload.ok) return again(upload.message, upload.status);
      try {
        await evidence.keep(target(page), upload.file, route.auditActor);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'INVALID')
          return again(err.userMessage ?? err.message, 400);
        throw err;
      } finally {
        upload.file.discard();
      }
      request.session.flash = `${upload.file.name} has been added as evidence.`;
      return reply.redirect(itemPath(page), 303);
    },
  );

  app.post<ItemParams & { Params: { fileId: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/items/:itemId/files/:fileId/remove',
    { config: { access: 'return.edit' } },
    async function evidenceRemovePost(request, reply) {
      const { route, page } = await editableItem(request, request.params);
      await evidence.remove(target(page), request.params.fileId, route.auditActor);
      request.session.flash = 'The file has been removed from this figure’s evidence.';
      return reply.redirect(itemPath(page), 303);
    },
  );

  app.get<{ Params: { slug: string; evidenceId: string } }>(
    '/manage/:slug/evidence/:evidenceId',
    { config: { access: 'partnership.view' } },
    async function evidenceDownloadGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const { file, content } = await evidence.forDownload(
        partnership.id,
        actor,
        request.params.evidenceId,
      );
      return reply
        .header('content-type', file.content_type)
        .header('content-length', String(file.size_bytes))
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(file.original_name)}`,
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(content);
    },
  );
}
