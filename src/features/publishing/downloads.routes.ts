/**
 * `/p/{slug}/downloads`: every open-data file a public partnership publishes, with when it was
 * published and the licence (downloads.pages.ts). The years and their revisions come from the
 * publishing service in one read.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { downloadsPage } from './downloads.pages.js';
import { V } from './publishing.pages.js';

const PUBLIC = { config: { access: 'public' as const } };

export function registerDownloadRoutes(app: FastifyInstance, deps: Deps) {
  app.get<{ Params: { slug: string } }>(
    '/p/:slug/downloads',
    PUBLIC,
    async function publicDownloadsGet(request, reply) {
      const { partnership } = await deps.publicSite.partnership(request.params.slug);
      request.partnership = partnership;
      const years = await deps.publishing.years(partnership.id);
      return reply.page(
        `${V}/public-downloads.njk`,
        downloadsPage(
          partnership,
          years.map((y) => y.revisions),
        ),
      );
    },
  );
}
