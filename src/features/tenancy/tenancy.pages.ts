/**
 * What each staff page about partnerships, organisations and people shows, built in one place
 * from the service's data (and for a form sent back, what was typed and what was wrong), for the
 * GET and the failed POST alike.
 */
import { ORGANISATION_TYPES, organisationTypeLabel } from '../../core/organisation-types.js';
import { PILLARS, pillarTitle } from '../../core/pillars.js';
import {
  ownOrganisations,
  mayManageRole,
  mayRemoveRole,
  rolesIn,
  visibleOrganisations,
} from '../../core/policies/people.js';
import {
  can,
  invitableRoles,
  ROLE_DESCRIPTIONS,
  ROLE_LABELS,
  type Action,
  type Actor,
} from '../../core/roles.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import type { FormErrors } from '../../http/form-errors.js';
import { MONTH_NAMES } from '../../lib/months.js';
import type { Districts } from '../../reference/districts.js';
import type { TenancyService } from './tenancy.service.js';

export const V = 'features/tenancy/views';

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

type People = Awaited<ReturnType<TenancyService['people']>>;

export const base = (p: Partnership) => `/manage/${p.slug}`;
export const organisationPath = (p: Partnership, o: { id: string }) =>
  `${base(p)}/organisations/${o.id}`;
/** Where people in a role are managed: their organisation's page, or the partnership's people. */
export const peoplePath = (p: Partnership, organisationId: string | null) =>
  organisationId ? organisationPath(p, { id: organisationId }) : `${base(p)}/people`;

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

export function managePage(actor: Actor, partnerships: readonly Partnership[]) {
  return {
    title: 'Your partnerships',
    partnerships: partnerships.map((p) => ({
      ...p,
      roles: rolesIn(actor, p.id).map((m) => ROLE_LABELS[m.role]),
    })),
    canCreate: can(actor, 'platform.partnerships.create'),
  };
}

/** The choices of the partnership form (new partnership, settings). */
function partnershipChoices(districts: Districts, values: Record<string, unknown>) {
  return {
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
  };
}

export function newPartnershipPage(districts: Districts, form: FormState) {
  return {
    title: 'Create a partnership',
    ...form,
    ...partnershipChoices(districts, form.values),
    back: { href: '/manage', text: 'Back to your partnerships' },
  };
}

/** The settings form's values from the partnership as saved. */
export const settingsValues = (p: Partnership) => ({
  name: p.name,
  localArea: p.local_area,
  fyStartMonth: String(p.fy_start_month),
  isPublic: p.is_public ? 'yes' : '',
  requireStaffTotp: p.require_staff_totp ? 'yes' : '',
  imdEdition: String(p.imd_edition),
});

export function settingsPage(partnership: Partnership, districts: Districts, form: FormState) {
  return {
    title: 'Partnership settings',
    ...form,
    ...partnershipChoices(districts, form.values),
    back: { href: base(partnership), text: 'Back to overview' },
  };
}

export function overviewPage(
  partnership: Partnership,
  actor: Actor,
  data: Awaited<ReturnType<TenancyService['overview']>>,
  districtName: (code: string) => string,
) {
  const target = { partnershipId: partnership.id };
  const { organisations } = data;
  return {
    title: partnership.name,
    counts: data.counts,
    area: partnership.local_area.map(districtName),
    roles: rolesIn(actor, partnership.id).map((m) => ({
      label: ROLE_LABELS[m.role],
      organisation: organisations.find((o) => o.id === m.organisationId)?.name,
      pillars: (m.pillars ?? []).map(pillarTitle),
    })),
    organisations: visibleOrganisations(actor, partnership.id, organisations).map((o) => ({
      ...o,
      typeLabel: organisationTypeLabel(o.type),
    })),
    canSeeAll: can(actor, 'organisations.list', target),
    canAddOrg: can(actor, 'organisations.create', target),
    canEdit: can(actor, 'partnership.settings.edit', target),
    canPeople: can(actor, 'partnership.people.view', target),
    canReview: can(actor, 'reviews.queue', target),
    canDashboard: can(actor, 'dashboard.partnership.view', target),
    canMaturity: can(actor, 'maturity.review', target),
    canImportFor: can(actor, 'spend.import.members', target),
    myOrganisations: ownOrganisations(actor, partnership.id, organisations),
  };
}

