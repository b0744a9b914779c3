/**
 * `/sitemap.xml` and `/robots.txt` (issue 13, decision 037): every public page of every
 * partnership that has published something, for search engines, and the addresses they are asked
 * to keep out of.
 */
import type { FastifyInstance } from 'fastify';
import {
  partnershipPages,
  robotsTxt,
  SITE_PAGES,
  sitemapXml,
  type SitemapEntry,
} from '../../core/publishing/sitemap.js';
import type { Deps } from '../../deps.js';
import { sitemapService } from './sitemap.service.js';

const PUBLIC = { config: { access: 'public' as const } };

export function registerSitemapRoutes(app: FastifyInstance, deps: Deps) {
  const sitemap = sitemapService(deps);

  app.get('/sitemap.xml', PUBLIC, async function sitemapGet(request, reply) {
    const sites = await sitemap.sites();
    function* entries(): Generator<SitemapEntry> {
      yield* SITE_PAGES;
      for (const site of sites) yield* partnershipPages(site);
    }
    const { xml, truncated, count } = sitemapXml(deps.config.baseUrl, entries());
    if (truncated)
      request.log.warn(
        { count },
        'The sitemap holds its limit of addresses: the rest are left out',
      );
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=600')
      .send(xml);
  });

  app.get('/robots.txt', PUBLIC, async function robotsGet(request, reply) {
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(robotsTxt(deps.config.baseUrl));
  });
}
