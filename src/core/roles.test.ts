import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  ORGANISATION_ROLES,
  PARTNERSHIP_ROLES,
  ROLES,
  RULES,
  belongsTo,
  can,
  invitableRoles,
  isOrganisationRole,
  isRole,
  isStaff,
  type Action,
  type Actor,
  type MembershipGrant,
  type Role,
  type Target,
} from './roles.js';

// Two partnerships: A has organisations A1 and A2, B has organisation B1.
const A = 'partnership-a';
const B = 'partnership-b';
const A1 = 'org-a1';
const A2 = 'org-a2';
const B1 = 'org-b1';

function grant(
  role: Role,
  partnershipId: string,
  organisationId: string | null = null,
  pillars: readonly string[] | null = null,
): MembershipGrant {
  return { partnershipId, organisationId, role, pillars };
}

function actor(...memberships: MembershipGrant[]): Actor {
  return { userId: 'user-1', isPlatformAdmin: false, memberships };
}

const platformAdmin: Actor = { userId: 'admin', isPlatformAdmin: true, memberships: [] };

/** A member with this role in partnership A (organisation roles: in organisation A1). */
function memberOfA(role: Role): Actor {
  return actor(grant(role, A, isOrganisationRole(role) ? A1 : null));
}

// ---------------------------------------------------------------------------------------------
// The expectation table, written by hand from SPEC §2.1 and the brief, NOT derived from RULES.
// Each action lists its scope and the roles (acting in their own partnership and, for organisation
// roles, their own organisation) that may perform it. `Record<Action, …>` makes the compiler
// demand a line for every action; the test below also checks there is no extra line.
// ---------------------------------------------------------------------------------------------
type Scope = 'platform' | 'partnership' | 'organisation';
const LEAD = 'partnership-lead';
const EVERYONE: readonly Role[] = [
  'partnership-lead',
  'reviewer',
  'moderator',
  'org-lead',
  'contributor',
  'viewer',
];

