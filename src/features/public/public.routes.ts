/** The public shell: partnerships that are public, their pages, and the statements every service needs. */
import type { FastifyInstance } from 'fastify';
import { accessibilityStatementPage } from './accessibility.js';
import { organisationTypeLabel } from '../../core/organisation-types.js';
import type { Deps } from '../../deps.js';
import { publicYearPath } from '../publishing/publishing.pages.js';
import { fyLabel } from '../publishing/publishing.service.js';
import { PILLARS_AND_ACCOUNTABILITY } from '../../core/pillars.js';
import { formatDate } from '../../core/dates.js';
import { listInWords } from '../../core/registers/initiative-public.js';

const PUBLIC = { config: { access: 'public' as const } };

/** The partnership's page in one sentence: who is in it, where, and what it has published. */
function partnershipDescription(
  name: string,
  organisations: number,
  areas: readonly string[],
  latest: { year: string; on: string } | undefined,
) {
  const where =
    areas.length <= 3 ? listInWords(areas) : `${areas.length} local authority districts`;
  const members = `${organisations} ${organisations === 1 ? 'member organisation' : 'member organisations'}`;
  const figures = latest
    ? `its social value figures for ${latest.year} (published on ${latest.on}) and whether each is on track`
    : 'its social value figures once they are published';
  return `${name}, a partnership of ${members} in ${where}: its Social Value Charter and who signed it, ${figures}, joint initiatives, and its answers to what residents raised.`;
}

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
      const { partnership, organisations } = site;
      // The layout names the partnership.
      request.partnership = partnership;
      const published = site.published.latestOfEachYear();
      const latest = published[0];
      return reply.pageOf(site.version, 'features/public/views/partnership.njk', () => ({
        title: partnership.name,
        description: partnershipDescription(
          partnership.name,
          organisations.length,
          partnership.local_area.map((c) => deps.districts.name(c)),
          latest && { year: fyLabel(latest.fyStartYear), on: formatDate(latest.publishedAt) },
        ),
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