export function organisationsPage(
  partnership: Partnership,
  actor: Actor,
  organisations: readonly Organisation[],
) {
  return {
    title: 'Organisations',
    organisations: organisations.map((o) => ({ ...o, typeLabel: organisationTypeLabel(o.type) })),
    canAdd: can(actor, 'organisations.create', { partnershipId: partnership.id }),
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}

/** The organisation form's values from the organisation as saved. */
export const organisationValues = (o: Organisation) => ({
  name: o.name,
  type: o.type,
  code: o.code,
  postcode: o.postcode ?? '',
  londonWeighting: o.london_weighting ? 'yes' : '',
});

/** The organisation form: adding one (organisation null, with the NHS trust look-up) or changing one. */
export function organisationFormPage(
  partnership: Partnership,
  organisation: Organisation | null,
  form: FormState,
) {
  const types = ORGANISATION_TYPES.map((t) => ({
    value: t.id,
    text: t.label,
    checked: form.values.type === t.id,
  }));
  if (!organisation)
    return {
      title: 'Add an organisation',
      ...form,
      types,
      lookup: true,
      action: `${base(partnership)}/organisations/new`,
      back: { href: `${base(partnership)}/organisations`, text: 'Back to organisations' },
    };
  const path = organisationPath(partnership, organisation);
  return {
    title: `Change ${organisation.name}`,
    ...form,
    types,
    action: `${path}/edit`,
    back: { href: path, text: `Back to ${organisation.name}` },
  };
}

/** People and pending invitations, each with whether the reader may remove or withdraw it. */
function peopleRows(partnership: Partnership, actor: Actor, data: People) {
  return {
    people: data.people.map((p) => ({
      ...p,
      roleLabel: ROLE_LABELS[p.role],
      pillarTitles: (p.pillars ?? []).map(pillarTitle),
      canRemove: mayRemoveRole(actor, partnership.id, p),
    })),
    invitations: data.invitations.map((i) => ({
      ...i,
      roleLabel: ROLE_LABELS[i.role],
      canRevoke: mayManageRole(actor, partnership.id, i.role, i.organisation_id),
    })),
  };
}

/** The organisation's own pages, each with the action that opens it. */
const ORGANISATION_LINKS: readonly { segment: string; text: string; action: Action }[] = [
  { segment: 'returns', text: 'Returns', action: 'return.view' },
  { segment: 'dashboard', text: 'Dashboard', action: 'dashboard.organisation.view' },
  { segment: 'spend', text: 'Spend with suppliers', action: 'spend.view' },
  { segment: 'workforce', text: 'Workforce: payroll extracts', action: 'workforce.view' },
  {
    segment: 'environment',
    text: 'Environment: energy, emissions and the net-zero path',
    action: 'environment.view',
  },
  { segment: 'targets', text: 'Baselines and targets', action: 'dashboard.organisation.view' },
  { segment: 'maturity', text: 'Maturity self-assessment', action: 'dashboard.organisation.view' },
  {
    segment: 'registers',
    text: 'Registers: community use, land, capital spend, engagement, volunteering and grants',
    action: 'registers.view',
  },
  { segment: 'charter', text: 'The charter: signature and pledges', action: 'charter.view' },
];

export function organisationPage(
  partnership: Partnership,
  organisation: Organisation,
  actor: Actor,
  data: People,
) {
  const target = { partnershipId: partnership.id, organisationId: organisation.id };
  return {
    title: organisation.name,
    organisation: { ...organisation, typeLabel: organisationTypeLabel(organisation.type) },
    ...peopleRows(partnership, actor, data),
    canEdit: can(actor, 'organisation.edit', target),
    canInvite: invitableRoles(actor, target).length > 0,
    // Only the organisation's pages this person may open (a contributor may have some pillars only).
    links: ORGANISATION_LINKS.filter((l) => can(actor, l.action, target)).map((l) => ({
      href: `${base(partnership)}/organisations/${organisation.id}/${l.segment}`,
      text: l.text,
    })),
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      ...(can(actor, 'organisations.list', target)
        ? [{ href: `${base(partnership)}/organisations`, text: 'Organisations' }]
        : []),
    ],
  };
}

export function peoplePage(partnership: Partnership, actor: Actor, data: People) {
  return {
    title: 'People',
    ...peopleRows(partnership, actor, data),
    canInvite: can(actor, 'partnership.people.invite', { partnershipId: partnership.id }),
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}

/** Inviting someone to the partnership (organisation null) or to one of its organisations. */
export function invitePage(
  partnership: Partnership,
  organisation: Organisation | null,
  actor: Actor,
  form: FormState,
) {
  const roles = invitableRoles(actor, {
    partnershipId: partnership.id,
    ...(organisation ? { organisationId: organisation.id } : {}),
  });
  const selectedPillars = toList(form.values.pillars);
  return {
    title: organisation
      ? `Invite someone to ${organisation.name}`
      : `Invite someone to ${partnership.name}`,
    organisation,
    ...form,
    roles: roles.map((r) => ({
      value: r,
      text: ROLE_LABELS[r],
      hint: { text: ROLE_DESCRIPTIONS[r] },
      checked: form.values.role === r,
      pillarChoice: r === 'contributor',
    })),
    pillarItems: PILLARS.map((p) => ({
      value: p.id,
      text: p.title,
      checked: selectedPillars.includes(p.id),
    })),
    action: organisation
      ? `${organisationPath(partnership, organisation)}/invite`
      : `${base(partnership)}/people/invite`,
    back: organisation
      ? { href: organisationPath(partnership, organisation), text: `Back to ${organisation.name}` }
      : { href: `${base(partnership)}/people`, text: 'Back to people' },
  };
}