const EXPECTED: Record<Action, { scope: Scope; roles: readonly Role[]; admin: boolean }> = {
  'workforce.view': {
    scope: 'organisation',
    roles: [LEAD, 'reviewer', 'org-lead', 'contributor', 'viewer'],
    admin: false,
  },
  'payroll.import': { scope: 'organisation', roles: ['org-lead', 'contributor'], admin: false },
  'platform.partnerships.create': { scope: 'platform', roles: [], admin: true },
  'platform.outbox.view': { scope: 'platform', roles: [], admin: true },
  'platform.audit.view': { scope: 'platform', roles: [], admin: true },
  'platform.living-wage.edit': { scope: 'platform', roles: [], admin: true },
  'partnership.view': { scope: 'partnership', roles: EVERYONE, admin: true },
  'partnership.settings.edit': { scope: 'partnership', roles: [LEAD], admin: true },
  'partnership.audit.view': { scope: 'partnership', roles: [LEAD, 'reviewer'], admin: true },
  'partnership.people.view': { scope: 'partnership', roles: [LEAD], admin: true },
  'partnership.people.invite': { scope: 'partnership', roles: [LEAD], admin: true },
  'organisations.list': {
    scope: 'partnership',
    roles: [LEAD, 'reviewer', 'moderator'],
    admin: true,
  },
  'organisations.create': { scope: 'partnership', roles: [LEAD], admin: false },
  'organisation.view': { scope: 'organisation', roles: EVERYONE, admin: true },
  'organisation.edit': { scope: 'organisation', roles: [LEAD, 'org-lead'], admin: false },
  'organisation.people.invite-lead': { scope: 'organisation', roles: [LEAD], admin: false },
  'organisation.people.invite': {
    scope: 'organisation',
    roles: [LEAD, 'org-lead'],
    admin: false,
  },
  // The rest are not named in the brief; written from SPEC §2.1-2.5 and the role descriptions.
  'framework.edit': { scope: 'partnership', roles: [LEAD], admin: false },
  'periods.manage': { scope: 'partnership', roles: [LEAD], admin: false },
  'targets.partnership.edit': { scope: 'partnership', roles: [LEAD], admin: false },
  'reviews.queue': { scope: 'partnership', roles: [LEAD, 'reviewer'], admin: false },
  'dashboard.partnership.view': {
    scope: 'partnership',
    roles: [LEAD, 'reviewer', 'moderator'],
    admin: false,
  },
  'spend.partnership.view': {
    scope: 'partnership',
    roles: [LEAD, 'reviewer', 'moderator'],
    admin: false,
  },
  'suppliers.view': {
    scope: 'partnership',
    roles: [LEAD, 'reviewer', 'org-lead', 'contributor', 'viewer'],
    admin: false,
  },
  'suppliers.edit': {
    scope: 'partnership',
    roles: [LEAD, 'org-lead', 'contributor'],
    admin: false,
  },
  'lm3.manage': { scope: 'partnership', roles: [LEAD], admin: false },
  'maturity.review': { scope: 'partnership', roles: [LEAD, 'reviewer'], admin: false },
  'targets.organisation.edit': {
    scope: 'organisation',
    roles: [LEAD, 'org-lead'],
    admin: false,
  },
  'return.view': {
    scope: 'organisation',
    roles: [LEAD, 'reviewer', 'org-lead', 'contributor', 'viewer'],
    admin: false,
  },
  'return.edit': { scope: 'organisation', roles: ['org-lead', 'contributor'], admin: false },
  'return.submit': { scope: 'organisation', roles: ['org-lead', 'contributor'], admin: false },
  'return.review': { scope: 'organisation', roles: [LEAD, 'reviewer'], admin: false },
  'return.correct': { scope: 'organisation', roles: ['org-lead'], admin: false },
  'maturity.edit': { scope: 'organisation', roles: ['org-lead'], admin: false },
  'spend.view': {
    scope: 'organisation',
    roles: [LEAD, 'reviewer', 'org-lead', 'contributor', 'viewer'],
    admin: false,
  },
  // Partnership leads import for members that have no analyst of their own.
  'spend.import': {
    scope: 'organisation',
    roles: [LEAD, 'org-lead', 'contributor'],
    admin: false,
  },
  'spend.import.members': { scope: 'partnership', roles: [LEAD], admin: false },
  'dashboard.organisation.view': { scope: 'organisation', roles: EVERYONE, admin: false },
  'platform.factors.manage': { scope: 'platform', roles: [], admin: true },
  'environment.partnership.view': {
    scope: 'partnership',
    roles: [LEAD, 'reviewer', 'moderator'],
    admin: false,
  },
  'environment.view': { scope: 'organisation', roles: EVERYONE, admin: false },
  'environment.edit': { scope: 'organisation', roles: ['org-lead', 'contributor'], admin: false },
  // Registers of the other pillars (decision 024): seen as returns are, kept by the organisation.
  'registers.view': {
    scope: 'organisation',
    roles: [LEAD, 'reviewer', 'org-lead', 'contributor', 'viewer'],
    admin: false,
  },
  'registers.infrastructure.edit': {
    scope: 'organisation',
    roles: ['org-lead', 'contributor'],
    admin: false,
  },
  'registers.community.edit': {
    scope: 'organisation',
    roles: ['org-lead', 'contributor'],
    admin: false,
  },
  'initiatives.view': { scope: 'partnership', roles: EVERYONE, admin: false },
  'initiatives.edit': { scope: 'partnership', roles: [LEAD], admin: false },
  // The charter (decision 028): read by every role, kept by the lead, signed by each organisation's lead.
  'charter.view': { scope: 'partnership', roles: EVERYONE, admin: false },
  'charter.edit': { scope: 'partnership', roles: [LEAD], admin: false },
  'charter.sign': { scope: 'organisation', roles: ['org-lead'], admin: false },
  'figures.publish': { scope: 'partnership', roles: [LEAD], admin: false },
  'figures.publishing.choose': {
    scope: 'organisation',
    roles: [LEAD, 'org-lead'],
    admin: false,
  },
  'consultation.view': {
    scope: 'partnership',
    roles: [LEAD, 'reviewer', 'moderator'],
    admin: false,
  },
  'consultation.moderate': { scope: 'partnership', roles: [LEAD, 'moderator'], admin: false },
  'consultation.assist': { scope: 'partnership', roles: [LEAD, 'moderator'], admin: false },
  'consultation.answer': { scope: 'partnership', roles: [LEAD], admin: false },
};

const EXPECTED_ACTIONS = Object.keys(EXPECTED) as Action[];

