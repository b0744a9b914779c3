/**
 * The route-table abuse test: every form route in the app's route table is sent hostile values in
 * each of its fields (NUL and other control characters, line breaks, 100,000-character strings,
 * huge and negative numbers, malformed dates, repeated fields) and bodies that are not forms, and
 * must answer with a 4xx page or succeed: never a 500, never a dead process.
 *
 * The fields come from the pages themselves: every GET route is rendered for the roles that
 * between them see every form (and a form sent by GET is followed one step), and the `name=`
 * attributes of each form are read, keyed by where the form is sent. A new form is covered the
 * day it is added; a POST route that no page shows a form for must be listed in NO_FORM.
 *
 * Every role (and an anonymous visitor) sends every form with good values; the roles that get
 * through to the handler then share the hostile values between them, in turn, so that each field
 * gets each value once and the run stays short. Long families of like fields (a value per figure)
 * are sampled.
 *
 * One set-up serves the whole run: a partnership with returns in the states the forms need
 * (returned with queries, submitted, approved), spend, suppliers, surveys and invitations.
 * Routes whose success would change the state the next request needs are put back first (RESET).
 * ABUSE_LOG=1 shows the server's error log, to find the cause of a 500.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ACTIVITY_SPEC, ERIC_SPEC } from '../../src/features/carbon/activity-import.pages.js';
import { PAYROLL_SPEC } from '../../src/features/workforce/workforce.routes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fyStartYearOf, isoDate } from '../../src/core/periods.js';
import type { Role } from '../../src/core/roles.js';
import type { Organisation, Partnership, ReportingPeriod } from '../../src/db/schema.js';
import { signInLinkHash } from '../../src/features/participants/participants.service.js';
import { hashToken, newToken } from '../../src/lib/tokens.js';
import { newTotpSecret } from '../../src/lib/totp.js';
import type { Page, TestClient } from '../helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  makeUser,
  openYear,
  returnIn,
  signedInAs,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../helpers/app.js';
import {
  charterTargets,
  fillRoute,
  registerTargets,
  spendTargets,
} from '../helpers/route-targets.js';

/** Hostile values, each sent alone in one field while the others keep good values. */
const PAYLOADS: Record<string, string | string[]> = {
  nul: 'a\u0000b',
  'control characters': 'a\u0001\u001b[31m\u007f\u0085b',
  'line breaks': 'first line\r\nsecond\rthird\nfourth',
  '100,000 characters': 'x'.repeat(100_000),
  'huge number': '1e308',
  'huge negative number': '-' + '9'.repeat(400),
  'negative number': '-1',
  'malformed date': '2025-02-30',
  'far-off date': '99999-12-31',
  'repeated field': ['1', '2'],
};

/** The roles of a partnership; the platform administrator and an anonymous visitor come too. */
const ROLES: Role[] = [
  'partnership-lead',
  'reviewer',
  'moderator',
  'org-lead',
  'contributor',
  'viewer',
];
type Who = Role | 'platform-admin' | 'anonymous';

/**
 * POST routes that no rendered page holds a form for, with the fields they read. Keep it short:
 * a form on a page is found by itself.
 */
