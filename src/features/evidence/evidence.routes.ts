/** Downloading an evidence file: only for people who can see the figure it supports. */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors.js';
import { can, type Actor } from '../../core/roles.js';
import type { Partnership } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { listIndicators } from '../framework/framework.repo.js';
import { itemsOf } from '../../core/framework/compute.js';

export function registerEvidenceRoutes(app: FastifyInstance, deps: Deps) {
  app.get<{ Params: { slug: string; evidenceId: string } }>(
    '/manage/:slug/evidence/:evidenceId',
    { config: { access: 'partnership.view' } },
    async function evidenceDownloadGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const actor = request.actor as Actor;
      const file = await deps.evidence.find(partnership.id, request.params.evidenceId);
      if (!file) throw notFound();
      const indicators = await listIndicators(deps.database.db, partnership.id);
      const pillar = indicators.find((i) => itemsOf(i.computation).includes(file.item_id))?.pillar;
      const target = {
        partnershipId: partnership.id,
        organisationId: file.organisation_id,
        ...(pillar && pillar !== 'accountability' ? { pillar } : {}),
      };
      // Someone who cannot see the figure cannot learn that the file exists.
      if (!can(actor, 'return.view', target)) throw notFound();
      return reply
        .header('content-type', file.content_type)
        .header('content-length', String(file.size_bytes))
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(file.original_name)}`,
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(deps.evidence.open(file.stored_name));
    },
  );
}
