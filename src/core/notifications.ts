/**
 * Notifications by email (pure): the words of each email, and which returns are due a reminder
 * on a given day. The service (features/notifications) finds who to write to and sends them.
 *
 * Every email is written to one person: it names no one else and carries no other address. Its
 * links are built from the service's configured address (PUBLIC_URL).
 */
import { ANSWER_LABELS, type AnswerKind } from './charter/consultation.js';
import { formatDate } from './dates.js';
import { PARTICIPANT_ACCOUNT_NAME } from './participants/accounts.js';
import { addDays } from './periods.js';

export type NotificationKind =
  | 'consultation-opened'
  | 'suggestion-answered'
  | 'return-sent-back'
  | 'return-due-soon'
  | 'return-overdue'
  | 'charter-to-sign';

export type ReminderKind = 'return-due-soon' | 'return-overdue';

/** The first reminder is sent this many days before a return is due. */
export const DAYS_BEFORE_DUE = 7;

/**
 * The overdue reminder is sent the day after the due date; if the service was not running that
 * day, it is still sent on any of the days up to this many after the due date, and not later
 * (a return overdue for months is a matter for the partnership, not for a sudden email).
 */
export const OVERDUE_CATCH_UP_DAYS = 7;

/** The roles that fill in an organisation's return, and so hear about it. */
export const RETURN_ROLES = ['org-lead', 'contributor'] as const;

/** What each email is, in the words the notifications page uses. */
export const EMAIL_DESCRIPTIONS = {
  following:
    'When a partnership you follow opens a consultation on its charter. Following sends nothing else.',
  answered:
    'When a partnership answers a suggestion you made in one of its consultations, or a local priority you raised, once, with its answer.',
  charter:
    'When your partnership adopts a new version of its charter and your organisation has not signed it yet (organisation leads).',
  returns: `About your organisation’s returns: ${DAYS_BEFORE_DUE} days before one is due, the day after it becomes overdue if it has not been sent for review, and when a reviewer returns it with queries.`,
} as const;

export interface Email {
  readonly subject: string;
  readonly text: string;
}

/** A subject is one line: line breaks and other control characters in a name become spaces. */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
}

/** "Hello Ada," or, for a participant's account (which has no name of its own), "Hello,". */
export function greeting(displayName: string): string {
  const name = oneLine(displayName);
  return name === '' || name === PARTICIPANT_ACCOUNT_NAME ? 'Hello,' : `Hello ${name},`;
}

const email = (subject: string, lines: readonly string[]): Email => ({
  subject: oneLine(subject),
  text: lines.join('\n'),
});

/** Where the person sees and changes what they are sent. */
const settingsPath = '/account/notifications';

// ----- A consultation opens -----------------------------------------------------------------

export interface ConsultationOpened {
  readonly baseUrl: string;
  readonly recipientName: string;
  readonly partnership: { readonly name: string; readonly slug: string };
  readonly version: {
    readonly number: number;
    readonly title: string;
    readonly opens: string;
    /** The last day it is open. */
    readonly closes: string;
  };
  readonly today: string;
}

export function consultationOpenedEmail(m: ConsultationOpened): Email {
  const { partnership: p, version: v } = m;
  const when =
    v.opens <= m.today
      ? `The consultation is open now, until the end of ${formatDate(v.closes)}.`
      : `The consultation opens on ${formatDate(v.opens)} and closes at the end of ${formatDate(v.closes)}.`;
  return email(`${p.name} wants your views on its charter`, [
    greeting(m.recipientName),
    '',
    `${oneLine(p.name)} has put version ${v.number} of its charter, “${oneLine(v.title)}”, out for consultation. ${when}`,
    '',
    'Read what it proposes, and say whether you agree, comment or suggest changes:',
    '',
    `${m.baseUrl}/p/${p.slug}/charter/versions/${v.number}/consultation`,
    '',
    `You are getting this email because you follow ${oneLine(p.name)} on Anchorage. Following sends you an email only when it opens a consultation. To stop, unfollow it here:`,
    '',
    `${m.baseUrl}${settingsPath}`,
  ]);
}

// ----- A suggestion is answered -------------------------------------------------------------

export interface SuggestionAnswered {
  readonly baseUrl: string;
  readonly recipientName: string;
  readonly partnership: {
    readonly name: string;
    readonly slug: string;
    readonly isPublic: boolean;
  };
  readonly versionNumber: number;
  /** The commitment the suggestion changes (its key and title), or null for a new commitment. */
  readonly commitment: { readonly key: string; readonly title: string } | null;
  /** A new commitment's title, as suggested. */
  readonly suggestedTitle: string | null;
  readonly answer: { readonly kind: AnswerKind; readonly reason: string };
}

