/**
 * Public pages for anonymous visitors (decision 031): no cookie and no token unless the page has
 * a form, the same HTML for everyone, so an unchanged page is answered 304; forms keep their
 * CSRF token and still need it.
 */
import type { Session } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, SESSION_COOKIE } from '../app.js';
import type { Organisation, Partnership } from '../db/schema.js';
import { textOf } from '../../test/helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  makeUser,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../test/helpers/app.js';
import { DatabaseSessionStore } from './session-store.js';

let t: TestApp;
let partnership: Partnership;
let organisation: Organisation;
beforeAll(async () => {
  t = await startTestApp();
  partnership = await makePartnership(t.deps, { isPublic: true, name: 'Quick Partnership' });
  organisation = await makeOrganisation(t.deps, partnership, { name: 'Quick Hospital' });
});
afterAll(() => t.close());

const publicPages = () => ['/', `/p/${partnership.slug}`, '/accessibility', '/privacy', '/about'];

async function sessionRows(): Promise<number> {
  const rows = await t.database.db.selectFrom('sessions').select('id').execute();
  return rows.length;
}

describe('an anonymous visit to a public page', () => {
  it('sets no cookie (no session, no CSRF secret), makes no session row and carries no token', async () => {
    const before = await sessionRows();
    for (const url of publicPages()) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
      expect(res.body, url).not.toContain('name="_csrf"');
    }
    expect(await sessionRows()).toBe(before);
  });

  it('is the same for every visitor, and follows the data as soon as it changes', async () => {
    const url = `/p/${partnership.slug}`;
    const first = await t.app.inject({ method: 'GET', url });
    const second = await t.app.inject({ method: 'GET', url });
    expect(second.body).toBe(first.body);
    expect(second.headers['content-security-policy']).toBe(
      first.headers['content-security-policy'],
    );

    await t.database.db
      .updateTable('organisations')
      .set({ name: 'Renamed Hospital' })
      .where('id', '=', organisation.id)
      .execute();
    try {
      const changed = textOf((await t.app.inject({ method: 'GET', url })).body);
      expect(changed).toContain('Renamed Hospital');
      expect(changed).not.toContain('Quick Hospital');
    } finally {
      await t.database.db
        .updateTable('organisations')
        .set({ name: 'Quick Hospital' })
        .where('id', '=', organisation.id)
        .execute();
    }
  });
});

describe('conditional requests', () => {
  it('answer 304 to a repeated GET or HEAD with If-None-Match, and 200 once the page changes', async () => {
    const url = `/p/${partnership.slug}`;
    const first = await t.app.inject({ method: 'GET', url });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);

    const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['content-length']).toBeUndefined();
    const weak = await t.app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(weak.statusCode).toBe(304);
    const head = await t.app.inject({ method: 'HEAD', url, headers: { 'if-none-match': etag } });
    expect(head.statusCode).toBe(304);

    await makeOrganisation(t.deps, partnership, { name: 'Newcomer Trust' });
    const changed = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(textOf(changed.body)).toContain('Newcomer Trust');
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('answer a page with a form, an error page or a POST in full, whatever If-None-Match says', async () => {
    const signIn = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const signInAgain = await t.app.inject({
      method: 'GET',
      url: '/sign-in',
      headers: { 'if-none-match': String(signIn.headers.etag) },
    });
    // A new token on every form page: never the same page, never 304.
    expect(signInAgain.statusCode).toBe(200);
    expect(signInAgain.headers.etag).not.toBe(signIn.headers.etag);

    const missing = await t.app.inject({ method: 'GET', url: '/no-such-page' });
    const missingAgain = await t.app.inject({
      method: 'GET',
      url: '/no-such-page',
      headers: { 'if-none-match': String(missing.headers.etag) },
    });
    expect(missingAgain.statusCode).toBe(404);

    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const refused = await t.app.inject({
      method: 'POST',
      url: '/sign-out',
      payload: '_csrf=forged',
      headers: form,
    });
    expect(refused.statusCode).toBe(403);
    const refusedAgain = await t.app.inject({
      method: 'POST',
      url: '/sign-out',
      payload: '_csrf=forged',
      headers: { ...form, 'if-none-match': '*' },
    });
    expect(refusedAgain.statusCode).toBe(403);
  });

  it('never answer 304 to a signed-in page: its sign-out form carries a new token each time', async () => {
    const { client } = await signedIn(t, {});
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const url = `/p/${partnership.slug}`;
    const first = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(first.body).toMatch(/action="\/sign-out"[^>]*><input type="hidden" name="_csrf"/);
    const again = await t.app.inject({
      method: 'GET',
      url,
      headers: { cookie, 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('name="_csrf"');
  });
});

describe('forms', () => {
  it('still carry a token, set the secret cookie with it, and refuse a POST without them', async () => {
    const user = await makeUser(t.deps);
    const c = t.client();
    // A public page first: no cookie yet.
    await c.get(`/p/${partnership.slug}`);
    expect(c.cookies.has(CSRF_COOKIE)).toBe(false);

    const form = await c.get('/sign-in');
    expect(form.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(c.cookies.has(CSRF_COOKIE)).toBe(true);

    const without = await c.post(
      '/sign-in',
      { email: user.email, password: user.password },
      { csrf: null },
    );
    expect(without.status).toBe(403);
    const forged = await c.post(
      '/sign-in',
      { email: user.email, password: user.password },
      { csrf: 'forged-token' },
    );
    expect(forged.status).toBe(403);
    const ok = await c.post('/sign-in', { email: user.email, password: user.password });
    expect(ok.status).toBe(303);
    expect(c.cookies.has(SESSION_COOKIE)).toBe(true);
  });
});

describe('the session store', () => {
  it('keeps a session that holds something, and drops one left holding nothing', async () => {
    const store = new DatabaseSessionStore(t.database.db, 3_600_000);
    const save = (id: string, data: Record<string, unknown>) =>
      new Promise<void>((resolve, reject) => {
        const session = { cookie: { expires: new Date(Date.now() + 60_000) }, ...data };
        store.set(id, session as unknown as Session, (err) =>
          err ? reject(err instanceof Error ? err : new Error('session not saved')) : resolve(),
        );
      });
    const stored = async (id: string) =>
      (await t.database.db.selectFrom('sessions').select('id').where('id', '=', id).execute())
        .length;

    await save('holding-a-message', { flash: 'Thank you.' });
    expect(await stored('holding-a-message')).toBe(1);
    // The page that showed the message has cleared it: nothing left to keep.
    await save('holding-a-message', { flash: undefined });
    expect(await stored('holding-a-message')).toBe(0);
  });
});