const NO_FORM: Record<string, Readonly<Record<string, string>>> = {
  // Second-factor removal is offered only to people who have it on.
  '/account/second-factor/remove': { password: TEST_PASSWORD },
  // The code page is shown only between the password and the code.
  '/sign-in/code': { otp: '123456' },
  // The button is shown only when every section is complete; it sends nothing but the token.
  '/manage/:slug/organisations/:orgId/returns/:periodId/submit': {},
  // The preview of an uploaded template is the answer to a POST.
  '/manage/:slug/organisations/:orgId/returns/:periodId/upload/confirm': {
    item: 'staff_headcount',
    'value-staff_headcount': '1',
    'note-staff_headcount': 'Counted on the last day',
    'confidence-staff_headcount': 'high',
  },
  // Signing out sends nothing but the token.
  '/sign-out': {},
  // A sign-in link's page is reached only with the token an email carries; its button sends
  // nothing but the form's token (and where to go next, when the link says).
  '/sign-in/link/:token': {},
  // Deleting an account is offered only to participants (no role), whom the crawl does not
  // include; staff who send it are shown why they cannot.
  '/account/delete': { contributions: 'anonymise' },
  // The columns of a collected kind's import are shown only while its upload waits for them.
  '/manage/:slug/organisations/:orgId/workforce/jobs/:jobId/columns': {
    year: '2025',
    'field-employment': '0',
    'field-hourlyRate': '1',
  },
  '/manage/:slug/organisations/:orgId/environment/template/jobs/:jobId/columns': {
    year: '2025',
    'field-activity': '0',
    'field-quantity': '1',
  },
  '/manage/:slug/organisations/:orgId/environment/eric/jobs/:jobId/columns': {
    year: '2025',
    option: 'RQ6',
    'field-organisationCode': '0',
  },
  // The charter's buttons are shown only in the states they act on (start when no version is
  // being worked on; withdraw, close and adopt during a consultation); each sends only the token.
  '/manage/:slug/charter/start': {},
  '/manage/:slug/charter/versions/:versionId/withdraw': {},
  '/manage/:slug/charter/versions/:versionId/close': {},
  '/manage/:slug/charter/versions/:versionId/adopt': {},
  // This run's partnership is not public, and its consultation is not open: residents' forms are
  // shown only on a public partnership's open consultation (consultation.int.test.ts posts them).
  '/p/:slug/charter/versions/:number/consultation/:key': { stance: 'agree', showAs: 'anonymous' },
  '/p/:slug/charter/versions/:number/consultation/suggest': {
    pillar: 'community',
    title: 'A title',
    amendment: 'Words',
    showAs: 'anonymous',
  },
  '/p/:slug/charter/versions/:number/consultation/responses/:responseId/flag': { reason: 'Rude' },
  // Likewise the survey's form: it is shown only while a public partnership's consultation is
  // open (survey.int.test.ts answers it).
  '/p/:slug/charter/versions/:number/consultation/survey': { postcode: 'L8 8AW' },
  // Unfollowing is offered only to someone who follows the partnership (on its follow page and
  // on /account/notifications); the crawl follows nothing. It sends the token and, from the
  // account page, where to go back to.
  '/p/:slug/unfollow': { back: 'account' },
};

/**
 * Known failures in other people's areas, each to be removed once fixed there. An entry names
 * the route, and optionally the field and payload, narrowly.
 */
const SKIP: readonly { route: string; field?: string; payload?: string; why: string }[] = [];

let t: TestApp;
let p: Partnership;
let org: Organisation;
const periods: Record<'returned' | 'submitted' | 'approved', ReportingPeriod> = {} as never;
const revisionIds: Record<string, string> = {};
const returnIds: Record<string, string> = {};
const params: Record<string, string> = {};
const tokens: Record<string, string> = {};
/** An upload of each collected kind waiting for its columns, by the kind's address segment. */
const queuedJobs: Record<string, string> = {};
let twoStep: { email: string };
let files: string | undefined;
let spendDir: string | undefined;
const clients = new Map<Who, TestClient>();

async function openReturn(fyStartYear: number, status: 'returned' | 'submitted' | 'approved') {
  const period = await openYear(t.deps, p, fyStartYear, { actor: { userId: null, label: 'test' } });
  const state = await returnIn(t, { partnership: p, organisation: org, period }, status);
  periods[status] = period;
  revisionIds[status] = state.revision.id;
  returnIds[status] = state.returnId;
  return state;
}

async function addEvidence(): Promise<string> {
  return t.deps.evidence.add(
    {
      partnershipId: p.id,
      returnId: returnIds.returned!,
      revisionId: revisionIds.returned!,
      itemId: 'staff_headcount',
    },
    {
      filename: 'evidence.pdf',
      stream: Readable.from([Buffer.from('%PDF-1.4\n%test\n%%EOF\n')]),
      truncated: () => false,
    },
    { userId: null, label: 'test' },
  );
}