export function suggestionAnsweredEmail(m: SuggestionAnswered): Email {
  const p = m.partnership;
  const what = m.commitment
    ? `your suggested change to commitment ${m.commitment.key}, “${oneLine(m.commitment.title)}”`
    : `your suggested new commitment${m.suggestedTitle ? `, “${oneLine(m.suggestedTitle)}”` : ''}`;
  return answeredEmail(m, {
    subject: `${p.name} has answered your suggestion`,
    what: `${what}, made in its consultation on version ${m.versionNumber} of its charter`,
    where: [
      'Every suggestion and its answer is on the partnership’s “You said, we did” page:',
      `${m.baseUrl}/p/${p.slug}/you-said-we-did`,
    ],
    each: 'suggestion',
  });
}

/** The first answer to what someone contributed, with where to read it. */
function answeredEmail(
  m: {
    readonly recipientName: string;
    readonly baseUrl: string;
    readonly partnership: { readonly name: string; readonly isPublic: boolean };
    readonly answer: { readonly kind: AnswerKind; readonly reason: string };
  },
  words: {
    readonly subject: string;
    readonly what: string;
    /** The sentence introducing the public page, and its address (public partnerships only). */
    readonly where: readonly [string, string];
    readonly each: string;
  },
): Email {
  return email(words.subject, [
    greeting(m.recipientName),
    '',
    `${oneLine(m.partnership.name)} has answered ${words.what}.`,
    '',
    `Its answer: ${ANSWER_LABELS[m.answer.kind]}.`,
    '',
    m.answer.reason,
    '',
    ...(m.partnership.isPublic ? [words.where[0], '', words.where[1], ''] : []),
    'Everything you have contributed, with its answers, is on your account:',
    '',
    `${m.baseUrl}/account/contributions`,
    '',
    `We send this email once for each ${words.each}, when it is first answered.`,
  ]);
}

// ----- Returns ------------------------------------------------------------------------------

/** Where a return stands: its current revision's status and number, or nothing yet. */
export type ReturnStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export interface ReturnAbout {
  readonly baseUrl: string;
  readonly recipientName: string;
  readonly partnership: { readonly name: string; readonly slug: string };
  readonly organisation: { readonly id: string; readonly name: string };
  readonly period: { readonly id: string; readonly label: string; readonly dueOn: string };
}

const returnUrl = (m: ReturnAbout) =>
  `${m.baseUrl}/manage/${m.partnership.slug}/organisations/${m.organisation.id}/returns/${m.period.id}`;

const whyYou = (m: ReturnAbout) =>
  `You are getting this email because you are an organisation lead or contributor for ${oneLine(m.organisation.name)} in ${oneLine(m.partnership.name)}. What Anchorage emails you about: ${m.baseUrl}${settingsPath}`;

const returnName = (m: ReturnAbout) =>
  `${oneLine(m.organisation.name)}’s ${oneLine(m.period.label)} return`;

export function returnSentBackEmail(
  m: ReturnAbout & { readonly queries: number; readonly today: string },
): Email {
  const queries =
    m.queries === 0 ? 'queries' : m.queries === 1 ? 'a query' : `${m.queries} queries`;
  const due =
    m.today > m.period.dueOn
      ? `It was due on ${formatDate(m.period.dueOn)}, so it is overdue until it is sent again.`
      : `It is due on ${formatDate(m.period.dueOn)}.`;
  return email(`${returnName(m)} has been returned with queries`, [
    greeting(m.recipientName),
    '',
    `A reviewer for ${oneLine(m.partnership.name)} has returned ${returnName(m)} with ${queries}.`,
    '',
    `Read and answer the queries, change any figures that need it, then send the return for review again. ${due}`,
    '',
    returnUrl(m),
    '',
    whyYou(m),
  ]);
}

// ----- A new charter version to sign --------------------------------------------------------

export interface CharterToSign {
  readonly baseUrl: string;
  readonly recipientName: string;
  readonly partnership: { readonly name: string; readonly slug: string };
  readonly organisation: { readonly id: string; readonly name: string };
  readonly version: { readonly number: number; readonly title: string; readonly adoptedOn: string };
  /** The latest earlier version the organisation signed, or null when it has signed none. */
  readonly signedBefore: number | null;
}

/**
 * To an organisation lead, when the partnership adopts a version their organisation has not
 * signed: sign it, or sign again when the organisation signed an earlier version (a signature
 * is for one version's words).
 */
export function charterToSignEmail(m: CharterToSign): Email {
  const org = oneLine(m.organisation.name);
  const v = m.version;
  const again = m.signedBefore !== null;
  return email(
    `${again ? 'Sign again' : 'Sign'}: ${oneLine(m.partnership.name)} has adopted version ${v.number} of its charter`,
    [
      greeting(m.recipientName),
      '',
      `${oneLine(m.partnership.name)} adopted version ${v.number} of its charter, “${oneLine(v.title)}”, on ${formatDate(v.adoptedOn)}.`,
      '',
      again
        ? `${org} signed version ${m.signedBefore}. A signature is for the words of one version, so ${org} is shown as not having signed version ${v.number} until it signs again. Read what changed, then sign on your organisation’s behalf and review your pledges:`
        : `${org} has not signed the charter yet. Read it, then sign on your organisation’s behalf and add your pledges:`,
      '',
      `${m.baseUrl}/manage/${m.partnership.slug}/organisations/${m.organisation.id}/charter`,
      '',
      `What changed from the version before: ${m.baseUrl}/p/${m.partnership.slug}/charter/versions/${v.number}`,
      '',
      `You are getting this email because you are an organisation lead for ${org} in ${oneLine(m.partnership.name)}. What Anchorage emails you about: ${m.baseUrl}${settingsPath}`,
    ],
  );
}

