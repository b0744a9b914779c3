/** The public shell: partnerships that are public, their pages, and the statements every service needs. */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors.js';
import { organisationTypeLabel } from '../../core/organisation-types.js';
import type { Deps } from '../../deps.js';
import {
  findPartnershipBySlug,
  listOrganisations,
  listPublicPartnerships,
} from '../tenancy/tenancy.repo.js';

const PUBLIC = { config: { access: 'public' as const } };

export function registerPublicRoutes(app: FastifyInstance, deps: Deps) {
  const db = deps.database.db;

  app.get('/', PUBLIC, async function publicHomeGet(request, reply) {
    const partnerships = await listPublicPartnerships(db);
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
      const partnership = await findPartnershipBySlug(db, request.params.slug);
      if (!partnership || !partnership.is_public) throw notFound();
      request.partnership = partnership;
      const organisations = await listOrganisations(db, partnership.id);
      return reply.page('features/public/views/partnership.njk', {
        title: partnership.name,
        area: partnership.local_area.map((c) => ({ code: c, name: deps.districts.name(c) })),
        organisations: organisations.map((o) => ({
          ...o,
          typeLabel: organisationTypeLabel(o.type),
        })),
        breadcrumbs: [{ href: '/', text: 'Home' }],
      });
    },
  );

  app.get('/accessibility', PUBLIC, async function accessibilityGet(request, reply) {
    return reply.page('features/public/views/accessibility.njk', {
      title: 'Accessibility statement',
      baseUrl: deps.config.baseUrl,
      operator: deps.config.operator,
    });
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
    await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute();
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
}
