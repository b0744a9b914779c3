/** The partnership lead importing spend on behalf of a member organisation, choosing which. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { inPartnership } from '../../http/route-context.js';
import { IMPORT_FOR_VIEW, importForPage } from './import-for.pages.js';

export function registerImportForRoutes(app: FastifyInstance, deps: Deps) {
  app.get<{ Params: { slug: string }; Querystring: { organisation?: string } }>(
    '/manage/:slug/spend/import',
    { config: { access: 'spend.import.members' } },
    async function spendImportForGet(request, reply) {
      const { partnership } = inPartnership(request);
      const organisations = await deps.tenancy.organisations(partnership.id);
      const page = importForPage(
        partnership,
        organisations,
        request.query.organisation,
        deps.config.spendUploadMaxBytes,
      );
      return reply.page(IMPORT_FOR_VIEW, page, page.errors.list.length ? 400 : undefined);
    },
  );
}
