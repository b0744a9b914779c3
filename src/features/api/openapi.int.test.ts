/**
 * The API against the demo partnership, seeded once (as `anchorage demo` seeds it): every
 * example in the OpenAPI document the app serves is sent to the app, and its answer must have
 * the documented status, satisfy the documented schema (the Zod schema, and the JSON Schema the
 * document holds), and agree with the example's answer. Then the published figures against the
 * figures.json downloads, conditional GETs, what is not found, and the audit of what the
 * examples changed.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { seedDemo } from '../../demo/seed.js';
import {
  approvedReturn,
  makeOrganisation,
  makePartnership,
  openYear,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { documentSchemas } from '../../../test/helpers/openapi.js';
import { ApiError, apiSchemas } from './api.schemas.js';
import { API_OPERATIONS, openApiDocument } from './openapi.js';

let t: TestApp;
let document: ReturnType<typeof openApiDocument>;
const tokens = new Map<string, string>();

/** A read-and-write token of a demo account, made as its person would make it. */
async function tokenOf(email: string): Promise<string> {
  const known = tokens.get(email);
  if (known) return known;
  const user = await t.database.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const memberships = await t.deps.accounts.memberships(user.id);
  const { text } = await t.deps.apiTokens.create(
    {
      userId: user.id,
      isPlatformAdmin: user.is_platform_admin,
      memberships: memberships.map((m) => ({
        partnershipId: m.partnership_id,
        organisationId: m.organisation_id,
        role: m.role,
        pillars: m.pillars,
      })),
    },
    { userId: user.id, label: user.email },
    {
      name: 'OpenAPI examples',
      partnershipId: memberships[0]!.partnership_id,
      scope: 'write',
      days: 30,
    },
  );
  tokens.set(email, text);
  return text;
}

beforeAll(async () => {
  t = await startTestApp({ reference: true });
  await seedDemo(t.deps);
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  document = JSON.parse(res.body) as typeof document;
}, 300_000);

afterAll(() => t?.close());

