/**
 * The public pages of a partnership's joint initiatives (issue 13, decision 037):
 * `/p/{slug}/initiatives`, every initiative grouped by status, and `/p/{slug}/initiatives/{id}`,
 * one initiative. Only a public partnership's are found; only the register's public facts shown.
 */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors.js';
import { moneyPublished, publicInitiative } from '../../core/registers/initiative-public.js';
import type { Deps } from '../../deps.js';
import { publicInitiativePage, publicInitiativesPage, V } from './public-initiatives.pages.js';

const PUBLIC = { config: { access: 'public' as const } };

type Slug = { Params: { slug: string } };
type OneInitiative = { Params: { slug: string; initiativeId: string } };

export function registerPublicInitiativeRoutes(app: FastifyInstance, deps: Deps) {
  const initiatives = deps.initiatives;

  app.get<Slug>(
    '/p/:slug/initiatives',
    PUBLIC,
    async function publicInitiativesGet(request, reply) {
      const { partnership, organisations } = await deps.publicSite.partnership(request.params.slug);
      request.partnership = partnership;
      const [list, l2] = await Promise.all([
        initiatives.list(partnership.id),
        initiatives.pooledMoneyPublishing(partnership.id),
      ]);
      const money = moneyPublished(l2);
      return reply.page(
        `${V}/public-initiatives.njk`,
        publicInitiativesPage(
          partnership,
          list.map((i) => publicInitiative(i, money)),
          new Map(organisations.map((o) => [o.id, o.name])),
        ),
      );
    },
  );

  app.get<OneInitiative>(
    '/p/:slug/initiatives/:initiativeId',
    PUBLIC,
    async function publicInitiativeGet(request, reply) {
      const { partnership, organisations, published } = await deps.publicSite.partnership(
        request.params.slug,
      );
      request.partnership = partnership;
      const id = request.params.initiativeId;
      const [initiative, l2, answers] = await Promise.all([
        initiatives.get(partnership.id, id),
        initiatives.pooledMoneyPublishing(partnership.id),
        initiatives.publicAnswersLeadingTo(partnership.id, id),
      ]);
      if (!initiative) throw notFound();
      return reply.page(
        `${V}/public-initiative.njk`,
        publicInitiativePage(
          partnership,
          publicInitiative(initiative, moneyPublished(l2)),
          new Map(organisations.map((o) => [o.id, o.name])),
          answers,
          { pillarPages: !published.empty },
        ),
      );
    },
  );
}
