/**
 * `/p/{slug}/downloads`: every open-data file a public partnership publishes, with when it was
 * published and the licence (downloads.pages.ts). The years and their revisions are those of the
 * public partnership's one read (PublicService.partnership), so the page costs no other query.
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
      // What it lists is what the partnership's one read holds: every revision's header.
      const site = await deps.publicSite.partnership(request.params.slug, {
        fresh: request.user !== null,
      });
      request.partnership = site.partnership;
      return reply.pageOf(site.version, `${V}/public-downloads.njk`, () =>
        downloadsPage(
          site.partnership,
          site.published.latestOfEachYear().map((y) => site.published.revisions(y.fyStartYear)),
        ),
      );
    },
  );
}
