/** The framework pages: pillars and indicators, wording, switching on and off, adding, baselines and targets. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import type { Organisation } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors, validateForm } from '../../http/form-errors.js';
import { formBody, inOrganisation, inPartnership } from '../../http/route-context.js';
import {
  detailsPage,
  frameworkPage,
  indicatorPage,
  indicatorPath,
  kindPage,
  methodologyPage,
  organisationTargetsPage,
  targetLinks,
  targetsPage,
  targetValues,
  V,
  wordingPage,
} from './framework.pages.js';
import { kindOf, readNewIndicator, readTargets, wordingSchema } from './framework.schema.js';
import { unitFor } from './framework.service.js';

type SlugParams = { Params: { slug: string } };
type CodeParams = { Params: { slug: string; code: string } };
type OrgCodeParams = { Params: { slug: string; orgId: string; code: string } };

export function registerFrameworkRoutes(app: FastifyInstance, deps: Deps) {
  const framework = deps.framework;

  app.get<SlugParams>(
    '/manage/:slug/framework',
    { config: { access: 'partnership.view' } },
    async function frameworkGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const canEdit = can(actor, 'framework.edit', { partnershipId: partnership.id });
      return reply.page(
        `${V}/framework.njk`,
        frameworkPage(partnership, await framework.framework(partnership.id), canEdit),
      );
    },
  );

  app.get<SlugParams>(
    '/manage/:slug/framework/methodology',
    { config: { access: 'partnership.view' } },
    async function methodologyGet(request, reply) {
      const { partnership } = inPartnership(request);
      return reply.page(
        `${V}/methodology.njk`,
        methodologyPage(
          partnership,
          await framework.methodology(partnership.id),
          await deps.livingWage.rates(),
        ),
      );
    },
  );

  app.get<CodeParams>(
    '/manage/:slug/framework/indicators/:code',
    { config: { access: 'partnership.view' } },
    async function indicatorGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const indicator = await framework.indicator(partnership.id, request.params.code);
      const targets = await framework.targets(partnership.id, null, indicator.id);
      const target = { partnershipId: partnership.id };
      return reply.page(
        `${V}/indicator.njk`,
        indicatorPage(partnership, indicator, targets, {
          edit: can(actor, 'framework.edit', target),
          target: can(actor, 'targets.partnership.edit', target),
        }),
      );
    },
  );

  app.get<CodeParams>(
    '/manage/:slug/framework/indicators/:code/edit',
    { config: { access: 'framework.edit' } },
    async function indicatorEditGet(request, reply) {
      const { partnership } = inPartnership(request);
      const indicator = await framework.indicator(partnership.id, request.params.code);
      return reply.page(`${V}/indicator-edit.njk`, wordingPage(partnership, indicator));
    },
  );

  app.post<CodeParams>(
    '/manage/:slug/framework/indicators/:code/edit',
    { config: { access: 'framework.edit' } },
    async function indicatorEditPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const indicator = await framework.indicator(partnership.id, request.params.code);
      const form = validateForm(wordingSchema, request.body);
      if (!form.ok)
        return reply.page(
          `${V}/indicator-edit.njk`,
          wordingPage(partnership, indicator, form),
          400,
        );
      await framework.editWording(partnership.id, indicator.id, form.data, auditActor);
      request.session.flash = `${indicator.id} has been changed. Figures already reported are not affected.`;
      return reply.redirect(indicatorPath(partnership, indicator.id), 303);
    },
  );

  app.post<CodeParams>(
    '/manage/:slug/framework/indicators/:code/switch',
    { config: { access: 'framework.edit' } },
    async function indicatorSwitchPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const indicator = await framework.indicator(partnership.id, request.params.code);
      const choice = formBody(request).enabled;
      if (choice !== 'yes' && choice !== 'no') {
        throw new DomainError(
          'INVALID',
          'no choice',
          'Choose whether to switch the indicator on or off',
        );
      }
      const enabled = choice === 'yes';
      await framework.setEnabled(partnership.id, indicator.id, enabled, auditActor);
      request.session.flash = enabled
        ? `${indicator.id} ${indicator.name} is switched on: it appears in new returns and on dashboards.`
        : `${indicator.id} ${indicator.name} is switched off: returns stop asking for it. Figures already reported are kept.`;
      return reply.redirect(`/manage/${partnership.slug}/framework#${indicator.id}`, 303);
    },
  );

  // ----- Adding an indicator: choose the kind, then the details -----

  app.get<SlugParams>(
    '/manage/:slug/framework/new',
    { config: { access: 'framework.edit' } },
    async function indicatorNewGet(request, reply) {
      return reply.page(`${V}/indicator-kind.njk`, kindPage(inPartnership(request).partnership));
    },
  );

  const noKind = formErrors([{ field: 'kind', text: 'Select what kind of indicator it is' }]);

  app.get<SlugParams & { Querystring: { kind?: string } }>(
    '/manage/:slug/framework/new/details',
    { config: { access: 'framework.edit' } },
    async function indicatorDetailsGet(request, reply) {
      const { partnership } = inPartnership(request);
      const kind = kindOf(request.query.kind);
      if (!kind) return reply.page(`${V}/indicator-kind.njk`, kindPage(partnership, noKind), 400);
      return reply.page(`${V}/indicator-new.njk`, detailsPage(partnership, kind));
    },
  );

  app.post<SlugParams & { Querystring: { kind?: string } }>(
    '/manage/:slug/framework/new/details',
    { config: { access: 'framework.edit' } },
    async function indicatorDetailsPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const kind = kindOf(request.query.kind);
      if (!kind) return reply.page(`${V}/indicator-kind.njk`, kindPage(partnership, noKind), 400);
      const form = readNewIndicator(kind, formBody(request));
      if (!form.ok)
        return reply.page(`${V}/indicator-new.njk`, detailsPage(partnership, kind, form), 400);
      const input = form.data;
      const code = await framework.addCustom(partnership.id, input, auditActor);
      const unit = unitFor(kind, input.itemUnit);
      request.session.flash = `${code} ${input.name} has been added (${unit === '%' ? 'shown as a percentage' : 'shown in ' + unit}). It appears in returns for ${input.frequency === 'annual' ? 'years' : 'quarters'} and on dashboards.`;
      return reply.redirect(indicatorPath(partnership, code), 303);
    },
  );

  // ----- Baselines and targets (partnership-wide, and per organisation) -----

  /** Saves the baseline and targets form, or shows it again with its problems. */
  async function saveTargets(
    request: FastifyRequest<CodeParams>,
    reply: FastifyReply,
    organisation: Organisation | null,
  ) {
    const { partnership, auditActor } = inPartnership(request);
    const indicator = await framework.indicator(partnership.id, request.params.code);
    const links = targetLinks(partnership, organisation, indicator.id);
    const values = formBody(request);
    const again = (problems: { field: string; text: string }[]) =>
      reply.page(
        `${V}/targets.njk`,
        targetsPage(
          partnership,
          indicator,
          organisation,
          { values, errors: formErrors(problems) },
          links,
        ),
        400,
      );
    const { baseline, targets, problems } = readTargets(partnership, indicator.unit, values);
    if (problems.length) return again(problems);
    try {
      await framework.setTargets(
        partnership.id,
        { organisationId: organisation?.id ?? null, code: indicator.id, baseline, targets },
        auditActor,
      );
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'INVALID' || err.code === 'CONFLICT'))
        return again([{ field: 'target1Year', text: err.userMessage ?? err.message }]);
      throw err;
    }
    request.session.flash = `The baseline and targets for ${indicator.id} have been saved.`;
    return reply.redirect(links.backHref, 303);
  }

  /** The baseline and targets form as saved. */
  async function targetsGet(
    request: FastifyRequest<CodeParams>,
    reply: FastifyReply,
    organisation: Organisation | null,
  ) {
    const { partnership } = inPartnership(request);
    const indicator = await framework.indicator(partnership.id, request.params.code);
    const rows = await framework.targets(partnership.id, organisation?.id ?? null, indicator.id);
    return reply.page(
      `${V}/targets.njk`,
      targetsPage(
        partnership,
        indicator,
        organisation,
        { values: targetValues(rows, partnership.fy_start_month), errors: noErrors },
        targetLinks(partnership, organisation, indicator.id),
      ),
    );
  }

  app.get<CodeParams>(
    '/manage/:slug/framework/indicators/:code/targets',
    { config: { access: 'targets.partnership.edit' } },
    async function partnershipTargetsGet(request, reply) {
      return targetsGet(request, reply, null);
    },
  );

  app.post<CodeParams>(
    '/manage/:slug/framework/indicators/:code/targets',
    { config: { access: 'targets.partnership.edit' } },
    async function partnershipTargetsPost(request, reply) {
      return saveTargets(request, reply, null);
    },
  );

  app.get<{ Params: { slug: string; orgId: string } }>(
    '/manage/:slug/organisations/:orgId/targets',
    { config: { access: 'dashboard.organisation.view' } },
    async function organisationTargetsGet(request, reply) {
      const { partnership, organisation, actor } = inOrganisation(request);
      const data = await framework.organisationTargets(partnership.id, organisation.id);
      const canEdit = can(actor, 'targets.organisation.edit', {
        partnershipId: partnership.id,
        organisationId: organisation.id,
      });
      return reply.page(
        `${V}/organisation-targets.njk`,
        organisationTargetsPage(partnership, organisation, data, canEdit),
      );
    },
  );

  app.get<OrgCodeParams>(
    '/manage/:slug/organisations/:orgId/targets/:code',
    { config: { access: 'targets.organisation.edit' } },
    async function organisationTargetGet(request, reply) {
      return targetsGet(request, reply, inOrganisation(request).organisation);
    },
  );

  app.post<OrgCodeParams>(
    '/manage/:slug/organisations/:orgId/targets/:code',
    { config: { access: 'targets.organisation.edit' } },
    async function organisationTargetPost(request, reply) {
      return saveTargets(request, reply, inOrganisation(request).organisation);
    },
  );
}
