/**
 * Local priorities through their pages, on a real database: residents raise priorities (under a
 * name and anonymously) and support them once each, staff raise one for someone, a moderator
 * hides one with a public reason and blocks its author, the lead answers with what it led to,
 * and C3 (priorities answered) follows; public pages never show an email address; each role may
 * do only its part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partnership, User } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { signedIn, signedInAs, startWithMember, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let lead: TestClient;
let moderator: TestClient;
let reviewer: TestClient;
let contributor: TestClient;
let ada: { client: TestClient; user: User };
let ben: { client: TestClient; user: User };
let cy: { client: TestClient; user: User };
let visitor: TestClient;
let publicBase: string;
let staffBase: string;
let initiativeId: string;

async function priorities() {
  return t.database.db
    .selectFrom('local_priorities')
    .selectAll()
    .where('partnership_id', '=', p.id)
    .orderBy('created_at')
    .execute();
}

async function priorityTitled(title: string) {
  const row = (await priorities()).find((r) => r.title === title);
  if (!row) throw new Error(`No priority ${title}`);
  return row;
}

const crossing = {
  title: 'A safe crossing on Park Road by the school',
  description: 'Children cross four lanes of traffic to reach the school.',
  area: 'E08000012',
  pillar: 'infrastructure',
  showAs: 'name',
  displayName: 'Park Road Residents',
};

const jobs = {
  title: 'Apprenticeships for school leavers',
  description: 'Young people here cannot find apprenticeships. Call Jo Bloggs on 0151 000 0000.',
  area: 'whole',
  pillar: 'workforce',
  showAs: 'anonymous',
};

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
  cy = await signedIn(t, {});
  visitor = t.client();
  publicBase = `/p/${p.slug}/priorities`;
  staffBase = `/manage/${p.slug}/priorities`;
  // An adopted charter with a commitment, and a joint initiative, for answers to lead to.
  const db = t.database.db;
  const version = await db
    .insertInto('charter_versions')
    .values({
      partnership_id: p.id,
      number: 1,
      title: 'Our charter',
      state: 'draft',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('charter_items')
    .values({
      partnership_id: p.id,
      version_id: version.id,
      key: 'C1',
      kind: 'commitment',
      pillar: 'infrastructure',
      title: 'Make the streets around our sites safe',
      body: 'Safe streets.',
      sort_order: 1,
    })
    .execute();
  await db
    .updateTable('charter_versions')
    .set({ state: 'adopted', adopted_on: '2025-04-01' })
    .where('id', '=', version.id)
    .execute();
  initiativeId = (
    await db
      .insertInto('joint_initiatives')
      .values({
        partnership_id: p.id,
        title: 'Safer school streets',
        status: 'active',
        starts_on: '2025-05-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});

afterAll(async () => {
  await t?.close();
});

describe('raising a priority', () => {
  it('shows no priorities yet, and never 0%', async () => {
    const page = await visitor.get(publicBase);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('No priorities yet');
    expect(text).not.toMatch(/0\.0%|\b0%/);
    expect(text).toContain('hidden by a moderator are left out');
  });

  it('asks someone signed out to sign in, and sends them back after', async () => {
    const page = textOf((await visitor.get(`${publicBase}/new`)).body);
    expect(page).toContain('To raise a priority, sign in or create an account');
    const post = await visitor.post(`${publicBase}/new`, crossing, { from: `${publicBase}/new` });
    expect(post.status).toBe(303);
    expect(post.location).toBe(`/sign-in?next=${encodeURIComponent(`${publicBase}/new`)}`);
    expect(await priorities()).toEqual([]);
  });

  it('names the problems and keeps what was typed', async () => {
    const form = await ada.client.get(`${publicBase}/new`);
    expect(textOf(form.body)).toContain('Your email address is never shown');
    expect(textOf(form.body)).toContain('Liverpool');
    expect(textOf(form.body)).toContain('The whole area');
    const bad = await ada.client.post(
      `${publicBase}/new`,
      {
        title: '',
        description: 'Children cross four lanes of traffic.',
        area: 'E09000001',
        showAs: 'name',
        displayName: 'ada@example.org',
      },
      { from: `${publicBase}/new` },
    );
    expect(bad.status).toBe(400);
    const text = textOf(bad.body);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Enter a short title for the priority');
    expect(text).toContain('Select the area it is about');
    expect(text).toContain('Select the part of the charter it is about');
    expect(text).toMatch(/Enter a name, not an email address/);
    expect(bad.body).toContain('Children cross four lanes of traffic.');
    expect(await priorities()).toEqual([]);
  });

  it('publishes a priority at once, under a name or anonymously', async () => {
    const named = await ada.client.post(`${publicBase}/new`, crossing, {
      from: `${publicBase}/new`,
    });
    expect(named.status).toBe(303);
    const row = await priorityTitled(crossing.title);
    expect(named.location).toBe(`${publicBase}/${row.id}`);
    expect(row).toMatchObject({
      state: 'published',
      area: 'E08000012',
      display_name: 'Park Road Residents',
      participant_id: ada.user.id,
    });
    const shown = textOf((await ada.client.get(`${publicBase}/${row.id}`)).body);
    expect(shown).toContain('Your priority has been published');
    expect(shown).toContain('Raised by Park Road Residents');
    expect(shown).toContain('Liverpool');
    const anon = await ben.client.post(`${publicBase}/new`, jobs, { from: `${publicBase}/new` });
    expect(anon.status).toBe(303);
    expect(await priorityTitled(jobs.title)).toMatchObject({ area: null, display_name: null });
    const list = textOf((await visitor.get(publicBase)).body);
    expect(list).toContain('Raised by Anonymous');
    expect(list).toContain('The whole area');
    expect(list).toContain('Waiting for an answer');
    // Newest first.
    expect(list.indexOf(jobs.title)).toBeLessThan(list.indexOf(crossing.title));
    expect(list).toContain('0 of 2 published priorities have a public answer (0.0%)');
  });
});

describe('supporting a priority', () => {
  it('takes one support per account', async () => {
    const row = await priorityTitled(crossing.title);
    const url = `${publicBase}/${row.id}`;
    const signedOut = textOf((await visitor.get(url)).body);
    expect(signedOut).toContain('To support it, sign in');
    expect(signedOut).toContain('0 supporters');
    const first = await ben.client.post(`${url}/support`, {}, { from: url });
    expect(first.status).toBe(303);
    const after = await ben.client.get(url);
    const page = textOf(after.body);
    expect(page).toContain('You now support this priority');
    expect(page).toContain('1 supporter');
    expect(page).toContain('You support this priority.');
    expect(after.body).not.toContain(`action="${url}/support"`);
    expect((await cy.client.get(url)).body).toContain(`action="${url}/support"`);
    const again = await ben.client.post(`${url}/support`, {}, { from: url });
    expect(again.status).toBe(409);
    expect(textOf(again.body)).toContain('You already support this priority');
    await cy.client.post(`${url}/support`, {}, { from: url });
    const supports = await t.database.db
      .selectFrom('priority_supports')
      .select('participant_id')
      .where('priority_id', '=', row.id)
      .execute();
    expect(supports.map((s) => s.participant_id).sort()).toEqual([ben.user.id, cy.user.id].sort());
    expect(textOf((await visitor.get(publicBase)).body)).toContain('2 supporters');
  });

  it('sends someone signed out to sign in, and back to the priority', async () => {
    const row = await priorityTitled(crossing.title);
    const url = `${publicBase}/${row.id}`;
    const post = await visitor.post(`${url}/support`, {}, { from: url });
    expect(post.status).toBe(303);
    expect(post.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
  });

  it('takes a report for a moderator, from anyone', async () => {
    const row = await priorityTitled(jobs.title);
    const flagUrl = `${publicBase}/${row.id}/flag`;
    expect((await visitor.post(flagUrl, { reason: '' })).status).toBe(400);
    const ok = await visitor.post(flagUrl, { reason: 'It gives a phone number' });
    expect(ok.status).toBe(303);
    const staff = textOf((await moderator.get(`${staffBase}?show=flagged`)).body);
    expect(staff).toContain(jobs.title);
    expect(staff).not.toContain(crossing.title);
  });

  it('lets a moderator keep a reported priority published, the reports looked at and logged', async () => {
    const row = await priorityTitled(crossing.title);
    const flagUrl = `${publicBase}/${row.id}/flag`;
    const empty = await visitor.post(flagUrl, { reason: '' });
    expect(textOf(empty.body)).toContain('Enter why you are reporting it');
    expect((await visitor.post(flagUrl, { reason: 'I do not like it' })).status).toBe(303);
    const url = `${staffBase}/${row.id}`;
    expect(textOf((await moderator.get(url)).body)).toContain('Keep it published');
    const kept = await moderator.post(`${url}/moderate`, { action: 'keep' }, { from: url });
    expect(kept.status).toBe(303);
    expect(textOf((await moderator.get(`${staffBase}?show=flagged`)).body)).not.toContain(
      crossing.title,
    );
    expect((await priorityTitled(crossing.title)).state).toBe('published');
    const log = await t.database.db
      .selectFrom('moderation_log')
      .select('action')
      .where('subject_id', '=', row.id)
      .execute();
    expect(log.map((l) => l.action)).toContain('keep');
    // Keeping one that is not published is refused.
    const again = await moderator.post(`${url}/moderate`, { action: 'keep' }, { from: url });
    expect(again.status).toBe(303);
  });
});

describe('staff', () => {
  it('raise a priority for someone, marked and audited', async () => {
    const bad = await moderator.post(`${staffBase}/new`, { ...crossing, title: 'Bus shelters' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Enter how the priority reached you');
    const ok = await moderator.post(`${staffBase}/new`, {
      title: 'Bus shelters on the hospital route',
      description: 'There is nowhere to wait out of the rain.',
      area: 'E08000012',
      pillar: 'community',
      showAs: 'name',
      displayName: 'Mrs P',
      enteredHow: 'Paper form at the library event',
    });
    expect(ok.status).toBe(303);
    const row = await priorityTitled('Bus shelters on the hospital route');
    expect(row).toMatchObject({
      participant_id: null,
      entered_how: 'Paper form at the library event',
      state: 'published',
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity_id', '=', row.id)
      .execute();
    expect(audit).toEqual([{ action: 'priority.entered', entity: 'local_priority' }]);
    expect(textOf((await visitor.get(publicBase)).body)).toContain(
      'Mrs P (entered by staff from a paper form or event)',
    );
  });

  it('a moderator hides a priority with a public reason, and blocks its author', async () => {
    const row = await priorityTitled(jobs.title);
    const url = `${staffBase}/${row.id}`;
    const noReason = await moderator.post(
      `${url}/moderate`,
      { action: 'hide', reason: '' },
      { from: url },
    );
    expect(noReason.status).toBe(400);
    expect(
      (
        await moderator.post(
          `${url}/moderate`,
          { action: 'hide', reason: 'It gave someone’s phone number.' },
          { from: url },
        )
      ).status,
    ).toBe(303);
    expect(
      (await moderator.post(`${url}/block`, { reason: 'Personal details again.' }, { from: url }))
        .status,
    ).toBe(303);
    const list = textOf((await visitor.get(publicBase)).body);
    expect(list).toContain('Hidden by a moderator: It gave someone’s phone number.');
    expect(list).not.toContain('Jo Bloggs');
    expect(list).not.toContain(jobs.title);
    const one = await visitor.get(`${publicBase}/${row.id}`);
    expect(textOf(one.body)).toContain('Hidden by a moderator: It gave someone’s phone number.');
    expect(one.body).not.toContain('Jo Bloggs');
    // Reporting it again is not possible once hidden; its flag is resolved.
    expect((await visitor.get(`${publicBase}/${row.id}/flag`)).status).toBe(404);
    expect(textOf((await moderator.get(`${staffBase}?show=flagged`)).body)).toContain(
      'No priorities to show',
    );
    const log = await t.database.db
      .selectFrom('moderation_log')
      .select(['subject', 'action', 'reason'])
      .where('partnership_id', '=', p.id)
      .where('action', '<>', 'keep')
      .orderBy('id')
      .execute();
    expect(log).toEqual([
      { subject: 'priority', action: 'hide', reason: 'It gave someone’s phone number.' },
      { subject: 'participant', action: 'block', reason: 'Personal details again.' },
    ]);
    expect(textOf((await moderator.get(url)).body)).toContain(
      'The person who raised it is blocked',
    );
    const logPage = textOf((await moderator.get(`/manage/${p.slug}/moderation`)).body);
    expect(logPage).toContain('Hidden (priority)');
    // A second hide is refused in words.
    await moderator.post(`${url}/moderate`, { action: 'hide', reason: 'Again' }, { from: url });
    expect(textOf((await moderator.get(url)).body)).toContain('This priority is already hidden.');
  });

  it('the block stops raising and supporting', async () => {
    const form = textOf((await ben.client.get(`${publicBase}/new`)).body);
    expect(form).toContain('You cannot take part in this partnership’s consultations');
    const raise = await ben.client.post(
      `${publicBase}/new`,
      { ...crossing, title: 'Another one' },
      { from: publicBase },
    );
    expect(raise.status).toBe(409);
    const row = await priorityTitled('Bus shelters on the hospital route');
    const url = `${publicBase}/${row.id}`;
    const support = await ben.client.post(`${url}/support`, {}, { from: url });
    expect(support.status).toBe(409);
    expect(textOf(support.body)).toContain('You cannot take part');
    expect((await priorities()).some((r) => r.title === 'Another one')).toBe(false);
  });

  it('a restored priority is public again', async () => {
    const row = await priorityTitled(jobs.title);
    const url = `${staffBase}/${row.id}`;
    await moderator.post(`${url}/moderate`, { action: 'restore' }, { from: url });
    expect((await priorityTitled(jobs.title)).state).toBe('published');
    await moderator.post(
      `${url}/moderate`,
      { action: 'hide', reason: 'It gave someone’s phone number.' },
      { from: url },
    );
    expect((await priorityTitled(jobs.title)).state).toBe('hidden');
  });

  it('the lead answers with what it led to, and the public page shows it', async () => {
    const row = await priorityTitled(crossing.title);
    const url = `${staffBase}/${row.id}`;
    const bad = await lead.post(
      `${url}/answer`,
      { kind: '', reason: '', indicators: 'ZZ1' },
      { from: url },
    );
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Select how the priority was answered');
    expect(textOf(bad.body)).toContain('The framework has no indicator ZZ1');
    const ok = await lead.post(
      `${url}/answer`,
      {
        kind: 'accepted',
        reason: 'The crossing is in next year’s works with the council.',
        commitments: 'C1',
        indicators: 'C3',
        initiatives: initiativeId,
      },
      { from: url },
    );
    expect(ok.status).toBe(303);
    const page = textOf((await visitor.get(`${publicBase}/${row.id}`)).body);
    expect(page).toContain('Accepted');
    expect(page).toContain('The crossing is in next year’s works with the council.');
    expect(page).toContain('Commitment C1 Make the streets around our sites safe');
    expect(page).toContain('Indicator C3 Local priorities answered');
    expect(page).toContain('Joint initiative Safer school streets (running)');
    // Changing it is audited as a change.
    await lead.post(
      `${url}/answer`,
      { kind: 'partly-accepted', reason: 'Part of it is in next year’s works.', commitments: 'C1' },
      { from: url },
    );
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity_id', '=', row.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'priority.answer.given', entity: 'local_priority' },
      { action: 'priority.answer.changed', entity: 'local_priority' },
    ]);
    const answers = await t.database.db
      .selectFrom('public_answers')
      .selectAll()
      .where('priority_id', '=', row.id)
      .execute();
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ kind: 'partly-accepted', response_id: null });
  });

  it('shows C3 from the data: hidden priorities left out, answered whatever the answer', async () => {
    // Published: the crossing (answered) and the bus shelters; the apprenticeships are hidden.
    const list = textOf((await visitor.get(publicBase)).body);
    expect(list).toContain('1 of 2 published priorities has a public answer (50.0%)');
    const staff = textOf((await reviewer.get(staffBase)).body);
    expect(staff).toContain('1 of 2 published priorities has a public answer (50.0%)');
    expect(staff).toContain('3 priorities: 1 waiting for an answer, 0 reported, 1 hidden.');
    const waiting = textOf((await reviewer.get(`${staffBase}?show=unanswered`)).body);
    expect(waiting).toContain('Bus shelters on the hospital route');
    expect(waiting).not.toContain(crossing.title);
  });

  it('keeps each role to its part', async () => {
    const row = await priorityTitled(crossing.title);
    const url = `${staffBase}/${row.id}`;
    expect((await reviewer.get(url)).status).toBe(200);
    expect((await contributor.get(staffBase)).status).toBe(403);
    expect((await contributor.get(url)).status).toBe(403);
    expect((await contributor.get(`${staffBase}/new`)).status).toBe(403);
    expect(
      (await reviewer.post(`${url}/moderate`, { action: 'hide', reason: 'x' }, { from: url }))
        .status,
    ).toBe(403);
    expect((await reviewer.post(`${staffBase}/new`, crossing, { from: staffBase })).status).toBe(
      403,
    );
    expect(
      (await moderator.post(`${url}/answer`, { kind: 'accepted', reason: 'x' }, { from: url }))
        .status,
    ).toBe(403);
    expect((await ada.client.get(staffBase)).status).toBe(404);
  });

  it('shows no email address on any public page', async () => {
    const rows = await priorities();
    for (const url of [
      publicBase,
      `${publicBase}/new`,
      ...rows.map((r) => `${publicBase}/${r.id}`),
    ]) {
      for (const who of [visitor, ada.client]) {
        const page = await who.get(url);
        expect(page.status, url).toBe(200);
        for (const person of [ada, ben, cy])
          expect(page.body, url).not.toContain(person.user.email);
        expect(page.body, url).not.toMatch(/[\w.+-]+@[\w-]+\.example/);
      }
    }
  });

  it('answers 404 for a partnership that is not public, and for unknown priorities', async () => {
    expect((await visitor.get(`/p/no-such-partnership/priorities`)).status).toBe(404);
    expect((await visitor.get(`${publicBase}/not-a-uuid`)).status).toBe(404);
    expect((await visitor.get(`${publicBase}/00000000-0000-0000-0000-000000000000`)).status).toBe(
      404,
    );
  });
});
