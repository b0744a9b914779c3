/**
 * What each participant page shows, built once for the GET and for a form sent back with
 * problems. Passwords are never among the values shown again (validateForm drops them).
 */
import { formatDate, formatDateTime } from '../../core/dates.js';
import {
  DELETE_CHOICE_LABELS,
  DELETE_CHOICES,
  SIGN_IN_LINK_MINUTES,
  type DeleteChoice,
} from '../../core/participants/accounts.js';
import {
  STANCE_LABELS,
  answerLabel,
  contributionCount,
  stateLabel,
  type Contributions,
  type PublicAnswer,
} from '../../core/participants/contributions.js';
import { pillarTitle } from '../../core/pillars.js';
import { noErrors, type FormErrors } from '../../http/form-errors.js';
import type { AccountDeletionCounts } from './participants.service.js';

export const V = 'features/participants/views';

/** Where a participant goes once signed in, unless they came from somewhere. */
export const CONTRIBUTIONS_PATH = '/account/contributions';

const BACK_TO_ACCOUNT = { href: '/account', text: 'Back to your account' };

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

export const blankForm = (values: Record<string, unknown> = {}): FormState => ({
  errors: noErrors,
  values,
});

/** "?next=…" for a link or a form's address that carries where to go afterwards. */
const nextQuery = (next: string | undefined) => (next ? `?next=${encodeURIComponent(next)}` : '');

export function joinPage(form: FormState, next: string | undefined) {
  return {
    title: 'Create an account to take part',
    ...form,
    next,
    signInHref: `/sign-in${nextQuery(next)}`,
    linkHref: `/sign-in/link${nextQuery(next)}`,
  };
}

export function joinSentPage() {
  return { title: 'Check your email', minutes: SIGN_IN_LINK_MINUTES };
}

export function linkRequestPage(form: FormState, next: string | undefined) {
  return { title: 'Sign in with a link sent by email', ...form, next };
}

export function linkSentPage() {
  return { title: 'Check your email', minutes: SIGN_IN_LINK_MINUTES };
}

export function linkUsePage(joining: boolean, next: string | undefined) {
  return {
    title: joining ? 'Finish creating your account' : 'Sign in to Anchorage',
    joining,
    next,
  };
}

export function linkExpiredPage() {
  return { title: 'This link has expired', minutes: SIGN_IN_LINK_MINUTES };
}

// ---------------------------------------------------------------------------------------------
// What you have contributed

/** A row of a card; a multiline value (what someone wrote) keeps its line breaks. */
interface Row {
  readonly key: string;
  readonly value: string;
  readonly multiline: boolean;
}

const row = (key: string, value: string, multiline = false): Row => ({ key, value, multiline });

function answerRows(answer: PublicAnswer | null): Row[] {
  if (!answer) return [row('Answer', 'Not answered yet')];
  return [
    row('Answer', `${answerLabel(answer.kind)}, ${formatDate(answer.answeredAt)}`),
    row('Why', answer.reason, true),
    ...(answer.commitmentKeys.length > 0
      ? [row('Commitments it led to', answer.commitmentKeys.join(', '))]
      : []),
  ];
}

function moderationRows(state: string, hiddenReason: string | null): Row[] {
  return [
    row('Shown in public', stateLabel(state)),
    ...(state === 'hidden' && hiddenReason ? [row('Why it is hidden', hiddenReason, true)] : []),
  ];
}

const nameShown = (name: string | null) => name ?? 'Anonymous';

