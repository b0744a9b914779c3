/**
 * Personal API tokens from end to end: made on the account page (the text shown once, only its
 * hash kept), used (last used recorded), refused when revoked, expired, or its account disabled
 * (401 with WWW-Authenticate), limited to reading for a read token (403), to its own partnership
 * (404 elsewhere), to its person's roles as they are now, and to so many requests a minute
 * (429 with Retry-After). Never the session cookie, and no CSRF token needed. Every change
 * audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/roles.js';
import type { Organisation, Partnership, ReportingPeriod, User } from '../../db/schema.js';
import {
  makeOrganisation,
  makePartnership,
  makeUser,
  openQuarter,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { ApiError, ReturnDocument, ReturnList } from './api.schemas.js';

const PER_MINUTE = 30;

let t: TestApp;
let a: Partnership;
let b: Partnership;
let orgA: Organisation;
let orgB: Organisation;
let quarterA: ReportingPeriod;

beforeAll(async () => {
  t = await startTestApp({ config: { API_RATE_LIMIT: String(PER_MINUTE) } });
  a = await makePartnership(t.deps, { slug: 'tokens-a', name: 'Partnership A' });
  b = await makePartnership(t.deps, { slug: 'tokens-b', name: 'Partnership B' });
  orgA = await makeOrganisation(t.deps, a, { code: 'RAA', name: 'A Trust' });
  orgB = await makeOrganisation(t.deps, b, { code: 'RBB', name: 'B Trust' });
  quarterA = await openQuarter(t.deps, a, 2025, 1, '2025-08-31');
  await openQuarter(t.deps, b, 2025, 1, '2025-08-31');
});

afterAll(() => t?.close());

/** A person signed in, with a role in A (and optionally one in B). */
async function person(role: Role = 'org-lead', alsoInB = false) {
  const user = await makeUser(t.deps, { role, partnership: a, organisation: orgA });
  if (alsoInB)
    await t.database.db
      .insertInto('memberships')
      .values({ user_id: user.id, partnership_id: b.id, organisation_id: orgB.id, role })
      .execute();
  const client = t.client();
  await client.signIn(user.email, user.password);
  return { user, client };
}

/** Makes a token on the account page, as a person would; returns its text, read off the page. */
async function makeToken(
  client: TestClient,
  fields: {
    name?: string;
    scope?: 'read' | 'write';
    partnership?: Partnership;
    expiry?: string;
  } = {},
) {
  const page = await client.post('/account/api-tokens', {
    name: fields.name ?? 'Power BI',
    partnership: (fields.partnership ?? a).id,
    scope: fields.scope ?? 'write',
    expiry: fields.expiry ?? '30',
  });
  expect(page.status, page.body.slice(0, 300)).toBe(200);
  expect(page.headers['cache-control']).toBe('no-store');
  const text = /anc_[A-Za-z0-9_-]{43}/.exec(page.body)?.[0];
  expect(text).toBeDefined();
  return text!;
}

const RETURN = (p: Partnership = a, code = 'RAA') =>
  `/api/v1/partnerships/${p.slug}/organisations/${code}/returns/2025-26-q1`;

function api(
  token: string | undefined,
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(payload ? { payload } : {}),
  });
}

const WORKFORCE = {
  values: { apprenticeship_starts: 3, priority_group_entrants: 2, work_experience_weeks: 10 },
  complete: true,
};

async function tokenRow(name: string) {
  return t.database.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}

