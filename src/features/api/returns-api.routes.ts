/**
 * The returns API (decision 035): an organisation's returns read, filled in and sent for review
 * by a program, with a personal API token (Authorization: Bearer anc_…) and never the session
 * cookie. Each route declares its action in the role matrix, as the pages do; access control
 * (http/access.ts, http/token-auth.ts) checks the token, the partnership and organisation in the
 * address, the role and the token's scope. The figures are checked by the same schema as the
 * return's form (core/framework/validate.ts), and every change is audited as the token's person,
 * via the token.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { forbidden, notFound } from '../../core/errors.js';
import { mayEditSection } from '../../core/policies/returns.js';
import type { Action } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { sendApiError } from '../../http/api-errors.js';
import { inPartnership } from '../../http/route-context.js';
import { apiRateKey } from '../../http/token-auth.js';
import { inApiReturn } from './api-context.js';
import { returnDocument, returnListDocument, sectionInput } from './api.documents.js';
import { PillarParam, SectionUpdate } from './api.schemas.js';

type ReturnParams = { slug: string; orgCode: string; period: string };

/** A person's returns are theirs to see: kept by no shared cache. */
function sendPrivate(reply: FastifyReply, document: unknown) {
  return reply
    .header('cache-control', 'private, no-cache')
    .type('application/json; charset=utf-8')
    .send(document);
}

export function registerReturnsApiRoutes(app: FastifyInstance, deps: Deps) {
  const { returns } = deps;
  const base = deps.config.baseUrl;
  const withToken = (access: Action) => ({
    config: {
      access,
      auth: 'token' as const,
      rateLimit: {
        max: deps.config.rateLimits.apiPerMinute,
        timeWindow: 60_000,
        keyGenerator: apiRateKey,
      },
    },
  });

  /** The return as it stands, as this token's person sees it. */
  async function current(request: Parameters<typeof inApiReturn>[0], params: ReturnParams) {
    const r = await inApiReturn(request, returns, params.period);
    const state = await returns.load(r.ctx, r.auditActor);
    const comments = await returns.listComments(state.revision.id);
    return { r, state, document: returnDocument(base, r.ctx, state, comments, r.actor, r.scope) };
  }

  app.get<{ Params: { slug: string } }>(
    '/api/v1/partnerships/:slug/returns',
    withToken('partnership.view'),
    async function apiReturnsGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const [periods, organisations, statuses] = await Promise.all([
        returns.listPeriods(partnership.id),
        deps.tenancy.organisations(partnership.id),
        returns.returnsOverview(partnership.id),
      ]);
      return sendPrivate(
        reply,
        returnListDocument(base, actor, partnership, periods, organisations, statuses),
      );
    },
  );

  app.get<{ Params: ReturnParams }>(
    '/api/v1/partnerships/:slug/organisations/:orgCode/returns/:period',
    withToken('return.view'),
    async function apiReturnGet(request, reply) {
      return sendPrivate(reply, (await current(request, request.params)).document);
    },
  );

  app.put<{ Params: ReturnParams & { pillar: string } }>(
    '/api/v1/partnerships/:slug/organisations/:orgCode/returns/:period/sections/:pillar',
    withToken('return.edit'),
    async function apiSectionPut(request, reply) {
      const r = await inApiReturn(request, returns, request.params.period);
      const pillar = PillarParam.safeParse(request.params.pillar);
      if (!pillar.success) throw notFound();
      if (!mayEditSection(r.actor, r.target, pillar.data)) throw forbidden('pillar not allowed');
      const body = SectionUpdate.safeParse(request.body);
      if (!body.success)
        return sendApiError(
          reply,
          400,
          'invalid',
          `Send the section as JSON: { "values": { "item": 1250 }, "complete": true }. ${body.error.issues
            .map((i) => `${i.path.join('.') || 'The body'}: ${i.message}`)
            .join('; ')}`,
        );
      const state = await returns.load(r.ctx, r.auditActor);
      const section = state.sections.find((s) => s.pillar === pillar.data);
      if (!section) throw notFound();
      const input = sectionInput(section, body.data.values);
      if (!input.ok)
        return sendApiError(reply, 400, 'invalid', 'Nothing was saved.', input.problems);
      const complete = body.data.complete ?? false;
      const { errors } = await returns.savePillar(
        state,
        r.ctx,
        pillar.data,
        input.raw,
        complete,
        r.auditActor,
      );
      if (errors.length)
        return sendApiError(
          reply,
          400,
          'invalid',
          'Some figures are not right, so nothing was saved.',
          errors.map((e) => ({ item: e.item, message: e.text })),
        );
      return sendPrivate(reply, (await current(request, request.params)).document);
    },
  );

  app.post<{ Params: ReturnParams }>(
    '/api/v1/partnerships/:slug/organisations/:orgCode/returns/:period/submit',
    withToken('return.submit'),
    async function apiReturnSubmit(request, reply) {
      const { r, state } = await current(request, request.params);
      await returns.submit(state, r.ctx, r.auditActor);
      return sendPrivate(reply, (await current(request, request.params)).document);
    },
  );
}
