/**
 * The environment pages: an organisation's activity data, emissions and net-zero path (with a
 * toggle between each year's own factors and one year's, as a query parameter), its manual entry
 * form, the partnership's page, and the platform's conversion-factor sets.
 */
import type { FastifyInstance } from 'fastify';
import { fyLabel } from '../../core/periods.js';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { formBody, inOrganisation, inPartnership, signedIn } from '../../http/route-context.js';
import {
  activityFormValues,
  activityPage,
  basisFrom,
  FACTORS_PATH,
  factorsPage,
  organisationPage,
  organisationPath,
  partnershipPage,
  V,
  yearFrom,
} from './environment.pages.js';
import { readHandEnteredSet } from './environment.schema.js';
import { sendCsv } from '../../http/csv-download.js';
import { registerCollectedImportRoutes } from '../imports/imports.routes.js';
import {
  ACTIVITY_PAGES,
  ACTIVITY_SPEC,
  activityTemplateRows,
  ERIC_PAGES,
  ERIC_SPEC,
} from './activity-import.pages.js';

type OrgQuery = {
  Params: { slug: string; orgId: string };
  Querystring: { year?: string; basis?: string };
};

export function registerEnvironmentRoutes(app: FastifyInstance, deps: Deps) {
  registerCollectedImportRoutes(app, deps, ACTIVITY_SPEC, ACTIVITY_PAGES);
  registerCollectedImportRoutes(app, deps, ERIC_SPEC, ERIC_PAGES);
  app.get<{ Params: { slug: string; orgId: string } }>(
    '/manage/:slug/organisations/:orgId/environment/template.csv',
    { config: { access: 'environment.edit' } },
    async function activityTemplateGet(request, reply) {
      const { organisation } = inOrganisation(request);
      return sendCsv(reply, `activity-template-${organisation.code}.csv`, activityTemplateRows());
    },
  );
  const { environment, carbonFactors } = deps;

  app.get<OrgQuery>(
    '/manage/:slug/organisations/:orgId/environment',
    { config: { access: 'environment.view' } },
    async function environmentGet(request, reply) {
      const { partnership, organisation, actor } = inOrganisation(request);
      const first = await environment.organisation(partnership.id, organisation.id, {
        years: [],
        factorYear: null,
      });
      const latest = first.years.filter((y) => y.emissions).at(-1)?.fyStartYear;
      const year = yearFrom(partnership, request.query.year, latest);
      const factorYear = basisFrom(request.query.basis, first.factorYears);
      const env = await environment.organisation(partnership.id, organisation.id, {
        years: [year],
        factorYear,
      });
      const canEdit = can(actor, 'environment.edit', {
        partnershipId: partnership.id,
        organisationId: organisation.id,
        pillar: 'environment',
      });
      return reply.page(
        `${V}/organisation.njk`,
        organisationPage(partnership, organisation, env, { factorYear, year, canEdit }),
      );
    },
  );

  app.get<OrgQuery>(
    '/manage/:slug/organisations/:orgId/environment/activity',
    { config: { access: 'environment.edit' } },
    async function environmentActivityGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const year = yearFrom(partnership, request.query.year);
      const env = await environment.organisation(partnership.id, organisation.id, {
        years: [year],
        factorYear: null,
      });
      return reply.page(
        `${V}/activity.njk`,
        activityPage(partnership, organisation, year, {
          values: activityFormValues(env, year),
          errors: noErrors,
        }),
      );
    },
  );

  app.post<OrgQuery>(
    '/manage/:slug/organisations/:orgId/environment/activity',
    { config: { access: 'environment.edit' } },
    async function environmentActivityPost(request, reply) {
      const { partnership, organisation, auditActor } = inOrganisation(request);
      const year = yearFrom(partnership, request.query.year);
      const body = formBody(request);
      const { problems, recorded } = await environment.recordManual(
        { partnershipId: partnership.id, organisationId: organisation.id, fyStartYear: year, body },
        auditActor,
      );
      if (problems.length)
        return reply.page(
          `${V}/activity.njk`,
          activityPage(partnership, organisation, year, {
            values: body,
            errors: formErrors(problems),
          }),
          400,
        );
      const label = fyLabel(year, partnership.fy_start_month);
      request.session.flash = recorded?.changed.length
        ? `Activity data for ${label} saved: emissions worked out again.`
        : `Nothing had changed in ${label}.`;
      return reply.redirect(`${organisationPath(partnership, organisation)}?year=${year}`, 303);
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { basis?: string } }>(
    '/manage/:slug/environment',
    { config: { access: 'environment.partnership.view' } },
    async function environmentPartnershipGet(request, reply) {
      const { partnership } = inPartnership(request);
      const organisations = await deps.tenancy.organisations(partnership.id);
      const first = await environment.partnership(partnership.id, organisations, {
        years: [],
        factorYear: null,
      });
      const factorYear = basisFrom(request.query.basis, first.factorYears);
      const env =
        factorYear === null
          ? first
          : await environment.partnership(partnership.id, organisations, {
              years: [],
              factorYear,
            });
      return reply.page(`${V}/partnership.njk`, partnershipPage(partnership, env, { factorYear }));
    },
  );

  app.get(
    FACTORS_PATH,
    { config: { access: 'platform.factors.manage' } },
    async function factorsGet(request, reply) {
      return reply.page(
        `${V}/factors.njk`,
        factorsPage(await carbonFactors.list(), { values: {}, errors: noErrors }),
      );
    },
  );

  app.post(
    FACTORS_PATH,
    { config: { access: 'platform.factors.manage' } },
    async function factorsPost(request, reply) {
      const { auditActor } = signedIn(request);
      const body = formBody(request);
      const { set, problems } = readHandEnteredSet(body);
      if (!set)
        return reply.page(
          `${V}/factors.njk`,
          factorsPage(await carbonFactors.list(), {
            values: body,
            errors: formErrors(problems),
          }),
          400,
        );
      await carbonFactors.enterByHand(set, auditActor);
      request.session.flash = `${set.name}: ${set.factors.length} ${set.factors.length === 1 ? 'factor' : 'factors'} added as a new set; every partnership’s emissions were worked out again.`;
      return reply.redirect(FACTORS_PATH, 303);
    },
  );
}
