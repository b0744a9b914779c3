/**
 * An organisation's returns: the list by period, a return's task list and sections, sending it
 * for review, answering queries, starting a correction and reading earlier revisions. Review is in
 * review.routes.ts, periods in periods.routes.ts, templates in templates.routes.ts and evidence in
 * features/evidence.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, forbidden, notFound } from '../../core/errors.js';
import { isPillarId } from '../../core/pillars.js';
import { isEditable, mayEditSection } from '../../core/policies/returns.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors, validateForm } from '../../http/form-errors.js';
import { formBody, inOrganisation } from '../../http/route-context.js';
import { inReturn, returnPath } from './return-context.js';
import {
  correctPage,
  organisationReturnsPage,
  revisionPage,
  sectionPage,
  sectionValues,
  taskListPage,
  V,
} from './returns.pages.js';
import { answerSchema, correctionSchema } from './returns.schema.js';
import type { ReturnContext, ReturnState } from './returns.service.js';
import { answerField, answersIn, sectionQueries } from './query-loop.js';
import { loadSpendFigures } from './spend-figures.js';

type ReturnParams = { Params: { slug: string; orgId: string; periodId: string } };

export function registerReturnRoutes(app: FastifyInstance, deps: Deps) {
  const returns = deps.returns;
  /** The procurement figures worked out from imported spend, shown in that section only. */
  const spendOf = (ctx: ReturnContext, state: ReturnState, pillar: string) =>
    pillar === 'procurement' ? loadSpendFigures(deps, ctx, state) : Promise.resolve(null);

  app.get<{ Params: { slug: string; orgId: string } }>(
    '/manage/:slug/organisations/:orgId/returns',
    { config: { access: 'return.view' } },
    async function organisationReturnsGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const [periods, statuses] = await Promise.all([
        returns.listPeriods(partnership.id),
        returns.returnsOverview(partnership.id),
      ]);
      return reply.page(
        `${V}/organisation-returns.njk`,
        organisationReturnsPage(partnership, organisation, periods, statuses),
      );
    },
  );

  app.get<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId',
    { config: { access: 'return.view' } },
    async function returnGet(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const state = await returns.load(r.ctx, r.auditActor);
      const [comments, spend] = await Promise.all([
        returns.listComments(state.revision.id),
        loadSpendFigures(deps, r.ctx, state),
      ]);
      return reply.page(`${V}/task-list.njk`, {
        ...taskListPage(r.ctx, state, comments, r.actor, r.target),
        spend,
      });
    },
  );

  // ----- A section of the return: one pillar's figures -----

  /** The section, if the person may change it (else 403). */
  async function editableSection(
    request: FastifyRequest,
    params: ReturnParams['Params'] & { pillar: string },
  ) {
    const r = await inReturn(request, returns, params.periodId);
    const pillar = params.pillar;
    if (!isPillarId(pillar)) throw notFound();
    if (!mayEditSection(r.actor, r.target, pillar)) throw forbidden('pillar not allowed');
    const state = await returns.load(r.ctx, r.auditActor);
    const section = state.sections.find((s) => s.pillar === pillar);
    if (!section) throw notFound();
    return { r, state, section };
  }

  app.get<ReturnParams & { Params: { pillar: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/sections/:pillar',
    { config: { access: 'return.edit' } },
    async function sectionGet(request, reply) {
      const { r, state, section } = await editableSection(request, request.params);
      // A return sent for review, or approved, is read on its own page, not in a form.
      if (!isEditable(state.revision.status)) {
        request.session.flash =
          state.revision.status === 'approved'
            ? 'This return is approved, so its figures cannot be changed. An organisation lead can start a correction.'
            : 'This return has been sent for review, so its figures cannot be changed now.';
        return reply.redirect(returnPath(r.ctx), 303);
      }
      const [spend, comments] = await Promise.all([
        spendOf(r.ctx, state, section.pillar),
        returns.listComments(state.revision.id),
      ]);
      return reply.page(`${V}/section.njk`, {
        ...sectionPage(r.ctx, state, section, {
          values: sectionValues(state, section),
          errors: noErrors,
        }),
        spend,
        queries: sectionQueries(state, section, comments),
      });
    },
  );

  app.post<ReturnParams & { Params: { pillar: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/sections/:pillar',
    { config: { access: 'return.edit' } },
    async function sectionPost(request, reply) {
      const { r, state, section } = await editableSection(request, request.params);
      const body = formBody(request);
      const raw: Record<string, string> = {};
      for (const item of section.items)
        raw[item.id] = typeof body[item.id] === 'string' ? (body[item.id] as string) : '';
      const complete = body.complete === 'yes';
      const queries = sectionQueries(state, section, await returns.listComments(state.revision.id));
      // Answers to the reviewer's queries, typed beside the figures they are about.
      const answers = answersIn(body, queries);
      const answerErrors = answers.flatMap((a) => {
        const form = validateForm(answerSchema, { body: a.body });
        return form.ok
          ? []
          : [{ item: answerField(a.itemId), text: form.errors.list[0]?.text ?? '' }];
      });
      const { errors } = answerErrors.length
        ? { errors: answerErrors }
        : await returns.savePillar(state, r.ctx, section.pillar, raw, complete, r.auditActor);
      if (errors.length) {
        return reply.page(
          `${V}/section.njk`,
          {
            ...sectionPage(r.ctx, state, section, {
              values: { ...body, ...raw, complete: body.complete },
              errors: formErrors(errors.map((e) => ({ field: e.item, text: e.text }))),
            }),
            spend: await spendOf(r.ctx, state, section.pillar),
            queries,
          },
          400,
        );
      }
      for (const a of answers) await returns.answer(state, r.ctx, a.itemId, a.body, r.auditActor);
      request.session.flash = complete
        ? `${section.title} is complete.`
        : `${section.title} has been saved. You can come back to it later.`;
      return reply.redirect(returnPath(r.ctx), 303);
    },
  );

  // ----- Sending for review, answering queries, correcting -----

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/submit',
    { config: { access: 'return.submit' } },
    async function submitPost(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const state = await returns.load(r.ctx, r.auditActor);
      await returns.submit(state, r.ctx, r.auditActor);
      request.session.flash = `The ${r.period.label} return has been sent for review.`;
      return reply.redirect(returnPath(r.ctx), 303);
    },
  );

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/answer',
    { config: { access: 'return.edit' } },
    async function answerPost(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const state = await returns.load(r.ctx, r.auditActor);
      const form = validateForm(answerSchema, request.body);
      if (!form.ok)
        throw new DomainError('INVALID', 'empty answer', 'Write your answer before sending it');
      const itemId =
        form.data.itemId &&
        state.sections.some((s) => s.items.some((i) => i.id === form.data.itemId))
          ? form.data.itemId
          : null;
      await returns.answer(state, r.ctx, itemId, form.data.body, r.auditActor);
      request.session.flash =
        'Your answer has been added. Change any figures, then send the return again.';
      return reply.redirect(
        itemId ? `${returnPath(r.ctx)}/items/${itemId}` : returnPath(r.ctx),
        303,
      );
    },
  );

  app.get<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/correct',
    { config: { access: 'return.correct' } },
    async function correctGet(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      return reply.page(`${V}/correct.njk`, correctPage(r.ctx, { values: {}, errors: noErrors }));
    },
  );

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/correct',
    { config: { access: 'return.correct' } },
    async function correctPost(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const form = validateForm(correctionSchema, request.body);
      if (!form.ok) return reply.page(`${V}/correct.njk`, correctPage(r.ctx, form), 400);
      const state = await returns.load(r.ctx, r.auditActor);
      await returns.correct(state, r.ctx, form.data.reason, r.auditActor);
      request.session.flash =
        'A correction has been started. The approved figures stay as they are until the corrected return is approved.';
      return reply.redirect(returnPath(r.ctx), 303);
    },
  );

  app.get<ReturnParams & { Params: { number: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/revisions/:number',
    { config: { access: 'return.view' } },
    async function revisionGet(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const state = await returns.load(r.ctx, r.auditActor);
      const revision = state.revisions.find((rev) => String(rev.number) === request.params.number);
      if (!revision) throw notFound();
      const [values, comments] = await Promise.all([
        returns.valuesOf(revision.id),
        returns.listComments(revision.id),
      ]);
      return reply.page(
        `${V}/revision.njk`,
        revisionPage(r.ctx, state, revision, values, comments),
      );
    },
  );
}
