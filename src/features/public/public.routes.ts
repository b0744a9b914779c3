/** The public shell: partnerships that are public, their pages, and the statements every service needs. */
import type { FastifyInstance } from 'fastify';
import { accessibilityStatementPage } from './accessibility.js';
import { organisationTypeLabel } from '../../core/organisation-types.js';
import type { Deps } from '../../deps.js';
import { publicYearPath } from '../publishing/publishing.pages.js';
import { fyLabel } from '../publishing/publishing.service.js';
import { PILLARS_AND_ACCOUNTABILITY } from '../../core/pillars.js';

const PUBLIC = { config: { access: 'public' as const } };

export function registerPublicRoutes(app: FastifyInstance, deps: Deps) {
  const service = deps.publicSite;

  app.get('/', PUBLIC, async function publicHomeGet(request, reply) {
    const partnerships = await service.partnerships();
    return reply.page('features/public/views/home.njk', {
      title: 'Social value, accounted for in public',
      partnerships: partnerships.map((p) => ({
        ...p,
        areaNames: p.local_area.map((c) => deps.districts.name(c)),
      })),
    });
  });

  app.get<{ Params: { slug: string } }>(
    '/p/:slug',
    PUBLIC,
    async function publicPartnershipGet(request, reply) {
      const site = await service.partnership(request.params.slug, {
        fresh: request.user !== null,
      });
      const { partnership, organisations } = site;
      // The layout names the partnership.
      request.partnership = partnership;
      const published = site.published.latestOfEachYear();
      const latest = published[0];
      return reply.pageOf(site.version, 'features/public/views/partnership.njk', () => ({
        title: partnership.name,
        published: latest
          ? {
              href: publicYearPath(partnership.slug, latest.fyStartYear),
              text: `Figures for ${fyLabel(latest.fyStartYear)}`,
              years: published.length,
              pillars: PILLARS_AND_ACCOUNTABILITY,
            }
          : undefined,
        area: partnership.local_area.map((c) => ({ code: c, name: deps.districts.name(c) })),
        organisations: organisations.map((o) => ({
          ...o,
          typeLabel: organisationTypeLabel(o.type),
        })),
        breadcrumbs: [{ href: '/', text: 'Home' }],
      }));
    },
  );

  app.get('/accessibility', PUBLIC, async function accessibilityGet(request, reply) {
    return reply.page(
      'features/public/views/accessibility.njk',
      accessibilityStatementPage(deps.config),
    );
  });

  app.get('/privacy', PUBLIC, async function privacyGet(request, reply) {
    return reply.page('features/public/views/privacy.njk', {
      title: 'Privacy notice',
      operator: deps.config.operator,
    });
  });

  app.get('/about', PUBLIC, async function aboutGet(request, reply) {
    return reply.page('features/public/views/about.njk', { title: 'About Anchorage' });
  });

  app.get('/health', PUBLIC, async function healthGet(request, reply) {
    await service.healthy();
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
}
