/** Reviewing returns: the partnership's returns and review queue, and approving or querying a return. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors, type FormErrors } from '../../http/form-errors.js';
import { formBody, inPartnership } from '../../http/route-context.js';
import { inReturn, returnPath, type InReturn } from './return-context.js';
import { overviewPage, returnsPath, reviewPage, V } from './returns.pages.js';
import { readReview } from './returns.schema.js';
import type { ReturnState } from './returns.service.js';
import { previousFigures } from './query-loop.js';
import { loadSpendFigures } from './spend-figures.js';
import { notifyReturnSentBack } from '../notifications/notifications.service.js';

type ReturnParams = { Params: { slug: string; orgId: string; periodId: string } };

export function registerReviewRoutes(app: FastifyInstance, deps: Deps) {
  const { returns, evidence } = deps;

  app.get<{ Params: { slug: string } }>(
    '/manage/:slug/returns',
    { config: { access: 'reviews.queue' } },
    async function returnsOverviewGet(request, reply) {
      const { partnership } = inPartnership(request);
      const data = await returns.partnershipOverview(partnership.id);
      return reply.page(`${V}/overview.njk`, overviewPage(partnership, data));
    },
  );

  /** The review page: every figure with its evidence and the queries so far. */
  async function reviewView(
    r: InReturn,
    state: ReturnState,
    form: { values: Record<string, unknown>; errors: FormErrors },
  ) {
    const [comments, files, spend, previous] = await Promise.all([
      returns.listComments(state.revision.id),
      evidence.files(state.revision.id),
      loadSpendFigures(deps, r.ctx, state),
      returns.previousValues(r.ctx),
    ]);
    return {
      ...reviewPage(r.ctx, state, { comments, files }, form),
      spend,
      previous: previousFigures(previous, state.sections),
    };
  }

  app.get<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/review',
    { config: { access: 'return.review' } },
    async function reviewGet(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const state = await returns.load(r.ctx, r.auditActor);
      if (state.revision.status !== 'submitted') return reply.redirect(returnPath(r.ctx), 303);
      return reply.page(
        `${V}/review.njk`,
        await reviewView(r, state, { values: {}, errors: noErrors }),
      );
    },
  );

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/review',
    { config: { access: 'return.review' } },
    async function reviewPost(request, reply) {
      const r = await inReturn(request, returns, request.params.periodId);
      const state = await returns.load(r.ctx, r.auditActor);
      const body = formBody(request);
      const review = readReview(body, state.sections);
      if (!review.ok)
        return reply.page(
          `${V}/review.njk`,
          await reviewView(r, state, { values: body, errors: formErrors(review.problems) }),
          400,
        );
      const { decision, queries } = review.data;
      if (decision === 'approve') {
        await returns.approve(state, r.ctx, r.auditActor);
        request.session.flash = `${r.organisation.name}’s ${r.period.label} return is approved. Its figures are now locked.`;
      } else {
        await returns.returnWithQueries(state, r.ctx, queries, r.auditActor);
        await notifyReturnSentBack(deps, state.revision.id);
        request.session.flash = `${r.organisation.name}’s ${r.period.label} return has been returned with ${queries.length} ${queries.length === 1 ? 'query' : 'queries'}.`;
      }
      return reply.redirect(returnsPath(r.partnership), 303);
    },
  );
}
