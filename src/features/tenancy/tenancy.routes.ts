/** Staff area: partnerships, their settings, organisations and people. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, forbidden, notFound } from '../../core/errors.js';
import { ORGANISATION_TYPES, organisationTypeLabel } from '../../core/organisation-types.js';
import { PILLARS, pillarTitle } from '../../core/pillars.js';
import {
  can,
  invitableRoles,
  isOrganisationRole,
  ROLE_DESCRIPTIONS,
  ROLE_LABELS,
  type Actor,
  type Role,
} from '../../core/roles.js';
import type { Organisation, Partnership, User } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { noErrors, validateForm, formErrors, type FormErrors } from '../../http/form-errors.js';
import { MONTH_NAMES } from '../../lib/months.js';
import { listAudit } from '../audit/audit.repo.js';
import {
  countByPartnership,
  listOrganisations,
  listPartnershipsForActor,
  listPendingInvitations,
  listPeople,
} from './tenancy.repo.js';
import {
  inviteSchema,
  newPartnershipSchema,
  organisationSchema,
  partnershipSettingsSchema,
} from './tenancy.schema.js';

const V = 'features/tenancy/views';

type SlugParams = { Params: { slug: string } };
type OrgParams = { Params: { slug: string; orgId: string } };

export function registerTenancyRoutes(app: FastifyInstance, deps: Deps) {
  const db = deps.database.db;
  const { tenancy, districts } = deps;
  const isDistrict = (code: string) => districts.has(code);
  const settingsSchema = partnershipSettingsSchema(isDistrict);
  const createSchema = newPartnershipSchema(isDistrict);

  const auditActor = (request: FastifyRequest) => {
    const user = request.user as User;
    return { userId: user.id, label: user.email };
  };
  const ctx = (request: FastifyRequest) => ({
    partnership: request.partnership as Partnership,
    actor: request.actor as Actor,
  });
  const base = (p: Partnership) => `/manage/${p.slug}`;

  // ----- Your partnerships -----

  app.get('/manage', { config: { access: 'signed-in' } }, async function manageGet(request, reply) {
    const actor = request.actor as Actor;
    const partnerships = await listPartnershipsForActor(db, actor);
    return reply.page(`${V}/manage.njk`, {
      title: 'Your partnerships',
      partnerships: partnerships.map((p) => ({
        ...p,
        roles: actor.memberships
          .filter((m) => m.partnershipId === p.id)
          .map((m) => ROLE_LABELS[m.role]),
      })),
      canCreate: can(actor, 'platform.partnerships.create'),
    });
  });

  // ----- Creating a partnership (platform admin) -----

  const partnershipFormData = (values: Record<string, unknown>) => ({
    regions: districts.byRegion(),
    selectedDistricts: toList(values.localArea),
    months: monthItems(values.fyStartMonth ?? '4'),
    imdEditions: ['2025', '2019'].map((edition) => ({
      value: edition,
      text: `English Indices of Deprivation ${edition}`,
      hint: {
        text:
          edition === '2025'
            ? 'The latest edition, on 2021 census areas'
            : 'The previous edition, on 2011 census areas: for comparing with earlier reports',
      },
      checked: (values.imdEdition ?? '2025') === edition,
    })),
  });

  app.get(
    '/admin/partnerships/new',
    { config: { access: 'platform.partnerships.create' } },
    async function partnershipNewGet(request, reply) {
      return reply.page(`${V}/partnership-new.njk`, {
        title: 'Create a partnership',
        errors: noErrors,
        values: {},
        ...partnershipFormData({}),
        back: { href: '/manage', text: 'Back to your partnerships' },
      });
    },
  );

  app.post(
    '/admin/partnerships/new',
    { config: { access: 'platform.partnerships.create' } },
    async function partnershipNewPost(request, reply) {
      const body = request.body as Record<string, unknown>;
      const form = validateForm(createSchema, body);
      const again = (errors: FormErrors) =>
        reply.page(
          `${V}/partnership-new.njk`,
          {
            title: 'Create a partnership',
            errors,
            values: body,
            ...partnershipFormData(body),
            back: { href: '/manage', text: 'Back to your partnerships' },
          },
          400,
        );
      if (!form.ok) return again(form.errors);
      try {
        const { partnership, leadInvitationSent } = await tenancy.createPartnership(
          { ...form.data, requireStaffTotp: form.data.requireStaffTotp },
          auditActor(request),
        );
        request.session.flash = leadInvitationSent
          ? `${partnership.name} has been created and ${form.data.leadEmail} has been invited as its lead.`
          : `${partnership.name} has been created.`;
        return reply.redirect(base(partnership), 303);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'CONFLICT') {
          return again(formErrors([{ field: 'slug', text: err.userMessage ?? err.message }]));
        }
        throw err;
      }
    },
  );

  // ----- Partnership overview and settings -----

  app.get<SlugParams>(
    '/manage/:slug',
    { config: { access: 'partnership.view' } },
    async function partnershipOverviewGet(request, reply) {
      const { partnership, actor } = ctx(request);
      const target = { partnershipId: partnership.id };
      const mine = actor.memberships.filter((m) => m.partnershipId === partnership.id);
      const organisations = await listOrganisations(db, partnership.id);
      const visibleOrgs = can(actor, 'organisations.list', target)
        ? organisations
        : organisations.filter((o) => mine.some((m) => m.organisationId === o.id));
      return reply.page(`${V}/overview.njk`, {
        title: partnership.name,
        counts: await countByPartnership(db, partnership.id),
        area: partnership.local_area.map((c) => districts.name(c)),
        roles: mine.map((m) => ({
          label: ROLE_LABELS[m.role],
          organisation: organisations.find((o) => o.id === m.organisationId)?.name,
          pillars: (m.pillars ?? []).map(pillarTitle),
        })),
        organisations: visibleOrgs.map((o) => ({ ...o, typeLabel: organisationTypeLabel(o.type) })),
        canSeeAll: can(actor, 'organisations.list', target),
        canAddOrg: can(actor, 'organisations.create', target),
        canEdit: can(actor, 'partnership.settings.edit', target),
        canPeople: can(actor, 'partnership.people.view', target),
        canReview: can(actor, 'reviews.queue', target),
        canDashboard: can(actor, 'dashboard.partnership.view', target),
        canMaturity: can(actor, 'maturity.review', target),
        myOrganisations: organisations.filter((o) => mine.some((m) => m.organisationId === o.id)),
      });
    },
  );

  const settingsValues = (p: Partnership) => ({
    name: p.name,
    localArea: p.local_area,
    fyStartMonth: String(p.fy_start_month),
    isPublic: p.is_public ? 'yes' : '',
    requireStaffTotp: p.require_staff_totp ? 'yes' : '',
    imdEdition: String(p.imd_edition),
  });

  app.get<SlugParams>(
    '/manage/:slug/settings',
    { config: { access: 'partnership.settings.edit' } },
    async function settingsGet(request, reply) {
      const { partnership } = ctx(request);
      const values = settingsValues(partnership);
      return reply.page(`${V}/settings.njk`, {
        title: 'Partnership settings',
        errors: noErrors,
        values,
        ...partnershipFormData(values),
        back: { href: base(partnership), text: 'Back to overview' },
      });
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/settings',
    { config: { access: 'partnership.settings.edit' } },
    async function settingsPost(request, reply) {
      const { partnership } = ctx(request);
      const body = request.body as Record<string, unknown>;
      const form = validateForm(settingsSchema, body);
      if (!form.ok) {
        return reply.page(
          `${V}/settings.njk`,
          {
            title: 'Partnership settings',
            ...form,
            values: body,
            ...partnershipFormData(body),
            back: { href: base(partnership), text: 'Back to overview' },
          },
          400,
        );
      }
      const updated = await tenancy.updateSettings(partnership, form.data, auditActor(request));
      // Local and deprived-area spend depend on the local area and the edition of the index.
      if (
        updated.imd_edition !== partnership.imd_edition ||
        updated.local_area.join() !== partnership.local_area.join()
      )
        await deps.suppliers.refreshCalculators(partnership.id);
      request.session.flash = 'The partnership settings have been saved.';
      return reply.redirect(base(partnership), 303);
    },
  );

  // ----- Organisations -----

  app.get<SlugParams>(
    '/manage/:slug/organisations',
    { config: { access: 'organisations.list' } },
    async function organisationsGet(request, reply) {
      const { partnership, actor } = ctx(request);
      const organisations = await listOrganisations(db, partnership.id);
      return reply.page(`${V}/organisations.njk`, {
        title: 'Organisations',
        organisations: organisations.map((o) => ({
          ...o,
          typeLabel: organisationTypeLabel(o.type),
        })),
        canAdd: can(actor, 'organisations.create', { partnershipId: partnership.id }),
        breadcrumbs: [{ href: base(partnership), text: partnership.name }],
      });
    },
  );

  const orgFormData = (values: Record<string, unknown>) => ({
    types: ORGANISATION_TYPES.map((t) => ({
      value: t.id,
      text: t.label,
      checked: values.type === t.id,
    })),
  });

  app.get<SlugParams & { Querystring: { ods?: string } }>(
    '/manage/:slug/organisations/new',
    { config: { access: 'organisations.create' } },
    async function organisationNewGet(request, reply) {
      const { partnership } = ctx(request);
      const ods = request.query.ods?.trim();
      let values: Record<string, unknown> = {};
      let lookupError: FormErrors = noErrors;
      if (ods) {
        const trust = deps.nhsTrusts.get(ods);
        if (trust) {
          values = {
            name: trust.name,
            code: trust.code,
            postcode: trust.postcode,
            type: 'nhs-trust',
          };
        } else {
          values = { ods };
          lookupError = formErrors([
            {
              field: 'ods',
              text: `No open NHS trust has the code ${ods}. Check the code, or enter the details below`,
            },
          ]);
        }
      }
      return reply.page(`${V}/organisation-form.njk`, {
        title: 'Add an organisation',
        errors: lookupError,
        values,
        ...orgFormData(values),
        lookup: true,
        action: `${base(partnership)}/organisations/new`,
        back: { href: `${base(partnership)}/organisations`, text: 'Back to organisations' },
      });
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/organisations/new',
    { config: { access: 'organisations.create' } },
    async function organisationNewPost(request, reply) {
      const { partnership } = ctx(request);
      const body = request.body as Record<string, unknown>;
      const again = (errors: FormErrors) =>
        reply.page(
          `${V}/organisation-form.njk`,
          {
            title: 'Add an organisation',
            errors,
            values: body,
            ...orgFormData(body),
            lookup: true,
            action: `${base(partnership)}/organisations/new`,
            back: { href: `${base(partnership)}/organisations`, text: 'Back to organisations' },
          },
          400,
        );
      const form = validateForm(organisationSchema, body);
      if (!form.ok) return again(form.errors);
      try {
        const org = await tenancy.createOrganisation(
          partnership.id,
          form.data,
          auditActor(request),
        );
        request.session.flash = `${org.name} has been added. Invite its organisation lead next.`;
        return reply.redirect(`${base(partnership)}/organisations/${org.id}`, 303);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'CONFLICT') {
          return again(formErrors([{ field: 'code', text: err.userMessage ?? err.message }]));
        }
        throw err;
      }
    },
  );

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId',
    { config: { access: 'organisation.view' } },
    async function organisationGet(request, reply) {
      const { partnership, actor } = ctx(request);
      const org = request.organisation as Organisation;
      const target = { partnershipId: partnership.id, organisationId: org.id };
      const [people, invitations] = await Promise.all([
        listPeople(db, partnership.id, org.id),
        listPendingInvitations(db, partnership.id, org.id),
      ]);
      const invitable = invitableRoles(actor, target);
      return reply.page(`${V}/organisation.njk`, {
        title: org.name,
        organisation: { ...org, typeLabel: organisationTypeLabel(org.type) },
        people: people.map((p) => ({
          ...p,
          roleLabel: ROLE_LABELS[p.role],
          pillarTitles: (p.pillars ?? []).map(pillarTitle),
          canRemove: invitable.includes(p.role) && p.user_id !== actor.userId,
        })),
        invitations: invitations.map((i) => ({
          ...i,
          roleLabel: ROLE_LABELS[i.role],
          canRevoke: invitable.includes(i.role),
        })),
        canEdit: can(actor, 'organisation.edit', target),
        canInvite: invitable.length > 0,
        breadcrumbs: [
          { href: base(partnership), text: partnership.name },
          ...(can(actor, 'organisations.list', target)
            ? [{ href: `${base(partnership)}/organisations`, text: 'Organisations' }]
            : []),
        ],
      });
    },
  );

  const orgValues = (o: Organisation) => ({
    name: o.name,
    type: o.type,
    code: o.code,
    postcode: o.postcode ?? '',
    londonWeighting: o.london_weighting ? 'yes' : '',
  });

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/edit',
    { config: { access: 'organisation.edit' } },
    async function organisationEditGet(request, reply) {
      const { partnership } = ctx(request);
      const org = request.organisation as Organisation;
      const values = orgValues(org);
      return reply.page(`${V}/organisation-form.njk`, {
        title: `Change ${org.name}`,
        errors: noErrors,
        values,
        ...orgFormData(values),
        action: `${base(partnership)}/organisations/${org.id}/edit`,
        back: { href: `${base(partnership)}/organisations/${org.id}`, text: `Back to ${org.name}` },
      });
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/edit',
    { config: { access: 'organisation.edit' } },
    async function organisationEditPost(request, reply) {
      const { partnership } = ctx(request);
      const org = request.organisation as Organisation;
      const body = request.body as Record<string, unknown>;
      const again = (errors: FormErrors) =>
        reply.page(
          `${V}/organisation-form.njk`,
          {
            title: `Change ${org.name}`,
            errors,
            values: body,
            ...orgFormData(body),
            action: `${base(partnership)}/organisations/${org.id}/edit`,
            back: {
              href: `${base(partnership)}/organisations/${org.id}`,
              text: `Back to ${org.name}`,
            },
          },
          400,
        );
      const form = validateForm(organisationSchema, body);
      if (!form.ok) return again(form.errors);
      try {
        await tenancy.updateOrganisation(partnership.id, org.id, form.data, auditActor(request));
      } catch (err) {
        if (err instanceof DomainError && err.code === 'CONFLICT') {
          return again(formErrors([{ field: 'code', text: err.userMessage ?? err.message }]));
        }
        throw err;
      }
      request.session.flash = 'The organisation’s details have been saved.';
      return reply.redirect(`${base(partnership)}/organisations/${org.id}`, 303);
    },
  );

  // ----- People and invitations -----

  app.get<SlugParams>(
    '/manage/:slug/people',
    { config: { access: 'partnership.people.view' } },
    async function peopleGet(request, reply) {
      const { partnership, actor } = ctx(request);
      const [people, invitations] = await Promise.all([
        listPeople(db, partnership.id),
        listPendingInvitations(db, partnership.id),
      ]);
      const mayManage = (role: Role, organisationId: string | null) =>
        invitableRoles(actor, {
          partnershipId: partnership.id,
          ...(organisationId ? { organisationId } : {}),
        }).includes(role);
      return reply.page(`${V}/people.njk`, {
        title: 'People',
        people: people.map((p) => ({
          ...p,
          roleLabel: ROLE_LABELS[p.role],
          pillarTitles: (p.pillars ?? []).map(pillarTitle),
          canRemove: mayManage(p.role, p.organisation_id) && p.user_id !== actor.userId,
        })),
        invitations: invitations.map((i) => ({
          ...i,
          roleLabel: ROLE_LABELS[i.role],
          canRevoke: mayManage(i.role, i.organisation_id),
        })),
        canInvite: can(actor, 'partnership.people.invite', { partnershipId: partnership.id }),
        breadcrumbs: [{ href: base(partnership), text: partnership.name }],
      });
    },
  );

  function inviteFormData(
    actor: Actor,
    partnership: Partnership,
    org: Organisation | null,
    values: Record<string, unknown>,
  ) {
    const roles = invitableRoles(actor, {
      partnershipId: partnership.id,
      ...(org ? { organisationId: org.id } : {}),
    });
    const selectedPillars = toList(values.pillars);
    return {
      roles: roles.map((r) => ({
        value: r,
        text: ROLE_LABELS[r],
        hint: { text: ROLE_DESCRIPTIONS[r] },
        checked: values.role === r,
        pillarChoice: r === 'contributor',
      })),
      pillarItems: PILLARS.map((p) => ({
        value: p.id,
        text: p.title,
        checked: selectedPillars.includes(p.id),
      })),
    };
  }

  async function invitePage(
    request: FastifyRequest,
    reply: FastifyReply,
    org: Organisation | null,
    values: Record<string, unknown>,
    errors: FormErrors,
    status?: number,
  ) {
    const { partnership, actor } = ctx(request);
    const back = org
      ? { href: `${base(partnership)}/organisations/${org.id}`, text: `Back to ${org.name}` }
      : { href: `${base(partnership)}/people`, text: 'Back to people' };
    return reply.page(
      `${V}/invite.njk`,
      {
        title: org ? `Invite someone to ${org.name}` : `Invite someone to ${partnership.name}`,
        organisation: org,
        errors,
        values,
        ...inviteFormData(actor, partnership, org, values),
        action: org
          ? `${base(partnership)}/organisations/${org.id}/invite`
          : `${base(partnership)}/people/invite`,
        back,
      },
      status,
    );
  }

  async function invitePost(
    request: FastifyRequest,
    reply: FastifyReply,
    org: Organisation | null,
  ) {
    const { partnership, actor } = ctx(request);
    const body = request.body as Record<string, unknown>;
    const form = validateForm(inviteSchema, body);
    if (!form.ok) return invitePage(request, reply, org, body, form.errors, 400);
    const allowed = invitableRoles(actor, {
      partnershipId: partnership.id,
      ...(org ? { organisationId: org.id } : {}),
    });
    if (!allowed.includes(form.data.role)) {
      return invitePage(
        request,
        reply,
        org,
        body,
        formErrors([{ field: 'role', text: 'Select a role' }]),
        400,
      );
    }
    try {
      await tenancy.invite(partnership, org?.id ?? null, form.data, actor, auditActor(request));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CONFLICT') {
        return invitePage(
          request,
          reply,
          org,
          body,
          formErrors([{ field: 'email', text: err.userMessage ?? err.message }]),
          400,
        );
      }
      throw err;
    }
    request.session.flash = `An invitation has been emailed to ${form.data.email}. It works for 7 days.`;
    return reply.redirect(
      org ? `${base(partnership)}/organisations/${org.id}` : `${base(partnership)}/people`,
      303,
    );
  }

  app.get<SlugParams>(
    '/manage/:slug/people/invite',
    { config: { access: 'partnership.people.invite' } },
    async function partnershipInviteGet(request, reply) {
      return invitePage(request, reply, null, {}, noErrors);
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
      return invitePage(request, reply, request.organisation, {}, noErrors);
    },
  );

  app.post<OrgParams>(
    '/manage/:slug/organisations/:orgId/invite',
    { config: { access: 'organisation.people.invite' } },
    async function organisationInvitePost(request, reply) {
      return invitePost(request, reply, request.organisation);
    },
  );

  /** Whether the actor may manage (remove, withdraw) this role at this place. */
  function assertMayManage(request: FastifyRequest, role: Role, organisationId: string | null) {
    const { partnership, actor } = ctx(request);
    if (isOrganisationRole(role) !== (organisationId !== null)) throw notFound();
    const allowed = invitableRoles(actor, {
      partnershipId: partnership.id,
      ...(organisationId ? { organisationId } : {}),
    });
    if (!allowed.includes(role)) throw forbidden('cannot manage this role');
  }

  const returnPath = (p: Partnership, organisationId: string | null) =>
    organisationId ? `${base(p)}/organisations/${organisationId}` : `${base(p)}/people`;

  app.get<{ Params: { slug: string; invitationId: string } }>(
    '/manage/:slug/invitations/:invitationId/withdraw',
    { config: { access: 'partnership.view' } },
    async function invitationWithdrawGet(request, reply) {
      const { partnership } = ctx(request);
      const invitation = await tenancy.findPendingInvitation(
        partnership.id,
        request.params.invitationId,
      );
      if (!invitation) throw notFound();
      assertMayManage(request, invitation.role, invitation.organisation_id);
      return reply.page(`${V}/confirm.njk`, {
        title: 'Withdraw this invitation?',
        lines: [
          `${invitation.display_name} (${invitation.email}) will no longer be able to join as ${ROLE_LABELS[invitation.role].toLowerCase()}${invitation.organisation_name ? ` of ${invitation.organisation_name}` : ''}.`,
        ],
        confirmText: 'Withdraw invitation',
        cancelHref: returnPath(partnership, invitation.organisation_id),
      });
    },
  );

  app.post<{ Params: { slug: string; invitationId: string } }>(
    '/manage/:slug/invitations/:invitationId/withdraw',
    { config: { access: 'partnership.view' } },
    async function invitationWithdrawPost(request, reply) {
      const { partnership } = ctx(request);
      const invitation = await tenancy.findPendingInvitation(
        partnership.id,
        request.params.invitationId,
      );
      if (!invitation) throw notFound();
      assertMayManage(request, invitation.role, invitation.organisation_id);
      await tenancy.revokeInvitation(partnership.id, invitation.id, auditActor(request));
      request.session.flash = `The invitation to ${invitation.email} has been withdrawn.`;
      return reply.redirect(returnPath(partnership, invitation.organisation_id), 303);
    },
  );

  app.get<{ Params: { slug: string; membershipId: string } }>(
    '/manage/:slug/people/:membershipId/remove',
    { config: { access: 'partnership.view' } },
    async function membershipRemoveGet(request, reply) {
      const { partnership } = ctx(request);
      const person = await tenancy.findPerson(partnership.id, request.params.membershipId);
      if (!person) throw notFound();
      assertMayManage(request, person.role, person.organisation_id);
      return reply.page(`${V}/confirm.njk`, {
        title: `Remove ${person.display_name}’s role?`,
        lines: [
          `${person.display_name} will no longer be ${ROLE_LABELS[person.role].toLowerCase()}${person.organisation_name ? ` of ${person.organisation_name}` : ` in ${partnership.name}`}.`,
          'Anything they entered or approved stays, with their name in the audit log.',
        ],
        confirmText: 'Remove role',
        cancelHref: returnPath(partnership, person.organisation_id),
      });
    },
  );

  app.post<{ Params: { slug: string; membershipId: string } }>(
    '/manage/:slug/people/:membershipId/remove',
    { config: { access: 'partnership.view' } },
    async function membershipRemovePost(request, reply) {
      const { partnership, actor } = ctx(request);
      const person = await tenancy.findPerson(partnership.id, request.params.membershipId);
      if (!person) throw notFound();
      assertMayManage(request, person.role, person.organisation_id);
      if (person.user_id === actor.userId) {
        throw new DomainError(
          'FORBIDDEN',
          'self removal',
          'You cannot remove your own role. Ask another lead.',
        );
      }
      await tenancy.removeMembership(partnership.id, person.membership_id, auditActor(request));
      request.session.flash = `${person.display_name} is no longer ${ROLE_LABELS[person.role].toLowerCase()}.`;
      return reply.redirect(returnPath(partnership, person.organisation_id), 303);
    },
  );

  // ----- Audit log -----

  app.get<SlugParams & { Querystring: { before?: string } }>(
    '/manage/:slug/audit',
    { config: { access: 'partnership.audit.view' } },
    async function partnershipAuditGet(request, reply) {
      const { partnership } = ctx(request);
      const beforeId = Number(request.query.before) || undefined;
      const entries = await listAudit(db, {
        partnershipId: partnership.id,
        limit: 50,
        ...(beforeId ? { beforeId } : {}),
      });
      return reply.page('views/audit.njk', {
        title: 'Audit log',
        entries,
        nextHref:
          entries.length === 50
            ? `${base(partnership)}/audit?before=${entries[entries.length - 1]?.id}`
            : null,
        breadcrumbs: [{ href: base(partnership), text: partnership.name }],
      });
    },
  );
}

function toList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  const list: unknown[] = Array.isArray(v) ? v : [v];
  return list.filter((x): x is string => typeof x === 'string');
}

function monthItems(selected: unknown) {
  return MONTH_NAMES.map((name, i) => ({
    value: String(i + 1),
    text: `1 ${name}`,
    selected: String(selected) === String(i + 1),
  }));
}