/** A pending invitation whose token is known, and a contributor's membership. */
async function invitationAndMember() {
  const lead = await makeUser(t.deps, { role: 'partnership-lead', partnership: p });
  const email = `invitee-${newToken().slice(0, 8).toLowerCase()}@test.example`;
  await t.deps.tenancy.invite(
    p,
    org.id,
    { displayName: 'Invitee', email, role: 'contributor', pillars: [] },
    {
      userId: lead.id,
      isPlatformAdmin: false,
      memberships: [
        { partnershipId: p.id, organisationId: null, role: 'partnership-lead', pillars: null },
      ],
    },
    { userId: lead.id, label: lead.email },
  );
  const token = newToken();
  const invitation = await t.database.db
    .updateTable('invitations')
    .set({ token_hash: hashToken(token) })
    .where('email', '=', email)
    .returning('id')
    .executeTakeFirstOrThrow();
  const member = await makeUser(t.deps, { role: 'contributor', partnership: p, organisation: org });
  const membership = await t.database.db
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', member.id)
    .executeTakeFirstOrThrow();
  return { invitationId: invitation.id, membershipId: membership.id, token };
}

/** The period a route's form needs: review a submitted return, correct an approved one. */
function periodFor(url: string): ReportingPeriod {
  if (url.endsWith('/review')) return periods.submitted;
  if (url.endsWith('/correct')) return periods.approved;
  return periods.returned;
}

function fill(url: string): string {
  const values: Record<string, string> = { ...params, periodId: periodFor(url).id };
  if (url.startsWith('/survey/')) values.token = tokens.survey!;
  if (url.startsWith('/invitations/')) values.token = tokens.invitation!;
  if (url.startsWith('/reset-password/')) values.token = tokens.reset!;
  if (url.startsWith('/sign-in/link/')) values.token = tokens.signInLink!;
  if (url.startsWith('/p/') && params.publicResponseId) values.responseId = params.publicResponseId;
  for (const [segment, jobId] of Object.entries(queuedJobs))
    if (url.includes(`/${segment}/jobs/`)) values.jobId = jobId;
  return fillRoute(url, values, 'abuse test');
}

/**
 * Puts back what a successful request used up, so that every request reaches the handler with
 * the state its form was made for.
 */
const RESET: Record<string, () => Promise<void>> = {
  '/manage/:slug/organisations/:orgId/returns/:periodId/review': async () => {
    await t.database.db
      .deleteFrom('review_comments')
      .where('revision_id', '=', revisionIds.submitted!)
      .execute();
    await t.database.db
      .updateTable('return_revisions')
      .set({ status: 'submitted' })
      .where('id', '=', revisionIds.submitted!)
      .execute();
  },
  '/manage/:slug/organisations/:orgId/returns/:periodId/correct': async () => {
    const returnId = returnIds.approved!;
    const later = await t.database.db
      .selectFrom('return_revisions')
      .select('id')
      .where('return_id', '=', returnId)
      .where('number', '>', 1)
      .execute();
    for (const { id } of later) {
      await t.database.db.deleteFrom('return_values').where('revision_id', '=', id).execute();
      await t.database.db.deleteFrom('evidence_files').where('revision_id', '=', id).execute();
      await t.database.db.deleteFrom('review_comments').where('revision_id', '=', id).execute();
      await t.database.db.deleteFrom('return_revisions').where('id', '=', id).execute();
    }
    await t.database.db
      .updateTable('returns')
      .set({ current_revision: 1 })
      .where('id', '=', returnId)
      .execute();
  },
};

