import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../lib/totp.js';
import { textOf } from '../../../test/helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  makeUser,
  signedIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function newestMail(to: string) {
  return t.database.db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

function linkIn(text: string): string {
  const m = /http:\/\/anchorage\.test(\/\S+)/.exec(text);
  if (!m?.[1]) throw new Error(`no link in ${text}`);
  return m[1];
}

describe('signing in', () => {
  it('stores passwords as Argon2id hashes', async () => {
    const user = await makeUser(t.deps);
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('signs a person in with the right password and keeps the address they asked for', async () => {
    const user = await makeUser(t.deps);
    const c = t.client();
    const page = await c.post(
      '/sign-in',
      { email: user.email.toUpperCase(), password: TEST_PASSWORD, next: '/account' },
      { from: '/sign-in?next=/account' },
    );
    expect(page.status).toBe(303);
    expect(page.location).toBe('/account');
    const account = await c.get('/account');
    expect(account.status).toBe(200);
    expect(textOf(account.body)).toContain(user.email);
  });

  it('says the same thing for a wrong password and an unknown address', async () => {
    const user = await makeUser(t.deps);
    const wrong = await t
      .client()
      .post('/sign-in', { email: user.email, password: 'not-the-password' });
    const unknown = await t
      .client()
      .post('/sign-in', { email: 'nobody@test.example', password: 'whatever-password' });
    for (const page of [wrong, unknown]) {
      expect(page.status).toBe(400);
      expect(textOf(page.body)).toContain('Enter a correct email address and password');
      expect(page.body).toContain('href="#email"');
    }
  });

  it('never sends to another site after signing in', async () => {
    const user = await makeUser(t.deps);
    const c = t.client();
    const page = await c.post('/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
      next: '//evil.example/x',
    });
    expect(page.location).toBe('/manage');
  });

  it('refuses a disabled account', async () => {
    const user = await makeUser(t.deps);
    await t.database.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    const page = await t.client().post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(page.status).toBe(400);
  });

  it('signs out and forgets the session on the server', async () => {
    const { client } = await signedIn(t, {});
    const sessionCookie = client.cookies.get('anchorage_session');
    expect(sessionCookie).toBeTruthy();
    const out = await client.post('/sign-out', {}, { from: '/account' });
    expect(out.location).toBe('/signed-out');
    const again = await client.get('/account');
    expect(again.status).toBe(303);
    const rows = await t.database.db.selectFrom('sessions').select('id').execute();
    const sid = decodeURIComponent(sessionCookie ?? '').split('.')[0];
    expect(rows.map((r) => r.id)).not.toContain(sid);
  });
});

describe('sessions', () => {
  it('live in the database, so another instance of the app (or the same one restarted) knows them', async () => {
    const { client, user } = await signedIn(t, {});
    const stored = await t.database.db
      .selectFrom('sessions')
      .select(['user_id'])
      .where('user_id', '=', user.id)
      .execute();
    expect(stored.length).toBe(1);
    const restarted = await t.anotherInstance();
    const res = await restarted.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: `anchorage_session=${client.cookies.get('anchorage_session')}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(user.email);
  });

  it('ignore a forged session cookie', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: 'anchorage_session=made-up.signature' },
    });
    expect(res.statusCode).toBe(303);
  });
});

describe('password reset', () => {
  it('shows the same page whether or not the account exists, and emails only real accounts', async () => {
    const user = await makeUser(t.deps);
    const before = await t.database.db.selectFrom('mail_outbox').select('id').execute();
    const a = await t.client().post('/forgot-password', { email: user.email });
    const b = await t.client().post('/forgot-password', { email: 'no-such-person@test.example' });
    expect(a.location).toBe('/forgot-password/sent');
    expect(b.location).toBe('/forgot-password/sent');
    const after = await t.database.db.selectFrom('mail_outbox').select(['to_address']).execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.map((m) => m.to_address)).toContain(user.email);
  });

  it('sets a new password once, signs the account out everywhere, and the link cannot be reused', async () => {
    const user = await makeUser(t.deps);
    const other = t.client();
    await other.signIn(user.email, TEST_PASSWORD);
    await t.client().post('/forgot-password', { email: user.email });
    const link = linkIn((await newestMail(user.email)).body_text);

    const c = t.client();
    const mismatch = await c.post(link, {
      password: 'a-brand-new-password',
      confirmPassword: 'something-else',
    });
    expect(mismatch.status).toBe(400);
    expect(textOf(mismatch.body)).toContain('The passwords do not match');
    const short = await c.post(link, { password: 'short', confirmPassword: 'short' });
    expect(textOf(short.body)).toContain('at least 12 characters');

    const done = await c.post(link, {
      password: 'a-brand-new-password',
      confirmPassword: 'a-brand-new-password',
    });
    expect(done.status).toBe(200);
    expect(textOf(done.body)).toContain('Your password has been changed');

    expect((await other.get('/account')).status).toBe(303);
    expect(
      (await t.client().post('/sign-in', { email: user.email, password: TEST_PASSWORD })).status,
    ).toBe(400);
    expect(
      (await t.client().post('/sign-in', { email: user.email, password: 'a-brand-new-password' }))
        .status,
    ).toBe(303);

    const reuse = await t.client().get(link);
    expect(reuse.status).toBe(404);
    expect(textOf(reuse.body)).toContain('This link has expired');

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', user.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('password.reset');
  });

  it('changes a password from the account page only with the current password', async () => {
    const { client, user } = await signedIn(t, {});
    const wrong = await client.post('/account/password', {
      currentPassword: 'not-it',
      password: 'another-good-password',
      confirmPassword: 'another-good-password',
    });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.body)).toContain('Your current password is not right');
    const ok = await client.post('/account/password', {
      currentPassword: user.password,
      password: 'another-good-password',
      confirmPassword: 'another-good-password',
    });
    expect(ok.location).toBe('/account');
    expect((await client.get('/account')).status).toBe(200);
  });
});

describe('two-step sign in', () => {
  it('is set up with a code, then asked for at every sign-in, and a code works only once', async () => {
    const { client, user } = await signedIn(t, {});
    const setup = await client.get('/account/second-factor');
    const secret = /class="app-code"><strong>([A-Z2-7 ]+)<\/strong>/
      .exec(setup.body)?.[1]
      ?.replace(/ /g, '');
    expect(secret).toBeTruthy();
    const bad = await client.post('/account/second-factor', { otp: '000000' });
    expect(bad.status).toBe(400);
    const now = Date.now();
    const on = await client.post('/account/second-factor', { otp: totpCodeAt(secret!, now) });
    expect(on.location).toBe('/account');

    const c = t.client();
    const first = await c.post('/sign-in', { email: user.email, password: user.password });
    expect(first.location).toBe('/sign-in/code');
    // Not signed in yet: the account page still asks to sign in.
    expect((await c.get('/account')).status).toBe(303);
    // The code used to turn it on cannot be used again.
    expect((await c.post('/sign-in/code', { otp: totpCodeAt(secret!, now) })).status).toBe(400);
    const next = totpCodeAt(secret!, now + 30_000);
    const ok = await c.post('/sign-in/code', { otp: next });
    expect(ok.location).toBe('/manage');
    expect((await c.get('/account')).status).toBe(200);
    // Replaying the same code in another browser fails.
    const d = t.client();
    await d.post('/sign-in', { email: user.email, password: user.password });
    expect((await d.post('/sign-in/code', { otp: next })).status).toBe(400);
  });

  it('is required before anything else when the partnership demands it', async () => {
    const p = await makePartnership(t.deps, { requireStaffTotp: true });
    const { client } = await signedIn(t, { role: 'partnership-lead', partnership: p });
    const page = await client.get(`/manage/${p.slug}`);
    expect(page.status).toBe(303);
    expect(page.location).toBe('/account/second-factor?required=1');
    const setup = await client.get('/account/second-factor?required=1');
    expect(textOf(setup.body)).toContain(
      'Your partnership asks everyone with a staff role to use two-step sign in',
    );
  });
});

describe('invitations', () => {
  it('create an account with the invited role, audited', async () => {
    const p = await makePartnership(t.deps);
    const org = await makeOrganisation(t.deps, p);
    const { client: lead } = await signedIn(t, { role: 'partnership-lead', partnership: p });
    const email = `new-${Date.now()}@test.example`;
    const sent = await lead.post(`/manage/${p.slug}/organisations/${org.id}/invite`, {
      displayName: 'Nia New',
      email,
      role: 'org-lead',
    });
    expect(sent.status).toBe(303);
    const mail = await newestMail(email);
    expect(mail.subject).toContain(p.name);
    const link = linkIn(mail.body_text);

    const invitee = t.client();
    const page = await invitee.get(link);
    expect(textOf(page.body)).toContain('Organisation lead');
    expect(textOf(page.body)).toContain(org.name);
    const accepted = await invitee.post(link, {
      displayName: 'Nia New',
      password: 'nia-chooses-a-password',
      confirmPassword: 'nia-chooses-a-password',
    });
    expect(accepted.location).toBe(`/manage/${p.slug}`);
    const overview = await invitee.get(`/manage/${p.slug}`);
    expect(overview.status).toBe(200);
    expect(textOf(overview.body)).toContain(`You have joined ${p.name} as organisation lead.`);

    const again = await t.client().get(link);
    expect(again.status).toBe(404);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('partnership_id', '=', p.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['invitation.created', 'user.created', 'invitation.accepted']),
    );
  });

  it('for someone who already has an account, ask them to sign in as that address', async () => {
    const p = await makePartnership(t.deps);
    const existing = await makeUser(t.deps);
    const { client: lead } = await signedIn(t, { role: 'partnership-lead', partnership: p });
    await lead.post(`/manage/${p.slug}/people/invite`, {
      displayName: 'Existing Person',
      email: existing.email,
      role: 'reviewer',
    });
    const link = linkIn((await newestMail(existing.email)).body_text);
    const anonymous = await t.client().get(link);
    expect(textOf(anonymous.body)).toContain('Sign in to accept the invitation');

    const someoneElse = (await signedIn(t, {})).client;
    const wrongPerson = await someoneElse.get(link);
    expect(textOf(wrongPerson.body)).toContain('You are signed in with another address');

    const c = t.client();
    await c.signIn(existing.email, existing.password);
    const accepted = await c.post(link, {});
    expect(accepted.location).toBe(`/manage/${p.slug}`);
    const roles = await t.database.db
      .selectFrom('memberships')
      .select('role')
      .where('user_id', '=', existing.id)
      .execute();
    expect(roles).toEqual([{ role: 'reviewer' }]);
  });
});