describe('role constants', () => {
  it('has the six roles of SPEC §2.1, partnership roles then organisation roles', () => {
    expect([...PARTNERSHIP_ROLES]).toEqual(['partnership-lead', 'reviewer', 'moderator']);
    expect([...ORGANISATION_ROLES]).toEqual(['org-lead', 'contributor', 'viewer']);
    expect([...ROLES]).toEqual([...EVERYONE]);
  });

  it('recognises roles and organisation roles', () => {
    for (const r of EVERYONE) expect(isRole(r)).toBe(true);
    for (const r of ['platform-admin', 'admin', '', 'Viewer', 'constructor']) {
      expect(isRole(r)).toBe(false);
    }
    expect(EVERYONE.filter((r) => isOrganisationRole(r))).toEqual([
      'org-lead',
      'contributor',
      'viewer',
    ]);
  });

  it('ACTIONS lists every rule', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(RULES).sort());
  });
});

describe('the role × action expectation table', () => {
  it('covers exactly the actions in RULES', () => {
    expect([...EXPECTED_ACTIONS].sort()).toEqual([...ACTIONS].sort());
  });

  it('gives each action the scope the spec implies', () => {
    for (const a of ACTIONS) expect(RULES[a].scope, a).toBe(EXPECTED[a].scope);
  });

  const cells = EVERYONE.flatMap((role) => EXPECTED_ACTIONS.map((action) => ({ role, action })));

  it.each(cells)('$role → $action', ({ role, action }) => {
    const expected = EXPECTED[action].roles.includes(role);
    const target: Target = { partnershipId: A, organisationId: A1 };
    expect(can(memberOfA(role), action, target)).toBe(expected);
  });

  it('checks every one of the 6 × |ACTIONS| cells', () => {
    expect(cells).toHaveLength(6 * ACTIONS.length);
    expect(ACTIONS.length).toBeGreaterThanOrEqual(34);
  });

  it('platform actions are allowed to none of the six roles', () => {
    const platform = EXPECTED_ACTIONS.filter((a) => a.startsWith('platform.'));
    expect(platform).toHaveLength(5);
    for (const role of EVERYONE) {
      for (const a of platform) {
        expect(can(memberOfA(role), a, { partnershipId: A, organisationId: A1 }), role).toBe(false);
        expect(can(memberOfA(role), a), role).toBe(false);
      }
    }
  });
});

describe('can: default deny', () => {
  const lead = memberOfA('partnership-lead');

  it('denies a null or undefined actor everything', () => {
    for (const a of ACTIONS) {
      expect(can(null, a, { partnershipId: A, organisationId: A1 })).toBe(false);
      expect(can(undefined, a, { partnershipId: A, organisationId: A1 })).toBe(false);
    }
  });

  it('denies an unknown action, even to a lead or a platform admin', () => {
    const unknown = 'partnership.delete' as Action;
    expect(can(lead, unknown, { partnershipId: A, organisationId: A1 })).toBe(false);
    expect(can(platformAdmin, unknown, { partnershipId: A, organisationId: A1 })).toBe(false);
    expect(can(lead, '' as Action, { partnershipId: A })).toBe(false);
  });

  it('denies an actor with no memberships everything', () => {
    const nobody = actor();
    for (const a of ACTIONS) {
      expect(can(nobody, a, { partnershipId: A, organisationId: A1 }), a).toBe(false);
      expect(can(nobody, a), a).toBe(false);
    }
  });

  it('denies platform-scope actions to every non-admin, whatever they hold', () => {
    const everything = actor(
      ...EVERYONE.map((r) => grant(r, A, isOrganisationRole(r) ? A1 : null)),
      ...EVERYONE.map((r) => grant(r, B, isOrganisationRole(r) ? B1 : null)),
    );
    for (const a of ACTIONS.filter((x) => RULES[x].scope === 'platform')) {
      expect(can(everything, a), a).toBe(false);
      expect(can(everything, a, { partnershipId: A, organisationId: A1 }), a).toBe(false);
    }
  });

  it('denies partnership and organisation actions when no partnership is targeted', () => {
    for (const a of ACTIONS.filter((x) => RULES[x].scope !== 'platform')) {
      expect(can(lead, a), a).toBe(false);
      expect(can(lead, a, { organisationId: A1 }), a).toBe(false);
      expect(can(memberOfA('org-lead'), a, { organisationId: A1 }), a).toBe(false);
    }
  });
});

