/**
 * Who may do what (SPEC §2.1). Pure: no database, no HTTP.
 *
 * Each protected action names its scope and the roles that may perform it. Anything not
 * listed is denied. Organisation roles act only on their own organisation; a contributor
 * limited to some pillars acts only on those pillars.
 */

export const PARTNERSHIP_ROLES = ['partnership-lead', 'reviewer', 'moderator'] as const;
export const ORGANISATION_ROLES = ['org-lead', 'contributor', 'viewer'] as const;
export const ROLES = [...PARTNERSHIP_ROLES, ...ORGANISATION_ROLES] as const;

export type PartnershipRole = (typeof PARTNERSHIP_ROLES)[number];
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];
export type Role = PartnershipRole | OrganisationRole;

export const ROLE_LABELS: Record<Role, string> = {
  'partnership-lead': 'Partnership lead',
  reviewer: 'Reviewer',
  moderator: 'Moderator',
  'org-lead': 'Organisation lead',
  contributor: 'Data contributor',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  'partnership-lead':
    'Sets up the partnership and its framework, adds organisations, invites people and publishes reports.',
  reviewer: 'Reviews returns from every organisation in the partnership.',
  moderator: 'Moderates public comments, suggestions and priorities.',
  'org-lead': "Leads the organisation's social value work and invites its colleagues.",
  contributor: "Enters and uploads the organisation's figures, optionally for some pillars only.",
  viewer: "Reads the organisation's figures and returns without changing them.",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isOrganisationRole(role: Role): role is OrganisationRole {
  return (ORGANISATION_ROLES as readonly string[]).includes(role);
}

export interface MembershipGrant {
  readonly partnershipId: string;
  readonly organisationId: string | null;
  readonly role: Role;
  readonly pillars: readonly string[] | null;
}

export interface Actor {
  readonly userId: string;
  readonly isPlatformAdmin: boolean;
  readonly memberships: readonly MembershipGrant[];
}

export interface Target {
  readonly partnershipId?: string;
  readonly organisationId?: string;
  readonly pillar?: string;
}

type Scope = 'platform' | 'partnership' | 'organisation';

interface Rule {
  readonly scope: Scope;
  readonly platformAdmin?: boolean;
  readonly roles: readonly Role[];
  readonly description: string;
  /**
   * The pillar whose data the action reads or writes, when it is one pillar's alone: a
   * contributor limited to other pillars is refused it wherever it is checked.
   */
  readonly pillar?: string;
}

const ALL_ROLES: readonly Role[] = ROLES;

/** The role matrix. Adding a protected action means adding one line here. */
export const RULES = {
  'platform.partnerships.create': {
    scope: 'platform',
    platformAdmin: true,
    roles: [],
    description: 'Create a partnership',
  },
  'platform.outbox.view': {
    scope: 'platform',
    platformAdmin: true,
    roles: [],
    description: 'Read the mail outbox',
  },
  'platform.audit.view': {
    scope: 'platform',
    platformAdmin: true,
    roles: [],
    description: 'Read the audit log of the whole platform',
  },
  'platform.factors.manage': {
    scope: 'platform',
    platformAdmin: true,
    roles: [],
    description: 'See the conversion-factor sets and enter a small set by hand',
  },
  'platform.living-wage.edit': {
    scope: 'platform',
    platformAdmin: true,
    roles: [],
    description: 'Add and correct the Real Living Wage rates',
  },
  'partnership.view': {
    scope: 'partnership',
    platformAdmin: true,
    roles: ALL_ROLES,
    description: "Open the partnership's staff area",
  },
  'partnership.settings.edit': {
    scope: 'partnership',
    platformAdmin: true,
    roles: ['partnership-lead'],
    description: "Change the partnership's name, local area, year start and visibility",
  },
  'partnership.audit.view': {
    scope: 'partnership',
    platformAdmin: true,
    roles: ['partnership-lead', 'reviewer'],
    description: "Read the partnership's audit log",
  },
  'partnership.people.view': {
    scope: 'partnership',
    platformAdmin: true,
    roles: ['partnership-lead'],
    description: 'See everyone in the partnership and their roles',
  },
  'partnership.people.invite': {
    scope: 'partnership',
    platformAdmin: true,
    roles: ['partnership-lead'],
    description: 'Invite partnership leads, reviewers and moderators, and remove them',
  },
  'organisations.list': {
    scope: 'partnership',
    platformAdmin: true,
    roles: ['partnership-lead', 'reviewer', 'moderator'],
    description: "List the partnership's member organisations",
  },
  'organisations.create': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Add a member organisation',
  },
  'organisation.view': {
    scope: 'organisation',
    platformAdmin: true,
    roles: ALL_ROLES,
    description: 'See an organisation and its people',
  },
  'organisation.edit': {
    scope: 'organisation',
    roles: ['partnership-lead', 'org-lead'],
    description: "Change an organisation's details",
  },
  'organisation.people.invite-lead': {
    scope: 'organisation',
    roles: ['partnership-lead'],
    description: 'Invite or remove organisation leads',
  },
  'organisation.people.invite': {
    scope: 'organisation',
    roles: ['partnership-lead', 'org-lead'],
    description: 'Invite or remove contributors and viewers',
  },
  'framework.edit': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Switch indicators on and off, change their wording, add indicators',
  },
  'periods.manage': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Open reporting periods and set due dates',
  },
  'targets.partnership.edit': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Set partnership-wide baselines and targets',
  },
  'reviews.queue': {
    scope: 'partnership',
    roles: ['partnership-lead', 'reviewer'],
    description: 'See returns waiting for review across organisations',
  },
  'dashboard.partnership.view': {
    scope: 'partnership',
    roles: ['partnership-lead', 'reviewer', 'moderator'],
    description: "See the partnership's dashboard and each organisation's figures",
  },
  'spend.partnership.view': {
    scope: 'partnership',
    roles: ['partnership-lead', 'reviewer', 'moderator'],
    description: "See the partnership's spend analysis across organisations",
    pillar: 'procurement',
  },
  'suppliers.view': {
    scope: 'partnership',
    roles: ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
    description: 'See the supplier register',
    pillar: 'procurement',
  },
  'suppliers.edit': {
    scope: 'partnership',
    roles: ['partnership-lead', 'org-lead', 'contributor'],
    description: 'Correct suppliers’ details: postcode, type, identifiers',
    pillar: 'procurement',
  },
  'lm3.manage': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Send the Local Multiplier 3 survey to suppliers and see the answers',
    pillar: 'procurement',
  },
  'maturity.review': {
    scope: 'partnership',
    roles: ['partnership-lead', 'reviewer'],
    description: 'See the maturity grid and agree or query self-assessments',
  },
  'targets.organisation.edit': {
    scope: 'organisation',
    roles: ['partnership-lead', 'org-lead'],
    description: "Set an organisation's baselines and targets",
  },
  'return.view': {
    scope: 'organisation',
    roles: ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
    description: "See an organisation's returns, figures and evidence",
  },
  'return.edit': {
    scope: 'organisation',
    roles: ['org-lead', 'contributor'],
    description: 'Enter figures and evidence (contributors: only their pillars)',
  },
  'return.submit': {
    scope: 'organisation',
    roles: ['org-lead', 'contributor'],
    description: 'Send a return for review',
  },
  'return.review': {
    scope: 'organisation',
    roles: ['partnership-lead', 'reviewer'],
    description: 'Approve a return or return it with queries',
  },
  'return.correct': {
    scope: 'organisation',
    roles: ['org-lead'],
    description: 'Start a correction of an approved return',
  },
  'maturity.edit': {
    scope: 'organisation',
    roles: ['org-lead'],
    description: 'Rate the organisation on the maturity self-assessment',
  },
  'spend.view': {
    scope: 'organisation',
    roles: ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
    description:
      "See an organisation's spend analysis and its imports (contributors: only those who report procurement)",
    pillar: 'procurement',
  },
  'spend.import': {
    scope: 'organisation',
    roles: ['partnership-lead', 'org-lead', 'contributor'],
    description:
      'Import spend files (contributors: only those who report procurement; partnership leads for any member organisation)',
    pillar: 'procurement',
  },
  'spend.import.members': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Import spend files on behalf of a member organisation, choosing which',
    pillar: 'procurement',
  },
  'workforce.view': {
    scope: 'organisation',
    roles: ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
    description:
      "See an organisation's workforce figures from its payroll extracts (counts only) and its imports",
    pillar: 'workforce',
  },
  'payroll.import': {
    scope: 'organisation',
    roles: ['org-lead', 'contributor'],
    description:
      'Import payroll extracts (contributors: only those who report workforce); partnership leads do not, as the file holds personal data',
    pillar: 'workforce',
  },
  'environment.partnership.view': {
    scope: 'partnership',
    roles: ['partnership-lead', 'reviewer', 'moderator'],
    description: "See the partnership's emissions and net-zero path across organisations",
    pillar: 'environment',
  },
  'environment.view': {
    scope: 'organisation',
    roles: ['partnership-lead', 'reviewer', 'moderator', 'org-lead', 'contributor', 'viewer'],
    description: "See an organisation's activity data, emissions and net-zero path",
    pillar: 'environment',
  },
  'environment.edit': {
    scope: 'organisation',
    roles: ['org-lead', 'contributor'],
    description:
      "Enter or correct an organisation's activity data (contributors: only those who report environment)",
    pillar: 'environment',
  },
  'registers.view': {
    scope: 'organisation',
    roles: ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
    description:
      "See an organisation's registers: community use, land, capital spend, engagement, volunteering and grants",
  },
  'registers.infrastructure.edit': {
    scope: 'organisation',
    roles: ['org-lead', 'contributor'],
    description:
      'Add and change entries of the infrastructure registers (contributors: only those who report infrastructure)',
    pillar: 'infrastructure',
  },
  'registers.community.edit': {
    scope: 'organisation',
    roles: ['org-lead', 'contributor'],
    description:
      'Add and change entries of the community registers (contributors: only those who report community engagement)',
    pillar: 'community',
  },
  'initiatives.view': {
    scope: 'partnership',
    roles: ALL_ROLES,
    description: "See the partnership's joint initiatives",
  },
  'initiatives.edit': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Add and change joint initiatives, their partners, money pooled and milestones',
  },
  'charter.view': {
    scope: 'partnership',
    roles: ALL_ROLES,
    description: "See the partnership's charter, its versions, signatories and pledges",
  },
  'charter.edit': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Prepare versions of the charter, open them for consultation and adopt them',
  },
  'charter.sign': {
    scope: 'organisation',
    roles: ['org-lead'],
    description: 'Sign the adopted charter for the organisation and add its pledges',
  },
  'figures.publish': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Publish a year’s figures, and correct them',
  },
  'figures.publishing.choose': {
    scope: 'organisation',
    roles: ['partnership-lead', 'org-lead'],
    description: 'Choose which of the organisation’s own figures are published',
  },
  'consultation.view': {
    scope: 'partnership',
    roles: ['partnership-lead', 'reviewer', 'moderator'],
    description: 'See every response to a consultation, with its moderation and answers',
  },
  'consultation.moderate': {
    scope: 'partnership',
    roles: ['partnership-lead', 'moderator'],
    description: 'Approve, hide and restore responses, and block participants',
  },
  'consultation.assist': {
    scope: 'partnership',
    roles: ['partnership-lead', 'moderator'],
    description: 'Enter responses on a resident’s behalf, from paper forms and events',
  },
  'consultation.answer': {
    scope: 'partnership',
    roles: ['partnership-lead'],
    description: 'Answer suggestions in public: you said, we did',
  },
  'dashboard.organisation.view': {
    scope: 'organisation',
    roles: ['partnership-lead', 'reviewer', 'moderator', 'org-lead', 'contributor', 'viewer'],
    description: "See an organisation's dashboard",
  },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