// ----- A local priority is answered ---------------------------------------------------------

export interface PriorityAnswered {
  readonly baseUrl: string;
  readonly recipientName: string;
  readonly partnership: {
    readonly name: string;
    readonly slug: string;
    readonly isPublic: boolean;
  };
  readonly priority: { readonly id: string; readonly title: string };
  readonly answer: { readonly kind: AnswerKind; readonly reason: string };
}

/** To the person who raised a local priority, when the partnership first answers it. */
export function priorityAnsweredEmail(m: PriorityAnswered): Email {
  const p = m.partnership;
  return answeredEmail(m, {
    subject: `${p.name} has answered your local priority`,
    what: `the local priority you raised, “${oneLine(m.priority.title)}”`,
    where: ['The priority and its answer:', `${m.baseUrl}/p/${p.slug}/priorities/${m.priority.id}`],
    each: 'priority',
  });
}

/** Where a return stands, in a sentence, for a reminder. */
function standing(status: ReturnStatus | null): string {
  if (status === null) return 'It has not been started.';
  if (status === 'returned')
    return 'It was returned with queries and has not been sent for review again.';
  return 'It is in progress and has not been sent for review.';
}

export function returnReminderEmail(
  m: ReturnAbout & {
    readonly kind: ReminderKind;
    readonly status: ReturnStatus | null;
    readonly today: string;
  },
): Email {
  const due = formatDate(m.period.dueOn);
  if (m.kind === 'return-overdue')
    return email(`${returnName(m)} is overdue`, [
      greeting(m.recipientName),
      '',
      `${returnName(m)} for ${oneLine(m.partnership.name)} was due on ${due}. ${standing(m.status)}`,
      '',
      'Please finish it and send it for review as soon as you can. If something is stopping you, tell the partnership’s lead.',
      '',
      returnUrl(m),
      '',
      whyYou(m),
    ]);
  const days = daysBetween(m.today, m.period.dueOn);
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days, on ${due}`;
  return email(days === 0 ? `${returnName(m)} is due today` : `${returnName(m)} is due on ${due}`, [
    greeting(m.recipientName),
    '',
    `${returnName(m)} for ${oneLine(m.partnership.name)} is due ${when}. ${standing(m.status)}`,
    '',
    'Fill it in and send it for review here:',
    '',
    returnUrl(m),
    '',
    whyYou(m),
  ]);
}

/** Whole days from one calendar date to another ("2025-06-23" to "2025-06-30" is 7). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ----- Who is due a reminder ----------------------------------------------------------------

export interface ReturnStanding {
  readonly periodId: string;
  readonly organisationId: string;
  readonly dueOn: string;
  /** The current revision's status, or null when the return has not been started. */
  readonly status: ReturnStatus | null;
  /** The current revision's number (a correction of an approved return is 2 or more). */
  readonly revision: number | null;
}

/**
 * The reminder a return is due on `today`, if any: "due soon" from DAYS_BEFORE_DUE days before
 * its due date up to the date itself, "overdue" from the day after for OVERDUE_CATCH_UP_DAYS
 * days. Only a return not yet sent for review is reminded about: not started, in progress, or
 * returned with queries. A correction of an approved return is not: its figures were in on time.
 * Each reminder is sent once (the service keeps a log), so a day within its window means "send
 * it if it has not been sent".
 */
export function reminderFor(r: ReturnStanding, today: string): ReminderKind | null {
  if (r.status === 'submitted' || r.status === 'approved') return null;
  if (r.revision !== null && r.revision > 1) return null;
  if (today >= addDays(r.dueOn, -DAYS_BEFORE_DUE) && today <= r.dueOn) return 'return-due-soon';
  if (today > r.dueOn && today <= addDays(r.dueOn, OVERDUE_CATCH_UP_DAYS)) return 'return-overdue';
  return null;
}

/** The periods whose returns may be due a reminder on `today`: due between these dates. */
export function reminderWindow(today: string): { readonly from: string; readonly to: string } {
  return { from: addDays(today, -OVERDUE_CATCH_UP_DAYS), to: addDays(today, DAYS_BEFORE_DUE) };
}

/** The returns due a reminder on `today`, each with which. */
export function remindersDue<R extends ReturnStanding>(
  returns: readonly R[],
  today: string,
): (R & { readonly kind: ReminderKind })[] {
  return returns.flatMap((r) => {
    const kind = reminderFor(r, today);
    return kind ? [{ ...r, kind }] : [];
  });
}

/** What the log calls a reminder's subject: the period and the organisation. */
export const reminderSubject = (r: Pick<ReturnStanding, 'periodId' | 'organisationId'>) =>
  `${r.periodId}:${r.organisationId}`;