describe('can: platform administrators', () => {
  const adminActions: Action[] = [
    'platform.partnerships.create',
    'platform.outbox.view',
    'platform.audit.view',
    'platform.factors.manage',
    'platform.living-wage.edit',
    'partnership.view',
    'partnership.settings.edit',
    'partnership.audit.view',
    'partnership.people.view',
    'partnership.people.invite',
    'organisations.list',
    'organisation.view',
  ];

  it('get exactly the actions marked platformAdmin in RULES', () => {
    for (const a of ACTIONS) {
      const marked = (RULES[a] as { platformAdmin?: boolean }).platformAdmin === true;
      expect(can(platformAdmin, a, { partnershipId: A, organisationId: A1 }), a).toBe(marked);
    }
  });

  it('get exactly the actions the spec gives them (hand-written list)', () => {
    const allowed = ACTIONS.filter((a) =>
      can(platformAdmin, a, { partnershipId: B, organisationId: B1 }),
    );
    expect([...allowed].sort()).toEqual([...adminActions].sort());
    for (const a of ACTIONS) expect(EXPECTED[a].admin, a).toBe(adminActions.includes(a));
  });

  it('may perform platform actions with no target at all', () => {
    expect(can(platformAdmin, 'platform.partnerships.create')).toBe(true);
    expect(can(platformAdmin, 'platform.outbox.view', {})).toBe(true);
    expect(can(platformAdmin, 'platform.audit.view')).toBe(true);
  });

  it("do not see organisations' figures or returns", () => {
    const target = { partnershipId: A, organisationId: A1 };
    for (const a of [
      'return.view',
      'spend.view',
      'dashboard.organisation.view',
      'dashboard.partnership.view',
      'organisations.create',
    ] as const) {
      expect(can(platformAdmin, a, target), a).toBe(false);
    }
  });

  it('keep what their memberships grant as well', () => {
    const adminAndLead: Actor = { ...platformAdmin, memberships: [grant('partnership-lead', A)] };
    expect(can(adminAndLead, 'organisations.create', { partnershipId: A })).toBe(true);
    expect(can(adminAndLead, 'organisations.create', { partnershipId: B })).toBe(false);
  });
});

describe('can: partnership roles act only inside their own partnership', () => {
  it.each(PARTNERSHIP_ROLES.map((role) => ({ role })))(
    'a $role of A can do nothing in B',
    ({ role }) => {
      const member = actor(grant(role, A));
      for (const a of ACTIONS) {
        expect(can(member, a, { partnershipId: B }), a).toBe(false);
        expect(can(member, a, { partnershipId: B, organisationId: B1 }), a).toBe(false);
      }
    },
  );

  it('a lead of A can do something in A (so the denial above is not vacuous)', () => {
    const lead = actor(grant('partnership-lead', A));
    expect(can(lead, 'partnership.settings.edit', { partnershipId: A })).toBe(true);
    expect(can(lead, 'organisation.edit', { partnershipId: A, organisationId: A1 })).toBe(true);
    expect(can(lead, 'partnership.settings.edit', { partnershipId: B })).toBe(false);
    expect(can(lead, 'organisation.edit', { partnershipId: B, organisationId: B1 })).toBe(false);
  });

  it('partnership roles act on every organisation of their partnership', () => {
    const lead = actor(grant('partnership-lead', A));
    const reviewer = actor(grant('reviewer', A));
    for (const org of [A1, A2]) {
      expect(can(lead, 'organisation.edit', { partnershipId: A, organisationId: org })).toBe(true);
      expect(can(reviewer, 'return.review', { partnershipId: A, organisationId: org })).toBe(true);
    }
  });

  it('a lead in A and a reviewer in B has each role only in its own partnership', () => {
    const both = actor(grant('partnership-lead', A), grant('reviewer', B));
    expect(can(both, 'partnership.settings.edit', { partnershipId: A })).toBe(true);
    expect(can(both, 'partnership.settings.edit', { partnershipId: B })).toBe(false);
    expect(can(both, 'reviews.queue', { partnershipId: B })).toBe(true);
    expect(can(both, 'organisations.create', { partnershipId: B })).toBe(false);
  });
});

