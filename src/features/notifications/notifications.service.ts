/**
 * Notifications by email, through the service's mailer (the outbox in development and the demo,
 * SMTP in production):
 * - a partnership someone follows opens a consultation on its charter (notifyConsultationOpened);
 * - a suggestion someone made is answered for the first time (notifyAnswered);
 * - a return is returned with queries, to its organisation's leads and contributors
 *   (notifyReturnSentBack);
 * - a return is due in a week, or became overdue yesterday (sendDueReminders, a daily sweep);
 * - the partnership adopts a charter version, to the leads of every member organisation that has
 *   not signed it, asking them to sign (again, where they signed an earlier version)
 *   (notifyCharterToSign).
 *
 * Each email goes to one person, from their own account; nobody is sent anything once their
 * account is disabled or deleted. `notification_log` makes each email go once: a row is claimed
 * before sending (so two sweeps at once, or a repeated call, send nothing twice) and given back
 * if sending fails, so that the next sweep tries again.
 *
 * Following (partnership_followers) is a person's own choice, made on the partnership's public
 * page and undone there or on their account's notifications page.
 *
 * The functions that send never throw: what they are called after (opening a consultation,
 * answering, returning a return) has already happened, and a failure to email is logged.
 */
import type { Kysely } from 'kysely';
import type { AnswerKind } from '../../core/charter/consultation.js';
import { isoDate } from '../../core/periods.js';
import {
  RETURN_ROLES,
  charterToSignEmail,
  consultationOpenedEmail,
  priorityAnsweredEmail,
  reminderSubject,
  reminderWindow,
  remindersDue,
  returnReminderEmail,
  returnSentBackEmail,
  suggestionAnsweredEmail,
  type Email,
  type NotificationKind,
} from '../../core/notifications.js';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { lastOpenDay } from '../charter/charter.dates.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

/** What sending needs of the app's dependencies. */
export type NotifyDeps = Pick<Deps, 'database' | 'mailer' | 'config' | 'logger'>;

interface Recipient {
  readonly id: string;
  readonly email: string;
  readonly display_name: string;
}

const today = () => isoDate(new Date());

// ----- Sending once ------------------------------------------------------------------------

/**
 * Sends `message` to `to` unless this notification has been sent to them already. The log's row
 * is claimed first and removed again if the mailer fails. True when it was sent now.
 */
