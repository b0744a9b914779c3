/**
 * Generated from the app's own route table, so that a new route is covered the day it is added:
 * - tenant isolation: for every route of a partnership's staff area, every user of another
 *   partnership gets 404 on this partnership's resources, including through their own slug;
 * - the role matrix: every role against every protected route, allowed or denied as SPEC §2.1
 *   says (an expectation table written here, independently of src/core/roles.ts).
 * Routes of the returns API (config.auth 'token') are reached with each role's API token instead
 * of a session: the same isolation and matrix, and 401 without a token.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/roles.js';
import { Readable } from 'node:stream';
import type { Organisation, Partnership, ReportingPeriod, User } from '../../src/db/schema.js';
import type { TestClient } from '../helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  makeUser,
  openYear,
  signedInAs,
  startTestApp,
  type TestApp,
} from '../helpers/app.js';
import { importFile, importPayroll } from '../helpers/payroll.js';
import { ACTIVITY_TEMPLATE_KIND, ERIC_KIND } from '../../src/features/carbon/activity-import.js';
import {
  fillRoute,
  charterTargets,
  freshPledge,
  registerTargets,
  spendTargets,
  type SpendTargets,
} from '../helpers/route-targets.js';

let t: TestApp;
let a: Partnership;
let orgA: Organisation;
let b: Partnership;
let orgB: Organisation;
let shared: Targets;
let periodA: ReportingPeriod;
let spendA: SpendTargets;
let lm3SurveyId: string;
let collectedA: Record<string, { jobId: string; importId: string }>;
/** One entry of each of organisation A's registers, by its id's name in the URLs, and an initiative. */
let registerIds: Record<string, string> = {};
/** An API token of A's organisation lead, for the route that revokes one. */
let revocableTokenId: string;
/** A read-and-write API token of each role, in A and in B, for the returns API's routes. */
const tokensA = new Map<Role, string>();
const tokensB = new Map<Role, string>();

interface Targets {
  invitationId: string;
  membershipId: string;
  fileId: string;
  evidenceId: string;
}

/** The fixed parameters every route of partnership A is filled with. */
function fixed(p: Partnership = a): Record<string, string> {
  return {
    slug: p.slug,
    orgId: orgA.id,
    periodId: periodA.id,
    pillar: 'workforce',
    itemId: 'staff_headcount',
    number: '1',
    code: 'W1',
    format: 'csv',
    messageId: '00000000-0000-0000-0000-000000000000',
    batchId: spendA.batchId,
    jobId: spendA.jobId,
    supplierId: spendA.supplierId,
    surveyId: lm3SurveyId,
    ...registerIds,
    year: '2024-25',
    fy: '2025-26',
    revision: '1',
    // The returns API names an organisation by its code and a period by its key.
    orgCode: orgA.code,
    period: '2025-26',
    tokenId: revocableTokenId,
  };
}

/** Fresh targets for routes that would use them up (withdrawing, removing); shared ones otherwise. */
async function idsFor(route: { method: string; url: string }, p = a, org = orgA) {
  // An import's own job and batch, for the pages of its kind (a spend job is not one of theirs).
  for (const [segment, ids] of Object.entries(collectedA))
    if (route.url.includes(`/${segment}/jobs/`) || route.url.includes(`/${segment}/imports/`))
      return { ...shared, ...ids };
  // A pledge withdrawn is gone from its routes: each withdrawal gets its own.
  if (route.method === 'POST' && route.url.endsWith('/pledges/:pledgeId/withdraw'))
    return { ...shared, pledgeId: await freshPledge(t.database, p, org) };
  return route.method === 'POST' && /:(invitationId|membershipId|fileId)/.test(route.url)
    ? targets(p, org)
    : p === a
      ? shared
      : targets(p, org);
}

const ROLES: Role[] = [
  'partnership-lead',
  'reviewer',
  'moderator',
  'org-lead',
  'contributor',
  'viewer',
];
type Who = Role | 'platform-admin' | 'no-role';
const clientsA = new Map<Who, TestClient>();
const clientsB = new Map<Role, TestClient>();

