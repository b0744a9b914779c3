/**
 * Security events (signing in, failing to, too many attempts, second-factor and password
 * changes, resets, invitations) are in the audit log and the server log; every action that
 * checks a password or a code has a limit, counted per account once the person is known.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret, totpCodeAt } from '../../lib/totp.js';
import { textOf } from '../../../test/helpers/client.js';
import {
  makePartnership,
  makeUser,
  signedIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/helpers/app.js';

const MAX = 3;
const logLines: Record<string, unknown>[] = [];
const log = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      logLines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { ACCOUNT_RATE_LIMIT: String(MAX) }, log });
});
afterAll(() => t.close());

async function auditOf(userId: string) {
  return t.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_label', 'actor_user_id', 'partnership_id', 'after'])
    .where('entity_id', '=', userId)
    .orderBy('id')
    .execute();
}

function securityLines(userId: string | null) {
  return logLines
    .map((l) => l.security as { event: string; userId: string | null } | undefined)
    .filter((s) => s !== undefined && s.userId === userId)
    .map((s) => s!.event);
}

async function withSecondFactor(user: { id: string }): Promise<string> {
  const secret = newTotpSecret();
  expect(await t.deps.accounts.enableTotp(user.id, secret, totpCodeAt(secret, Date.now()))).toBe(
    true,
  );
  return secret;
}

describe('attempts at a password or a code after signing in are limited', () => {
  it('changing the password: after the limit, even the right password is refused', async () => {
    const { client, user } = await signedIn(t, {});
    const attempt = (currentPassword: string) =>
      client.post('/account/password', {
        currentPassword,
        password: 'a-brand-new-password',
        confirmPassword: 'a-brand-new-password',
      });
    for (let i = 0; i < MAX; i++) expect((await attempt('wrong-password')).status).toBe(400);
    const refused = await attempt(TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(textOf(refused.body)).toContain('You have tried this too many times');
    // The password did not change.
    expect(
      (await t.client().post('/sign-in', { email: user.email, password: TEST_PASSWORD })).status,
    ).toBe(303);

    // Counted per account: another person at the same address is not held up.
    const other = await signedIn(t, {});
    const theirs = await other.client.post('/account/password', {
      currentPassword: 'wrong-password',
      password: 'a-brand-new-password',
      confirmPassword: 'a-brand-new-password',
    });
    expect(theirs.status).toBe(400);

    // The same account in another browser is held up too.
    const again = t.client();
    await again.signIn(user.email, TEST_PASSWORD);
    expect(
      (
        await again.post('/account/password', {
          currentPassword: TEST_PASSWORD,
          password: 'a-brand-new-password',
          confirmPassword: 'a-brand-new-password',
        })
      ).status,
    ).toBe(429);
  });

  it('turning off two-step sign-in', async () => {
    const { client, user } = await signedIn(t, {});
    await withSecondFactor(user);
    for (let i = 0; i < MAX; i++) {
      expect(
        (await client.post('/account/second-factor/remove', { password: 'wrong' })).status,
      ).toBe(400);
    }
    const refused = await client.post('/account/second-factor/remove', { password: TEST_PASSWORD });
    expect(refused.status).toBe(429);
    const row = await t.database.db
      .selectFrom('users')
      .select('totp_enabled_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
  });

  it('confirming the code that turns two-step sign-in on', async () => {
    const { client } = await signedIn(t, {});
    await client.get('/account/second-factor');
    for (let i = 0; i < MAX; i++) {
      expect((await client.post('/account/second-factor', { otp: '000000' })).status).toBe(400);
    }
    expect((await client.post('/account/second-factor', { otp: '000000' })).status).toBe(429);
  });

  it('the security code at sign-in, counted per account whatever the browser', async () => {
    const user = await makeUser(t.deps);
    const secret = await withSecondFactor(user);
    const c = t.client();
    expect(
      (await c.post('/sign-in', { email: user.email, password: TEST_PASSWORD })).location,
    ).toBe('/sign-in/code');
    for (let i = 0; i < MAX; i++) {
      expect((await c.post('/sign-in/code', { otp: '000000' })).status).toBe(400);
    }
    // A fresh browser that has the password too gets no more guesses at the code.
    const d = t.client();
    await d.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    const refused = await d.post('/sign-in/code', {
      otp: totpCodeAt(secret, Date.now() + 30_000),
    });
    expect(refused.status).toBe(429);
  });
});

describe('security events', () => {
  it('are in the audit log and the server log, without passwords, codes or unknown addresses', async () => {
    const user = await makeUser(t.deps);
    const c = t.client();
    // Failing and then signing in.
    expect(
      (await c.post('/sign-in', { email: user.email, password: 'not-it-at-all' })).status,
    ).toBe(400);
    expect((await c.post('/sign-in', { email: user.email, password: TEST_PASSWORD })).status).toBe(
      303,
    );
    // Someone tries an address that has no account.
    const unknown = `nobody-${Date.now()}@test.example`;
    await t.client().post('/sign-in', { email: unknown, password: 'a-guessed-password' });
    // Two-step sign-in: a wrong code at setup, then on; a wrong code at sign-in, then the right one.
    await c.get('/account/second-factor');
    await c.post('/account/second-factor', { otp: '000000' });
    const secret = /class="app-code"><strong>([A-Z2-7 ]+)<\/strong>/
      .exec((await c.get('/account/second-factor')).body)?.[1]
      ?.replace(/ /g, '');
    const now = Date.now();
    expect(
      (await c.post('/account/second-factor', { otp: totpCodeAt(secret!, now) })).location,
    ).toBe('/account');
    const d = t.client();
    await d.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect((await d.post('/sign-in/code', { otp: '000000' })).status).toBe(400);
    expect(
      (await d.post('/sign-in/code', { otp: totpCodeAt(secret!, now + 30_000) })).location,
    ).toBe('/manage');
    // A wrong password to turn it off, then off; a wrong current password, then a new password.
    await d.post('/account/second-factor/remove', { password: 'not-it-at-all' });
    await d.post('/account/second-factor/remove', { password: TEST_PASSWORD });
    const change = (currentPassword: string) =>
      d.post('/account/password', {
        currentPassword,
        password: 'a-brand-new-password',
        confirmPassword: 'a-brand-new-password',
      });
    expect((await change('not-it-at-all')).status).toBe(400);
    expect((await change(TEST_PASSWORD)).location).toBe('/account');
    // A reset asked for and used.
    await t.client().post('/forgot-password', { email: user.email });
    const mail = await t.database.db
      .selectFrom('mail_outbox')
      .select('body_text')
      .where('to_address', '=', user.email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const link = /http:\/\/anchorage\.test(\/reset-password\/\S+)/.exec(mail.body_text)?.[1];
    expect(
      (
        await t
          .client()
          .post(link!, { password: 'reset-new-password', confirmPassword: 'reset-new-password' })
      ).status,
    ).toBe(200);
    // Too many wrong current passwords (the two tries above count against the same account).
    const e = t.client();
    await e.signIn(user.email, 'reset-new-password');
    const statuses: number[] = [];
    for (let i = 0; i < MAX; i++) {
      const page = await e.post('/account/password', {
        currentPassword: 'not-it-at-all',
        password: 'a-brand-new-password',
        confirmPassword: 'a-brand-new-password',
      });
      statuses.push(page.status);
    }
    expect(statuses).toEqual([...Array<number>(MAX - 2).fill(400), ...Array<number>(2).fill(429)]);

    const expected = [
      'sign-in.failed',
      'sign-in.succeeded',
      'second-factor.code-failed',
      'second-factor.enabled',
      'sign-in.code-failed',
      'sign-in.succeeded',
      'second-factor.disable-failed',
      'second-factor.disabled',
      'password.change-failed',
      'password.changed',
      'password.reset-requested',
      'password.reset',
      'sign-in.succeeded',
      ...Array<string>(MAX - 2).fill('password.change-failed'),
      'attempts.limited',
    ];
    const audit = (await auditOf(user.id)).filter((a) => a.action !== 'user.created');
    expect(audit.map((a) => a.action)).toEqual(expected);
    expect(new Set(audit.map((a) => a.actor_label))).toEqual(new Set([user.email]));
    expect(new Set(audit.map((a) => a.partnership_id))).toEqual(new Set([null]));
    // Only the account holder's own doings are attributed to them.
    const failed = audit.filter((a) => a.action === 'sign-in.failed');
    expect(failed.map((a) => a.actor_user_id)).toEqual([null]);
    expect(audit.find((a) => a.action === 'attempts.limited')?.after).toEqual({
      attempts: 'Changing the password',
    });
    expect(securityLines(user.id)).toEqual(expected);

    // The address with no account: recorded as such, the address itself kept nowhere.
    const everything = JSON.stringify(
      await t.database.db.selectFrom('audit_log').selectAll().execute(),
    );
    expect(everything).not.toContain(unknown);
    expect(everything).not.toContain('a-guessed-password');
    expect(everything).not.toContain('not-it-at-all');
    expect(everything).not.toContain(secret!);
    const logText = JSON.stringify(logLines);
    for (const text of [unknown, 'a-guessed-password', 'not-it-at-all', secret!, user.email]) {
      expect(logText).not.toContain(text);
    }
    const refusals = logLines.filter(
      (l) => (l.security as { event?: string } | undefined)?.event === 'sign-in.failed',
    );
    expect(refusals.every((l) => l.level === 40)).toBe(true);
  });

  it('an address with no account, and too many attempts before sign-in, are recorded without an account', async () => {
    const limited = await startTestApp({
      database: t.database,
      config: { SIGN_IN_RATE_LIMIT: String(MAX) },
      log,
    });
    try {
      const c = limited.client();
      const unknown = `nobody-${Date.now()}@test.example`;
      const statuses: number[] = [];
      for (let i = 0; i < MAX + 3; i++) {
        statuses.push((await c.post('/sign-in', { email: unknown, password: 'guess' })).status);
      }
      expect(statuses).toEqual([...Array<number>(MAX).fill(400), ...Array<number>(3).fill(429)]);
      const rows = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_label', 'actor_user_id', 'entity_id', 'after'])
        .where('action', 'in', ['sign-in.failed', 'attempts.limited'])
        .where('entity_id', 'is', null)
        .orderBy('id', 'desc')
        .limit(MAX + 1)
        .execute();
      // Recorded once for the window, however many refusals follow.
      expect(rows.reverse()).toEqual([
        ...Array<Record<string, unknown>>(MAX).fill({
          action: 'sign-in.failed',
          actor_label: 'an address with no account',
          actor_user_id: null,
          entity_id: null,
          after: null,
        }),
        {
          action: 'attempts.limited',
          actor_label: 'someone not signed in',
          actor_user_id: null,
          entity_id: null,
          after: { attempts: 'Signing in' },
        },
      ]);
      // Accepting an invitation counts against the same kind of limit, per address.
      const i = limited.client();
      const accept = () =>
        i.post('/invitations/not-a-real-token', {
          displayName: 'X',
          password: 'x',
          confirmPassword: 'x',
        });
      for (let n = 0; n < MAX; n++) expect((await accept()).status).toBe(404);
      expect((await accept()).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('appear in plain English on the platform audit log', async () => {
    const { client: admin } = await signedIn(t, { platformAdmin: true });
    const page = textOf((await admin.get('/admin/audit')).body);
    for (const text of [
      'Signed in',
      'Sign-in refused: wrong email address or password',
      'Too many attempts: stopped for a while',
      'Password not changed: current password not right',
      'an address with no account',
    ]) {
      expect(page).toContain(text);
    }
  });

  it('an accepted invitation is in its partnership’s audit log, and in the server log', async () => {
    const p = await makePartnership(t.deps);
    const { client: lead } = await signedIn(t, { role: 'partnership-lead', partnership: p });
    const email = `invited-${Date.now()}@test.example`;
    await lead.post(`/manage/${p.slug}/people/invite`, {
      displayName: 'Ida Invited',
      email,
      role: 'reviewer',
    });
    const mail = await t.database.db
      .selectFrom('mail_outbox')
      .select('body_text')
      .where('to_address', '=', email)
      .executeTakeFirstOrThrow();
    const link = /http:\/\/anchorage\.test(\/invitations\/\S+)/.exec(mail.body_text)?.[1];
    const accepted = await t.client().post(link!, {
      displayName: 'Ida Invited',
      password: 'ida-chooses-a-password',
      confirmPassword: 'ida-chooses-a-password',
    });
    expect(accepted.status).toBe(303);
    const user = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(securityLines(user.id)).toEqual(['invitation.accepted']);
    const page = textOf((await lead.get(`/manage/${p.slug}/audit`)).body);
    expect(page).toContain('Invitation accepted');
  });
});
