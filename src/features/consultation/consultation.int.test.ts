/**
 * A consultation through its pages, on a real database: residents respond (under a name and
 * anonymously) and suggest a new commitment, staff enter a paper response, a moderator approves
 * and hides with a public reason and blocks, the version cannot be adopted until every suggestion
 * is answered, and "you said, we did" shows each answer; public pages never show an email
 * address; each role may do only its part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partnership, User } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { signedIn, signedInAs, startWithMember, type TestApp } from '../../../test/helpers/app.js';
import { steadyToday } from '../../../test/helpers/day.js';
import { addDays } from '../../core/periods.js';

let t: TestApp;
let p: Partnership;
let lead: TestClient;
let moderator: TestClient;
let reviewer: TestClient;
let contributor: TestClient;
let ada: { client: TestClient; user: User };
let ben: { client: TestClient; user: User };
let anonymousVisitor: TestClient;
let versionId: string;
let staffBase: string;
let publicBase: string;

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d ?? '', [`${name}-month`]: m ?? '', [`${name}-year`]: y ?? '' };
};

async function responses() {
  return t.database.db
    .selectFrom('consultation_responses')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('created_at')
    .execute();
}

beforeAll(async () => {
  let org;
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'partnership-lead': lead, moderator, reviewer },
  } = await startWithMember(['partnership-lead', 'moderator', 'reviewer'], {
    partnership: { isPublic: true },
  }));
  contributor = await signedInAs(t, 'contributor', p, org);
  ada = await signedIn(t, {});
  ben = await signedIn(t, {});
  anonymousVisitor = t.client();
  // A version with two commitments, out for consultation with pre-moderation.
  const base = `/manage/${p.slug}/charter`;
  await lead.post(`${base}/start`, {}, { from: base });
  const v = await t.database.db
    .selectFrom('charter_versions')
    .select('id')
    .where('partnership_id', '=', p.id)
    .executeTakeFirstOrThrow();
  versionId = v.id;
  const path = `${base}/versions/${versionId}`;
  for (const [pillar, title] of [
    ['workforce', 'Pay at least the Real Living Wage'],
    ['procurement', 'Spend locally'],
  ])
    await lead.post(
      `${path}/items/new`,
      { kind: 'commitment', pillar: pillar ?? '', title: title ?? '', body: `${title}.` },
      { from: `${path}/items/new` },
    );
  const today = await steadyToday();
  const opened = await lead.post(`${path}/consultation`, {
    ...date('opens', today),
    ...date('closes', addDays(today, 20)),
    preModeration: 'yes',
  });
  expect(opened.status).toBe(303);
  staffBase = `${path}/responses`;
  publicBase = `/p/${p.slug}/charter/versions/1/consultation`;
});

afterAll(async () => {
  await t?.close();
});

describe('taking part', () => {
  it('shows the consultation to anyone, and asks them to sign in to take part', async () => {
    const page = await anonymousVisitor.get(publicBase);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Have your say');
    expect(text).toContain('C1 Pay at least the Real Living Wage');
    expect(text).toContain('Your email address is never shown');
    expect(page.body).toContain('/join?next=');
    const post = await anonymousVisitor.post(`${publicBase}/C1`, { stance: 'agree' });
    expect(post.status).toBe(303);
    expect(post.location).toMatch(/^\/sign-in\?next=/);
  });

  it('names the problems of a response and keeps what was typed', async () => {
    const bad = await ada.client.post(`${publicBase}/C1`, {
      comment: 'Long overdue',
      showAs: 'name',
      displayName: 'ada@example.org',
    });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toMatch(/email address/);
    expect(bad.body).toContain('Long overdue');
  });

  it('takes a response under a name, and one anonymously, each held for the moderator', async () => {
    const named = await ada.client.post(`${publicBase}/C1`, {
      stance: 'agree',
      comment: 'Long overdue for cleaners.',
      amendment: 'Include contracted cleaners and porters by name.',
      showAs: 'name',
      displayName: 'Ada from Wirral',
    });
    expect(named.status).toBe(303);
    expect(textOf((await ada.client.get(`${publicBase}/C1`)).body)).toContain(
      'a moderator checks it before it is shown',
    );
    const twice = await ada.client.post(`${publicBase}/C1`, {
      stance: 'disagree',
      showAs: 'anonymous',
    });
    expect(twice.status).toBe(409);
    const anon = await ben.client.post(`${publicBase}/C2`, {
      stance: 'disagree',
      comment: 'Local firms charge more. Call the manager Jo Bloggs, she is useless.',
      showAs: 'anonymous',
    });
    expect(anon.status).toBe(303);
    const suggested = await ben.client.post(`${publicBase}/suggest`, {
      pillar: 'community',
      title: 'Answer local priorities',
      amendment: 'Answer every priority residents raise, in public.',
      showAs: 'anonymous',
    });
    expect(suggested.status).toBe(303);
    expect((await responses()).map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
    // Nothing waiting for the moderator is public.
    const page = textOf((await anonymousVisitor.get(`${publicBase}/C1`)).body);
    expect(page).not.toContain('Long overdue');
  });

  it('lets staff enter a paper response for someone, marked as such and audited', async () => {
    const bad = await moderator.post(`${staffBase}/new`, { about: 'C2', stance: 'agree' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Enter how the response reached you');
    const ok = await moderator.post(`${staffBase}/new`, {
      about: 'C2',
      stance: 'agree',
      comment: 'Buy from the market traders.',
      showAs: 'name',
      displayName: 'Mrs P',
      enteredHow: 'Paper form at the Birkenhead library event',
    });
    expect(ok.status).toBe(303);
    const entered = (await responses()).find((r) => r.entered_by !== null);
    expect(entered).toMatchObject({
      participant_id: null,
      display_name: 'Mrs P',
      state: 'pending',
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', entered?.id ?? '')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['consultation.response.entered']);
  });
});

describe('moderation', () => {
  it('approves, hides with a public reason, blocks, and logs each', async () => {
    const [adas, bens, suggestion, paper] = await responses();
    for (const r of [adas, suggestion, paper])
      expect(
        (
          await moderator.post(
            `${staffBase}/${r?.id}/moderate`,
            { action: 'approve' },
            { from: `${staffBase}/${r?.id}` },
          )
        ).status,
      ).toBe(303);
    const noReason = await moderator.post(
      `${staffBase}/${bens?.id}/moderate`,
      {
        action: 'hide',
        reason: '',
      },
      { from: `${staffBase}/${bens?.id}` },
    );
    expect(noReason.status).toBe(400);
    await moderator.post(
      `${staffBase}/${bens?.id}/moderate`,
      {
        action: 'hide',
        reason: 'It named a member of staff.',
      },
      { from: `${staffBase}/${bens?.id}` },
    );
    await moderator.post(
      `${staffBase}/${bens?.id}/block`,
      {
        reason: 'Repeated personal attacks.',
      },
      { from: `${staffBase}/${bens?.id}` },
    );
    const c2 = textOf((await anonymousVisitor.get(`${publicBase}/C2`)).body);
    expect(c2).toContain('Hidden by a moderator: It named a member of staff.');
    expect(c2).not.toContain('Jo Bloggs');
    expect(c2).toContain('Mrs P (entered by staff from a paper form or event)');
    const c1 = textOf((await anonymousVisitor.get(`${publicBase}/C1`)).body);
    expect(c1).toContain('Ada from Wirral');
    expect(c1).toContain('1 agree, 0 disagree');
    // The blocked participant can no longer take part.
    const blockedPost = await ben.client.post(`${publicBase}/C1`, {
      stance: 'agree',
      showAs: 'anonymous',
    });
    expect(blockedPost.status).toBe(409);
    const log = textOf((await moderator.get(`/manage/${p.slug}/moderation`)).body);
    expect(log).toContain('Hidden (response)');
    expect(log).toContain('Participant blocked (participant)');
    expect(log).toContain('It named a member of staff.');
  });

  it('refuses moves the moderation rules do not allow', async () => {
    const [adas] = await responses();
    const again = await moderator.post(
      `${staffBase}/${adas?.id}/moderate`,
      { action: 'approve' },
      { from: `${staffBase}/${adas?.id}` },
    );
    expect(again.status).toBe(303);
    expect(textOf((await moderator.get(`${staffBase}/${adas?.id}`)).body)).toContain('Important');
  });

  it('keeps each role to its part', async () => {
    const [adas] = await responses();
    expect((await reviewer.get(staffBase)).status).toBe(200);
    expect(
      (
        await reviewer.post(
          `${staffBase}/${adas?.id}/moderate`,
          { action: 'hide', reason: 'x' },
          { from: staffBase },
        )
      ).status,
    ).toBe(403);
    expect((await contributor.get(staffBase)).status).toBe(403);
    expect(
      (
        await moderator.post(
          `${staffBase}/${adas?.id}/answer`,
          { kind: 'accepted', reason: 'x' },
          { from: staffBase },
        )
      ).status,
    ).toBe(403);
    expect((await ada.client.get(staffBase)).status).toBe(404);
  });
});

describe('answering and adopting', () => {
  it('refuses to adopt while suggestions wait for an answer', async () => {
    const path = `/manage/${p.slug}/charter/versions/${versionId}`;
    await lead.post(`${path}/close`, {}, { from: path });
    const page = textOf((await lead.get(`${path}/adopt`)).body);
    expect(page).toContain('Answer the 2 suggestions still waiting before adopting this version.');
  });

  it('answers each suggestion in public, with what it led to', async () => {
    const [adas, , suggestion] = await responses();
    const bad = await lead.post(
      `${staffBase}/${adas?.id}/answer`,
      { kind: '', reason: '', indicators: 'ZZ1' },
      { from: `${staffBase}/${adas?.id}` },
    );
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Select how the suggestion was answered');
    expect(textOf(bad.body)).toContain('The framework has no indicator ZZ1');
    expect(
      (
        await lead.post(
          `${staffBase}/${adas?.id}/answer`,
          {
            kind: 'accepted',
            reason: 'Contracted staff are now named in C1.',
            commitments: 'C1',
            indicators: 'W2',
          },
          { from: `${staffBase}/${adas?.id}` },
        )
      ).status,
    ).toBe(303);
    await lead.post(
      `${staffBase}/${suggestion?.id}/answer`,
      {
        kind: 'partly-accepted',
        reason: 'We will answer priorities raised through the new priorities page.',
      },
      { from: `${staffBase}/${suggestion?.id}` },
    );
    const page = textOf((await anonymousVisitor.get(`/p/${p.slug}/you-said-we-did`)).body);
    expect(page).toContain('Contracted staff are now named in C1.');
    expect(page).toContain('Commitment C1 Pay at least the Real Living Wage');
    // What the answer led to, with how it is going: W2 has no figure in this partnership yet.
    expect(page).toMatch(/Indicator W2 [^\n]*: no figure published yet/);
    expect(page).toContain('Partly accepted');
    expect(page).toMatch(/Not answered yet\s*0/);
  });

  it('adopts once every suggestion is answered', async () => {
    const path = `/manage/${p.slug}/charter/versions/${versionId}`;
    expect((await lead.post(`${path}/adopt`)).status).toBe(303);
    expect(textOf((await lead.get(path)).body)).toContain('Version 1 has been adopted');
  });

  it('shows no email address on any public page', async () => {
    for (const url of [
      publicBase,
      `${publicBase}/C1`,
      `${publicBase}/C2`,
      `/p/${p.slug}/you-said-we-did`,
      `/p/${p.slug}/charter`,
    ]) {
      const page = await anonymousVisitor.get(url);
      expect(page.status, url).toBe(200);
      expect(page.body, url).not.toContain(ada.user.email);
      expect(page.body, url).not.toContain(ben.user.email);
      expect(page.body, url).not.toMatch(/[\w.+-]+@[\w-]+\.example/);
    }
  });
});
