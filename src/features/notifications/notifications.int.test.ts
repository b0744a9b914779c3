/**
 * Notifications by email, on a real database with the outbox mailer: following a public
 * partnership through its pages (signed out, one is sent to sign in), the account page that
 * lists what a person is emailed about; a consultation opening emails the followers, an answer
 * emails the participant once, a return returned with queries and a return due or overdue email
 * the organisation's leads and contributors, each once however often it is called; a disabled or
 * deleted account is sent nothing. A charter version adopted asks the leads of every member
 * organisation that has not signed it to sign (again, where they signed the version before).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDate } from '../../core/periods.js';
import type { Organisation, Partnership, User } from '../../db/schema.js';
import {
  makeOrganisation,
  makePartnership,
  makeUser,
  openYear,
  returnIn,
  signedIn,
  startWithMember,
  type TestApp,
} from '../../../test/helpers/app.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  notifyAnswered,
  notifyCharterToSign,
  notifyPriorityAnswered,
  notifyConsultationOpened,
  notifyReturnSentBack,
  sendDueReminders,
} from './notifications.service.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let ada: { client: TestClient; user: User };
let ben: { client: TestClient; user: User };
let carol: { client: TestClient; user: User };
let anonymous: TestClient;
const today = isoDate(new Date());
const LEAD_ACTOR = { userId: null, label: 'test' };

async function outbox(to?: string) {
  let q = t.database.db
    .selectFrom('mail_outbox')
    .select(['to_address', 'subject', 'body_text'])
    .orderBy('created_at');
  if (to) q = q.where('to_address', '=', to);
  return q.execute();
}

async function outboxCount() {
  return (await outbox()).length;
}

/** A version of the partnership's charter with one commitment, out for consultation from today. */
async function consultation(partnership: Partnership, number: number) {
  const db = t.database.db;
  const v = await db
    .insertInto('charter_versions')
    .values({
      partnership_id: partnership.id,
      number,
      title: `Our charter, version ${number}`,
      state: 'draft',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('charter_items')
    .values({
      partnership_id: partnership.id,
      version_id: v.id,
      key: 'C1',
      kind: 'commitment',
      pillar: 'workforce',
      title: 'Pay the Real Living Wage',
      body: 'Pay the Real Living Wage.',
      sort_order: 1,
    })
    .execute();
  await db
    .updateTable('charter_versions')
    .set({
      state: 'consultation',
      consultation_opens: today,
      consultation_closes: addDays(today, 20),
    })
    .where('id', '=', v.id)
    .execute();
  return v.id;
}

/** A published suggestion to change C1, by a participant (or entered by staff for someone). */
async function suggestion(versionId: string, by: { participant?: string; staff?: string }) {
  return (
    await t.database.db
      .insertInto('consultation_responses')
      .values({
        partnership_id: p.id,
        version_id: versionId,
        item_key: 'C1',
        stance: 'agree',
        amendment: 'Include contracted cleaners and porters.',
        participant_id: by.participant ?? null,
        display_name: 'Ada',
        entered_by: by.staff ?? null,
        entered_how: by.staff ? 'A paper form' : null,
        state: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

const answer = (responseId: string, reason: string) =>
  t.deps.consultation.answer(
    p.id,
    responseId,
    { kind: 'accepted', reason, commitmentKeys: [], indicatorCodes: [], initiativeIds: [] },
    LEAD_ACTOR,
  );

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
  } = await startWithMember([], { partnership: { isPublic: true } }));
  ada = await signedIn(t, {});
  ben = await signedIn(t, {});
  carol = await signedIn(t, {});
  anonymous = t.client();
});

afterAll(async () => {
  await t?.close();
});

describe('following a partnership', () => {
  it('explains following to anyone, and sends someone signed out to sign in first', async () => {
    const page = await anonymous.get(`/p/${p.slug}/follow`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(`Follow ${p.name}`);
    expect(text).toContain('email when it opens a consultation');
    expect(text).toContain('Following sends you nothing else');
    expect(page.body).toContain(`action="/p/${p.slug}/follow"`);
    const post = await anonymous.post(`/p/${p.slug}/follow`);
    expect(post.status).toBe(303);
    expect(post.location).toBe(`/sign-in?next=${encodeURIComponent(`/p/${p.slug}/follow`)}`);
    const unfollow = await anonymous.post(`/p/${p.slug}/unfollow`, {}, { from: '/sign-in' });
    expect(unfollow.status).toBe(303);
    expect(unfollow.location).toMatch(/^\/sign-in\?next=/);
  });

  it('is not offered for a partnership that is not public', async () => {
    const hidden = await makePartnership(t.deps);
    expect((await ada.client.get(`/p/${hidden.slug}/follow`)).status).toBe(404);
    const post = await ada.client.post(`/p/${hidden.slug}/follow`, {}, { from: '/account' });
    expect(post.status).toBe(404);
    expect((await ada.client.get('/p/no-such-partnership/follow')).status).toBe(404);
  });

  it('follows through the page, once however often, and shows it followed', async () => {
    for (let i = 0; i < 2; i++) {
      const post = await ada.client.post(`/p/${p.slug}/follow`);
      expect(post.status).toBe(303);
      expect(post.location).toBe(`/p/${p.slug}/follow`);
    }
    const page = await ada.client.get(`/p/${p.slug}/follow`);
    expect(textOf(page.body)).toContain(`You follow ${p.name}`);
    expect(page.body).toContain(`action="/p/${p.slug}/unfollow"`);
    const rows = await t.database.db
      .selectFrom('partnership_followers')
      .select('user_id')
      .where('partnership_id', '=', p.id)
      .execute();
    expect(rows).toEqual([{ user_id: ada.user.id }]);
  });

  it('lists what is followed on the account page, and unfollows from there', async () => {
    const page = await ada.client.get('/account/notifications');
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Emails we send you');
    expect(text).toContain(p.name);
    expect(text).toContain('Answers to your suggestions');
    expect(text).not.toContain('Your organisation’s returns');
    expect(page.body).toContain(`action="/p/${p.slug}/unfollow"`);
    const gone = await ada.client.post(
      `/p/${p.slug}/unfollow`,
      { back: 'account' },
      { from: '/account/notifications' },
    );
    expect(gone.status).toBe(303);
    expect(gone.location).toBe('/account/notifications');
    const after = await ada.client.get('/account/notifications');
    expect(textOf(after.body)).toContain('You do not follow any partnerships');
    expect(after.body).not.toContain('/unfollow"');
    // Following again, and unfollowing from the partnership's page, which it goes back to.
    await ada.client.post(`/p/${p.slug}/follow`);
    const again = await ada.client.post(
      `/p/${p.slug}/unfollow`,
      {},
      { from: `/p/${p.slug}/follow` },
    );
    expect(again.location).toBe(`/p/${p.slug}/follow`);
    expect(textOf((await ada.client.get(`/p/${p.slug}/follow`)).body)).toContain(
      `You no longer follow ${p.name}`,
    );
    await ada.client.post(`/p/${p.slug}/follow`);
  });

  it('tells an organisation’s lead and contributors about its returns on the account page', async () => {
    const lead = await signedIn(t, { role: 'org-lead', partnership: p, organisation: org });
    const text = textOf((await lead.client.get('/account/notifications')).body);
    expect(text).toContain('Your organisation’s returns');
    expect(text).toContain(`${org.name}, in ${p.name}`);
  });
});

describe('a consultation opening', () => {
  it('emails every follower once, and nobody whose account is disabled or deleted', async () => {
    await ben.client.post(`/p/${p.slug}/follow`);
    await carol.client.post(`/p/${p.slug}/follow`);
    await t.database.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', ben.user.id)
      .execute();
    const versionId = await consultation(p, 1);
    const before = await outboxCount();
    expect(await notifyConsultationOpened(t.deps, versionId)).toBe(2);
    const mail = await outbox(ada.user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`${p.name} wants your views on its charter`);
    expect(mail[0]!.body_text).toContain(
      `http://anchorage.test/p/${p.slug}/charter/versions/1/consultation`,
    );
    expect(mail[0]!.body_text).toContain('http://anchorage.test/account/notifications');
    expect(mail[0]!.body_text).not.toContain('@');
    expect(await outbox(ben.user.email)).toEqual([]);
    expect(await outbox(carol.user.email)).toHaveLength(1);
    // Again (the page sent twice, or a retry): nothing more.
    expect(await notifyConsultationOpened(t.deps, versionId)).toBe(0);
    expect(await outboxCount()).toBe(before + 2);
  });

  it('sends nothing for a version not out for consultation, or an id that is not one', async () => {
    const other = await makePartnership(t.deps, { isPublic: true });
    await ada.client.post(`/p/${other.slug}/follow`);
    const draft = await t.database.db
      .insertInto('charter_versions')
      .values({ partnership_id: other.id, number: 1, title: 'Not yet', state: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await outboxCount();
    expect(await notifyConsultationOpened(t.deps, draft.id)).toBe(0);
    expect(await notifyConsultationOpened(t.deps, 'not-an-id')).toBe(0);
    expect(await outboxCount()).toBe(before);
  });
});

describe('a suggestion answered', () => {
  it('emails the participant the first answer, and not again when it changes', async () => {
    const versionId = (
      await t.database.db
        .selectFrom('charter_versions')
        .select('id')
        .where('partnership_id', '=', p.id)
        .where('state', '=', 'consultation')
        .executeTakeFirstOrThrow()
    ).id;
    const mine = await suggestion(versionId, { participant: ada.user.id });
    await answer(mine, 'We will include them from April.');
    expect(await notifyAnswered(t.deps, mine)).toBe(1);
    const mail = (await outbox(ada.user.email)).filter((m) => m.subject.includes('answered'));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`${p.name} has answered your suggestion`);
    expect(mail[0]!.body_text).toContain('commitment C1, “Pay the Real Living Wage”');
    expect(mail[0]!.body_text).toContain('Its answer: Accepted.');
    expect(mail[0]!.body_text).toContain('We will include them from April.');
    expect(mail[0]!.body_text).toContain(`http://anchorage.test/p/${p.slug}/you-said-we-did`);
    await answer(mine, 'We will include them from May.');
    expect(await notifyAnswered(t.deps, mine)).toBe(0);
    expect(
      (await outbox(ada.user.email)).filter((m) => m.subject.includes('answered')),
    ).toHaveLength(1);
  });

  it('sends nothing for a response staff entered, or whose participant deleted their account', async () => {
    const versionId = (
      await t.database.db
        .selectFrom('charter_versions')
        .select('id')
        .where('partnership_id', '=', p.id)
        .where('state', '=', 'consultation')
        .executeTakeFirstOrThrow()
    ).id;
    const lead = await makeUser(t.deps, { role: 'partnership-lead', partnership: p });
    const entered = await suggestion(versionId, { staff: lead.id });
    const carols = await suggestion(versionId, { participant: carol.user.id });
    const deleted = await carol.client.post(
      '/account/delete',
      { contributions: 'anonymise' },
      { from: '/account/delete' },
    );
    expect(deleted.status).toBe(303);
    const before = await outboxCount();
    await answer(entered, 'Thank you.');
    await answer(carols, 'Thank you.');
    expect(await notifyAnswered(t.deps, entered)).toBe(0);
    expect(await notifyAnswered(t.deps, carols)).toBe(0);
    expect(await outboxCount()).toBe(before);
    // Nor does a deleted account hear of the next consultation: only Ada, who still follows.
    await t.database.db
      .updateTable('charter_versions')
      .set({ state: 'adopted', adopted_on: today })
      .where('id', '=', versionId)
      .execute();
    expect(await notifyConsultationOpened(t.deps, await consultation(p, 2))).toBe(1);
    expect((await outbox()).slice(before).map((m) => m.to_address)).toEqual([ada.user.email]);
  });
});

describe('returns', () => {
  let trust: Organisation;
  let people: Record<'lead' | 'contributor' | 'viewer' | 'disabled', User>;

  beforeAll(async () => {
    trust = await makeOrganisation(t.deps, p);
    people = {
      lead: await makeUser(t.deps, { role: 'org-lead', partnership: p, organisation: trust }),
      contributor: await makeUser(t.deps, {
        role: 'contributor',
        partnership: p,
        organisation: trust,
        pillars: ['workforce'],
      }),
      viewer: await makeUser(t.deps, { role: 'viewer', partnership: p, organisation: trust }),
      disabled: await makeUser(t.deps, {
        role: 'contributor',
        partnership: p,
        organisation: trust,
      }),
    };
    await t.database.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', people.disabled.id)
      .execute();
  });

  const to = (u: User) => outbox(u.email);

  it('emails the leads and contributors when a return is returned with queries, once', async () => {
    const period = await openYear(t.deps, p, 2020, { actor: LEAD_ACTOR });
    const ctx = { partnership: p, organisation: trust, period };
    await returnIn(t, ctx, 'submitted');
    const state = await t.deps.returns.load(ctx, null);
    await t.deps.returns.returnWithQueries(
      state,
      ctx,
      [
        { itemId: null, body: 'Please check the headcount.' },
        { itemId: null, body: 'And the spend.' },
      ],
      LEAD_ACTOR,
    );
    expect(await notifyReturnSentBack(t.deps, state.revision.id)).toBe(2);
    expect(await notifyReturnSentBack(t.deps, state.revision.id)).toBe(0);
    for (const who of [people.lead, people.contributor]) {
      const mail = await to(who);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.subject).toBe(
        `${trust.name}’s ${period.label} return has been returned with queries`,
      );
      expect(mail[0]!.body_text).toContain('with 2 queries');
      expect(mail[0]!.body_text).toContain(
        `http://anchorage.test/manage/${p.slug}/organisations/${trust.id}/returns/${period.id}`,
      );
      expect(mail[0]!.body_text).not.toContain('@');
    }
    expect(await to(people.viewer)).toEqual([]);
    expect(await to(people.disabled)).toEqual([]);
    // Sent again and returned again: that is news, and is emailed.
    await t.database.db
      .updateTable('return_revisions')
      .set({ status: 'submitted', submitted_at: new Date() })
      .where('id', '=', state.revision.id)
      .execute();
    const again = await t.deps.returns.load(ctx, null);
    await t.deps.returns.returnWithQueries(
      again,
      ctx,
      [{ itemId: null, body: 'One more thing.' }],
      LEAD_ACTOR,
    );
    expect(await notifyReturnSentBack(t.deps, state.revision.id)).toBe(2);
    await t.database.db.deleteFrom('mail_outbox').execute();
  });

  it('sends each reminder once, a week before and the day after the due date', async () => {
    const dueOn = '2031-06-30';
    const period = await openYear(t.deps, p, 2030, { actor: LEAD_ACTOR, dueOn });
    // The first organisation has sent its return: it is not reminded.
    await returnIn(t, { partnership: p, organisation: org, period }, 'submitted');
    const before = await outboxCount();
    expect(await sendDueReminders(t.deps, '2031-06-22')).toBe(0);
    expect(await sendDueReminders(t.deps, '2031-06-23')).toBe(2);
    expect(await sendDueReminders(t.deps, '2031-06-23')).toBe(0);
    expect(await sendDueReminders(t.deps, '2031-06-26')).toBe(0);
    for (const who of [people.lead, people.contributor]) {
      const mail = await to(who);
      expect(mail.map((m) => m.subject)).toEqual([
        `${trust.name}’s ${period.label} return is due on 30 June 2031`,
      ]);
      expect(mail[0]!.body_text).toContain('It has not been started.');
    }
    expect(await sendDueReminders(t.deps, '2031-06-30')).toBe(0);
    expect(await sendDueReminders(t.deps, '2031-07-01')).toBe(2);
    expect(await sendDueReminders(t.deps, '2031-07-01')).toBe(0);
    expect(await sendDueReminders(t.deps, '2031-07-02')).toBe(0);
    for (const who of [people.lead, people.contributor])
      expect((await to(who)).map((m) => m.subject)).toEqual([
        `${trust.name}’s ${period.label} return is due on 30 June 2031`,
        `${trust.name}’s ${period.label} return is overdue`,
      ]);
    expect(await to(people.viewer)).toEqual([]);
    expect(await to(people.disabled)).toEqual([]);
    expect(await outboxCount()).toBe(before + 4);
  });

  it('tries again at the next sweep when the mailer fails', async () => {
    await openYear(t.deps, p, 2034, { actor: LEAD_ACTOR, dueOn: '2035-06-30' });
    const failing = {
      ...t.deps,
      mailer: { kind: 'smtp' as const, send: () => Promise.reject(new Error('SMTP is down')) },
    };
    expect(await sendDueReminders(failing, '2035-06-23')).toBe(0);
    const logged = await t.database.db
      .selectFrom('notification_log')
      .select('user_id')
      .where('kind', '=', 'return-due-soon')
      .where('sent_on', '=', '2035-06-23')
      .execute();
    expect(logged).toEqual([]);
    // The trust's lead and contributor, and the lead of the first organisation (which has not
    // sent this year's return either).
    expect(await sendDueReminders(t.deps, '2035-06-23')).toBe(3);
  });

  it('leaves demonstration partnerships out of the reminders', async () => {
    const demo = await makePartnership(t.deps);
    await t.database.db
      .updateTable('partnerships')
      .set({ is_demo: true })
      .where('id', '=', demo.id)
      .execute();
    const demoOrg = await makeOrganisation(t.deps, demo);
    await makeUser(t.deps, { role: 'org-lead', partnership: demo, organisation: demoOrg });
    await openYear(t.deps, demo, 2032, { actor: LEAD_ACTOR, dueOn: '2033-06-30' });
    expect(await sendDueReminders(t.deps, '2033-06-23')).toBe(0);
  });
});

describe('a charter version adopted', () => {
  it('asks the leads of each organisation that has not signed it to sign, again where they signed before, once', async () => {
    const db = t.database.db;
    const q = await makePartnership(t.deps, { isPublic: true });
    const signedBefore = await makeOrganisation(t.deps, q, { name: 'Walton Trust' });
    const never = await makeOrganisation(t.deps, q, { name: 'Kirkby Council' });
    const leadBefore = await makeUser(t.deps, {
      role: 'org-lead',
      partnership: q,
      organisation: signedBefore,
    });
    const leadNever = await makeUser(t.deps, {
      role: 'org-lead',
      partnership: q,
      organisation: never,
    });
    const contributor = await makeUser(t.deps, {
      role: 'contributor',
      partnership: q,
      organisation: signedBefore,
    });
    const version = async (number: number, state: 'adopted' | 'draft') => {
      const v = await db
        .insertInto('charter_versions')
        .values({ partnership_id: q.id, number, title: `Our charter ${number}`, state: 'draft' })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (state === 'adopted')
        await db
          .updateTable('charter_versions')
          .set({ state: 'adopted', adopted_on: `202${number}-04-01` })
          .where('id', '=', v.id)
          .execute();
      return v.id;
    };
    const first = await version(1, 'adopted');
    await db
      .insertInto('charter_signatures')
      .values({
        partnership_id: q.id,
        version_id: first,
        organisation_id: signedBefore.id,
        signatory_name: 'Pat Jones',
        signatory_role: 'Chief executive',
        signed_on: '2021-04-02',
      })
      .execute();
    await db
      .updateTable('charter_versions')
      .set({ state: 'superseded', superseded_on: '2022-04-01' })
      .where('id', '=', first)
      .execute();
    const second = await version(2, 'adopted');
    const draft = await version(3, 'draft');
    expect(await notifyCharterToSign(t.deps, draft)).toBe(0);

    expect(await notifyCharterToSign(t.deps, second)).toBe(2);
    const [again] = await outbox(leadBefore.email);
    expect(again?.subject).toBe(`Sign again: ${q.name} has adopted version 2 of its charter`);
    expect(again?.body_text).toContain('Walton Trust signed version 1.');
    expect(again?.body_text).toContain(
      `/manage/${q.slug}/organisations/${signedBefore.id}/charter`,
    );
    expect(again?.body_text).toContain(`/p/${q.slug}/charter/versions/2`);
    const [fresh] = await outbox(leadNever.email);
    expect(fresh?.subject).toBe(`Sign: ${q.name} has adopted version 2 of its charter`);
    expect(fresh?.body_text).toContain('Kirkby Council has not signed the charter yet.');
    expect(await outbox(contributor.email)).toEqual([]);
    // Once: calling again sends nothing more.
    expect(await notifyCharterToSign(t.deps, second)).toBe(0);
    expect(await outbox(leadBefore.email)).toHaveLength(1);
  });
});

describe('a local priority answered', () => {
  it('emails the person who raised it, once, and nobody for one staff entered', async () => {
    const db = t.database.db;
    const raise = async (participant: string | null, staff: string | null) =>
      (
        await db
          .insertInto('local_priorities')
          .values({
            partnership_id: p.id,
            title: 'A later bus to the hospital',
            description: 'There is no bus after 6pm.',
            pillar: 'community',
            participant_id: participant,
            entered_by: staff,
            entered_how: staff ? 'At the library event' : null,
            state: 'published',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const answer = (priorityId: string) =>
      db
        .insertInto('public_answers')
        .values({
          partnership_id: p.id,
          priority_id: priorityId,
          kind: 'partly-accepted',
          reason: 'Two members now fund an evening shuttle.',
        })
        .execute();
    const dee = await makeUser(t.deps, {});
    const mine = await raise(dee.id, null);
    expect(await notifyPriorityAnswered(t.deps, mine)).toBe(0);
    await answer(mine);
    expect(await notifyPriorityAnswered(t.deps, mine)).toBe(1);
    expect(await notifyPriorityAnswered(t.deps, mine)).toBe(0);
    const [mail] = await outbox(dee.email);
    expect(mail?.subject).toBe(`${p.name} has answered your local priority`);
    expect(mail?.body_text).toContain('“A later bus to the hospital”');
    expect(mail?.body_text).toContain('Its answer: Partly accepted.');
    expect(mail?.body_text).toContain(`/p/${p.slug}/priorities/${mine}`);

    const entered = await raise(null, ada.user.id);
    await answer(entered);
    expect(await notifyPriorityAnswered(t.deps, entered)).toBe(0);
  });
});