describe('can: organisation roles act only on their own organisation', () => {
  const orgScoped = ACTIONS.filter((a) => EXPECTED[a].scope === 'organisation');

  it.each(ORGANISATION_ROLES.map((role) => ({ role })))(
    'a $role of A1 may not act on A2 (same partnership) or B1',
    ({ role }) => {
      const member = actor(grant(role, A, A1));
      for (const a of orgScoped) {
        expect(can(member, a, { partnershipId: A, organisationId: A2 }), a).toBe(false);
        expect(can(member, a, { partnershipId: B, organisationId: B1 }), a).toBe(false);
        // …nor on an organisation action with no organisation named.
        expect(can(member, a, { partnershipId: A }), a).toBe(false);
      }
    },
  );

  it.each(ORGANISATION_ROLES.map((role) => ({ role })))(
    'a $role of A1 may act on A1 where the table allows it',
    ({ role }) => {
      const member = actor(grant(role, A, A1));
      for (const a of orgScoped) {
        const expected = EXPECTED[a].roles.includes(role);
        expect(can(member, a, { partnershipId: A, organisationId: A1 }), a).toBe(expected);
      }
    },
  );

  it('an org-lead of A1 may edit A1 but not A2', () => {
    const orgLead = actor(grant('org-lead', A, A1));
    expect(can(orgLead, 'organisation.edit', { partnershipId: A, organisationId: A1 })).toBe(true);
    expect(can(orgLead, 'organisation.edit', { partnershipId: A, organisationId: A2 })).toBe(false);
  });

  it('an org role whose organisation id matches but whose partnership does not is denied', () => {
    const orgLead = actor(grant('org-lead', A, A1));
    expect(can(orgLead, 'organisation.edit', { partnershipId: B, organisationId: A1 })).toBe(false);
  });

  it('organisation roles act on partnership-scope actions of their own partnership only', () => {
    const contributor = actor(grant('contributor', A, A1));
    expect(can(contributor, 'suppliers.edit', { partnershipId: A })).toBe(true);
    expect(can(contributor, 'partnership.view', { partnershipId: A })).toBe(true);
    expect(can(contributor, 'suppliers.edit', { partnershipId: B })).toBe(false);
    expect(can(contributor, 'partnership.view', { partnershipId: B })).toBe(false);
    expect(can(contributor, 'organisations.list', { partnershipId: A })).toBe(false);
  });

  it('a member of two organisations acts on both and no other', () => {
    const twice = actor(grant('org-lead', A, A1), grant('viewer', A, A2));
    expect(can(twice, 'organisation.edit', { partnershipId: A, organisationId: A1 })).toBe(true);
    expect(can(twice, 'organisation.edit', { partnershipId: A, organisationId: A2 })).toBe(false);
    expect(can(twice, 'return.view', { partnershipId: A, organisationId: A2 })).toBe(true);
    expect(can(twice, 'return.view', { partnershipId: B, organisationId: B1 })).toBe(false);
  });
});