/** A pending invitation and a membership in partnership p, at organisation org, for a contributor. */
async function targets(p: Partnership, org: Organisation) {
  const lead = await makeUser(t.deps, { role: 'partnership-lead', partnership: p });
  const actor = { userId: lead.id, label: lead.email };
  const leadActor = {
    userId: lead.id,
    isPlatformAdmin: false,
    memberships: [
      {
        partnershipId: p.id,
        organisationId: null,
        role: 'partnership-lead' as const,
        pillars: null,
      },
    ],
  };
  const email = `invitee-${Math.random().toString(36).slice(2)}@test.example`;
  await t.deps.tenancy.invite(
    p,
    org.id,
    { displayName: 'Invitee', email, role: 'contributor', pillars: [] },
    leadActor,
    actor,
  );
  const invitation = await t.database.db
    .selectFrom('invitations')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const member: User = await makeUser(t.deps, {
    role: 'contributor',
    partnership: p,
    organisation: org,
  });
  const membership = await t.database.db
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', member.id)
    .executeTakeFirstOrThrow();
  const state = await t.deps.returns.load(
    { partnership: p, organisation: org, period: periodA },
    null,
  );
  const fileId = await t.deps.evidence.add(
    {
      partnershipId: p.id,
      returnId: state.returnId,
      revisionId: state.revision.id,
      itemId: 'staff_headcount',
    },
    {
      filename: 'evidence.pdf',
      stream: Readable.from([Buffer.from('%PDF-1.4\n%test\n%%EOF\n')]),
      truncated: () => false,
    },
    actor,
  );
  return { invitationId: invitation.id, membershipId: membership.id, fileId, evidenceId: fileId };
}

async function request(c: TestClient, method: string, url: string) {
  if (method === 'GET') return c.get(url);
  if (method === 'POST') return c.post(url, {}, { csrf: c.csrfToken ?? (await c.fetchToken()) });
  throw new Error(`Untested method ${method} ${url}`);
}

/** A request to the returns API with an API token (or none), with an empty body to change. */
async function withToken(token: string | undefined, method: string, url: string) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(method === 'GET' ? {} : { payload: method === 'PUT' ? { values: {} } : {} }),
  });
  return { status: res.statusCode, headers: res.headers, body: res.body };
}

const sessionRoutes = () => t.app.routeTable.filter((r) => r.auth !== 'token');
const tokenRoutes = () => t.app.routeTable.filter((r) => r.auth === 'token');

/** A read-and-write token made on the account page by a signed-in client, for partnership p. */
async function makeToken(c: TestClient, p: Partnership, name = 'Route table'): Promise<string> {
  const page = await c.post('/account/api-tokens', {
    name,
    partnership: p.id,
    scope: 'write',
    expiry: '30',
  });
  const text = /anc_[A-Za-z0-9_-]{43}/.exec(page.body)?.[0];
  if (!text) throw new Error(`No token made: ${page.status}`);
  return text;
}

