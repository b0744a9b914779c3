/** An organisation's workforce page, and the payroll import's pages (the import engine's). */
import type { FastifyInstance } from 'fastify';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { inOrganisation } from '../../http/route-context.js';
import { registerCollectedImportRoutes } from '../imports/imports.routes.js';
import type { CollectedKindSpec } from '../imports/imports.service.js';
import { PAYROLL_KIND } from './payroll-import.js';
import { PAYROLL_PAGES, V, workforcePage } from './workforce.pages.js';

export const PAYROLL_SPEC: CollectedKindSpec<string> = {
  kind: PAYROLL_KIND,
  personal: true,
  forYear: true,
  viewAction: 'workforce.view',
  importAction: 'payroll.import',
};

type OrgParams = { Params: { slug: string; orgId: string } };

export function registerWorkforceRoutes(app: FastifyInstance, deps: Deps) {
  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/workforce',
    { config: { access: 'workforce.view' } },
    async function workforceGet(request, reply) {
      const { partnership, organisation, actor } = inOrganisation(request);
      const years = await deps.workforce.years(partnership, organisation);
      return reply.page(
        `${V}/workforce.njk`,
        workforcePage(partnership, organisation, years, {
          import: can(actor, 'payroll.import', {
            partnershipId: partnership.id,
            organisationId: organisation.id,
          }),
        }),
      );
    },
  );
  registerCollectedImportRoutes(app, deps, PAYROLL_SPEC, PAYROLL_PAGES);
}