async function sendOnce(
  deps: NotifyDeps,
  kind: NotificationKind,
  subjectId: string,
  to: Recipient,
  message: Email,
  sentOn: string,
): Promise<boolean> {
  const db = deps.database.db;
  const claimed = await db
    .insertInto('notification_log')
    .values({ kind, subject_id: subjectId, user_id: to.id, sent_on: sentOn })
    .onConflict((oc) => oc.columns(['kind', 'subject_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (!claimed) return false;
  try {
    await deps.mailer.send({ to: to.email, subject: message.subject, text: message.text });
    return true;
  } catch (err) {
    await db
      .deleteFrom('notification_log')
      .where('kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .where('user_id', '=', to.id)
      .execute();
    // The log names the notification, never the person or their address.
    deps.logger.warn({ err, kind }, 'a notification email could not be sent');
    return false;
  }
}

/** Runs a notification, logging (not throwing) whatever goes wrong. Resolves to how many were sent. */
async function guarded(
  deps: NotifyDeps,
  what: string,
  run: () => Promise<number>,
): Promise<number> {
  try {
    return await run();
  } catch (err) {
    deps.logger.warn({ err }, `${what} failed`);
    return 0;
  }
}

/** Accounts that may be written to: not disabled (which deleted accounts also are). */
function activeUsers(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.email', 'u.display_name'])
    .where('u.disabled_at', 'is', null);
}

// ----- A consultation opens ----------------------------------------------------------------

/**
 * Emails every follower of the version's partnership that the version is out for consultation.
 * Sent once per version and person; nothing when the version is not out for consultation or the
 * partnership is not public (its followers could not read it).
 */
export function notifyConsultationOpened(
  deps: NotifyDeps,
  versionId: string,
  day: string = today(),
): Promise<number> {
  return guarded(deps, 'notifying followers of a consultation', async () => {
    if (!isUuid(versionId)) return 0;
    const db = deps.database.db;
    const v = await db
      .selectFrom('charter_versions as v')
      .innerJoin('partnerships as p', 'p.id', 'v.partnership_id')
      .select([
        'v.id',
        'v.number',
        'v.title',
        'v.state',
        'v.consultation_opens',
        'v.consultation_closes',
        'v.consultation_closed_at',
        'p.id as partnership_id',
        'p.name as partnership_name',
        'p.slug',
        'p.is_public',
      ])
      .where('v.id', '=', versionId)
      .executeTakeFirst();
    if (!v || v.state !== 'consultation' || !v.is_public || !v.consultation_opens) return 0;
    const closes = lastOpenDay(v);
    if (!closes) return 0;
    const followers = await activeUsers(db)
      .innerJoin('partnership_followers as f', 'f.user_id', 'u.id')
      .where('f.partnership_id', '=', v.partnership_id)
      .orderBy('f.created_at')
      .execute();
    let sent = 0;
    for (const person of followers) {
      const message = consultationOpenedEmail({
        baseUrl: deps.config.baseUrl,
        recipientName: person.display_name,
        partnership: { name: v.partnership_name, slug: v.slug },
        version: { number: v.number, title: v.title, opens: v.consultation_opens, closes },
        today: day,
      });
      if (await sendOnce(deps, 'consultation-opened', v.id, person, message, day)) sent++;
    }
    return sent;
  });
}

// ----- A suggestion is answered ------------------------------------------------------------

/**
 * Emails the participant who made a suggestion its answer, the first time it is answered (a
 * changed answer sends nothing more). Nothing for a response entered by staff, or whose
 * participant has deleted their account (the response is then anonymous) or been disabled.
 */
export function notifyAnswered(
  deps: NotifyDeps,
  responseId: string,
  day: string = today(),
): Promise<number> {
  return guarded(deps, 'notifying a participant of an answer', async () => {
    if (!isUuid(responseId)) return 0;
    const db = deps.database.db;
    const row = await db
      .selectFrom('consultation_responses as r')
      .innerJoin('public_answers as a', 'a.response_id', 'r.id')
      .innerJoin('charter_versions as v', 'v.id', 'r.version_id')
      .innerJoin('partnerships as p', 'p.id', 'r.partnership_id')
      .innerJoin('users as u', 'u.id', 'r.participant_id')
      .leftJoin('charter_items as i', (j) =>
        j.onRef('i.version_id', '=', 'r.version_id').onRef('i.key', '=', 'r.item_key'),
      )
      .select([
        'r.id',
        'r.item_key',
        'r.title as suggested_title',
        'r.state',
        'r.entered_by',
        'a.kind',
        'a.reason',
        'v.number',
        'p.name as partnership_name',
        'p.slug',
        'p.is_public',
        'u.id as user_id',
        'u.email',
        'u.display_name',
        'u.disabled_at',
        'i.title as item_title',
      ])
      .where('r.id', '=', responseId)
      .executeTakeFirst();
    return sendFirstAnswer(deps, row, day, (r) =>
      suggestionAnsweredEmail({
        ...answeredTo(deps, r),
        versionNumber: r.number,
        commitment: r.item_key ? { key: r.item_key, title: r.item_title ?? '' } : null,
        suggestedTitle: r.suggested_title,
      }),
    );
  });
}

/** What the answer emails read of a contribution, its partnership, its answer and its author. */
interface AnsweredRow {
  readonly id: string;
  readonly state: string;
  readonly entered_by: string | null;
  readonly kind: AnswerKind;
  readonly reason: string;
  readonly partnership_name: string;
  readonly slug: string;
  readonly is_public: boolean;
  readonly user_id: string;
  readonly email: string;
  readonly display_name: string;
  readonly disabled_at: Date | null;
}

const answeredTo = (deps: NotifyDeps, r: AnsweredRow) => ({
  baseUrl: deps.config.baseUrl,
  recipientName: r.display_name,
  partnership: { name: r.partnership_name, slug: r.slug, isPublic: r.is_public },
  answer: { kind: r.kind, reason: r.reason },
});

/**
 * Emails a contribution's author its first answer, once: nothing for a contribution staff
 * entered, one not published, or an author disabled (a deleted author's row is not found).
 */
async function sendFirstAnswer<R extends AnsweredRow>(
  deps: NotifyDeps,
  row: R | undefined,
  day: string,
  message: (row: R) => Email,
): Promise<number> {
  if (!row || row.disabled_at || row.entered_by || row.state !== 'published') return 0;
  const to = { id: row.user_id, email: row.email, display_name: row.display_name };
  return (await sendOnce(deps, 'suggestion-answered', row.id, to, message(row), day)) ? 1 : 0;
}

// ----- Returns -----------------------------------------------------------------------------

/** The organisation leads and contributors of each organisation, whose accounts are active. */
async function returnPeople(
  db: Kysely<DB>,
  organisationIds: readonly string[],
): Promise<Map<string, Recipient[]>> {
  const out = new Map<string, Recipient[]>();
  if (organisationIds.length === 0) return out;
  const rows = await activeUsers(db)
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select('m.organisation_id')
    .where('m.organisation_id', 'in', [...organisationIds])
    .where('m.role', 'in', [...RETURN_ROLES])
    .orderBy('u.created_at')
    .execute();
  for (const r of rows) {
    if (!r.organisation_id) continue;
    const list = out.get(r.organisation_id) ?? [];
    // Someone both lead and contributor of one organisation is written to once.
    if (!list.some((p) => p.id === r.id))
      list.push({ id: r.id, email: r.email, display_name: r.display_name });
    out.set(r.organisation_id, list);
  }
  return out;
}

/**
 * Emails the participant who raised a local priority its answer, the first time it is answered
 * (once, like a suggestion's). Nothing for a priority staff entered, one hidden or waiting, or
 * whose participant has deleted their account or been disabled.
 */
export function notifyPriorityAnswered(
  deps: NotifyDeps,
  priorityId: string,
  day: string = today(),
): Promise<number> {
  return guarded(deps, 'notifying a participant of a priority’s answer', async () => {
    if (!isUuid(priorityId)) return 0;
    const row = await deps.database.db
      .selectFrom('local_priorities as lp')
      .innerJoin('public_answers as a', 'a.priority_id', 'lp.id')
      .innerJoin('partnerships as p', 'p.id', 'lp.partnership_id')
      .innerJoin('users as u', 'u.id', 'lp.participant_id')
      .select([
        'lp.id',
        'lp.title',
        'lp.state',
        'lp.entered_by',
        'a.kind',
        'a.reason',
        'p.name as partnership_name',
        'p.slug',
        'p.is_public',
        'u.id as user_id',
        'u.email',
        'u.display_name',
        'u.disabled_at',
      ])
      .where('lp.id', '=', priorityId)
      .executeTakeFirst();
    return sendFirstAnswer(deps, row, day, (r) =>
      priorityAnsweredEmail({ ...answeredTo(deps, r), priority: { id: r.id, title: r.title } }),
    );
  });
}

// ----- A charter version is adopted --------------------------------------------------------

/**
 * Emails the organisation leads of every member organisation that has not signed the version,
 * once per version and person, that it has been adopted and is theirs to sign: to sign again
 * where the organisation signed an earlier version. Nothing when the version is not the adopted
 * one now, or for a demonstration partnership (its people are made up).
 */
export function notifyCharterToSign(
  deps: NotifyDeps,
  versionId: string,
  day: string = today(),
): Promise<number> {
  return guarded(deps, 'asking organisations to sign the charter', async () => {
    if (!isUuid(versionId)) return 0;
    const db = deps.database.db;
    const v = await db
      .selectFrom('charter_versions as v')
      .innerJoin('partnerships as p', 'p.id', 'v.partnership_id')
      .select([
        'v.id',
        'v.number',
        'v.title',
        'v.state',
        'v.adopted_on',
        'p.id as partnership_id',
        'p.name as partnership_name',
        'p.slug',
        'p.is_demo',
      ])
      .where('v.id', '=', versionId)
      .executeTakeFirst();
    if (!v || v.state !== 'adopted' || !v.adopted_on || v.is_demo) return 0;
    const [organisations, signed] = await Promise.all([
      db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('partnership_id', '=', v.partnership_id)
        .orderBy('name')
        .execute(),
      db
        .selectFrom('charter_signatures as s')
        .innerJoin('charter_versions as sv', 'sv.id', 's.version_id')
        .select(['s.organisation_id', (eb) => eb.fn.max('sv.number').as('latest')])
        .where('s.partnership_id', '=', v.partnership_id)
        .groupBy('s.organisation_id')
        .execute(),
    ]);
    const latest = new Map(signed.map((s) => [s.organisation_id, Number(s.latest)]));
    const toSign = organisations.filter((o) => latest.get(o.id) !== v.number);
    if (toSign.length === 0) return 0;
    const leads = await activeUsers(db)
      .innerJoin('memberships as m', 'm.user_id', 'u.id')
      .select('m.organisation_id')
      .where('m.role', '=', 'org-lead')
      .where(
        'm.organisation_id',
        'in',
        toSign.map((o) => o.id),
      )
      .orderBy('u.created_at')
      .execute();
    let sent = 0;
    for (const o of toSign) {
      for (const person of leads.filter((l) => l.organisation_id === o.id)) {
        const message = charterToSignEmail({
          baseUrl: deps.config.baseUrl,
          recipientName: person.display_name,
          partnership: { name: v.partnership_name, slug: v.slug },
          organisation: o,
          version: { number: v.number, title: v.title, adoptedOn: v.adopted_on },
          signedBefore: latest.get(o.id) ?? null,
        });
        if (await sendOnce(deps, 'charter-to-sign', v.id, person, message, day)) sent++;
      }
    }
    return sent;
  });
}

/**
 * Emails the organisation's leads and contributors that a reviewer has returned its return with
 * queries. Once each time the revision is returned (a revision returned, sent again and returned
 * again is emailed about twice). Nothing when the revision is not returned now.
 */
export function notifyReturnSentBack(
  deps: NotifyDeps,
  revisionId: string,
  day: string = today(),
): Promise<number> {
  return guarded(deps, 'notifying a returned return', async () => {
    if (!isUuid(revisionId)) return 0;
    const db = deps.database.db;
    const r = await db
      .selectFrom('return_revisions as rr')
      .innerJoin('returns as t', 't.id', 'rr.return_id')
      .innerJoin('organisations as o', 'o.id', 't.organisation_id')
      .innerJoin('reporting_periods as per', 'per.id', 't.period_id')
      .innerJoin('partnerships as p', 'p.id', 'rr.partnership_id')
      .select([
        'rr.id',
        'rr.status',
        'rr.submitted_at',
        'rr.decided_at',
        'o.id as organisation_id',
        'o.name as organisation_name',
        'per.id as period_id',
        'per.label',
        'per.due_on',
        'p.name as partnership_name',
        'p.slug',
      ])
      .where('rr.id', '=', revisionId)
      .executeTakeFirst();
    if (!r || r.status !== 'returned' || !r.decided_at) return 0;
    // The queries of this round: those written since the return was last sent for review.
    let queries = db
      .selectFrom('review_comments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('revision_id', '=', r.id)
      .where('author_side', '=', 'reviewer');
    if (r.submitted_at) queries = queries.where('created_at', '>=', r.submitted_at);
    const { n } = await queries.executeTakeFirstOrThrow();
    const people = (await returnPeople(db, [r.organisation_id])).get(r.organisation_id) ?? [];
    const subject = `${r.id}:${r.decided_at.toISOString()}`;
    let sent = 0;
    for (const person of people) {
      const message = returnSentBackEmail({
        baseUrl: deps.config.baseUrl,
        recipientName: person.display_name,
        partnership: { name: r.partnership_name, slug: r.slug },
        organisation: { id: r.organisation_id, name: r.organisation_name },
        period: { id: r.period_id, label: r.label, dueOn: r.due_on },
        queries: Number(n),
        today: day,
      });
      if (await sendOnce(deps, 'return-sent-back', subject, person, message, day)) sent++;
    }
    return sent;
  });
}

/**
 * The daily sweep: emails the leads and contributors of every organisation whose return is due a
 * reminder on `day` (core/notifications.ts reminderFor: a week before its due date, and the day
 * after it becomes overdue, while it has not been sent for review). Each reminder goes once to
 * each person, however often the sweep runs. Demonstration partnerships are left out: their
 * people and deadlines are made up. Resolves to how many emails were sent.
 */
export function sendDueReminders(deps: NotifyDeps, day: string = today()): Promise<number> {
  return guarded(deps, 'sending return reminders', async () => {
    const db = deps.database.db;
    const window = reminderWindow(day);
    const rows = await db
      .selectFrom('reporting_periods as per')
      .innerJoin('partnerships as p', 'p.id', 'per.partnership_id')
      .innerJoin('organisations as o', 'o.partnership_id', 'per.partnership_id')
      .leftJoin('returns as t', (j) =>
        j.onRef('t.period_id', '=', 'per.id').onRef('t.organisation_id', '=', 'o.id'),
      )
      .leftJoin('return_revisions as rr', (j) =>
        j.onRef('rr.return_id', '=', 't.id').onRef('rr.number', '=', 't.current_revision'),
      )
      .select([
        'per.id as periodId',
        'per.label',
        'per.due_on as dueOn',
        'o.id as organisationId',
        'o.name as organisation_name',
        'p.name as partnership_name',
        'p.slug',
        'rr.status',
        'rr.number as revision',
      ])
      .where('p.is_demo', '=', false)
      .where('per.due_on', '>=', window.from)
      .where('per.due_on', '<=', window.to)
      .orderBy('per.due_on')
      .orderBy('o.name')
      .execute();
    const due = remindersDue(
      rows.map((r) => ({ ...r, status: r.status ?? null })),
      day,
    );
    const people = await returnPeople(db, [...new Set(due.map((r) => r.organisationId))]);
    let sent = 0;
    for (const r of due) {
      for (const person of people.get(r.organisationId) ?? []) {
        const message = returnReminderEmail({
          baseUrl: deps.config.baseUrl,
          recipientName: person.display_name,
          partnership: { name: r.partnership_name, slug: r.slug },
          organisation: { id: r.organisationId, name: r.organisation_name },
          period: { id: r.periodId, label: r.label, dueOn: r.dueOn },
          kind: r.kind,
          status: r.status,
          today: day,
        });
        if (await sendOnce(deps, r.kind, reminderSubject(r), person, message, day)) sent++;
      }
    }
    return sent;
  });
}

// ----- Following ---------------------------------------------------------------------------

type FollowDeps = Pick<Deps, 'database' | 'publicSite'>;

/** A public partnership (or NOT_FOUND), and whether this person follows it. */
export async function followState(deps: FollowDeps, slug: string, userId: string | null) {
  const { partnership } = await deps.publicSite.partnership(slug);
  const following = userId
    ? Boolean(
        await deps.database.db
          .selectFrom('partnership_followers')
          .select('user_id')
          .where('partnership_id', '=', partnership.id)
          .where('user_id', '=', userId)
          .executeTakeFirst(),
      )
    : false;
  return { partnership, following };
}

/** Follows a public partnership (NOT_FOUND otherwise); following it again changes nothing. */
export async function follow(deps: FollowDeps, slug: string, userId: string) {
  const { partnership } = await deps.publicSite.partnership(slug);
  await deps.database.db
    .insertInto('partnership_followers')
    .values({ partnership_id: partnership.id, user_id: userId })
    .onConflict((oc) => oc.columns(['partnership_id', 'user_id']).doNothing())
    .execute();
  return partnership;
}

/**
 * Stops following a partnership, public or not (one that has stopped being public can still be
 * unfollowed). Resolves to its name and whether it is public, or undefined when the person did
 * not follow it (or there is no such partnership).
 */
export async function unfollow(deps: FollowDeps, slug: string, userId: string) {
  const db = deps.database.db;
  const p = await db
    .selectFrom('partnerships')
    .select(['id', 'name', 'slug', 'is_public'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!p) return undefined;
  const gone = await db
    .deleteFrom('partnership_followers')
    .where('partnership_id', '=', p.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(gone.numDeletedRows) > 0 ? p : undefined;
}

/**
 * What a person is emailed about: the partnerships they follow, and the organisations whose
 * returns they hear about (as an organisation lead or contributor).
 */
export async function notificationSettings(deps: Pick<Deps, 'database'>, userId: string) {
  const db = deps.database.db;
  const [following, organisations] = await Promise.all([
    db
      .selectFrom('partnership_followers as f')
      .innerJoin('partnerships as p', 'p.id', 'f.partnership_id')
      .select(['p.name', 'p.slug', 'p.is_public', 'f.created_at'])
      .where('f.user_id', '=', userId)
      .orderBy('p.name')
      .execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .innerJoin('partnerships as p', 'p.id', 'm.partnership_id')
      .select(['o.name as organisation', 'p.name as partnership', 'm.role'])
      .where('m.user_id', '=', userId)
      .where('m.role', 'in', [...RETURN_ROLES])
      .distinct()
      .orderBy('p.name')
      .orderBy('o.name')
      .execute(),
  ]);
  // Someone both lead and contributor of an organisation sees it once.
  const seen = new Set<string>();
  const unique = organisations.filter((o) => {
    const k = `${o.partnership}\u0000${o.organisation}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return {
    following,
    organisations: unique.map((o) => ({
      organisation: o.organisation,
      partnership: o.partnership,
    })),
    leadsAnOrganisation: organisations.some((o) => o.role === 'org-lead'),
  };
}
