/**
 * Participants' light accounts and their own data, through their pages: creating an account
 * (problems named; an address that has an account gets the same page and an email saying so;
 * nothing usable until the emailed link is used), signing in with a one-time link (a button, not
 * the link itself, uses it; once; not after 30 minutes; never as a password reset link), what the
 * person contributed on a page and in JSON and CSV downloads (audited, spreadsheet-safe, naming
 * no one else), and deleting the account with what they wrote kept anonymous or removed (in one
 * transaction, audited, signed out).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { Partnership, User } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  makePartnership,
  makeUser,
  signedIn,
  signedInAs,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/helpers/app.js';
import { signInLinkHash } from './participants.service.js';

let t: TestApp;
let p: Partnership;
let versionId: string;
/** A second partnership's version out for consultation, with a survey of four questions. */
let survey: { partnershipId: string; versionId: string; q: Record<string, string> };
let serial = 0;

const NEW_PASSWORD = 'quiet-harbour-lemon-pencil';
const unique = (name: string) =>
  `${name}-${++serial}-${newToken().slice(0, 6)}@test.example`.toLowerCase();
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** The last email sent to an address, and the sign-in link in it (a path), if any. */
async function lastMail(to: string) {
  const mail = await t.database.db
    .selectFrom('mail_outbox')
    .select(['subject', 'body_text'])
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const link = mail
    ? /http:\/\/anchorage\.test(\/sign-in\/link\/[^\s]+)/.exec(mail.body_text)
    : null;
  return { mail, link: link?.[1] };
}

async function mailCount(to: string) {
  const rows = await t.database.db
    .selectFrom('mail_outbox')
    .select('id')
    .where('to_address', '=', to)
    .execute();
  return rows.length;
}

async function userByEmail(email: string) {
  return t.database.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
}

async function audits(action: string, entityId?: string) {
  let q = t.database.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'actor_label', 'partnership_id', 'entity', 'entity_id', 'after'])
    .where('action', '=', action)
    .orderBy('id');
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.execute();
}

async function isSignedIn(c: TestClient) {
  const page = await c.get('/account/contributions');
  return page.status === 200;
}