beforeAll(async () => {
  t = await startTestApp();
  a = await makePartnership(t.deps);
  orgA = await makeOrganisation(t.deps, a);
  b = await makePartnership(t.deps);
  orgB = await makeOrganisation(t.deps, b);
  for (const role of ROLES) {
    clientsA.set(role, await signedInAs(t, role, a, orgA));
    clientsB.set(role, await signedInAs(t, role, b, orgB));
  }
  const admin = await makeUser(t.deps, { platformAdmin: true });
  const adminClient = t.client();
  await adminClient.signIn(admin.email, admin.password);
  clientsA.set('platform-admin', adminClient);
  const nobody = await makeUser(t.deps);
  const nobodyClient = t.client();
  await nobodyClient.signIn(nobody.email, nobody.password);
  clientsA.set('no-role', nobodyClient);
  periodA = await openYear(t.deps, a, 2025, { actor: { userId: null, label: 'test' } });
  shared = await targets(a, orgA);
  spendA = await spendTargets(t.database, a, orgA);
  // One import of each collected kind, with its job (not the year of periodA, whose return's
  // items stay entered by hand).
  const target = { partnership: a, organisation: orgA };
  const imported = {
    workforce: await importPayroll(
      t,
      target,
      { name: 'payroll.csv', content: 'Employment,Hourly rate\nDirect,13.00\nDirect,oops\n' },
      2024,
    ),
    'environment/template': await importFile(
      t,
      ACTIVITY_TEMPLATE_KIND,
      target,
      { name: 'activity.csv', content: 'activity,quantity\ngas,1000\n' },
      2024,
    ),
    'environment/eric': await importFile(
      t,
      ERIC_KIND,
      target,
      {
        name: 'eric.csv',
        content: `Organisation Code,Organisation Name,Gas consumed (kWh)\n${orgA.code},A,100\nRQ6,B,200\n`,
      },
      2024,
    ),
  };
  collectedA = {};
  for (const [segment, result] of Object.entries(imported)) {
    const job = await t.database.db
      .selectFrom('jobs')
      .select('id')
      .where('batch_id', '=', result.batchId)
      .executeTakeFirstOrThrow();
    collectedA[segment] = { jobId: job.id, importId: result.batchId };
  }
  const lm3Supplier = await t.database.db
    .selectFrom('suppliers')
    .select('id')
    .where('partnership_id', '=', a.id)
    .executeTakeFirstOrThrow();
  lm3SurveyId = (
    await t.database.db
      .insertInto('lm3_surveys')
      .values({
        partnership_id: a.id,
        supplier_id: lm3Supplier.id,
        fy_start_year: 2025,
        token_hash: 'route-table-survey',
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  registerIds = {
    ...(await registerTargets(t.database, a, orgA)),
    ...(await charterTargets(t.database, a, orgA)),
  };
  for (const role of ROLES) {
    tokensA.set(role, await makeToken(clientsA.get(role)!, a));
    tokensB.set(role, await makeToken(clientsB.get(role)!, b));
  }
  await makeToken(clientsA.get('org-lead')!, a, 'To revoke');
  revocableTokenId = (
    await t.database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('name', '=', 'To revoke')
      .executeTakeFirstOrThrow()
  ).id;
});

afterAll(async () => {
  await t?.close();
  if (spendA) fs.rmSync(spendA.dir, { recursive: true, force: true });
});

describe('the route table', () => {
  it('gives every route an access rule (the app refuses to start otherwise)', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(20);
    for (const r of t.app.routeTable) expect(r.access).toBeTruthy();
  });

  it('puts every route that names a partnership under /manage/:slug, behind a role', () => {
    for (const r of t.app.routeTable) {
      if (r.url.includes(':slug') && !r.url.startsWith('/p/') && !r.url.startsWith('/api/')) {
        expect(r.url.startsWith('/manage/:slug'), r.url).toBe(true);
        expect(r.access, r.url).not.toBe('public');
      }
    }
  });

  it('has API routes that are either public reads or behind a role and an API token', () => {
    const api = t.app.routeTable.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(5);
    for (const r of api) {
      if (r.access === 'public') {
        expect(r.method, r.url).toBe('GET');
        expect(r.auth, r.url).toBeUndefined();
      } else {
        expect(r.auth, r.url).toBe('token');
        expect(r.access in EXPECTED, r.url).toBe(true);
      }
    }
    // And only the API's routes take a token.
    for (const r of tokenRoutes())
      expect(r.url.startsWith('/api/v1/partnerships/:slug/'), r.url).toBe(true);
  });
});

describe('tenant isolation', () => {
  it("gives every user of another partnership 404 on this partnership's resources", async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/manage/:slug'));
    expect(routes.length).toBeGreaterThan(10);
    const checked: string[] = [];
    for (const route of routes) {
      const ids = await idsFor(route);
      const url = fillRoute(route.url, { ...fixed(), ...ids }, 'route test');
      for (const [role, c] of clientsB) {
        const res = await request(c, route.method, url);
        expect(res.status, `${role} of B: ${route.method} ${url}`).toBe(404);
      }
      checked.push(`${route.method} ${route.url}`);
    }
    expect(checked.length).toBe(routes.length);
  });

  it("gives 404 when another partnership's ids are used under one's own partnership", async () => {
    const routes = t.app.routeTable.filter(
      (r) => r.url.startsWith('/manage/:slug/') && /:(orgId|invitationId|membershipId)/.test(r.url),
    );
    expect(routes.length).toBeGreaterThan(3);
    const lead = clientsB.get('partnership-lead')!;
    for (const route of routes) {
      const ids = await idsFor(route);
      const url = fillRoute(route.url, { ...fixed(b), ...ids }, 'route test');
      const res = await request(lead, route.method, url);
      expect(res.status, `lead of B: ${route.method} ${url}`).toBe(404);
    }
    // And nothing of A was changed by those attempts.
    const invitations = await t.database.db
      .selectFrom('invitations')
      .select('id')
      .where('partnership_id', '=', a.id)
      .where('revoked_at', 'is not', null)
      .execute();
    expect(invitations).toEqual([]);
  });

  it("gives every API token of another partnership 404 on this partnership's returns", async () => {
    const routes = tokenRoutes();
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) {
      const url = fillRoute(route.url, fixed(), 'route test');
      for (const [role, token] of tokensB) {
        const res = await withToken(token, route.method, url);
        expect(res.status, `${role} of B: ${route.method} ${url}`).toBe(404);
      }
      // A's organisation named under B's own address.
      if (!route.url.includes(':orgCode')) continue;
      const own = fillRoute(route.url, fixed(b), 'route test');
      const res = await withToken(tokensB.get('partnership-lead'), route.method, own);
      expect(res.status, `lead of B: ${route.method} ${own}`).toBe(404);
    }
  });

  it('gives 404, not 403, to a signed-in person with no role in the partnership', async () => {
    const c = clientsA.get('no-role')!;
    for (const route of t.app.routeTable.filter((r) => r.url.startsWith('/manage/:slug'))) {
      const ids = await idsFor(route);
      const res = await request(
        c,
        route.method,
        fillRoute(route.url, { ...fixed(), ...ids }, 'route test'),
      );
      expect(res.status, `${route.method} ${route.url}`).toBe(404);
    }
  });
});

