/** The open queries across a partnership's organisations (the to-do list is on the home pages). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { inPartnership } from '../../http/route-context.js';
import { queriesPage, V } from './home.pages.js';

export function registerHomeRoutes(app: FastifyInstance, deps: Deps) {
  app.get<{ Params: { slug: string } }>(
    '/manage/:slug/queries',
    { config: { access: 'reviews.queue' } },
    async function openQueriesGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { queries, itemLabel } = await deps.home.queries(partnership.id);
      return reply.page(`${V}/queries.njk`, queriesPage(partnership, queries, itemLabel));
    },
  );
}
