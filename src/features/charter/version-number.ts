/**
 * A charter version named by its number in a public address (`/p/{slug}/charter/versions/{number}`
 * and the consultation's pages below it). Drafts are never public.
 */
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../core/errors.js';
import type { Deps } from '../../deps.js';

export type VersionNumberParams = { Params: { slug: string; number: string } };

/** An address's `:number` as a version number: 0, which no version has, unless 1 to 6 digits. */
export function versionNumber(param: string): number {
  return /^\d{1,6}$/.test(param) ? Number(param) : 0;
}

/**
 * The public partnership of `:slug` (set on the request for the layout) and its version numbered
 * `:number`, with its text; 404 when there is no such version or it is a draft.
 */
export async function publicVersion(
  deps: Pick<Deps, 'publicSite' | 'charter'>,
  request: FastifyRequest<VersionNumberParams>,
) {
  const { partnership } = await deps.publicSite.partnership(request.params.slug);
  request.partnership = partnership;
  const current = await deps.charter.versionByNumber(
    partnership.id,
    versionNumber(request.params.number),
  );
  if (!current || current.version.state === 'draft') throw notFound();
  return { partnership, current };
}