/**
 * Who may reach each protected action, from SPEC §2.1, for a person acting in their own
 * partnership (and, for organisation roles, their own organisation). Anything not listed is denied.
 */
const EXPECTED: Record<string, readonly Who[]> = {
  'platform.partnerships.create': ['platform-admin'],
  'platform.outbox.view': ['platform-admin'],
  'platform.audit.view': ['platform-admin'],
  'platform.living-wage.edit': ['platform-admin'],
  'partnership.view': ['platform-admin', ...ROLES],
  'partnership.settings.edit': ['platform-admin', 'partnership-lead'],
  'partnership.audit.view': ['platform-admin', 'partnership-lead', 'reviewer'],
  'partnership.people.view': ['platform-admin', 'partnership-lead'],
  'partnership.people.invite': ['platform-admin', 'partnership-lead'],
  'organisations.list': ['platform-admin', 'partnership-lead', 'reviewer', 'moderator'],
  'organisations.create': ['partnership-lead'],
  'organisation.view': ['platform-admin', ...ROLES],
  'organisation.edit': ['partnership-lead', 'org-lead'],
  'organisation.people.invite': ['partnership-lead', 'org-lead'],
  'framework.edit': ['partnership-lead'],
  'periods.manage': ['partnership-lead'],
  'targets.partnership.edit': ['partnership-lead'],
  'reviews.queue': ['partnership-lead', 'reviewer'],
  'dashboard.partnership.view': ['partnership-lead', 'reviewer', 'moderator'],
  'maturity.review': ['partnership-lead', 'reviewer'],
  'targets.organisation.edit': ['partnership-lead', 'org-lead'],
  'return.view': ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
  'return.edit': ['org-lead', 'contributor'],
  'return.submit': ['org-lead', 'contributor'],
  'return.review': ['partnership-lead', 'reviewer'],
  'return.correct': ['org-lead'],
  'maturity.edit': ['org-lead'],
  'dashboard.organisation.view': ROLES,
  'spend.view': ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
  // Partnership leads import for members without an analyst, choosing which (decision 021).
  'spend.import': ['partnership-lead', 'org-lead', 'contributor'],
  'spend.import.members': ['partnership-lead'],
  'spend.partnership.view': ['partnership-lead', 'reviewer', 'moderator'],
  'suppliers.view': ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
  'suppliers.edit': ['partnership-lead', 'org-lead', 'contributor'],
  'lm3.manage': ['partnership-lead'],
  'workforce.view': ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
  // A payroll extract holds personal data: only the organisation's own people import it.
  'payroll.import': ['org-lead', 'contributor'],
  'platform.factors.manage': ['platform-admin'],
  'environment.partnership.view': ['partnership-lead', 'reviewer', 'moderator'],
  'environment.view': ROLES,
  'environment.edit': ['org-lead', 'contributor'],
  // Registers of the other pillars (decision 024): seen as returns are, kept by the organisation;
  // joint initiatives are the partnership's, seen by all its roles and kept by its lead.
  'registers.view': ['partnership-lead', 'reviewer', 'org-lead', 'contributor', 'viewer'],
  'registers.infrastructure.edit': ['org-lead', 'contributor'],
  'registers.community.edit': ['org-lead', 'contributor'],
  'initiatives.view': ROLES,
  'initiatives.edit': ['partnership-lead'],
  // The charter (decision 028): read by every role, kept by the lead, signed by each organisation's lead.
  'charter.view': ROLES,
  'charter.edit': ['partnership-lead'],
  'charter.sign': ['org-lead'],
  'figures.publish': ['partnership-lead'],
  'figures.publishing.choose': ['partnership-lead', 'org-lead'],
  // Consultations (decision 029): moderated by the moderator and the lead, answered by the lead.
  'consultation.view': ['partnership-lead', 'reviewer', 'moderator'],
  'consultation.moderate': ['partnership-lead', 'moderator'],
  'consultation.assist': ['partnership-lead', 'moderator'],
  'consultation.answer': ['partnership-lead'],
  'signed-in': ['platform-admin', 'no-role', ...ROLES],
};