// ----- Comparing an answer with an example ---------------------------------------------------

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * What may differ between two seedings of the demo: identifiers, and the days it was seeded and
 * published on (periods' dates are fixed, so they are compared through their labels and keys).
 */
function stable(value: string): string {
  return value
    .replace(UUID, '<id>')
    .replace(/^\d{4}-\d{2}-\d{2}$/, '<date>')
    .replace(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/, '<time>');
}

/**
 * Where the answer differs from the example: every field the example has, the answer has with
 * the same value; every entry of an example's list is somewhere in the answer's list (examples
 * keep only the first entries of long lists).
 */
function differences(actual: unknown, example: unknown, at = ''): string[] {
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [`${at}: not a list`];
    return example.flatMap((item, i) =>
      actual.some((a) => differences(a, item).length === 0)
        ? []
        : [`${at}[${i}]: no entry like ${JSON.stringify(item).slice(0, 200)}`],
    );
  }
  if (example !== null && typeof example === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${at}: not an object`];
    return Object.entries(example).flatMap(([k, v]) =>
      differences((actual as Record<string, unknown>)[k], v, `${at}.${k}`),
    );
  }
  const same =
    typeof example === 'string' && typeof actual === 'string'
      ? stable(actual) === stable(example)
      : Object.is(actual, example);
  return same
    ? []
    : [`${at}: ${JSON.stringify(actual)} where the example has ${JSON.stringify(example)}`];
}

// ----- The document's examples -------------------------------------------------------------

interface DocOperation {
  operationId: string;
  parameters: { name: string; examples: Record<string, { value: string }> }[];
  requestBody?: {
    content: { 'application/json': { examples: Record<string, { value: unknown }> } };
  };
  responses: Record<
    string,
    {
      content: {
        'application/json': {
          schema: { $ref: string };
          examples?: Record<string, { value: unknown; 'x-demo-account'?: string }>;
        };
      };
    }
  >;
}

describe('the OpenAPI document the app serves', () => {
  it('is the one generated from the schemas, valid OpenAPI 3.1', async () => {
    expect(document).toEqual(JSON.parse(JSON.stringify(openApiDocument(t.deps.config.baseUrl))));
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route of the API, and only those', () => {
    const routes = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method.toLowerCase()} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`))
      .sort();
    expect(documented).toEqual(routes);
  });

  it('has examples that work against the demo: each answered as documented', async () => {
    const schemas = documentSchemas(document);
    const ran: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, raw] of Object.entries(methods)) {
        const op = raw as DocOperation;
        const zodOp = API_OPERATIONS.find((o) => o.operationId === op.operationId)!;
        const names = Object.keys(op.parameters[0]?.examples ?? {});
        expect(names.length, op.operationId).toBeGreaterThan(0);
        for (const name of names) {
          const [status, response] = Object.entries(op.responses).find(
            ([, r]) => r.content['application/json'].examples?.[name],
          )!;
          const example = response.content['application/json'].examples![name]!;
          const url = path.replace(/\{(\w+)\}/g, (_, p: string) =>
            encodeURIComponent(op.parameters.find((x) => x.name === p)!.examples[name]!.value),
          );
          const body = op.requestBody?.content['application/json'].examples[name]?.value;
          const account = example['x-demo-account'];
          const res = await t.app.inject({
            method: method.toUpperCase() as 'GET',
            url,
            headers: account ? { authorization: `Bearer ${await tokenOf(account)}` } : {},
            ...(body === undefined ? {} : { payload: body as object }),
          });
          const what = `${op.operationId} ${name}: ${method.toUpperCase()} ${url}`;
          expect(res.statusCode, `${what}\n${res.body.slice(0, 500)}`).toBe(Number(status));
          expect(res.headers['content-type'], what).toMatch(/^application\/json/);
          const answer = JSON.parse(res.body) as unknown;
          // The Zod schema the route's answer is documented by, and its JSON Schema.
          const zod: z.ZodType = status === '200' ? zodOp.response : ApiError;
          expect(zod.safeParse(answer).error?.issues ?? [], what).toEqual([]);
          const ref = response.content['application/json'].schema.$ref.split('/').pop()!;
          expect(ref, what).toBe(apiSchemas.get(zod)?.id);
          expect(schemas.errors(ref, answer), what).toEqual([]);
          expect(differences(answer, example.value), what).toEqual([]);
          if (status === '401') expect(res.headers['www-authenticate'], what).toMatch(/^Bearer/);
          ran.push(`${op.operationId} ${name}`);
        }
      }
    }
    expect(ran.length).toBeGreaterThanOrEqual(API_OPERATIONS.length);
  });

  it('recorded each change the examples made as the contributor, via the token', async () => {
    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_label', 'via', 'action', 'after'])
      .where('via', 'is not', null)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.actor_label, e.via, e.action])).toEqual([
      [
        'contributor@demo.anchorage.example',
        'API token “OpenAPI examples”',
        'return.section.completed',
      ],
      [
        'contributor@demo.anchorage.example',
        'API token “OpenAPI examples”',
        'return.section.completed',
      ],
      ['contributor@demo.anchorage.example', 'API token “OpenAPI examples”', 'return.submitted'],
    ]);
    expect(entries[0]!.after).toMatchObject({
      pillar: 'workforce',
      values: { apprenticeship_starts: 14, priority_group_entrants: 9, work_experience_weeks: 36 },
    });
    // The audit log's page names the token beside the person.
    const lead = t.client();
    await lead.signIn('lead@demo.anchorage.example', 'anchorage-demo-2026');
    const page = await lead.get('/manage/demo/audit');
    expect(page.body).toContain(
      'contributor@demo.anchorage.example, via API token “OpenAPI examples”',
    );
  });
});

// ----- Published figures -------------------------------------------------------------------