beforeAll(async () => {
  t = await startTestApp({
    reference: true,
    ...(process.env.ABUSE_LOG ? { config: { LOG_LEVEL: 'error' } } : {}),
  });
  // Public, so that residents' pages (a closed consultation, its responses) are reached too.
  p = await makePartnership(t.deps, { isPublic: true });
  org = await makeOrganisation(t.deps, p);
  const returned = await openReturn(2025, 'returned');
  await openReturn(2024, 'submitted');
  await openReturn(2023, 'approved');
  await t.database.db
    .insertInto('review_comments')
    .values({
      partnership_id: p.id,
      return_id: returned.returnId,
      revision_id: returned.revision.id,
      item_id: 'staff_headcount',
      body: 'Please check this figure',
      author_id: null,
      author_side: 'reviewer',
    })
    .execute();
  const evidenceId = await addEvidence();
  // One invitation to withdraw, another to accept (accepting comes first in the route table).
  const { invitationId, membershipId } = await invitationAndMember();
  tokens.invitation = (await invitationAndMember()).token;
  const spend = await spendTargets(t.database, p, org, { rejected: true });
  spendDir = spend.dir;
  // One survey to revoke and reissue, another to answer on the public page; a third local
  // supplier is left to be asked.
  const suppliers = await t.database.db
    .selectFrom('suppliers')
    .select('id')
    .where('partnership_id', '=', p.id)
    .orderBy('name')
    .execute();
  const survey = async (supplierId: string, token: string) =>
    (
      await t.database.db
        .insertInto('lm3_surveys')
        .values({
          partnership_id: p.id,
          supplier_id: supplierId,
          fy_start_year: 2025,
          token_hash: hashToken(token),
          expires_at: new Date(Date.now() + 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const surveyId = await survey(suppliers[0]!.id, newToken());
  tokens.survey = newToken();
  await survey(suppliers[1]!.id, tokens.survey);
  // Someone with two-step sign-in on, for the code page.
  const twoStepUser = await makeUser(t.deps);
  await t.database.db
    .updateTable('users')
    .set({ totp_secret: newTotpSecret(), totp_enabled_at: new Date() })
    .where('id', '=', twoStepUser.id)
    .execute();
  twoStep = { email: twoStepUser.email };
  // Local suppliers with spend, one not asked yet, for the survey form.
  await t.database.db
    .updateTable('suppliers')
    .set({ postcode: 'L7 8XP', lad: 'E08000012' })
    .where('partnership_id', '=', p.id)
    .execute();
  // A self-assessment waiting for review, for the review form.
  await t.database.db
    .insertInto('maturity_assessments')
    .values({
      partnership_id: p.id,
      organisation_id: org.id,
      fy_start_year: fyStartYearOf(isoDate(new Date()), p.fy_start_month),
      pillar: 'workforce',
      level: 2,
      evidence: 'A policy',
      status: 'submitted',
    })
    .execute();
  const resetUser = await makeUser(t.deps);
  tokens.reset = newToken();
  await t.database.db
    .insertInto('password_resets')
    .values({
      user_id: resetUser.id,
      token_hash: hashToken(tokens.reset),
      expires_at: new Date(Date.now() + 3_600_000),
    })
    .execute();
  // A participant's sign-in link, for its page and its button.
  const participant = await makeUser(t.deps);
  tokens.signInLink = newToken();
  await t.database.db
    .insertInto('password_resets')
    .values({
      user_id: participant.id,
      token_hash: signInLinkHash(tokens.signInLink),
      expires_at: new Date(Date.now() + 1_800_000),
    })
    .execute();
  Object.assign(params, {
    slug: p.slug,
    orgId: org.id,
    pillar: 'workforce',
    itemId: 'staff_headcount',
    number: '1',
    code: 'W1',
    format: 'csv',
    messageId: '00000000-0000-0000-0000-000000000000',
    fileId: evidenceId,
    evidenceId,
    invitationId,
    membershipId,
    batchId: spend.batchId,
    jobId: spend.jobId,
    supplierId: spend.supplierId,
    surveyId,
    // No import of the collected kinds here: their result pages answer 404, which is a 4xx.
    importId: '00000000-0000-0000-0000-000000000000',
    year: '2024-25',
    fy: '2025-26',
    revision: '1',
    orgCode: org.code,
    period: '2025-26',
    ...(await registerTargets(t.database, p, org)),
    ...(await charterTargets(t.database, p, org)),
  });
  const uploader = await makeUser(t.deps);
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-abuse-'));
  for (const [segment, spec, content] of [
    ['workforce', PAYROLL_SPEC, 'Employment,Hourly rate\nDirect,13.00\n'],
    ['environment/template', ACTIVITY_SPEC, 'activity,quantity\ngas,10\n'],
    ['environment/eric', ERIC_SPEC, 'Organisation Code,Gas consumed (kWh)\nRQ6,10\n'],
  ] as const) {
    const file = path.join(files, `${segment.replace('/', '-')}.csv`);
    fs.writeFileSync(file, content);
    queuedJobs[segment] = await t.deps.imports.queue(spec, p, org, uploader.id, {
      name: path.basename(file),
      path: file,
    });
  }

  clients.set('anonymous', t.client());
  for (const role of ROLES) clients.set(role, await signedInAs(t, role, p, org));
  const admin = await makeUser(t.deps, { platformAdmin: true });
  const adminClient = t.client();
  await adminClient.signIn(admin.email, admin.password);
  clients.set('platform-admin', adminClient);
  for (const c of clients.values()) await c.fetchToken();
  // An API token of the partnership lead's, so that the crawl finds the form that revokes it.
  await clients.get('partnership-lead')!.post('/account/api-tokens', {
    name: 'Abuse test',
    partnership: p.id,
    scope: 'read',
    expiry: '30',
  });
  params.tokenId = (
    await t.database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('name', '=', 'Abuse test')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
  if (files) fs.rmSync(files, { recursive: true, force: true });
  if (spendDir) fs.rmSync(spendDir, { recursive: true, force: true });
});

// ----- Reading forms from the rendered pages -----

interface Field {
  readonly name: string;
  readonly type: string;
  readonly value: string;
  readonly checked: boolean;
  /** The box asks for a number (inputmode numeric or decimal). */
  readonly numeric?: boolean;
}

interface Form {
  readonly method: 'get' | 'post';
  /** The path the form is sent to, and its query string (without a CSRF token), if any. */
  readonly action: string;
  readonly query: string;
  readonly multipart: boolean;
  readonly fields: readonly Field[];
}

function decode(s: string): string {
  return s
    .replace(/&#x2F;/gi, '/')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out[m[1]!.toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

function formsOf(html: string, pageUrl: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(m[1]!);
    const inner = m[2]!;
    const fields: Field[] = [];
    for (const input of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1]!);
      if (a.name)
        fields.push({
          name: a.name,
          type: (a.type ?? 'text').toLowerCase(),
          value: a.value ?? '',
          checked: 'checked' in a,
          numeric: /numeric|decimal/.test(a.inputmode ?? ''),
        });
    }
    for (const area of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const a = attributes(area[1]!);
      if (a.name)
        fields.push({ name: a.name, type: 'textarea', value: decode(area[2]!), checked: false });
    }
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const a = attributes(select[1]!);
      if (!a.name) continue;
      const options = [...select[2]!.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map(
        (o) => {
          const oa = attributes(o[1]!);
          return { value: oa.value ?? decode(o[2]!.trim()), selected: 'selected' in oa };
        },
      );
      // As a browser sends it: the selected option, or else the first.
      const chosen = options.find((o) => o.selected) ?? options[0];
      fields.push({ name: a.name, type: 'select', value: chosen?.value ?? '', checked: false });
    }
    for (const button of inner.matchAll(/<button\b([^>]*)>/gi)) {
      const a = attributes(button[1]!);
      if (a.name)
        fields.push({ name: a.name, type: 'button', value: a.value ?? '', checked: false });
    }
    const action = new URL(attrs.action || pageUrl, `http://anchorage.test${pageUrl}`);
    action.searchParams.delete('_csrf');
    forms.push({
      method: (attrs.method ?? 'get').toLowerCase() === 'post' ? 'post' : 'get',
      action: action.pathname,
      query: action.search,
      multipart: /multipart/i.test(attrs.enctype ?? ''),
      fields,
    });
  }
  return forms;
}

/**
 * Good values for what a form leaves empty or open, so that the one bad field is what a request
 * tests and the rest of it gets through: by the kind of box, then by its name.
 */
let serial = 0;
function goodValue(field: Field): string {
  const n = ++serial;
  const name = field.name;
  const year = /^target(\d)Year$/.exec(name);
  if (year) return String(new Date().getUTCFullYear() + Number(year[1]));
  if (name === 'baselineYear') return String(new Date().getUTCFullYear() - 3);
  if (field.value) return field.value;
  if (field.numeric) return '1';
  if (/email/i.test(name)) return `abuse-${n}@test.example`;
  if (/password/i.test(name)) return TEST_PASSWORD;
  if (/postcode/i.test(name)) return 'L7 8XP';
  if (name === 'slug') return `abuse-${n}`;
  if (name === 'code') return `AB${n}`;
  if (name === 'otp') return '123456';
  if (name === 'links') return 'https://example.org/report';
  // Optional identifiers, and queries (a review that approves asks none).
  if (/^(vat|company|charity)Number$|^query-/.test(name)) return '';
  if (/-day$/.test(name)) return '30';
  if (/-month$/.test(name)) return '6';
  if (/-year$|Year$/.test(name)) return String(new Date().getUTCFullYear());
  if (/Value$|Pct$|^scale$/.test(name)) return '1';
  return `Abuse test ${n}`;
}

/** The good submission of a form: its own values, a choice in each group, text where empty. */
function goodBody(fields: readonly Field[]): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  for (const f of fields) {
    if (f.name === '_csrf' || f.type === 'file' || f.type === 'submit' || f.name in body) continue;
    const group = fields.filter((g) => g.name === f.name);
    if (f.type === 'radio') {
      body[f.name] = (group.find((g) => g.checked) ?? group[0]!).value;
    } else if (f.type === 'checkbox') {
      const on = group.filter((g) => g.checked).map((g) => g.value);
      body[f.name] = on.length > 1 ? on : (on[0] ?? group[0]!.value);
    } else if (f.type === 'button') {
      body[f.name] = f.value;
    } else {
      body[f.name] = goodValue(f);
    }
  }
  return body;
}

// ----- Sending -----

async function send(
  c: TestClient,
  form: Form,
  path: string,
  body: Record<string, string | string[]>,
  fileName?: string,
): Promise<Page> {
  const url = path + form.query;
  if (form.method === 'get') {
    const query = new URLSearchParams(form.query);
    for (const [k, v] of Object.entries(body))
      for (const item of Array.isArray(v) ? v : [v]) query.append(k, item);
    const q = query.toString();
    return c.get(q ? `${path}?${q}` : path);
  }
  if (form.multipart) {
    const evidence = path.endsWith('/files');
    const content = evidence
      ? '%PDF-1.4\n%test\n%%EOF\n'
      : 'Date,Supplier,Amount\r\n01/04/2025,Acme Ltd,1.00\r\n';
    return c.upload(url, `${fileName ?? 'file'}${evidence ? '.pdf' : '.csv'}`, content);
  }
  return c.post(url, body, { csrf: c.csrfToken ?? (await c.fetchToken()) });
}

/** Refused by access control (a CSRF refusal is not: it is a fault of the test, reported). */
function denied(o: Page): boolean {
  return (
    (o.status === 403 && !o.body.includes('This form has expired')) ||
    o.status === 404 ||
    (o.status === 303 && (o.location ?? '').startsWith('/sign-in'))
  );
}

function skipped(route: string, field: string, payload: string): boolean {
  return SKIP.some(
    (s) =>
      s.route === route &&
      (s.field === undefined || s.field === field) &&
      (s.payload === undefined || s.payload === payload),
  );
}

/**
 * The client for a role. For anonymous, a fresh visitor each time (accepting an invitation signs
 * the visitor in); on the code page, one who has just given the password of an account with
 * two-step sign-in.
 */
async function clientOf(who: Who, route: string): Promise<TestClient> {
  if (who !== 'anonymous') return clients.get(who)!;
  const c = t.client();
  if (route === '/sign-in/code')
    await c.post('/sign-in', { email: twoStep.email, password: TEST_PASSWORD });
  else await c.fetchToken();
  return c;
}

/**
 * The distinct field names of a form, with long families of fields that one loop reads (a
 * figure's value, note and query for each of dozens of items) cut to their first three.
 */
function sample(names: readonly string[]): string[] {
  const distinct = [...new Set(names)].filter((n) => n !== '_csrf');
  const family = (n: string) => n.replace(/-.*$/, '-*');
  const size = new Map<string, number>();
  for (const n of distinct) size.set(family(n), (size.get(family(n)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return distinct.filter((n) => {
    const f = family(n);
    if ((size.get(f) ?? 0) <= 4) return true;
    seen.set(f, (seen.get(f) ?? 0) + 1);
    return (seen.get(f) ?? 0) <= 3;
  });
}

/** Account routes last: changing one's own password or signing out ends what follows. */
function order(url: string): number {
  if (url === '/sign-out') return 3;
  if (url.startsWith('/account')) return 2;
  return 1;
}

describe('the route-table abuse test', () => {
  it(
    'answers hostile values in every field of every form, for every role, with 4xx or success',
    { timeout: 600_000 },
    async () => {
      // 1. Every page, rendered for the roles that between them see every form.
      const forms = new Map<string, Form>();
      const crawlers: Who[] = ['anonymous', 'partnership-lead', 'org-lead', 'platform-admin'];
      const pages = t.app.routeTable.filter((r) => r.method === 'GET');
      const keep = (found: Form[]) => {
        for (const form of found) {
          const key = `${form.method.toUpperCase()} ${form.action}`;
          const known = forms.get(key);
          // Keep the form with the most fields (a role may see a shorter one).
          if (!known || known.fields.length < form.fields.length) forms.set(key, form);
        }
        return found;
      };
      for (const who of crawlers) {
        const c = clients.get(who)!;
        for (const route of pages) {
          const url = fill(route.url);
          const page = await c.get(url);
          expect(page.status, `${who} GET ${url}`).toBeLessThan(500);
          // A form sent by GET (a choice of kind, a year, a search) leads to a page of its own.
          for (const form of keep(formsOf(page.body, url)).filter((f) => f.method === 'get')) {
            const query = new URLSearchParams(form.query);
            for (const [k, v] of Object.entries(goodBody(form.fields)))
              for (const item of [v].flat()) query.set(k, item);
            const next = `${form.action}?${query.toString()}`;
            const followed = await c.get(next);
            expect(followed.status, `${who} GET ${next}`).toBeLessThan(500);
            keep(formsOf(followed.body, next));
          }
        }
      }

      // 2. Each form route: the form found for it, or the fields NO_FORM lists.
      const targets: { route: string; url: string; form: Form }[] = [];
      const missing: string[] = [];
      for (const route of t.app.routeTable) {
        if (route.method !== 'POST' && route.method !== 'GET') continue;
        // The returns API takes JSON with an API token, not forms: its bodies, hostile ones
        // included, are sent in src/features/api/api-tokens.int.test.ts.
        if (route.auth === 'token') continue;
        const url = fill(route.url);
        const form = forms.get(`${route.method} ${url}`);
        if (form) targets.push({ route: route.url, url, form });
        else if (route.method === 'POST') {
          const fields = NO_FORM[route.url];
          if (fields === undefined) missing.push(route.url);
          else
            targets.push({
              route: route.url,
              url,
              form: {
                method: 'post',
                action: url,
                query: '',
                multipart: false,
                fields: Object.entries(fields).map(([name, value]) => ({
                  name,
                  type: 'text',
                  value,
                  checked: false,
                })),
              },
            });
        }
      }
      expect(missing, 'no page shows a form for these POST routes: add them to NO_FORM').toEqual(
        [],
      );
      targets.sort((x, y) => order(x.route) - order(y.route));

      // 3. Every role sends the form with good values; those it lets through share the hostile
      //    values between them, in turn, so that every field gets every payload once.
      const failures: string[] = [];
      let requests = 0;
      const record = (who: Who, what: string, page: Page) => {
        requests++;
        if (page.status >= 500) failures.push(`${who}: ${what} → ${page.status}`);
        if (page.status === 403 && page.body.includes('This form has expired'))
          failures.push(`${who}: ${what} → the CSRF token was refused, so nothing was tested`);
      };
      const unreached: string[] = [];
      for (const target of targets) {
        const method = target.form.method.toUpperCase();
        const attempt = async (
          who: Who,
          body: Record<string, string | string[]>,
          file?: string,
        ) => {
          await RESET[target.route]?.();
          const c = await clientOf(who, target.route);
          return send(c, target.form, target.url, body, file);
        };
        const allowed: Who[] = [];
        for (const who of clients.keys()) {
          const o = await attempt(who, goodBody(target.form.fields));
          record(who, `${method} ${target.url} (good values)`, o);
          if (denied(o)) continue;
          allowed.push(who);
        }
        if (allowed.length === 0) {
          unreached.push(`${method} ${target.route}`);
          continue;
        }
        // Bodies a browser would not send: JSON, and a form with broken escapes and odd names.
        if (target.form.method === 'post' && !target.form.multipart) {
          const who = allowed[0]!;
          const c = await clientOf(who, target.route);
          const names = sample(target.form.fields.map((f) => f.name));
          // The token goes in the body, as a form sends it (one in the address is refused).
          const token = c.csrfToken ?? (await c.fetchToken());
          const odd: [string, string][] = [
            [
              'application/json',
              JSON.stringify({
                ...Object.fromEntries(names.map((n) => [n, { $ne: [1] }])),
                _csrf: token,
              }),
            ],
            [
              'application/x-www-form-urlencoded',
              [
                ...names.map((n) => `${encodeURIComponent(n)}=%FF%E0%A4%`),
                '__proto__=x',
                'constructor=y',
                'a[b]=c',
                `_csrf=${encodeURIComponent(token)}`,
              ].join('&'),
            ],
          ];
          for (const [type, payload] of odd) {
            await RESET[target.route]?.();
            const res = await t.app.inject({
              method: 'POST',
              url: `${target.url}${target.form.query}`,
              headers: {
                'content-type': type,
                cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
              },
              payload,
            });
            record(who, `${method} ${target.route} as ${type}`, {
              status: res.statusCode,
              location: undefined,
              body: res.body,
              headers: res.headers,
            });
          }
        }
        let turn = 0;
        for (const name of sample(target.form.fields.map((f) => f.name))) {
          const file = target.form.fields.find((f) => f.name === name)?.type === 'file';
          for (const [kind, payload] of Object.entries(PAYLOADS)) {
            if (skipped(target.route, name, kind) || (file && Array.isArray(payload))) continue;
            const who = allowed[turn++ % allowed.length]!;
            const good = goodBody(target.form.fields);
            const o = file
              ? await attempt(who, good, payload as string)
              : await attempt(who, { ...good, [name]: payload });
            record(who, `${method} ${target.route} ${name}=${kind}`, o);
          }
        }
      }
      expect(unreached, 'no role reached these routes: the set-up needs fixing').toEqual([]);
      const health = await clients.get('anonymous')!.get('/health');
      expect(health.status).toBe(200);
      expect(requests).toBeGreaterThan(500);
      expect(failures).toEqual([]);
    },
  );
});
