/**
 * The public charter pages: `/p/{slug}/charter` (the adopted text, its signatories and their
 * pledges with how each is going), every version that has left draft, and one version with its
 * changes from the version before. Drafts are never public.
 */
import type { FastifyInstance } from 'fastify';
import { isoDate } from '../../core/periods.js';
import type { Deps } from '../../deps.js';
import { publicCharterPage, publicVersionPage, publicVersionsPage, V } from './charter.pages.js';
import { publishedPledgeViews } from './charter.progress.js';
import { publicVersion, type VersionNumberParams } from './version-number.js';

const PUBLIC = { config: { access: 'public' as const } };
type Slug = { Params: { slug: string } };

export function registerPublicCharterRoutes(app: FastifyInstance, deps: Deps) {
  const charter = deps.charter;

  app.get<Slug>('/p/:slug/charter', PUBLIC, async function publicCharterGet(request, reply) {
    const { partnership } = await deps.publicSite.partnership(request.params.slug);
    request.partnership = partnership;
    const [versions, adopted, signatures, pledges, published] = await Promise.all([
      charter.versions(partnership.id),
      charter.adopted(partnership.id),
      charter.signatures(partnership.id),
      charter.pledges(partnership.id),
      deps.publishing.latestOfEachYear(partnership.id),
    ]);
    const current = adopted ? signatures.filter((s) => s.version_id === adopted.version.id) : [];
    const signedNow = new Set(current.map((s) => s.organisation_id));
    const earlier = new Map<string, { organisation_name: string; version_number: number }>();
    for (const s of signatures)
      if (!signedNow.has(s.organisation_id) && s.version_id !== adopted?.version.id) {
        const seen = earlier.get(s.organisation_id);
        if (!seen || seen.version_number < s.version_number) earlier.set(s.organisation_id, s);
      }
    return reply.page(
      `${V}/public-charter.njk`,
      publicCharterPage(
        partnership,
        adopted,
        versions.find((v) => v.state === 'consultation'),
        current,
        adopted ? [...earlier.values()] : [],
        publishedPledgeViews(pledges, adopted?.items ?? [], published, isoDate(new Date())),
        versions.filter((v) => v.state !== 'draft').length,
      ),
    );
  });

  app.get<Slug>(
    '/p/:slug/charter/versions',
    PUBLIC,
    async function publicCharterVersionsGet(request, reply) {
      const { partnership } = await deps.publicSite.partnership(request.params.slug);
      request.partnership = partnership;
      const versions = await charter.versions(partnership.id);
      return reply.page(`${V}/public-versions.njk`, publicVersionsPage(partnership, versions));
    },
  );

  app.get<VersionNumberParams>(
    '/p/:slug/charter/versions/:number',
    PUBLIC,
    async function publicCharterVersionGet(request, reply) {
      const { partnership, current } = await publicVersion(deps, request);
      const previous = await charter.previous(partnership.id, current.version);
      return reply.page(
        `${V}/public-version.njk`,
        publicVersionPage(partnership, current, previous),
      );
    },
  );
}
