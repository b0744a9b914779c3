/** Staff area: partnerships, their settings, organisations and people. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, forbidden, notFound } from '../../core/errors.js';
import { mayManageRole, misplacedRole } from '../../core/policies/people.js';
import { ROLE_LABELS, type Role } from '../../core/roles.js';
import type { Organisation } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors, validateForm, type FormErrors } from '../../http/form-errors.js';
import { HOME_PARTNERSHIP } from '../../http/render.js';
import {
  formBody,
  inOrganisation,
  inPartnership,
  signedIn,
  type InPartnership,
} from '../../http/route-context.js';
import { AUDIT_VIEW, auditPage } from '../audit/audit.pages.js';
import { todoList, withRoles } from '../home/home.pages.js';
import {
  base,
  invitePage,
  managePage,
  newPartnershipPage,
  organisationFormPage,
  organisationPage,
  organisationPath,
  organisationsPage,
  organisationValues,
  overviewPage,
  peoplePage,
  peoplePath,
  settingsPage,
  settingsValues,
  V,
} from './tenancy.pages.js';
import {
  inviteSchema,
  newPartnershipSchema,
  organisationSchema,
  partnershipSettingsSchema,
} from './tenancy.schema.js';

type SlugParams = { Params: { slug: string } };
type OrgParams = { Params: { slug: string; orgId: string } };

export function registerTenancyRoutes(app: FastifyInstance, deps: Deps) {
  const { tenancy, districts } = deps;
  const isDistrict = (code: string) => districts.has(code);
  const settingsSchema = partnershipSettingsSchema(isDistrict);
  const createSchema = newPartnershipSchema(isDistrict);
  /** A conflict the service reports (a slug, code or email in use), shown against its field. */
  const conflictOn = (err: unknown, field: string): FormErrors | undefined =>
    err instanceof DomainError && err.code === 'CONFLICT'
      ? formErrors([{ field, text: err.userMessage ?? err.message }])
      : undefined;

  // ----- Your partnerships -----

  app.get('/manage', { config: { access: 'signed-in' } }, async function manageGet(request, reply) {
    const { actor } = signedIn(request);
    const partnerships = await tenancy.partnershipsOf(actor);
    // What to do next in each partnership the person has a role in.
    const mine = withRoles(actor, partnerships);
    const todos = await Promise.all(
      mine.map(async (p) => todoList(p, await deps.home.todo(actor, p.id))),
    );
    return reply.page(`${V}/manage.njk`, {
      ...managePage(actor, partnerships),
      todos,
      // One partnership: its sections in the navigation from the first page.
      [HOME_PARTNERSHIP]: mine.length === 1 ? mine[0] : undefined,
    });
  });

  // ----- Creating a partnership (platform admin) -----

  app.get(
    '/admin/partnerships/new',
    { config: { access: 'platform.partnerships.create' } },
    async function partnershipNewGet(request, reply) {
      return reply.page(
        `${V}/partnership-new.njk`,
        newPartnershipPage(districts, { values: {}, errors: noErrors }),
      );
    },
  );

  app.post(
    '/admin/partnerships/new',
    { config: { access: 'platform.partnerships.create' } },
    async function partnershipNewPost(request, reply) {
      const { auditActor } = signedIn(request);
      const values = formBody(request);
      const again = (errors: FormErrors) =>
        reply.page(
          `${V}/partnership-new.njk`,
          newPartnershipPage(districts, { values, errors }),
          400,
        );
      const form = validateForm(createSchema, values);
      if (!form.ok) return again(form.errors);
      try {
        const { partnership, leadInvitationSent } = await tenancy.createPartnership(
          form.data,
          auditActor,
        );
        request.session.flash = leadInvitationSent
          ? `${partnership.name} has been created and ${form.data.leadEmail} has been invited as its lead.`
          : `${partnership.name} has been created.`;
        return reply.redirect(base(partnership), 303);
      } catch (err) {
        const errors = conflictOn(err, 'slug');
        if (errors) return again(errors);
        throw err;
      }
    },
  );

  // ----- Partnership overview and settings -----

  app.get<SlugParams>(
    '/manage/:slug',
    { config: { access: 'partnership.view' } },
    async function partnershipOverviewGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const [data, todo] = await Promise.all([
        tenancy.overview(partnership.id),
        deps.home.todo(actor, partnership.id),
      ]);
      return reply.page(`${V}/overview.njk`, {
        ...overviewPage(partnership, actor, data, (code) => districts.name(code)),
        todo: todoList(partnership, todo),
      });
    },
  );

  app.get<SlugParams>(
    '/manage/:slug/settings',
    { config: { access: 'partnership.settings.edit' } },
    async function settingsGet(request, reply) {
      const { partnership } = inPartnership(request);
      return reply.page(
        `${V}/settings.njk`,
        settingsPage(partnership, districts, {
          values: settingsValues(partnership),
          errors: noErrors,
        }),
      );
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/settings',
    { config: { access: 'partnership.settings.edit' } },
    async function settingsPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const values = formBody(request);
      const form = validateForm(settingsSchema, values);
      if (!form.ok)
        return reply.page(
          `${V}/settings.njk`,
          settingsPage(partnership, districts, { values, errors: form.errors }),
          400,
        );
      await tenancy.updateSettings(partnership, form.data, auditActor);
      request.session.flash = 'The partnership settings have been saved.';
      return reply.redirect(base(partnership), 303);
    },
  );

  // ----- Organisations -----

  app.get<SlugParams>(
    '/manage/:slug/organisations',
    { config: { access: 'organisations.list' } },
    async function organisationsGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const organisations = await tenancy.organisations(partnership.id);
      return reply.page(
        `${V}/organisations.njk`,
        organisationsPage(partnership, actor, organisations),
      );
    },
  );

  app.get<SlugParams & { Querystring: { ods?: string } }>(
    '/manage/:slug/organisations/new',
    { config: { access: 'organisations.create' } },
    async function organisationNewGet(request, reply) {
      const { partnership } = inPartnership(request);
      // An NHS trust's ODS code fills in the form from the reference list.
      const ods = request.query.ods?.trim();
      const trust = ods ? deps.nhsTrusts.get(ods) : undefined;
      const form = !ods
        ? { values: {}, errors: noErrors }
        : trust
          ? {
              values: {
                name: trust.name,
                code: trust.code,
                postcode: trust.postcode,
                type: 'nhs-trust',
              },
              errors: noErrors,
            }
          : {
              values: { ods },
              errors: formErrors([
                {
                  field: 'ods',
                  text: `No open NHS trust has the code ${ods}. Check the code, or enter the details below`,
                },
              ]),
            };
      return reply.page(
        `${V}/organisation-form.njk`,
        organisationFormPage(partnership, null, form),
      );
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/organisations/new',
    { config: { access: 'organisations.create' } },
    async function organisationNewPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const values = formBody(request);
      const again = (errors: FormErrors) =>
        reply.page(
          `${V}/organisation-form.njk`,
          organisationFormPage(partnership, null, { values, errors }),
          400,
        );
      const form = validateForm(organisationSchema, values);
      if (!form.ok) return again(form.errors);
      try {
        const org = await tenancy.createOrganisation(partnership.id, form.data, auditActor);
        request.session.flash = `${org.name} has been added. Invite its organisation lead next.`;
        return reply.redirect(organisationPath(partnership, org), 303);
      } catch (err) {
        const errors = conflictOn(err, 'code');
        if (errors) return again(errors);
        throw err;
      }
    },
  );

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId',
    { config: { access: 'organisation.view' } },
    async function organisationGet(request, reply) {
      const { partnership, organisation, actor } = inOrganisation(request);
      const data = await tenancy.people(partnership.id, organisation.id);
      return reply.page(
        `${V}/organisation.njk`,
        organisationPage(partnership, organisation, actor, data),
      );
    },
  );

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/edit',
    { config: { access: 'organisation.edit' } },
    async function organisationEditGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      return reply.page(
        `${V}/organisation-form.njk`,
        organisationFormPage(partnership, organisation, {
          values: organisationValues(organisation),
          errors: noErrors,
        }),
      );
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/edit',
    { config: { access: 'organisation.edit' } },
    async function organisationEditPost(request, reply) {
      const { partnership, organisation, auditActor } = inOrganisation(request);
      const values = formBody(request);
      const again = (errors: FormErrors) =>
        reply.page(
          `${V}/organisation-form.njk`,
          organisationFormPage(partnership, organisation, { values, errors }),
          400,
        );
      const form = validateForm(organisationSchema, values);
      if (!form.ok) return again(form.errors);
      try {
        await tenancy.updateOrganisation(partnership.id, organisation.id, form.data, auditActor);
      } catch (err) {
        const errors = conflictOn(err, 'code');
        if (errors) return again(errors);
        throw err;
      }
      request.session.flash = 'The organisation’s details have been saved.';
      return reply.redirect(organisationPath(partnership, organisation), 303);
    },
  );

  // ----- People and invitations -----

  app.get<SlugParams>(
    '/manage/:slug/people',
    { config: { access: 'partnership.people.view' } },
    async function peopleGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const data = await tenancy.people(partnership.id);
      return reply.page(`${V}/people.njk`, peoplePage(partnership, actor, data));
    },
  );

  /** The invitation form, for the partnership (organisation null) or one of its organisations. */
  function showInvite(
    ctx: InPartnership,
    reply: FastifyReply,
    organisation: Organisation | null,
    values: Record<string, unknown>,
    errors: FormErrors,
    status?: number,
  ) {
    return reply.page(
      `${V}/invite.njk`,
      invitePage(ctx.partnership, organisation, ctx.actor, { values, errors }),
      status,
    );
  }

  async function invitePost(
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: Organisation | null,
  ) {
    const ctx = inPartnership(request);
    const { partnership, actor, auditActor } = ctx;
    const values = formBody(request);
    const again = (errors: FormErrors) => showInvite(ctx, reply, organisation, values, errors, 400);
    const form = validateForm(inviteSchema, values);
    if (!form.ok) return again(form.errors);
    if (!mayManageRole(actor, partnership.id, form.data.role, organisation?.id ?? null))
      return again(formErrors([{ field: 'role', text: 'Select a role' }]));
    try {
      await tenancy.invite(partnership, organisation?.id ?? null, form.data, actor, auditActor);
    } catch (err) {
      const errors = conflictOn(err, 'email');
      if (errors) return again(errors);
      throw err;
    }
    request.session.flash = `An invitation has been emailed to ${form.data.email}. It works for 7 days.`;
    return reply.redirect(peoplePath(partnership, organisation?.id ?? null), 303);
  }

  app.get<SlugParams>(
    '/manage/:slug/people/invite',
    { config: { access: 'partnership.people.invite' } },
    async function partnershipInviteGet(request, reply) {
      return showInvite(inPartnership(request), reply, null, {}, noErrors);
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/people/invite',
    { config: { access: 'partnership.people.invite' } },
    async function partnershipInvitePost(request, reply) {
      return invitePost(request, reply, null);
    },
  );

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/invite',
    { config: { access: 'organisation.people.invite' } },
    async function organisationInviteGet(request, reply) {
      const ctx = inOrganisation(request);
      return showInvite(ctx, reply, ctx.organisation, {}, noErrors);
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/invite',
    { config: { access: 'organisation.people.invite' } },
    async function organisationInvitePost(request, reply) {
      return invitePost(request, reply, inOrganisation(request).organisation);
    },
  );

  /** The role may be managed (withdrawn, removed) here by this person: else 404 or 403. */
  function assertMayManage(ctx: InPartnership, role: Role, organisationId: string | null) {
    if (misplacedRole(role, organisationId)) throw notFound();
    if (!mayManageRole(ctx.actor, ctx.partnership.id, role, organisationId))
      throw forbidden('cannot manage this role');
  }

  async function pendingInvitation(ctx: InPartnership, invitationId: string) {
    const invitation = await tenancy.findPendingInvitation(ctx.partnership.id, invitationId);
    if (!invitation) throw notFound();
    assertMayManage(ctx, invitation.role, invitation.organisation_id);
    return invitation;
  }

  async function roleHolder(ctx: InPartnership, membershipId: string) {
    const person = await tenancy.findPerson(ctx.partnership.id, membershipId);
    if (!person) throw notFound();
    assertMayManage(ctx, person.role, person.organisation_id);
    return person;
  }

  app.get<{ Params: { slug: string; invitationId: string } }>(
    '/manage/:slug/invitations/:invitationId/withdraw',
    { config: { access: 'partnership.view' } },
    async function invitationWithdrawGet(request, reply) {
      const ctx = inPartnership(request);
      const invitation = await pendingInvitation(ctx, request.params.invitationId);
      return reply.page(`${V}/confirm.njk`, {
        title: 'Withdraw this invitation?',
        lines: [
          `${invitation.display_name} (${invitation.email}) will no longer be able to join as ${ROLE_LABELS[invitation.role].toLowerCase()}${invitation.organisation_name ? ` of ${invitation.organisation_name}` : ''}.`,
        ],
        confirmText: 'Withdraw invitation',
        cancelHref: peoplePath(ctx.partnership, invitation.organisation_id),
      });
    },
  );

  app.post<{ Params: { slug: string; invitationId: string } }>(
    '/manage/:slug/invitations/:invitationId/withdraw',
    { config: { access: 'partnership.view' } },
    async function invitationWithdrawPost(request, reply) {
      const ctx = inPartnership(request);
      const invitation = await pendingInvitation(ctx, request.params.invitationId);
      await tenancy.revokeInvitation(ctx.partnership.id, invitation.id, ctx.auditActor);
      request.session.flash = `The invitation to ${invitation.email} has been withdrawn.`;
      return reply.redirect(peoplePath(ctx.partnership, invitation.organisation_id), 303);
    },
  );

  app.get<{ Params: { slug: string; membershipId: string } }>(
    '/manage/:slug/people/:membershipId/remove',
    { config: { access: 'partnership.view' } },
    async function membershipRemoveGet(request, reply) {
      const ctx = inPartnership(request);
      const person = await roleHolder(ctx, request.params.membershipId);
      return reply.page(`${V}/confirm.njk`, {
        title: `Remove ${person.display_name}’s role?`,
        lines: [
          `${person.display_name} will no longer be ${ROLE_LABELS[person.role].toLowerCase()}${person.organisation_name ? ` of ${person.organisation_name}` : ` in ${ctx.partnership.name}`}.`,
          'Anything they entered or approved stays, with their name in the audit log.',
        ],
        confirmText: 'Remove role',
        cancelHref: peoplePath(ctx.partnership, person.organisation_id),
      });
    },
  );

  app.post<{ Params: { slug: string; membershipId: string } }>(
    '/manage/:slug/people/:membershipId/remove',
    { config: { access: 'partnership.view' } },
    async function membershipRemovePost(request, reply) {
      const ctx = inPartnership(request);
      const person = await roleHolder(ctx, request.params.membershipId);
      if (person.user_id === ctx.actor.userId) {
        throw new DomainError(
          'FORBIDDEN',
          'self removal',
          'You cannot remove your own role. Ask another lead.',
        );
      }
      await tenancy.removeMembership(ctx.partnership.id, person.membership_id, ctx.auditActor);
      request.session.flash = `${person.display_name} is no longer ${ROLE_LABELS[person.role].toLowerCase()}.`;
      return reply.redirect(peoplePath(ctx.partnership, person.organisation_id), 303);
    },
  );

  // ----- Audit log -----

  app.get<SlugParams & { Querystring: { before?: string } }>(
    '/manage/:slug/audit',
    { config: { access: 'partnership.audit.view' } },
    async function partnershipAuditGet(request, reply) {
      const { partnership } = inPartnership(request);
      const page = await deps.auditLog.page({
        partnershipId: partnership.id,
        before: request.query.before,
      });
      return reply.page(
        AUDIT_VIEW,
        auditPage(page, {
          path: `${base(partnership)}/audit`,
          breadcrumbs: [{ href: base(partnership), text: partnership.name }],
        }),
      );
    },
  );
}