/** A participant's account (no role), signed in. */
async function participant(): Promise<{ client: TestClient; user: User & { password: string } }> {
  return signedIn(t, { email: unique('resident') });
}

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps, { name: 'Riverside Anchors' });
  versionId = (
    await t.database.db
      .insertInto('charter_versions')
      .values({ partnership_id: p.id, number: 1, title: 'Our first charter', state: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await t.database.db
    .insertInto('charter_items')
    .values({
      partnership_id: p.id,
      version_id: versionId,
      key: 'W1',
      kind: 'commitment',
      pillar: 'workforce',
      title: 'Pay the Real Living Wage',
      body: 'Every member pays at least the Real Living Wage.',
      sort_order: 1,
    })
    .execute();

  // Answers are taken only while a version is out for consultation, and questions change only
  // while it is a draft: questions first, then the consultation, then answers.
  const harbour = await makePartnership(t.deps, { name: 'Harbourside Anchors' });
  const surveyVersion = (
    await t.database.db
      .insertInto('charter_versions')
      .values({ partnership_id: harbour.id, number: 3, title: 'Harbour charter', state: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const questions = [
    {
      key: 'heard',
      kind: 'multiple',
      prompt: 'How did you hear about us?',
      options: ['Leaflet', 'Radio', 'Friend'],
    },
    { key: 'single', kind: 'single', prompt: 'Do you live in the area?', options: ['Yes', 'No'] },
    {
      key: 'scale',
      kind: 'scale',
      prompt: 'How much does this matter to you?',
      options: ['Not at all', 'A lot'],
    },
    { key: 'text', kind: 'text', prompt: 'What else should we do?', options: [] },
  ] as const;
  const q: Record<string, string> = {};
  for (const [i, question] of questions.entries()) {
    q[question.key] = (
      await t.database.db
        .insertInto('survey_questions')
        .values({
          partnership_id: harbour.id,
          version_id: surveyVersion,
          position: i + 1,
          kind: question.kind,
          prompt: question.prompt,
          options: [...question.options],
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  await t.database.db
    .updateTable('charter_versions')
    .set({
      state: 'consultation',
      consultation_opens: '2020-01-01',
      consultation_closes: '2099-12-31',
    })
    .where('id', '=', surveyVersion)
    .execute();
  survey = { partnershipId: harbour.id, versionId: surveyVersion, q };
});

/** A participant's answers to the survey, inserted as the survey service keeps them. */
async function answerSurvey(participantId: string, text = 'More buses, please.') {
  const { q } = survey;
  return (
    await t.database.db
      .insertInto('survey_answers')
      .values({
        partnership_id: survey.partnershipId,
        version_id: survey.versionId,
        participant_id: participantId,
        answers: JSON.stringify({
          [q.heard!]: ['Leaflet', 'Friend'],
          [q.single!]: 'Yes',
          [q.scale!]: 4,
          [q.text!]: text,
        }),
        area: 'E08000012',
        imd_decile: 3,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

afterAll(async () => {
  await t?.close();
});

describe('creating an account to take part', () => {
  it('says what is kept and what is public, beside the form', async () => {
    const page = await t.client().get('/join?next=/about');
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Create an account to take part');
    expect(text).toContain(
      'We keep your email address to sign you in and to tell you when your suggestions are answered. We never show it publicly.',
    );
    expect(text).toContain(
      'What you write is public under the name you choose for it, or anonymously.',
    );
    expect(page.body).toContain('name="next" value="/about"');
  });

  it('names each problem and never shows the password again', async () => {
    const c = t.client();
    const empty = await c.post('/join', { email: '', password: '', confirmPassword: '' });
    expect(empty.status).toBe(400);
    expect(textOf(empty.body)).toContain('There is a problem');
    expect(textOf(empty.body)).toContain('Enter your email address');
    expect(textOf(empty.body)).toContain('Enter a new password');
    const bad = await c.post('/join', {
      email: 'not-an-address',
      password: 'short',
      confirmPassword: 'different',
    });
    expect(bad.status).toBe(400);
    const text = textOf(bad.body);
    expect(text).toContain('Enter an email address in the correct format');
    expect(text).toContain('Your password must be at least 12 characters');
    expect(text).toContain('The passwords do not match');
    expect(bad.body).toContain('href="#email"');
    expect(bad.body).toContain('value="not-an-address"');
    expect(bad.body).not.toContain('value="short"');
  });

  it('makes an account that works only once the emailed link is used, then signs in and goes on', async () => {
    const email = unique('joiner');
    const c = t.client();
    const sent = await c.post('/join?next=/about', {
      email: email.toUpperCase(),
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
      next: '/about',
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/join/sent');
    expect(textOf((await c.get('/join/sent')).body)).toContain('Check your email');

    // Waiting: not signed in, and the password does not work yet.
    expect(await isSignedIn(c)).toBe(false);
    const waiting = await userByEmail(email);
    expect(waiting?.display_name).toBe('Participant');
    expect(waiting?.disabled_at).not.toBeNull();
    expect((await t.client().post('/sign-in', { email, password: NEW_PASSWORD })).status).toBe(400);

    const { mail, link } = await lastMail(email);
    expect(mail?.subject).toBe('Finish creating your Anchorage account');
    expect(link).toMatch(/^\/sign-in\/link\/[A-Za-z0-9_-]+\?next=%2Fabout$/);

    // Opening the link shows a button; only the button uses it.
    const page = await c.get(link!);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Finish creating your account');
    expect(await c.get(link!)).toMatchObject({ status: 200 });
    const used = await c.post(link!, { next: '/about' });
    expect(used.status).toBe(303);
    expect(used.location).toBe('/about');
    expect(await isSignedIn(c)).toBe(true);

    // In the browser that joined, the password chosen is kept.
    const account = await userByEmail(email);
    expect(account?.disabled_at).toBeNull();
    expect(account?.password_hash).not.toBeNull();
    expect((await t.client().post('/sign-in', { email, password: NEW_PASSWORD })).status).toBe(303);
    const [created] = await audits('user.created', account!.id);
    expect(created).toMatchObject({ actor_user_id: account!.id, partnership_id: null });
    expect(created?.after).toMatchObject({ account: 'participant' });
    const signIns = await audits('sign-in.succeeded', account!.id);
    expect(signIns[0]?.after).toEqual({ with: 'a link sent by email' });
  });

  it('goes to the person’s contributions when they came from nowhere in particular', async () => {
    const email = unique('joiner');
    const c = t.client();
    await c.post('/join', { email, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const { link } = await lastMail(email);
    expect(link).not.toContain('?next=');
    const used = await c.post(link!);
    expect(used.location).toBe('/account/contributions');
    expect(textOf((await c.get('/account/contributions')).body)).toContain(
      'Your account has been created.',
    );
  });

  it('does not keep the password when the link is used in another browser', async () => {
    const email = unique('joiner');
    await t
      .client()
      .post('/join', { email, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const { link } = await lastMail(email);
    const elsewhere = t.client();
    expect((await elsewhere.post(link!)).status).toBe(303);
    expect(textOf((await elsewhere.get('/account/contributions')).body)).toContain(
      'we have not kept the password you chose',
    );
    expect((await userByEmail(email))?.password_hash).toBeNull();
    expect((await t.client().post('/sign-in', { email, password: NEW_PASSWORD })).status).toBe(400);
  });

  it('answers an address that has an account exactly as a new one, and emails it instead', async () => {
    const { user } = await participant();
    const fresh = t.client();
    const newcomer = await fresh.post('/join', {
      email: unique('newcomer'),
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    const c = t.client();
    const before = await mailCount(user.email);
    const existing = await c.post('/join', {
      email: user.email,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(existing.status).toBe(newcomer.status);
    expect(existing.location).toBe(newcomer.location);
    // Both answers start a session: its cookie does not tell them apart either.
    expect(String(existing.headers['set-cookie'])).toContain('anchorage_session=');
    expect(String(newcomer.headers['set-cookie'])).toContain('anchorage_session=');
    expect(textOf((await c.get('/join/sent')).body)).toBe(
      textOf((await fresh.get('/join/sent')).body),
    );

    expect(await mailCount(user.email)).toBe(before + 1);
    const { mail, link } = await lastMail(user.email);
    expect(mail?.subject).toBe('Your link to sign in to Anchorage');
    expect(mail?.body_text).toContain('you already have one');
    // Nothing about the account changed: the old password works, the new one does not.
    expect(
      (await t.client().post('/sign-in', { email: user.email, password: NEW_PASSWORD })).status,
    ).toBe(400);
    expect(
      (await t.client().post('/sign-in', { email: user.email, password: TEST_PASSWORD })).status,
    ).toBe(303);
    // The emailed link signs them in.
    const other = t.client();
    expect((await other.post(link!)).location).toBe('/account/contributions');
    expect(await isSignedIn(other)).toBe(true);
  });

  it('tells a staff address to sign in with its password, and sends it no link', async () => {
    const staff = await makeUser(t.deps, { role: 'moderator', partnership: p });
    const answer = await t.client().post('/join', {
      email: staff.email,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(answer.location).toBe('/join/sent');
    const { mail, link } = await lastMail(staff.email);
    expect(mail?.body_text).toContain('staff account, which signs in with its password');
    expect(link).toBeUndefined();
  });

  it('sends someone already signed in on, without making anything', async () => {
    const { client } = await participant();
    const page = await client.get('/join?next=/about');
    expect(page).toMatchObject({ status: 303, location: '/about' });
  });
});

describe('signing in with a link sent by email', () => {
  it('names a problem with the address', async () => {
    const page = await t.client().post('/sign-in/link', { email: 'nowhere' });
    expect(page.status).toBe(400);
    expect(textOf(page.body)).toContain('Enter an email address in the correct format');
  });

  it('says the same whatever the address, and sends a link that a button uses, once', async () => {
    const { user } = await participant();
    const c = t.client();
    const sent = await c.post('/sign-in/link', { email: user.email });
    expect(sent).toMatchObject({ status: 303, location: '/check-your-email' });
    const unknown = await t.client().post('/sign-in/link', { email: 'nobody-here@test.example' });
    expect(unknown.location).toBe(sent.location);
    expect(textOf((await c.get('/check-your-email')).body)).toContain(
      'If you can use this service, we have sent a link',
    );

    const { mail, link } = await lastMail(user.email);
    expect(mail?.subject).toBe('Your link to sign in to Anchorage');
    expect(mail?.body_text).toContain('within 30 minutes');
    // Following the link (as a mail scanner would) signs nobody in.
    const page = await c.get(link!);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<form method="post"/);
    expect(await isSignedIn(c)).toBe(false);
    const used = await c.post(link!);
    expect(used).toMatchObject({ status: 303, location: '/account/contributions' });
    expect(await isSignedIn(c)).toBe(true);
    // Once only.
    const again = t.client();
    expect((await again.get(link!)).status).toBe(404);
    const refused = await again.post(link!, {}, { from: '/sign-in/link' });
    expect(refused.status).toBe(404);
    expect(textOf(refused.body)).toContain('This link has expired');
    expect(await isSignedIn(again)).toBe(false);
  });

  it('refuses a link more than 30 minutes old', async () => {
    const { user } = await participant();
    await t.client().post('/sign-in/link', { email: user.email });
    const { link } = await lastMail(user.email);
    await t.database.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    const c = t.client();
    expect((await c.get(link!)).status).toBe(404);
    expect((await c.post(link!, {}, { from: '/sign-in/link' })).status).toBe(404);
    expect(await isSignedIn(c)).toBe(false);
  });

  it('creates an account for an address that has none, when the link is used', async () => {
    const email = unique('linked');
    await t.client().post('/sign-in/link', { email });
    const { mail, link } = await lastMail(email);
    expect(mail?.body_text).toContain('using the link creates one');
    expect((await userByEmail(email))?.disabled_at).not.toBeNull();
    const c = t.client();
    expect(textOf((await c.get(link!)).body)).toContain('Create account and sign in');
    expect((await c.post(link!)).status).toBe(303);
    const account = await userByEmail(email);
    expect(account).toMatchObject({ disabled_at: null, password_hash: null });
    expect(await isSignedIn(c)).toBe(true);
  });

  it('keeps sign-in links and password reset links apart', async () => {
    const { user } = await participant();
    const reset = newToken();
    await t.database.db
      .insertInto('password_resets')
      .values({
        user_id: user.id,
        token_hash: hashToken(reset),
        expires_at: new Date(Date.now() + 600_000),
      })
      .execute();
    expect((await t.client().get(`/sign-in/link/${reset}`)).status).toBe(404);
    const link = newToken();
    await t.database.db
      .insertInto('password_resets')
      .values({
        user_id: user.id,
        token_hash: signInLinkHash(link),
        expires_at: new Date(Date.now() + 600_000),
      })
      .execute();
    expect((await t.client().get(`/reset-password/${link}`)).status).toBe(404);
    expect((await t.client().get(`/sign-in/link/${link}`)).status).toBe(200);
  });

  it('sends no link to a staff account', async () => {
    const staff = await makeUser(t.deps, { role: 'reviewer', partnership: p });
    await t.client().post('/sign-in/link', { email: staff.email });
    const { mail, link } = await lastMail(staff.email);
    expect(mail?.body_text).toContain('signs in with its password, not with a link');
    expect(link).toBeUndefined();
  });

  it('forgets an address whose link was never used', async () => {
    const email = unique('abandoned');
    await t.client().post('/sign-in/link', { email });
    const waiting = await userByEmail(email);
    // An hour and more later, the link long expired.
    const past = new Date(Date.now() - 2 * 3_600_000);
    await t.database.db
      .updateTable('users')
      .set({ created_at: past, disabled_at: past })
      .where('id', '=', waiting!.id)
      .execute();
    await t.database.db
      .updateTable('password_resets')
      .set({ expires_at: past })
      .where('user_id', '=', waiting!.id)
      .execute();
    await t.client().post('/sign-in/link', { email: 'someone-else@test.example' });
    expect(await userByEmail(email)).toBeUndefined();
  });

  it('is limited, like asking for a password reset', async () => {
    const limited = await startTestApp({ database: t.database, config: { RESET_RATE_LIMIT: '2' } });
    try {
      for (const [url, fields] of [
        ['/sign-in/link', (i: number) => ({ email: `limit-${i}@test.example` })],
        [
          '/join',
          (i: number) => ({
            email: `limit-join-${i}@test.example`,
            password: NEW_PASSWORD,
            confirmPassword: NEW_PASSWORD,
          }),
        ],
      ] as const) {
        const c = limited.client();
        const token = await c.fetchToken();
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++)
          statuses.push((await c.post(url, fields(i), { csrf: token })).status);
        expect(statuses, url).toEqual([303, 303, 429]);
      }
    } finally {
      await limited.close();
    }
  });
});

describe('what a participant contributed', () => {
  let c: TestClient;
  let me: User;
  let other: User;
  let myResponse: string;
  let suggestion: string;
  let surveyAnswer: string;

  const FORMULA = '=HYPERLINK("http://evil.example","click")';
  const SURVEY_FORMULA = '=SUM(1,2) more buses';

  beforeAll(async () => {
    ({ client: c, user: me } = await participant());
    other = await makeUser(t.deps, { email: unique('neighbour') });
    const lead = await makeUser(t.deps, { role: 'partnership-lead', partnership: p });
    const db = t.database.db;
    myResponse = (
      await db
        .insertInto('consultation_responses')
        .values({
          partnership_id: p.id,
          version_id: versionId,
          item_key: 'W1',
          stance: 'agree',
          comment: FORMULA,
          participant_id: me.id,
          display_name: 'Sam from Walton',
          state: 'published',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    suggestion = (
      await db
        .insertInto('consultation_responses')
        .values({
          partnership_id: p.id,
          version_id: versionId,
          title: 'Buy from local bakers',
          pillar: 'procurement',
          amendment: 'Members buy bread from bakers in the area.\nAnd cakes.',
          participant_id: me.id,
          display_name: null,
          state: 'hidden',
          hidden_reason: 'It named a business owner',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('public_answers')
      .values({
        partnership_id: p.id,
        response_id: suggestion,
        kind: 'partly-accepted',
        reason: 'We will add local food to the procurement commitment.',
        commitment_keys: ['W1'],
        answered_by: lead.id,
      })
      .execute();
    // Someone else's response, which the participant flagged.
    const theirs = await db
      .insertInto('consultation_responses')
      .values({
        partnership_id: p.id,
        version_id: versionId,
        item_key: 'W1',
        stance: 'disagree',
        comment: `Write to me at ${other.email}`,
        participant_id: other.id,
        display_name: 'Neighbour',
        state: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('moderation_flags')
      .values({
        partnership_id: p.id,
        response_id: theirs.id,
        reason: 'It gives an email address',
        flagged_by: me.id,
      })
      .execute();
    const mine = await db
      .insertInto('local_priorities')
      .values({
        partnership_id: p.id,
        title: 'A bus to the hospital',
        description: 'There is no bus from Walton to the hospital after 6pm.',
        pillar: 'community',
        participant_id: me.id,
        display_name: 'Sam',
        state: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const theirPriority = await db
      .insertInto('local_priorities')
      .values({
        partnership_id: p.id,
        title: 'Jobs for care leavers',
        description: 'More apprenticeships for care leavers.',
        pillar: 'workforce',
        participant_id: other.id,
        display_name: 'Neighbour',
        state: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('priority_supports')
      .values([
        { priority_id: mine.id, participant_id: me.id },
        { priority_id: theirPriority.id, participant_id: me.id },
        { priority_id: theirPriority.id, participant_id: other.id },
      ])
      .execute();
    surveyAnswer = await answerSurvey(me.id, SURVEY_FORMULA);
    // Someone else's answers, which are not the participant's.
    await answerSurvey(other.id, 'Someone else’s words');
  });

  it('shows everything on one page, and nothing of anyone else', async () => {
    const page = await c.get('/account/contributions');
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(
      'Riverside Anchors, charter version 1, commitment W1: Pay the Real Living Wage',
    );
    expect(text).toContain('Agree');
    expect(text).toContain(FORMULA);
    expect(text).toContain('Sam from Walton');
    expect(text).toContain('suggested new commitment: Buy from local bakers');
    expect(text).toContain('Hidden');
    expect(text).toContain('It named a business owner');
    expect(text).toContain('Partly accepted');
    expect(text).toContain('We will add local food to the procurement commitment.');
    expect(text).toContain('A bus to the hospital');
    expect(text).toContain('Jobs for care leavers');
    expect(text).toContain('It gives an email address');
    expect(text).not.toContain('Write to me at');
    expect(text).not.toContain(other.email);
    expect(text).toContain('Survey answers');
    expect(text).toContain('Harbourside Anchors, charter version 3, survey');
    expect(text).toContain('How did you hear about us?');
    expect(text).toContain('Leaflet; Friend');
    expect(text).toContain('How much does this matter to you?');
    expect(text).toContain(SURVEY_FORMULA);
    expect(text).toContain('Liverpool');
    expect(text).not.toContain('E08000012');
    expect(text).toContain('The postcode itself was never kept.');
    expect(text).not.toContain('Someone else’s words');
    expect(page.body).toContain('href="/account/contributions.json"');
    expect(page.body).toContain('href="/account/contributions.csv"');
    expect(page.body).toContain('href="/account/delete"');
  });

  it('downloads all of it as JSON, naming no address but the person’s own, audited', async () => {
    await t.database.db
      .insertInto('partnership_followers')
      .values({ partnership_id: p.id, user_id: me.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const res = await c.get('/account/contributions.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toContain('attachment');
    const doc = JSON.parse(res.body) as {
      account: { email: string };
      consultationResponses: { id: string; comment: string; publicAnswer: unknown }[];
      localPriorities: { title: string; supporters: number }[];
      prioritiesSupported: { priority: string }[];
      flagsRaised: { reason: string }[];
      surveyAnswers: unknown[];
      partnershipsFollowed: { partnership: string }[];
    };
    expect(doc.account.email).toBe(me.email);
    expect(doc.partnershipsFollowed).toMatchObject([{ partnership: p.name }]);
    expect(doc.consultationResponses.map((r) => r.id).sort()).toEqual(
      [myResponse, suggestion].sort(),
    );
    expect(doc.consultationResponses.find((r) => r.id === suggestion)?.publicAnswer).toMatchObject({
      answer: 'Partly accepted',
      commitments: ['W1'],
    });
    expect(doc.localPriorities).toMatchObject([{ title: 'A bus to the hospital', supporters: 1 }]);
    expect(doc.prioritiesSupported.map((s) => s.priority).sort()).toEqual([
      'A bus to the hospital',
      'Jobs for care leavers',
    ]);
    expect(doc.flagsRaised).toMatchObject([{ reason: 'It gives an email address' }]);
    expect(doc.surveyAnswers).toMatchObject([
      {
        id: surveyAnswer,
        partnership: 'Harbourside Anchors',
        charterVersion: 3,
        answers: [
          { question: 'How did you hear about us?', answer: 'Leaflet; Friend' },
          { question: 'Do you live in the area?', answer: 'Yes' },
          { question: 'How much does this matter to you?', answer: '4' },
          { question: 'What else should we do?', answer: SURVEY_FORMULA },
        ],
        area: 'E08000012',
        deprivationDecile: 3,
      },
    ]);
    expect(res.body).not.toContain('Someone else’s words');
    expect(new Set(res.body.match(EMAIL))).toEqual(new Set([me.email]));

    const [audit] = await audits('participant.data.downloaded', me.id);
    expect(audit).toMatchObject({
      actor_user_id: me.id,
      actor_label: me.email,
      partnership_id: null,
      entity: 'user',
    });
    expect(audit?.after).toMatchObject({
      format: 'json',
      responses: 2,
      priorities: 1,
      surveyAnswers: 1,
    });
  });

  it('downloads all of it as a CSV that a spreadsheet will not run, audited', async () => {
    const res = await c.get('/account/contributions.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('anchorage-contributions.csv');
    const lines = res.body.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toMatch(/^What,Partnership,Charter version,Commitment,/);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(res.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
    // A line break inside a cell stays inside it.
    expect(res.body).toContain('"Members buy bread from bakers in the area.\nAnd cakes."');
    for (const what of [
      'Account',
      'Response to a commitment',
      'Suggested new commitment',
      'Local priority raised',
      'Local priority supported',
      'Flag raised on a response',
      'Survey answer',
    ])
      expect(res.body).toContain(`\r\n${what},`);
    const surveyRows = lines.filter((l) => l.startsWith('Survey answer,'));
    expect(surveyRows).toHaveLength(4);
    expect(surveyRows[0]).toContain('Harbourside Anchors,3,');
    expect(surveyRows[0]).toContain('How did you hear about us?,Leaflet; Friend,');
    expect(surveyRows[0]).toContain('E08000012');
    expect(surveyRows[2]).toContain('How much does this matter to you?,4,');
    expect(res.body).toContain(`"'${SURVEY_FORMULA}"`);
    expect(res.body).not.toMatch(/(^|,)"?=SUM/m);
    expect(res.body).not.toContain('Someone else’s words');
    expect(new Set(res.body.match(EMAIL))).toEqual(new Set([me.email]));
    const downloads = await audits('participant.data.downloaded', me.id);
    expect(downloads.map((d) => (d.after as { format: string }).format)).toEqual(['json', 'csv']);
  });

  it('is only for someone signed in', async () => {
    for (const url of [
      '/account/contributions',
      '/account/contributions.json',
      '/account/contributions.csv',
    ]) {
      const res = await t.client().get(url);
      expect(res.status, url).toBe(303);
      expect(res.location, url).toMatch(/^\/sign-in\?next=/);
    }
  });
});

describe('deleting an account', () => {
  /** A participant with a response (answered and flagged), two priorities and a support. */
  async function withContributions() {
    const { client, user } = await participant();
    const someone = await makeUser(t.deps, { email: unique('someone') });
    const db = t.database.db;
    const response = await db
      .insertInto('consultation_responses')
      .values({
        partnership_id: p.id,
        version_id: versionId,
        title: 'Open the canteen to residents',
        pillar: 'infrastructure',
        amendment: 'Let residents use the hospital canteen.',
        participant_id: user.id,
        display_name: 'Jo',
        state: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('public_answers')
      .values({
        partnership_id: p.id,
        response_id: response.id,
        kind: 'not-taken-forward',
        reason: 'The canteen is too small.',
      })
      .execute();
    await db
      .insertInto('moderation_flags')
      .values({ partnership_id: p.id, response_id: response.id, reason: 'Off topic' })
      .execute();
    const priority = async (title: string) =>
      (
        await db
          .insertInto('local_priorities')
          .values({
            partnership_id: p.id,
            title,
            description: `${title}, please.`,
            pillar: 'community',
            participant_id: user.id,
            display_name: 'Jo',
            state: 'published',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const alone = await priority('A bench by the bus stop');
    const shared = await priority('Safer crossings');
    const othersPriority = (
      await db
        .insertInto('local_priorities')
        .values({
          partnership_id: p.id,
          title: 'Allotments',
          description: 'Allotments on spare land.',
          pillar: 'infrastructure',
          participant_id: someone.id,
          state: 'published',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('priority_supports')
      .values([
        { priority_id: shared, participant_id: someone.id },
        { priority_id: alone, participant_id: user.id },
        { priority_id: othersPriority, participant_id: user.id },
      ])
      .execute();
    const flag = await db
      .insertInto('moderation_flags')
      .values({
        partnership_id: p.id,
        priority_id: othersPriority,
        reason: 'Duplicate',
        flagged_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('participant_blocks')
      .values({ partnership_id: p.id, participant_id: user.id, reason: 'Testing' })
      .execute();
    const surveyAnswer = await answerSurvey(user.id);
    return {
      client,
      user,
      response: response.id,
      alone,
      shared,
      flag: flag.id,
      surveyAnswer,
    };
  }

  it('asks what should happen to what they wrote', async () => {
    const { client } = await participant();
    const page = await client.get('/account/delete');
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Keep what I wrote, shown as anonymous');
    expect(text).toContain('Remove what I wrote');
    const missing = await client.post('/account/delete', {});
    expect(missing.status).toBe(400);
    expect(textOf(missing.body)).toContain('Choose whether to keep what you wrote');
    expect(missing.body).toContain('href="#contributions"');
    expect(await isSignedIn(client)).toBe(true);
  });

  it('tells staff that their partnership’s lead removes their account, and deletes nothing', async () => {
    const lead = await signedInAs(t, 'partnership-lead', p);
    const page = await lead.get('/account/delete');
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Staff accounts are removed by their partnership’s lead');
    expect(page.body).not.toContain('name="contributions"');
    const posted = await lead.post(
      '/account/delete',
      { contributions: 'remove' },
      { from: '/account' },
    );
    expect(posted).toMatchObject({ status: 303, location: '/account/delete' });
    expect((await lead.get('/account')).status).toBe(200);
    const admin = await makeUser(t.deps, { platformAdmin: true });
    const adminClient = t.client();
    await adminClient.signIn(admin.email, admin.password);
    expect(textOf((await adminClient.get('/account/delete')).body)).toContain(
      'Staff accounts are removed',
    );
  });

  it('keeps what they wrote, anonymous, empties the account and signs them out', async () => {
    const { client, user, response, alone, shared, flag, surveyAnswer } = await withContributions();
    const deleted = await client.post('/account/delete', { contributions: 'anonymise' });
    expect(deleted).toMatchObject({ status: 303, location: '/account/deleted' });
    const page = textOf((await client.get('/account/deleted')).body);
    expect(page).toContain('Your account has been deleted');
    expect(page).toContain('What you wrote stays, shown as anonymous: 1 response');
    expect(page).toContain('2 local priorities');
    expect(page).toContain('Your answers to 1 survey stay, with nothing to say they were yours.');

    const db = t.database.db;
    expect(
      await db
        .selectFrom('consultation_responses')
        .select(['participant_id', 'display_name'])
        .where('id', '=', response)
        .executeTakeFirst(),
    ).toEqual({ participant_id: null, display_name: null });
    const priorities = await db
      .selectFrom('local_priorities')
      .select(['id', 'participant_id', 'display_name'])
      .where('id', 'in', [alone, shared])
      .execute();
    expect(priorities).toHaveLength(2);
    for (const pr of priorities)
      expect(pr).toMatchObject({ participant_id: null, display_name: null });
    await expectAccountEmptied(client, user);
    expect(
      await db
        .selectFrom('moderation_flags')
        .select('flagged_by')
        .where('id', '=', flag)
        .executeTakeFirst(),
    ).toEqual({ flagged_by: null });
    // The survey answers stay, for the totals, with no one's id beside them.
    expect(
      await db
        .selectFrom('survey_answers')
        .select(['participant_id', 'area', 'imd_decile'])
        .where('id', '=', surveyAnswer)
        .executeTakeFirst(),
    ).toEqual({ participant_id: null, area: 'E08000012', imd_decile: 3 });

    const [audit] = await audits('participant.account.deleted', user.id);
    expect(audit).toMatchObject({ partnership_id: null, entity: 'user', actor_user_id: user.id });
    expect(audit?.actor_label).not.toContain(user.email);
    expect(audit?.after).toEqual({
      contributions: 'anonymised',
      counts: {
        responses: 1,
        prioritiesRemoved: 0,
        prioritiesAnonymised: 2,
        supportsWithdrawn: 2,
        flagsAnonymised: 1,
        surveyAnswers: 1,
      },
    });
  });

  it('removes what they wrote, except a priority others support, and says so', async () => {
    const { client, user, response, alone, shared, surveyAnswer } = await withContributions();
    expect((await client.post('/account/delete', { contributions: 'remove' })).status).toBe(303);
    const page = textOf((await client.get('/account/deleted')).body);
    expect(page).toContain(
      'What you wrote has been removed: 1 response to consultations and 1 local priority',
    );
    expect(page).toContain(
      '1 local priority you raised has been kept, shown as anonymous, because other people support it',
    );
    expect(page).toContain('Your answers to 1 survey have been removed.');

    const db = t.database.db;
    const gone = async (table: 'consultation_responses' | 'local_priorities', id: string) =>
      (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) ===
      undefined;
    expect(await gone('consultation_responses', response)).toBe(true);
    expect(
      await db
        .selectFrom('public_answers')
        .select('id')
        .where('response_id', '=', response)
        .execute(),
    ).toEqual([]);
    expect(
      await db
        .selectFrom('moderation_flags')
        .select('id')
        .where('response_id', '=', response)
        .execute(),
    ).toEqual([]);
    expect(await gone('local_priorities', alone)).toBe(true);
    expect(
      await db
        .selectFrom('local_priorities')
        .select(['participant_id', 'display_name'])
        .where('id', '=', shared)
        .executeTakeFirst(),
    ).toEqual({ participant_id: null, display_name: null });
    // The other person's support of the priority that stayed is theirs, and stays.
    expect(
      await db
        .selectFrom('priority_supports')
        .select('participant_id')
        .where('priority_id', '=', shared)
        .execute(),
    ).toHaveLength(1);
    expect(
      await db
        .selectFrom('survey_answers')
        .select('id')
        .where('id', '=', surveyAnswer)
        .executeTakeFirst(),
    ).toBeUndefined();
    await expectAccountEmptied(client, user);

    const [audit] = await audits('participant.account.deleted', user.id);
    expect(audit?.after).toMatchObject({
      contributions: 'removed',
      counts: { responses: 1, prioritiesRemoved: 1, prioritiesAnonymised: 1, surveyAnswers: 1 },
    });
  });

  async function expectAccountEmptied(client: TestClient, user: User) {
    const db = t.database.db;
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      email: `deleted-${user.id}@deleted.invalid`,
      display_name: 'Deleted account',
      password_hash: null,
      totp_secret: null,
      totp_enabled_at: null,
    });
    expect(row.disabled_at).not.toBeNull();
    // The audit log keeps what was done, but no longer under their email address.
    const mentions = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log
      WHERE actor_label = ${user.email} OR position(${user.email} in coalesce(before::text, '') || coalesce(after::text, '')) > 0`.execute(
      db,
    );
    expect(Number(mentions.rows[0]?.n)).toBe(0);
    expect(
      (await audits('sign-in.succeeded', user.id)).every(
        (a) => a.actor_label === `deleted-${user.id}@deleted.invalid`,
      ),
    ).toBe(true);
    // Outside an erasure, the log still refuses any change.
    await expect(
      sql`UPDATE audit_log SET actor_label = ${`deleted-${user.id}@deleted.invalid`} WHERE actor_user_id = ${user.id}`.execute(
        db,
      ),
    ).rejects.toThrow(/append-only/);
    expect(
      await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute(),
    ).toEqual([]);
    expect(
      await db
        .selectFrom('priority_supports')
        .select('priority_id')
        .where('participant_id', '=', user.id)
        .execute(),
    ).toEqual([]);
    expect(
      await db
        .selectFrom('participant_blocks')
        .select('partnership_id')
        .where('participant_id', '=', user.id)
        .execute(),
    ).toEqual([]);
    // Signed out, and the old address and password open nothing.
    expect(await isSignedIn(client)).toBe(false);
    expect(
      (await t.client().post('/sign-in', { email: user.email, password: TEST_PASSWORD })).status,
    ).toBe(400);
  }
});