describe('can: pillar-limited contributors', () => {
  const own = { partnershipId: A, organisationId: A1 };
  const limited = actor(grant('contributor', A, A1, ['workforce']));
  const unlimited = actor(grant('contributor', A, A1, null));
  const emptyList = actor(grant('contributor', A, A1, []));

  it('act on their own pillars', () => {
    expect(can(limited, 'return.edit', { ...own, pillar: 'workforce' })).toBe(true);
    expect(can(limited, 'return.submit', { ...own, pillar: 'workforce' })).toBe(true);
  });

  it('do not act on other pillars', () => {
    expect(can(limited, 'return.edit', { ...own, pillar: 'procurement' })).toBe(false);
    expect(can(limited, 'spend.import', { ...own, pillar: 'procurement' })).toBe(false);
    expect(can(limited, 'return.view', { ...own, pillar: 'environment' })).toBe(false);
  });

  it('are still confined to their organisation on their own pillar', () => {
    expect(
      can(limited, 'return.edit', { partnershipId: A, organisationId: A2, pillar: 'workforce' }),
    ).toBe(false);
  });

  it('with several pillars act on each of them', () => {
    const two = actor(grant('contributor', A, A1, ['workforce', 'procurement']));
    expect(can(two, 'return.edit', { ...own, pillar: 'workforce' })).toBe(true);
    expect(can(two, 'spend.import', { ...own, pillar: 'procurement' })).toBe(true);
    expect(can(two, 'return.edit', { ...own, pillar: 'environment' })).toBe(false);
  });

  it('without a pillar limit (null or empty) act on any pillar', () => {
    for (const pillar of ['workforce', 'procurement', 'environment', 'infrastructure']) {
      expect(can(unlimited, 'return.edit', { ...own, pillar }), pillar).toBe(true);
      expect(can(emptyList, 'return.edit', { ...own, pillar }), pillar).toBe(true);
    }
  });

  it('are refused one pillar’s actions even when the caller names no pillar (spend, suppliers, payroll, environment, registers)', () => {
    const pillarActions = ACTIONS.filter((a) =>
      (RULES[a].roles as readonly string[]).includes('contributor'),
    ).filter((a) => 'pillar' in RULES[a]);
    expect(pillarActions.sort()).toEqual(
      [
        'environment.edit',
        'environment.view',
        'payroll.import',
        'registers.community.edit',
        'registers.infrastructure.edit',
        'spend.import',
        'spend.view',
        'suppliers.edit',
        'suppliers.view',
        'workforce.view',
      ].sort(),
    );
    for (const action of pillarActions) {
      const pillar = (RULES[action] as { pillar: string }).pillar;
      const other = pillar === 'workforce' ? 'environment' : 'workforce';
      expect(can(actor(grant('contributor', A, A1, [other])), action, own), action).toBe(false);
      expect(can(unlimited, action, own), action).toBe(true);
      expect(can(actor(grant('contributor', A, A1, [pillar])), action, own), action).toBe(true);
    }
    expect(can(limited, 'spend.view', own)).toBe(false);
    // Other roles of the organisation are not limited by pillar.
    expect(can(actor(grant('viewer', A, A1)), 'spend.view', own)).toBe(true);
  });

  it('a pillar in the target does not stop partnership roles', () => {
    const lead = actor(grant('partnership-lead', A));
    expect(can(lead, 'organisation.edit', { ...own, pillar: 'procurement' })).toBe(true);
  });
});

describe('invitableRoles', () => {
  const lead = actor(grant('partnership-lead', A));

  it('a lead inviting to the partnership may hand out the three partnership roles', () => {
    expect(invitableRoles(lead, { partnershipId: A })).toEqual([
      'partnership-lead',
      'reviewer',
      'moderator',
    ]);
  });

  it('a lead inviting to an organisation may hand out the three organisation roles', () => {
    expect(invitableRoles(lead, { partnershipId: A, organisationId: A1 })).toEqual([
      'org-lead',
      'contributor',
      'viewer',
    ]);
  });

  it('a lead of A may hand out nothing in B', () => {
    expect(invitableRoles(lead, { partnershipId: B })).toEqual([]);
    expect(invitableRoles(lead, { partnershipId: B, organisationId: B1 })).toEqual([]);
  });

  it('an org-lead may hand out contributor and viewer in their own organisation only', () => {
    const orgLead = actor(grant('org-lead', A, A1));
    expect(invitableRoles(orgLead, { partnershipId: A, organisationId: A1 })).toEqual([
      'contributor',
      'viewer',
    ]);
    expect(invitableRoles(orgLead, { partnershipId: A, organisationId: A2 })).toEqual([]);
    expect(invitableRoles(orgLead, { partnershipId: A })).toEqual([]);
  });

  it.each([
    { role: 'reviewer' as const, org: null },
    { role: 'moderator' as const, org: null },
    { role: 'contributor' as const, org: A1 },
    { role: 'viewer' as const, org: A1 },
  ])('a $role may hand out nothing', ({ role, org }) => {
    const member = actor(grant(role, A, org));
    expect(invitableRoles(member, { partnershipId: A })).toEqual([]);
    expect(invitableRoles(member, { partnershipId: A, organisationId: A1 })).toEqual([]);
  });

  it('nobody may hand out a role without a partnership', () => {
    expect(invitableRoles(lead, {})).toEqual([]);
    expect(invitableRoles(actor(), { partnershipId: A })).toEqual([]);
  });

  it('a platform admin may appoint partnership roles but not organisation roles', () => {
    expect(invitableRoles(platformAdmin, { partnershipId: A })).toEqual([
      'partnership-lead',
      'reviewer',
      'moderator',
    ]);
    expect(invitableRoles(platformAdmin, { partnershipId: A, organisationId: A1 })).toEqual([]);
  });
});

