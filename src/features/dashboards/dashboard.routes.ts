/** Internal dashboards: the partnership's and an organisation's overview (one line per pillar), a page per pillar, and one indicator drilled down to each organisation and its evidence. */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { inOrganisation, inPartnership } from '../../http/route-context.js';
import {
  drilldownPage,
  organisationDashboardPage,
  partnershipDashboardPage,
  pillarDashboardPage,
  V,
} from './dashboard.pages.js';

export function registerDashboardRoutes(app: FastifyInstance, deps: Deps) {
  const figures = deps.figures;

  app.get<{ Params: { slug: string } }>(
    '/manage/:slug/dashboard',
    { config: { access: 'dashboard.partnership.view' } },
    async function partnershipDashboardGet(request, reply) {
      const { partnership } = inPartnership(request);
      const read = await figures.read(partnership.id);
      return reply.page(`${V}/dashboard.njk`, partnershipDashboardPage(partnership, read));
    },
  );

  app.get<{ Params: { slug: string; code: string } }>(
    '/manage/:slug/dashboard/:code',
    { config: { access: 'dashboard.partnership.view' } },
    async function indicatorDrilldownGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const read = await figures.read(partnership.id);
      const f = read.indicators.find((i) => i.indicator.id === request.params.code);
      if (!f) throw notFound();
      const maySeeReturn = (organisationId: string) =>
        can(actor, 'return.view', { partnershipId: partnership.id, organisationId });
      return reply.page(`${V}/drilldown.njk`, drilldownPage(partnership, read, f, maySeeReturn));
    },
  );

  app.get<{ Params: { slug: string; pillar: string } }>(
    '/manage/:slug/dashboard/pillars/:pillar',
    { config: { access: 'dashboard.partnership.view' } },
    async function partnershipPillarGet(request, reply) {
      const { partnership } = inPartnership(request);
      const read = await figures.read(partnership.id);
      const page = pillarDashboardPage(partnership, null, read, request.params.pillar);
      if (!page) throw notFound();
      return reply.page(`${V}/pillar.njk`, page);
    },
  );

  app.get<{ Params: { slug: string; orgId: string; pillar: string } }>(
    '/manage/:slug/organisations/:orgId/dashboard/pillars/:pillar',
    { config: { access: 'dashboard.organisation.view' } },
    async function organisationPillarGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const read = await figures.read(partnership.id);
      const page = pillarDashboardPage(partnership, organisation, read, request.params.pillar);
      if (!page) throw notFound();
      return reply.page(`${V}/pillar.njk`, page);
    },
  );

  app.get<{ Params: { slug: string; orgId: string } }>(
    '/manage/:slug/organisations/:orgId/dashboard',
    { config: { access: 'dashboard.organisation.view' } },
    async function organisationDashboardGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const read = await figures.read(partnership.id);
      return reply.page(
        `${V}/dashboard.njk`,
        organisationDashboardPage(partnership, organisation, read),
      );
    },
  );
}