/** Routes whose handler decides on the record in the URL: managing a contributor's invitation or role. */
const RECORD_LEVEL: Record<string, readonly Who[]> = {
  '/manage/:slug/invitations/:invitationId/withdraw': ['partnership-lead', 'org-lead'],
  '/manage/:slug/people/:membershipId/remove': ['partnership-lead', 'org-lead'],
  // An import's reconciliation is for those who may see that organisation's spend.
  '/manage/:slug/spend/batches/:batchId': [
    'partnership-lead',
    'reviewer',
    'org-lead',
    'contributor',
    'viewer',
  ],
  '/manage/:slug/spend/batches/:batchId/rejected.csv': [
    'partnership-lead',
    'reviewer',
    'org-lead',
    'contributor',
    'viewer',
  ],
  // A person revokes only their own API tokens: this one is the organisation lead's.
  '/account/api-tokens/:tokenId/revoke': ['org-lead'],
  // Evidence is downloadable only by people who can see the figure; others are told it does not exist.
  '/manage/:slug/evidence/:evidenceId': [
    'partnership-lead',
    'reviewer',
    'org-lead',
    'contributor',
    'viewer',
  ],
};

describe('the role matrix', () => {
  it(
    'allows and denies every protected route for every role as the specification says',
    { timeout: 240_000 },
    async () => {
      const protectedRoutes = sessionRoutes().filter(
        (r) => r.access !== 'public' && !r.url.startsWith('/sign-out'),
      );
      const unknown = protectedRoutes.filter(
        (r) => !(r.access in EXPECTED) && !(r.url in RECORD_LEVEL),
      );
      expect(
        unknown.map((r) => `${r.access} ${r.url}`),
        'add the new actions to EXPECTED',
      ).toEqual([]);
      const failures: string[] = [];
      for (const route of protectedRoutes) {
        const allowedWho = RECORD_LEVEL[route.url] ?? EXPECTED[route.access] ?? [];
        for (const [who, c] of clientsA) {
          const ids = await idsFor(route);
          const url = fillRoute(route.url, { ...fixed(), ...ids }, 'route test');
          const res = await request(c, route.method, url);
          const denied =
            res.status === 403 ||
            res.status === 404 ||
            (res.status === 303 && res.location?.startsWith('/sign-in'));
          const expectAllowed = allowedWho.includes(who);
          // The outbox message route answers 404 for a message that does not exist, even when allowed.
          const allowedButMissing = route.url === '/admin/outbox/:messageId' && res.status === 404;
          if (expectAllowed && denied && !allowedButMissing)
            failures.push(`${who} should reach ${route.method} ${route.url} (got ${res.status})`);
          if (!expectAllowed && !denied)
            failures.push(
              `${who} should be denied ${route.method} ${route.url} (got ${res.status})`,
            );
          if (
            !expectAllowed &&
            route.url.startsWith('/manage/:slug') &&
            who !== 'no-role' &&
            res.status === 404 &&
            !RECORD_LEVEL[route.url]
          ) {
            failures.push(
              `${who} is a member, so ${route.method} ${route.url} should be 403, not 404`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('allows and denies every returns API route for every role’s API token as the specification says', async () => {
    const failures: string[] = [];
    for (const route of tokenRoutes()) {
      const allowedWho = EXPECTED[route.access] ?? [];
      const url = fillRoute(route.url, fixed(), 'route test');
      for (const [who, token] of tokensA) {
        const res = await withToken(token, route.method, url);
        const denied = res.status === 403 || res.status === 404;
        if (res.status === 401 || res.status >= 500)
          failures.push(`${who}: ${route.method} ${route.url} got ${res.status}`);
        if (allowedWho.includes(who) && denied)
          failures.push(`${who} should reach ${route.method} ${route.url} (got ${res.status})`);
        if (!allowedWho.includes(who) && !denied)
          failures.push(`${who} should be denied ${route.method} ${route.url} (got ${res.status})`);
        if (!allowedWho.includes(who) && res.status === 404)
          failures.push(
            `${who} is a member, so ${route.method} ${route.url} should be 403, not 404`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets nobody reach a returns API route without an API token', async () => {
    const signedInLead = clientsA.get('partnership-lead')!;
    for (const route of tokenRoutes()) {
      const url = fillRoute(route.url, fixed(), 'route test');
      const res = await withToken(undefined, route.method, url);
      expect(res.status, `${route.method} ${url}`).toBe(401);
      expect(res.headers['www-authenticate'], url).toMatch(/^Bearer/);
      // A signed-in browser's cookie is not a token.
      const cookie = [...signedInLead.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const withCookie = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers: { cookie },
      });
      expect(withCookie.statusCode, `${route.method} ${url} with a session cookie`).toBe(401);
    }
  });

  it('lets nobody reach a protected page without signing in', async () => {
    const anonymous = t.client();
    for (const route of sessionRoutes().filter((r) => r.access !== 'public')) {
      const ids = await idsFor(route);
      const url = fillRoute(route.url, { ...fixed(), ...ids }, 'route test');
      const res = await request(anonymous, route.method, url);
      expect(res.status, `${route.method} ${url}`).toBe(303);
      expect(res.location, url).toMatch(/^\/sign-in/);
    }
  });
});