describe('making a token', () => {
  it('shows the token once, with how to use it, and keeps only its hash', async () => {
    const { client, user } = await person();
    expect((await client.get('/account')).body).toContain('href="/account/api-tokens"');
    const list = await client.get('/account/api-tokens');
    expect(list.status).toBe(200);
    expect(list.body).toContain('You have no API tokens.');
    expect(list.body).toContain('Make token');
    const text = await makeToken(client, { name: 'Kept only as a hash' });
    const row = await tokenRow('Kept only as a hash');
    expect(row.user_id).toBe(user.id);
    expect(row.scope).toBe('write');
    expect(JSON.stringify(row)).not.toContain(text.slice(4));
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.round((row.expires_at.getTime() - row.created_at.getTime()) / 86_400_000)).toBe(30);
    const again = await client.get('/account/api-tokens');
    expect(again.body).not.toContain(text);
    expect(again.body).toContain('Kept only as a hash');
    expect(again.body).toContain('Never');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_label', 'action', 'after', 'partnership_id'])
      .where('entity', '=', 'api_token')
      .where('entity_id', '=', row.id)
      .execute();
    expect(audit).toEqual([
      {
        actor_label: user.email,
        action: 'api-token.created',
        partnership_id: a.id,
        after: expect.objectContaining({ name: 'Kept only as a hash', scope: 'write' }) as unknown,
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(text);
  });

  it('asks again for what is missing or not right, and for a partnership of one’s own', async () => {
    const { client } = await person('contributor', true);
    const blank = await client.post('/account/api-tokens', { name: ' ', scope: 'admin' });
    expect(blank.status).toBe(400);
    expect(blank.body).toContain('Enter a name for the token, like Power BI');
    expect(blank.body).toContain('Select the partnership the token is for');
    expect(blank.body).toContain('Select what the token can do');
    expect(blank.body).toContain('Select when the token expires');
    // Someone with roles in two partnerships chooses between them; nobody can choose a third.
    expect(blank.body).toContain('Partnership A');
    expect(blank.body).toContain('Partnership B');
    const other = await makePartnership(t.deps);
    const foreign = await client.post('/account/api-tokens', {
      name: 'Elsewhere',
      partnership: other.id,
      scope: 'read',
      expiry: '90',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toContain('Select the partnership the token is for');
  });

  it('is for people with a role: others are told so, and the page needs signing in', async () => {
    const nobody = await makeUser(t.deps);
    const client = t.client();
    await client.signIn(nobody.email, nobody.password);
    const page = await client.get('/account/api-tokens');
    expect(page.body).toContain('You can make a token once you have a role in a partnership.');
    const anonymous = await t.client().get('/account/api-tokens');
    expect(anonymous.status).toBe(303);
  });
});

describe('using a token', () => {
  it('reads and changes returns as its person, records when it was last used, and audits each change via the token', async () => {
    const { client, user } = await person('org-lead');
    const text = await makeToken(client, { name: 'Script' });
    const list = await api(text, 'GET', `/api/v1/partnerships/${a.slug}/returns`);
    expect(list.statusCode, list.body).toBe(200);
    expect(ReturnList.parse(JSON.parse(list.body)).returns.map((r) => r.organisation.code)).toEqual(
      ['RAA'],
    );
    expect((await tokenRow('Script')).last_used_at).toBeInstanceOf(Date);
    expect((await client.get('/account/api-tokens')).body).toMatch(
      /Last used[\s\S]{0,200}?\d{1,2} [A-Z][a-z]+ \d{4}/,
    );
    // A change with no CSRF token, and a session cookie that is not needed.
    const put = await api(text, 'PUT', `${RETURN()}/sections/workforce`, WORKFORCE);
    expect(put.statusCode, put.body).toBe(200);
    const doc = ReturnDocument.parse(JSON.parse(put.body));
    expect(doc.sections.find((s) => s.pillar === 'workforce')?.status).toBe('completed');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_label', 'via', 'action'])
      .where('action', '=', 'return.section.completed')
      .where('actor_user_id', '=', user.id)
      .execute();
    expect(audit).toEqual([
      {
        actor_user_id: user.id,
        actor_label: user.email,
        via: 'API token “Script”',
        action: 'return.section.completed',
      },
    ]);
  });

  it('is never the session: a signed-in browser without a token gets 401, not the return', async () => {
    const { client } = await person('org-lead');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const [method, url] of [
      ['GET', `/api/v1/partnerships/${a.slug}/returns`],
      ['GET', RETURN()],
      ['PUT', `${RETURN()}/sections/workforce`],
      ['POST', `${RETURN()}/submit`],
    ] as const) {
      const res = await api(undefined, method, url, method === 'PUT' ? WORKFORCE : undefined, {
        cookie,
      });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="Anchorage"');
      expect(JSON.parse(res.body)).toEqual({
        error: {
          code: 'unauthenticated',
          message: 'Send your API token in the Authorization header: Authorization: Bearer anc_…',
        },
      });
    }
  });

  it('refuses a wrong, revoked or expired token, and one whose account is disabled, with 401', async () => {
    const { client, user } = await person('org-lead');
    const revoked = await makeToken(client, { name: 'Revoked' });
    const expired = await makeToken(client, { name: 'Expired' });
    const working = await makeToken(client, { name: 'Working' });
    expect((await api(revoked, 'GET', RETURN())).statusCode).toBe(200);

    // Revoked on the page: no confirmation, it says it is done, and it is audited.
    const row = await tokenRow('Revoked');
    const res = await client.post(
      `/account/api-tokens/${row.id}/revoke`,
      {},
      {
        from: '/account/api-tokens',
      },
    );
    expect(res.status).toBe(303);
    const after = await client.get('/account/api-tokens');
    expect(after.body).toContain(
      'The token “Revoked” has been revoked: programs using it can no longer reach your returns.',
    );
    expect(after.body).toMatch(/Revoked on \d{1,2} \w+ \d{4}/);
    expect(
      await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', row.id)
        .orderBy('id')
        .execute(),
    ).toEqual([{ action: 'api-token.created' }, { action: 'api-token.revoked' }]);

    await t.database.db
      .updateTable('api_tokens')
      .set({
        created_at: new Date(Date.now() - 40 * 86_400_000),
        expires_at: new Date(Date.now() - 1000),
      })
      .where('name', '=', 'Expired')
      .execute();

    const refused = async (token: string | undefined, header?: string) => {
      const r = await t.app.inject({
        method: 'GET',
        url: RETURN(),
        headers: header
          ? { authorization: header }
          : token
            ? { authorization: `Bearer ${token}` }
            : {},
      });
      expect(r.statusCode, String(header ?? token)).toBe(401);
      expect(r.headers['www-authenticate']).toMatch(/^Bearer realm="Anchorage"/);
      return JSON.parse(r.body) as { error: { code: string; message: string } };
    };
    expect((await refused(revoked)).error.message).toBe(
      'This API token has been revoked: make a new one.',
    );
    expect((await refused(expired)).error.message).toBe(
      'This API token has expired: make a new one.',
    );
    const unknown = await refused(`anc_${'A1b2'.repeat(10)}xyz`);
    expect(unknown.error.code).toBe('unauthenticated');
    await refused(undefined, `Basic ${working}`);
    await refused(undefined, `Bearer ${working.slice(0, -1)}`);
    expect((await api(working, 'GET', RETURN())).statusCode).toBe(200);

    // Disabling the account stops every token of it at once.
    await t.database.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    expect((await refused(working)).error.message).toBe(
      'The account this API token belongs to is disabled or deleted.',
    );
  });

  it('stops working, and is deleted, when its person deletes their account', async () => {
    const { client, user } = await person('viewer');
    const text = await makeToken(client, { name: 'Deleted with the account', scope: 'read' });
    expect((await api(text, 'GET', RETURN())).statusCode).toBe(200);
    // A person with no role left may delete their account.
    await t.database.db.deleteFrom('memberships').where('user_id', '=', user.id).execute();
    const res = await client.post('/account/delete', { contributions: 'anonymise' });
    expect(res.location).toBe('/account/deleted');
    expect((await api(text, 'GET', RETURN())).statusCode).toBe(401);
    expect(
      await t.database.db
        .selectFrom('api_tokens')
        .select('id')
        .where('user_id', '=', user.id)
        .execute(),
    ).toEqual([]);
  });

  it('lets a person revoke only their own tokens', async () => {
    const owner = await person();
    await makeToken(owner.client, { name: 'Not yours' });
    const row = await tokenRow('Not yours');
    const other = await person();
    const res = await other.client.post(
      `/account/api-tokens/${row.id}/revoke`,
      {},
      {
        from: '/account/api-tokens',
      },
    );
    expect(res.status).toBe(404);
    expect((await tokenRow('Not yours')).revoked_at).toBeNull();
    const nonsense = await other.client.post(
      '/account/api-tokens/not-an-id/revoke',
      {},
      {
        from: '/account/api-tokens',
      },
    );
    expect(nonsense.status).toBe(404);
  });
});

describe('what a token may do', () => {
  it('only reads, with a read token: 403 for a change, whatever its person may do', async () => {
    const { client } = await person('org-lead');
    const text = await makeToken(client, { name: 'Reader', scope: 'read' });
    const read = await api(text, 'GET', RETURN());
    expect(read.statusCode).toBe(200);
    const doc = ReturnDocument.parse(JSON.parse(read.body));
    expect(doc.sections.every((s) => !s.canEdit)).toBe(true);
    expect(doc.canSubmit).toBe(false);
    for (const [method, url] of [
      ['PUT', `${RETURN()}/sections/workforce`],
      ['POST', `${RETURN()}/submit`],
    ] as const) {
      const res = await api(text, method, url, method === 'PUT' ? WORKFORCE : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(JSON.parse(res.body)).toEqual({
        error: {
          code: 'forbidden',
          message: 'This API token can only read: make a read-and-write token to change returns.',
        },
      });
    }
  });

  it('works in its own partnership only: 404 for another’s, even where its person has a role', async () => {
    const { client } = await person('org-lead', true);
    const text = await makeToken(client, { name: 'Only A' });
    expect((await api(text, 'GET', RETURN())).statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', `/api/v1/partnerships/${b.slug}/returns`],
      ['GET', RETURN(b, 'RBB')],
      ['PUT', `${RETURN(b, 'RBB')}/sections/workforce`],
      ['POST', `${RETURN(b, 'RBB')}/submit`],
      // Another partnership's organisation under this partnership's address.
      ['GET', RETURN(a, 'RBB')],
    ] as const) {
      const res = await api(text, method, url, method === 'PUT' ? WORKFORCE : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(ApiError.parse(JSON.parse(res.body)).error.code).toBe('not_found');
    }
    // And a token for B reaches B.
    const forB = await makeToken(client, { name: 'Only B', partnership: b });
    expect((await api(forB, 'GET', RETURN(b, 'RBB'))).statusCode).toBe(200);
    expect((await api(forB, 'GET', RETURN())).statusCode).toBe(404);
  });

  it('acts with its person’s roles as they are now', async () => {
    const { client, user } = await person('org-lead');
    const text = await makeToken(client, { name: 'Roles change' });
    expect((await api(text, 'PUT', `${RETURN()}/sections/workforce`, WORKFORCE)).statusCode).toBe(
      200,
    );
    const membership = (): Promise<User['id']> =>
      t.database.db
        .selectFrom('memberships')
        .select('id')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow()
        .then((m) => m.id);
    await t.database.db
      .updateTable('memberships')
      .set({ role: 'viewer' })
      .where('id', '=', await membership())
      .execute();
    expect((await api(text, 'PUT', `${RETURN()}/sections/workforce`, WORKFORCE)).statusCode).toBe(
      403,
    );
    expect((await api(text, 'GET', RETURN())).statusCode).toBe(200);
    await t.database.db.deleteFrom('memberships').where('user_id', '=', user.id).execute();
    expect((await api(text, 'GET', RETURN())).statusCode).toBe(404);
  });

  it('keeps a contributor to their own pillars, as in the service', async () => {
    const user = await makeUser(t.deps, {
      role: 'contributor',
      partnership: a,
      organisation: orgA,
      pillars: ['procurement'],
    });
    const client = t.client();
    await client.signIn(user.email, user.password);
    const text = await makeToken(client, { name: 'Procurement only' });
    const doc = ReturnDocument.parse(JSON.parse((await api(text, 'GET', RETURN())).body));
    expect(doc.sections.map((s) => s.pillar)).toEqual(['procurement']);
    expect((await api(text, 'PUT', `${RETURN()}/sections/workforce`, WORKFORCE)).statusCode).toBe(
      403,
    );
  });
});

describe('what is sent', () => {
  it('is checked as the form checks it, and anything else is refused with 400 or 415, never 500', async () => {
    const { client } = await person('org-lead');
    const text = await makeToken(client, { name: 'Bodies' });
    const url = `${RETURN()}/sections/workforce`;
    const send = (payload: string, type = 'application/json') =>
      t.app.inject({
        method: 'PUT',
        url,
        headers: { authorization: `Bearer ${text}`, 'content-type': type },
        payload,
      });
    const cases: [string, string, number, string?][] = [
      ['{"values": {"apprenticeship_starts": 1e308}}', 'application/json', 400],
      [
        '{"values": {"apprenticeship_starts": "-' + '9'.repeat(400) + '"}}',
        'application/json',
        400,
      ],
      ['{"values": {"apprenticeship_starts": "a\\u0000b"}}', 'application/json', 400],
      ['{"values": {"apprenticeship_starts": {"$ne": 1}}}', 'application/json', 400],
      ['{"values": {"not_a_figure": 1}}', 'application/json', 400],
      ['{"values": [1, 2]}', 'application/json', 400],
      ['{"values": {}, "extra": true}', 'application/json', 400],
      ['{"values": {}, "complete": "yes"}', 'application/json', 400],
      ['{"__proto__": {"admin": true}, "values": {}}', 'application/json', 400],
      ['{"values": {"apprenticeship_starts": 1', 'application/json', 400],
      ['', 'application/json', 400],
      ['values=1', 'application/x-www-form-urlencoded', 400],
      ['values', 'text/plain', 415],
      [JSON.stringify({ values: { x: 'x'.repeat(2_000_000) } }), 'application/json', 413],
    ];
    for (const [payload, type, status] of cases) {
      const res = await send(payload, type);
      expect(res.statusCode, `${type} ${payload.slice(0, 80)}`).toBe(status);
      expect(ApiError.safeParse(JSON.parse(res.body)).success, payload.slice(0, 80)).toBe(true);
    }
    const problems = JSON.parse(
      (await send('{"values": {"not_a_figure": 1, "apprenticeship_starts": 2}}')).body,
    ) as { error: { problems: unknown } };
    expect(problems.error.problems).toEqual([
      { item: 'not_a_figure', message: 'Workforce has no figure not_a_figure in this return' },
    ]);
    // Nothing was saved by any of them.
    const state = await t.deps.returns.load(
      { partnership: a, organisation: orgA, period: quarterA },
      null,
    );
    expect(state.values.get('apprenticeship_starts')?.value ?? null).not.toBe('2');
  });

  it('cannot change a return sent for review: 409', async () => {
    const { client } = await person('org-lead');
    const text = await makeToken(client, { name: 'Late' });
    const q2 = await openQuarter(t.deps, a, 2025, 2, '2025-11-30');
    const url = `/api/v1/partnerships/${a.slug}/organisations/RAA/returns/2025-26-q2`;
    const notReady = await api(text, 'POST', `${url}/submit`);
    expect(notReady.statusCode).toBe(400);
    expect(JSON.parse(notReady.body)).toMatchObject({ error: { code: 'invalid' } });
    await t.database.db
      .updateTable('return_revisions')
      .set({ status: 'submitted' })
      .where('return_id', 'in', (eb) =>
        eb.selectFrom('returns').select('id').where('period_id', '=', q2.id),
      )
      .execute();
    const res = await api(text, 'PUT', `${url}/sections/workforce`, WORKFORCE);
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'conflict',
        message: 'This return has been submitted for review, so it cannot be changed now.',
      },
    });
    expect((await api(text, 'GET', `${url.replace('q2', 'q4')}`)).statusCode).toBe(404);
    expect((await api(text, 'GET', `${url.replace('2025-26-q2', 'soon')}`)).statusCode).toBe(404);
    expect((await api(text, 'PUT', `${url}/sections/nonsense`, WORKFORCE)).statusCode).toBe(404);
  });
});

describe('the rate limit', () => {
  it('allows so many requests a minute per token, then 429 with Retry-After, other tokens unaffected', async () => {
    const { client } = await person('viewer');
    const busy = await makeToken(client, { name: 'Busy', scope: 'read' });
    const calm = await makeToken(client, { name: 'Calm', scope: 'read' });
    for (let i = 0; i < PER_MINUTE; i++)
      expect((await api(busy, 'GET', `/api/v1/partnerships/${a.slug}/returns`)).statusCode).toBe(
        200,
      );
    const limited = await api(busy, 'GET', `/api/v1/partnerships/${a.slug}/returns`);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const body = JSON.parse(limited.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(
      /^Too many requests with this API token\. Try again in \d+ seconds\.$/,
    );
    expect((await api(calm, 'GET', `/api/v1/partnerships/${a.slug}/returns`)).statusCode).toBe(200);
  });
});
