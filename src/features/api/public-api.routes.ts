/**
 * The public API (decision 035): a partnership's published figures as JSON, with no key, for
 * programs such as Power BI. The same documents as the figures.json downloads, at addresses
 * that name the partnership, the year and the revision. A partnership that is not public, or has
 * published nothing, is answered as one that does not exist: 404.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { partnershipDocument, publishedFiguresDocument } from './api.documents.js';
import { RevisionParam, SlugParam, YearParam } from './api.schemas.js';
import { yearFromParam } from '../publishing/publishing.service.js';

const PUBLIC = { config: { access: 'public' as const } };

type Params = { slug: string; year: string; revision: string };

const nothing = (what: string) =>
  new DomainError('NOT_FOUND', `public API: ${what}`, `There are no published figures ${what}.`);

/** Published data is for anyone: any web page may read it (CORS), and no cookie is set. */
function sendPublic(reply: FastifyReply, document: unknown) {
  return reply
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .type('application/json; charset=utf-8')
    .send(document);
}

export function registerPublicApiRoutes(app: FastifyInstance, deps: Deps) {
  const base = deps.config.baseUrl;

  /** The public partnership the address names, if it has published anything. */
  async function published(slug: string) {
    const parsed = SlugParam.safeParse(slug);
    if (!parsed.success) throw nothing('for this partnership');
    // The partnership and every revision it has published, in one query (or none: decision 038).
    const { partnership, published } = await deps.publicSite
      .partnership(parsed.data)
      .catch((error: unknown) => {
        throw error instanceof DomainError ? nothing('for this partnership') : error;
      });
    const years = published.latestOfEachYear();
    if (years.length === 0) throw nothing('for this partnership');
    return { partnership, published, years };
  }

  /** A year's publication: its latest revision, or the one asked for. */
  async function figures(params: Pick<Params, 'slug' | 'year'>, revision?: string) {
    const site = await published(params.slug);
    const year = YearParam.safeParse(params.year);
    const fy = year.success ? yearFromParam(year.data) : null;
    const asked = revision === undefined ? undefined : RevisionParam.safeParse(revision);
    if (fy === null || asked?.success === false) throw nothing('for this year');
    const n = asked?.data === undefined ? undefined : Number(asked.data);
    const header = site.published.find(fy, n);
    if (!header) throw nothing(n === undefined ? 'for this year' : 'in this revision');
    // A publication's figures never change: kept in memory once read (decision 033).
    const publication = await deps.publishing.withSnapshot(header);
    return publishedFiguresDocument(base, site.partnership.slug, publication, n);
  }

  app.get<{ Params: Pick<Params, 'slug'> }>(
    '/api/v1/partnerships/:slug',
    PUBLIC,
    async function apiPartnershipGet(request, reply) {
      const { partnership, years } = await published(request.params.slug);
      return sendPublic(reply, partnershipDocument(base, partnership, years));
    },
  );

  app.get<{ Params: Pick<Params, 'slug' | 'year'> }>(
    '/api/v1/partnerships/:slug/figures/:year',
    PUBLIC,
    async function apiFiguresGet(request, reply) {
      return sendPublic(reply, await figures(request.params));
    },
  );

  app.get<{ Params: Params }>(
    '/api/v1/partnerships/:slug/figures/:year/revisions/:revision',
    PUBLIC,
    async function apiFiguresRevisionGet(request, reply) {
      return sendPublic(reply, await figures(request.params, request.params.revision));
    },
  );
}
