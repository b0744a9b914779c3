/** The maturity self-assessment: an organisation's ratings by year, the partnership's grid, and review. */
import type { FastifyInstance } from 'fastify';
import { fyLabel } from '../../core/periods.js';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { formBody, inOrganisation, inPartnership } from '../../http/route-context.js';
import {
  gridPage,
  gridPath,
  organisationPage,
  organisationPath,
  reviewPage,
  V,
  valuesFrom,
  yearFrom,
} from './maturity.pages.js';
import { readDecisions, readRatings } from './maturity.schema.js';

type OrgParams = { Params: { slug: string; orgId: string }; Querystring: { year?: string } };

export function registerMaturityRoutes(app: FastifyInstance, deps: Deps) {
  const maturity = deps.maturity;

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/maturity',
    { config: { access: 'dashboard.organisation.view' } },
    async function maturityGet(request, reply) {
      const { partnership, organisation, actor } = inOrganisation(request);
      const year = yearFrom(partnership, request.query.year);
      const rows = await maturity.list(partnership.id, { organisationId: organisation.id, year });
      const canEdit = can(actor, 'maturity.edit', {
        partnershipId: partnership.id,
        organisationId: organisation.id,
      });
      return reply.page(
        `${V}/organisation.njk`,
        organisationPage(
          partnership,
          organisation,
          year,
          rows,
          { values: valuesFrom(rows), errors: noErrors },
          canEdit,
        ),
      );
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/maturity',
    { config: { access: 'maturity.edit' } },
    async function maturityPost(request, reply) {
      const { partnership, organisation, auditActor } = inOrganisation(request);
      const year = yearFrom(partnership, request.query.year);
      const body = formBody(request);
      const { ratings, problems } = readRatings(body);
      if (problems.length) {
        const rows = await maturity.list(partnership.id, { organisationId: organisation.id, year });
        return reply.page(
          `${V}/organisation.njk`,
          organisationPage(
            partnership,
            organisation,
            year,
            rows,
            { values: body, errors: formErrors(problems) },
            true,
          ),
          400,
        );
      }
      const changed = await maturity.rate(
        partnership.id,
        organisation.id,
        year,
        ratings,
        auditActor,
      );
      request.session.flash = changed
        ? `Your ${fyLabel(year, partnership.fy_start_month)} self-assessment has been saved and sent for review.`
        : 'Nothing had changed.';
      return reply.redirect(`${organisationPath(partnership, organisation)}?year=${year}`, 303);
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { year?: string } }>(
    '/manage/:slug/maturity',
    { config: { access: 'maturity.review' } },
    async function maturityGridGet(request, reply) {
      const { partnership } = inPartnership(request);
      return reply.page(
        `${V}/grid.njk`,
        gridPage(partnership, await maturity.grid(partnership.id)),
      );
    },
  );

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/maturity/review',
    { config: { access: 'maturity.review' } },
    async function maturityReviewGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const year = yearFrom(partnership, request.query.year);
      const rows = await maturity.list(partnership.id, { organisationId: organisation.id, year });
      return reply.page(
        `${V}/review.njk`,
        reviewPage(partnership, organisation, year, rows, { values: {}, errors: noErrors }),
      );
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/maturity/review',
    { config: { access: 'maturity.review' } },
    async function maturityReviewPost(request, reply) {
      const { partnership, organisation, auditActor } = inOrganisation(request);
      const year = yearFrom(partnership, request.query.year);
      const body = formBody(request);
      const rows = await maturity.list(partnership.id, { organisationId: organisation.id, year });
      const { decisions, problems } = readDecisions(body, rows);
      if (problems.length) {
        return reply.page(
          `${V}/review.njk`,
          reviewPage(partnership, organisation, year, rows, {
            values: body,
            errors: formErrors(problems),
          }),
          400,
        );
      }
      await maturity.review(partnership.id, organisation.id, year, decisions, auditActor);
      request.session.flash = `Your review of ${organisation.name}’s self-assessment has been saved.`;
      return reply.redirect(gridPath(partnership), 303);
    },
  );
}
