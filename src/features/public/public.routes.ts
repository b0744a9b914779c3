/** The public shell: partnerships that are public, their pages, and the statements every service needs. */
import type { FastifyInstance } from 'fastify';
import { accessibilityStatementPage } from './accessibility.js';
import { partnershipPage } from './public.pages.js';
import type { Deps } from '../../deps.js';

const PUBLIC = { config: { access: 'public' as const } };

export function registerPublicRoutes(app: FastifyInstance, deps: Deps) {
  const service = deps.publicSite;

  app.get('/', PUBLIC, async function publicHomeGet(request, reply) {
    const partnerships = await service.partnerships();
    return reply.page('features/public/views/home.njk', {
      title: 'Social value, accounted for in public',
      description: `Anchorage is where anchor institutions and their partnerships publish the social value charter they agreed with their communities and what they did about it: ${partnerships.length === 0 ? 'no partnership has published its pages yet' : `${partnerships.length} ${partnerships.length === 1 ? 'partnership' : 'partnerships'} so far`}.`,
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
      // The layout names the partnership.
      request.partnership = site.partnership;
      return reply.pageOf(site.version, 'features/public/views/partnership.njk', async () => {
        const [latest] = site.published.latestOfEachYear();
        return partnershipPage(
          site,
          latest && (await deps.publishing.withSnapshot(latest)),
          (code) => deps.districts.name(code),
        );
      });
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
      description:
        'What personal data Anchorage holds about people who read its pages, take part in a consultation or have an account, why, for how long, and what your rights are.',
      operator: deps.config.operator,
    });
  });

  app.get('/about', PUBLIC, async function aboutGet(request, reply) {
    return reply.page('features/public/views/about.njk', {
      title: 'About Anchorage',
      description:
        'Anchorage is open-source software for anchor institutions to agree a Social Value Charter with their communities, measure what they do across six pillars, and account for it in public.',
    });
  });

  app.get('/health', PUBLIC, async function healthGet(request, reply) {
    await service.healthy();
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
}