export function can(actor: Actor | null | undefined, action: Action, target: Target = {}): boolean {
  if (!actor) return false;
  const rule: Rule | undefined = Object.hasOwn(RULES, action)
    ? (RULES as Record<string, Rule>)[action]
    : undefined;
  if (!rule) return false;
  if (rule.platformAdmin && actor.isPlatformAdmin) return true;
  if (rule.scope === 'platform') return false;
  if (!target.partnershipId) return false;
  const scoped = rule.pillar && !target.pillar ? { ...target, pillar: rule.pillar } : target;
  return actor.memberships.some((m) => grants(m, rule, scoped));
}

function grants(m: MembershipGrant, rule: Rule, target: Target): boolean {
  if (m.partnershipId !== target.partnershipId) return false;
  if (!rule.roles.includes(m.role)) return false;
  if (!isOrganisationRole(m.role)) return true;
  // Contributors limited to some pillars act only on those pillars' data, wherever it is held.
  const pillarAllowed =
    !target.pillar || !m.pillars || m.pillars.length === 0 || m.pillars.includes(target.pillar);
  // Organisation roles: only within their own organisation.
  if (rule.scope === 'partnership') return pillarAllowed;
  if (!target.organisationId || m.organisationId !== target.organisationId) return false;
  return pillarAllowed;
}

/** Roles an actor may hand out when inviting to the given target. */
export function invitableRoles(actor: Actor, target: Target): Role[] {
  const out: Role[] = [];
  if (!target.organisationId) {
    if (can(actor, 'partnership.people.invite', target)) out.push(...PARTNERSHIP_ROLES);
    return out;
  }
  if (can(actor, 'organisation.people.invite-lead', target)) out.push('org-lead');
  if (can(actor, 'organisation.people.invite', target)) out.push('contributor', 'viewer');
  return out;
}

/** Whether the actor belongs to the partnership at all (any role), or is a platform admin. */
export function belongsTo(actor: Actor, partnershipId: string): boolean {
  return actor.isPlatformAdmin || actor.memberships.some((m) => m.partnershipId === partnershipId);
}

export function isStaff(actor: Actor): boolean {
  return actor.isPlatformAdmin || actor.memberships.length > 0;
}