export function contributionsPage(
  c: Contributions,
  canDelete: boolean,
  areaName: (code: string) => string = (code) => code,
) {
  const responses = c.responses.map((r) => {
    const about = r.commitmentKey
      ? `commitment ${r.commitmentKey}${r.commitmentTitle ? `: ${r.commitmentTitle}` : ''}`
      : `suggested new commitment: ${r.suggestedTitle ?? ''}`;
    return {
      heading: `${r.partnershipName}, charter version ${r.versionNumber}, ${about}`,
      rows: [
        row('Partnership', r.partnershipName),
        row('Charter version', `${r.versionNumber}: ${r.versionTitle}`),
        r.commitmentKey
          ? row(
              'Commitment',
              `${r.commitmentKey}${r.commitmentTitle ? ` ${r.commitmentTitle}` : ''}`,
            )
          : row('Suggested new commitment', r.suggestedTitle ?? ''),
        ...(r.pillar && !r.commitmentKey ? [row('Pillar', pillarTitle(r.pillar))] : []),
        ...(r.stance ? [row('Your view', STANCE_LABELS[r.stance])] : []),
        ...(r.comment ? [row('Your comment', r.comment, true)] : []),
        ...(r.amendment
          ? [
              row(
                r.commitmentKey ? 'Your suggested change' : 'Your suggested words',
                r.amendment,
                true,
              ),
            ]
          : []),
        row('Name shown', nameShown(r.displayName)),
        row('Sent', formatDateTime(r.createdAt)),
        ...moderationRows(r.state, r.hiddenReason),
        ...(r.answer || r.amendment || !r.commitmentKey ? answerRows(r.answer) : []),
      ],
    };
  });
  const priorities = c.priorities.map((p) => ({
    heading: `${p.partnershipName}: ${p.title}`,
    rows: [
      row('Partnership', p.partnershipName),
      row('Title', p.title),
      row('Description', p.description, true),
      row('Pillar', pillarTitle(p.pillar)),
      ...(p.area ? [row('Area', areaName(p.area))] : []),
      row('Name shown', nameShown(p.displayName)),
      row('Raised', formatDateTime(p.createdAt)),
      row('Supporters', p.supporters.toLocaleString('en-GB')),
      ...moderationRows(p.state, p.hiddenReason),
      ...answerRows(p.answer),
    ],
  }));
  const supports = c.supports.map((s) => [
    { text: s.partnershipName },
    { text: s.priorityTitle ?? `A priority that is ${stateLabel(s.priorityState).toLowerCase()}` },
    { text: formatDate(s.supportedAt) },
  ]);
  const flags = c.flags.map((f) => [
    { text: f.partnershipName },
    { text: f.about === 'response' ? 'A response' : 'A local priority' },
    { text: f.reason },
    { text: formatDate(f.createdAt) },
    { text: f.resolvedAt ? 'Looked at by a moderator' : 'Waiting for a moderator' },
  ]);
  const surveys = c.surveys.map((s) => ({
    heading: `${s.partnershipName}, charter version ${s.versionNumber}, survey`,
    rows: [
      row('Partnership', s.partnershipName),
      row('Charter version', String(s.versionNumber)),
      row('Answered', formatDateTime(s.createdAt)),
      ...s.answers.map((a) => row(a.question, a.answer || 'Not answered', true)),
      row('Area of your home postcode', s.area ? areaName(s.area) : 'Not given'),
      row(
        'Deprivation decile of your neighbourhood',
        s.imdDecile === null ? 'Not known' : String(s.imdDecile),
      ),
    ],
  }));
  return {
    title: 'What you have contributed',
    back: BACK_TO_ACCOUNT,
    email: c.account.email,
    total: contributionCount(c),
    responses,
    priorities,
    supports,
    flags,
    surveys,
    canDelete,
  };
}

// ---------------------------------------------------------------------------------------------
// Deleting the account

export function deletePage(form: FormState) {
  const chosen = form.values.contributions;
  return {
    title: 'Delete your account',
    back: { href: CONTRIBUTIONS_PATH, text: 'Back to what you have contributed' },
    ...form,
    choices: DELETE_CHOICES.map((value: DeleteChoice) => ({
      value,
      text: DELETE_CHOICE_LABELS[value],
      hint: {
        text:
          value === 'anonymise'
            ? 'Your responses, priorities and survey answers stay, with no name beside them. Nobody can tell they were yours.'
            : 'Your responses, priorities and survey answers are deleted. A priority that other people support, or that the partnership has answered, stays but with no name beside it.',
      },
      checked: chosen === value,
    })),
  };
}

export function staffDeletePage() {
  return { title: 'Delete your account', back: BACK_TO_ACCOUNT };
}

/** What deleting the account did, kept in the (new, signed-out) session for the page that says so. */
export interface DeletedSummary {
  readonly choice: DeleteChoice;
  readonly counts: AccountDeletionCounts;
}

export function deletedPage(summary: DeletedSummary | undefined) {
  return { title: 'Your account has been deleted', summary };
}