describe('belongsTo and isStaff', () => {
  it('a member belongs to their partnerships only', () => {
    const member = actor(grant('viewer', A, A1), grant('reviewer', B));
    expect(belongsTo(member, A)).toBe(true);
    expect(belongsTo(member, B)).toBe(true);
    expect(belongsTo(member, 'partnership-c')).toBe(false);
    expect(belongsTo(actor(grant('viewer', A, A1)), B)).toBe(false);
  });

  it('a platform admin belongs to every partnership; nobody belongs without a membership', () => {
    expect(belongsTo(platformAdmin, A)).toBe(true);
    expect(belongsTo(platformAdmin, 'anything')).toBe(true);
    expect(belongsTo(actor(), A)).toBe(false);
  });

  it('staff are platform admins and anyone with a membership', () => {
    expect(isStaff(platformAdmin)).toBe(true);
    expect(isStaff(actor(grant('viewer', A, A1)))).toBe(true);
    expect(isStaff(actor())).toBe(false);
  });
});

describe('can: property-based tenant isolation', () => {
  const partnershipIds = ['p1', 'p2', 'p3', 'p4'];
  const orgIds = ['o1', 'o2', 'o3'];
  const pillars = ['workforce', 'procurement', 'environment'];

  const arbGrant: fc.Arbitrary<MembershipGrant> = fc
    .record({
      partnershipId: fc.constantFrom(...partnershipIds),
      organisationId: fc.constantFrom(...orgIds),
      role: fc.constantFrom(...ROLES),
      pillars: fc.option(fc.subarray(pillars), { nil: null }),
    })
    .map((g) => ({ ...g, organisationId: isOrganisationRole(g.role) ? g.organisationId : null }));

  const arbActor: fc.Arbitrary<Actor> = fc.record({
    userId: fc.constant('u'),
    isPlatformAdmin: fc.boolean(),
    memberships: fc.array(arbGrant, { maxLength: 6 }),
  });

  const arbTarget = fc.record(
    {
      partnershipId: fc.constantFrom(...partnershipIds),
      organisationId: fc.constantFrom(...orgIds),
      pillar: fc.constantFrom(...pillars),
    },
    { requiredKeys: ['partnershipId'] },
  );

  it('no membership in X and not a platform admin → never allowed in X', () => {
    fc.assert(
      fc.property(arbActor, fc.constantFrom(...ACTIONS), arbTarget, (a, action, target) => {
        const isMember = a.memberships.some((m) => m.partnershipId === target.partnershipId);
        fc.pre(!isMember && !a.isPlatformAdmin);
        expect(can(a, action, target)).toBe(false);
        expect(can(a, action, { partnershipId: target.partnershipId })).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('dropping memberships in other partnerships never changes the answer in X', () => {
    fc.assert(
      fc.property(arbActor, fc.constantFrom(...ACTIONS), arbTarget, (a, action, target) => {
        const onlyX: Actor = {
          ...a,
          memberships: a.memberships.filter((m) => m.partnershipId === target.partnershipId),
        };
        expect(can(onlyX, action, target)).toBe(can(a, action, target));
      }),
      { numRuns: 1000 },
    );
  });

  it('whatever is allowed in X, the actor belongs to X', () => {
    fc.assert(
      fc.property(arbActor, fc.constantFrom(...ACTIONS), arbTarget, (a, action, target) => {
        if (can(a, action, target) && target.partnershipId !== undefined) {
          expect(belongsTo(a, target.partnershipId)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('contributors limited to some pillars', () => {
  const workforceOnly = actor(grant('contributor', A, A1, ['workforce']));
  const procurement = actor(grant('contributor', A, A1, ['procurement']));

  it('act on partnership-wide data of their pillars only', () => {
    const target = { partnershipId: A, pillar: 'procurement' };
    expect(can(workforceOnly, 'suppliers.edit', target)).toBe(false);
    expect(can(procurement, 'suppliers.edit', target)).toBe(true);
    // The register shows what was spent with each supplier: procurement data too.
    expect(can(workforceOnly, 'suppliers.view', { partnershipId: A })).toBe(false);
    expect(can(procurement, 'suppliers.view', { partnershipId: A })).toBe(true);
  });

  it('act in their own organisation on their pillars only', () => {
    const target = { partnershipId: A, organisationId: A1, pillar: 'procurement' };
    expect(can(workforceOnly, 'spend.import', target)).toBe(false);
    expect(can(procurement, 'spend.import', target)).toBe(true);
    expect(can(procurement, 'spend.import', { ...target, organisationId: A2 })).toBe(false);
  });
});