describe('the public API', () => {
  it('gives each year’s figures, and each revision’s, as its figures.json download gives them', async () => {
    const partnership = JSON.parse(
      (await t.app.inject({ method: 'GET', url: '/api/v1/partnerships/demo' })).body,
    ) as { years: { key: string; revision: number }[] };
    expect(partnership.years.map((y) => [y.key, y.revision])).toEqual([
      ['2025-26', 1],
      ['2024-25', 2],
      ['2023-24', 1],
    ]);
    let compared = 0;
    for (const y of partnership.years) {
      const pairs: [string, string][] = [
        [`/api/v1/partnerships/demo/figures/${y.key}`, `/p/demo/figures/${y.key}/figures.json`],
      ];
      for (let r = 1; r <= y.revision; r++)
        pairs.push([
          `/api/v1/partnerships/demo/figures/${y.key}/revisions/${r}`,
          `/p/demo/figures/${y.key}/revisions/${r}/figures.json`,
        ]);
      for (const [api, download] of pairs) {
        const a = await t.app.inject({ method: 'GET', url: api });
        const d = await t.app.inject({ method: 'GET', url: download });
        expect(a.statusCode, api).toBe(200);
        expect(d.statusCode, download).toBe(200);
        expect(JSON.parse(a.body), api).toEqual(JSON.parse(d.body));
        compared++;
      }
    }
    expect(compared).toBe(7);
  });

  it('answers 304 when nothing changed, sets no cookie, and lets any web page read it', async () => {
    for (const url of [
      '/api/v1/partnerships/demo',
      '/api/v1/partnerships/demo/figures/2025-26',
      '/api/openapi.json',
    ]) {
      const first = await t.app.inject({ method: 'GET', url });
      expect(first.statusCode, url).toBe(200);
      expect(first.headers['set-cookie'], url).toBeUndefined();
      expect(first.headers['access-control-allow-origin'], url).toBe('*');
      const etag = String(first.headers.etag);
      expect(etag, url).toMatch(/^"/);
      const again = await t.app.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': `W/${etag}` },
      });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
    }
  });

  it('answers 404 in JSON for what is not published, alike for a partnership that does not exist', async () => {
    // A public partnership with nothing published, and one with a year published but not public.
    const quiet = await makePartnership(t.deps, { slug: 'quiet', isPublic: true });
    const hidden = await makePartnership(t.deps, { slug: 'hidden', isPublic: false });
    const trust = await makeOrganisation(t.deps, hidden, { code: 'RHT' });
    const year = await openYear(t.deps, hidden, 2025);
    await approvedReturn(t, hidden, trust, year, { staff_paid_rlw: 962, staff_headcount: 1000 });
    await t.deps.publishing.publish(hidden.id, 2025, { userId: null, label: 'test' }, null);
    const nothing = {
      error: { code: 'not_found', message: 'There are no published figures for this partnership.' },
    };
    for (const url of [
      '/api/v1/partnerships/no-such-partnership',
      `/api/v1/partnerships/${quiet.slug}`,
      `/api/v1/partnerships/${hidden.slug}`,
      `/api/v1/partnerships/${hidden.slug}/figures/2025-26`,
      '/api/v1/partnerships/Not_A_Slug',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(JSON.parse(res.body), url).toEqual(nothing);
    }
    for (const url of [
      '/api/v1/partnerships/demo/figures/2030-31',
      '/api/v1/partnerships/demo/figures/2025-27',
      '/api/v1/partnerships/demo/figures/latest',
      '/api/v1/partnerships/demo/figures/2025-26/revisions/2',
      '/api/v1/partnerships/demo/figures/2025-26/revisions/0',
      '/api/v1/partnerships/demo/figures/2025-26/revisions/1e3',
      '/api/v1/no-such-address',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(ApiError.safeParse(JSON.parse(res.body)).success, url).toBe(true);
    }
    // Pages are still pages.
    const page = await t.app.inject({ method: 'GET', url: '/p/demo/figures/2030-31' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  it('has a page for people that leads to the document', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('href="/api/openapi.json"');
    expect(page.body).toContain('GET /api/v1/partnerships/{slug}/figures/{year}');
    expect(page.body).toContain('href="/account/api-tokens"');
  });
});
