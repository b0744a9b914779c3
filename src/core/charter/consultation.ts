/**
 * A charter version's consultation with residents: when it is open, how suggestions are
 * moderated, and how the partnership answers each one ("you said, we did"). Pure.
 *
 * A consultation is open from the day it opens to the day it closes, both included. A
 * suggestion is published at once, or waits for a moderator when the version is pre-moderated.
 * A moderator can hide a suggestion, giving a reason that is shown in its place, and can restore
 * it later.
 */
import { isWebAddress, type Problem } from '../registers/entry-form.js';
import type { Tag } from '../return-states.js';
import { characterCount, textProblem } from './versions.js';

// ---------------------------------------------------------------------------------------------
// The window

export type ConsultationStatus = 'not-yet-open' | 'open' | 'closed';

/**
 * Whether a consultation has opened yet, is open or has closed, on `today`. All three are ISO
 * calendar dates ('2027-02-28'); it is open on the day it closes.
 */
export function consultationStatus(
  opens: string,
  closes: string,
  today: string,
): ConsultationStatus {
  if (today < opens) return 'not-yet-open';
  if (today > closes) return 'closed';
  return 'open';
}

// ---------------------------------------------------------------------------------------------
// Moderating suggestions

export const SUGGESTION_STATES = ['pending', 'published', 'hidden'] as const;

export type SuggestionState = (typeof SUGGESTION_STATES)[number];

export function isSuggestionState(value: string): value is SuggestionState {
  return (SUGGESTION_STATES as readonly string[]).includes(value);
}

export const SUGGESTION_STATE_LABELS: Readonly<Record<SuggestionState, string>> = {
  pending: 'Waiting for moderation',
  published: 'Published',
  hidden: 'Hidden',
};

export const SUGGESTION_STATE_TAGS: Readonly<Record<SuggestionState, Tag>> = {
  pending: { text: SUGGESTION_STATE_LABELS.pending, colour: 'blue' },
  published: { text: SUGGESTION_STATE_LABELS.published, colour: 'green' },
  hidden: { text: SUGGESTION_STATE_LABELS.hidden, colour: 'grey' },
};

/** 'keep': a published one reported, looked at and left published (its reports resolved). */
export type ModerationAction = 'approve' | 'hide' | 'restore' | 'keep';

export const MODERATION_ACTIONS = [
  'approve',
  'hide',
  'restore',
  'keep',
] as const satisfies readonly ModerationAction[];

/** The most characters in the reason shown in place of a hidden suggestion. */
export const MAX_HIDE_REASON = 500;

export type ModerationResult =
  | {
      readonly ok: true;
      readonly to: SuggestionState;
      /** When hiding: the reason shown in the suggestion's place, trimmed. */
      readonly publicReason?: string;
    }
  | { readonly ok: false; readonly reason: string };

/** A new suggestion's state: waiting for a moderator when the version is pre-moderated. */
export function initialState(preModeration: boolean): 'pending' | 'published' {
  return preModeration ? 'pending' : 'published';
}

const WRONG_STATE: Readonly<Record<ModerationAction, Readonly<Record<SuggestionState, string>>>> = {
  approve: {
    pending: '',
    published: 'This suggestion is already published.',
    hidden: 'This suggestion is hidden. Restore it to publish it again.',
  },
  hide: {
    pending: '',
    published: '',
    hidden: 'This suggestion is already hidden.',
  },
  restore: {
    pending: 'This suggestion is waiting for moderation. Approve it to publish it.',
    published: 'This suggestion is already published.',
    hidden: '',
  },
  keep: {
    pending: 'This suggestion is waiting for moderation. Approve it to publish it.',
    published: '',
    hidden: 'This suggestion is hidden. Restore it to publish it again.',
  },
};

/**
 * A moderator's action on a suggestion: approve a suggestion waiting for moderation, hide a
 * waiting or published one (with a reason of 1–500 characters, shown in its place), or restore a
 * hidden one. Returns the state it moves to, or a sentence saying why it cannot.
 */
export function moderate(
  from: SuggestionState,
  action: ModerationAction,
  reason?: string,
): ModerationResult {
  const wrong = WRONG_STATE[action]?.[from];
  if (wrong === undefined) return { ok: false, reason: 'This cannot be done to a suggestion.' };
  if (wrong !== '') return { ok: false, reason: wrong };
  if (action !== 'hide') return { ok: true, to: 'published' };
  const publicReason = typeof reason === 'string' ? reason.trim() : '';
  const problem = textProblem('reason', 'the reason', publicReason, {
    max: MAX_HIDE_REASON,
    required: true,
    lineBreaks: true,
  });
  if (problem) {
    const text =
      problem.text === 'Enter the reason'
        ? 'Enter the reason for hiding this suggestion. It is shown in the suggestion’s place.'
        : `${problem.text}.`;
    return { ok: false, reason: text };
  }
  return { ok: true, to: 'hidden', publicReason };
}

// ---------------------------------------------------------------------------------------------
// Answering suggestions

export const ANSWER_KINDS = [
  'accepted',
  'partly-accepted',
  'not-taken-forward',
  'already-covered',
] as const;

export type AnswerKind = (typeof ANSWER_KINDS)[number];

export function isAnswerKind(value: string): value is AnswerKind {
  return (ANSWER_KINDS as readonly string[]).includes(value);
}

export const ANSWER_LABELS: Readonly<Record<AnswerKind, string>> = {
  accepted: 'Accepted',
  'partly-accepted': 'Partly accepted',
  'not-taken-forward': 'Not taken forward',
  'already-covered': 'Already covered',
};

export const MAX_ANSWER_REASON = 2000;
export const MAX_ANSWER_LINKS = 10;
const MAX_LINK = 2000;

export interface AnswerInput {
  readonly kind?: string | undefined;
  readonly reason?: string | undefined;
  readonly links?: readonly string[] | undefined;
}

export interface AnswerValues {
  readonly kind: AnswerKind;
  /** Trimmed. */
  readonly reason: string;
  /** Trimmed, with empty boxes left out. */
  readonly links: readonly string[];
}

export type AnswerRead =
  | { readonly ok: true; readonly values: AnswerValues }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Reads the partnership's answer to a suggestion: how it was answered, why (1–2,000
 * characters, always: residents see the reason whatever the answer) and up to 10 links to where
 * the change can be seen.
 */
export function readAnswer(input: AnswerInput): AnswerRead {
  const problems: Problem[] = [];
  const kind = typeof input.kind === 'string' ? input.kind.trim() : '';
  if (!isAnswerKind(kind))
    problems.push({ field: 'kind', text: 'Select how the suggestion was answered' });

  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  const reasonProblem = textProblem('reason', 'the reason', reason, {
    max: MAX_ANSWER_REASON,
    required: true,
    lineBreaks: true,
  });
  if (reasonProblem)
    problems.push(
      reasonProblem.text === 'Enter the reason'
        ? { field: 'reason', text: 'Enter the reason for this answer' }
        : reasonProblem,
    );

  const raw = Array.isArray(input.links) ? (input.links as readonly unknown[]) : [];
  const links = raw.map((l) => (typeof l === 'string' ? l.trim() : '')).filter((l) => l !== '');
  if (links.length > MAX_ANSWER_LINKS)
    problems.push({
      field: 'links',
      text: `Add ${MAX_ANSWER_LINKS} links or fewer`,
    });
  else
    links.forEach((link, i) => {
      if (link.length > MAX_LINK || !isWebAddress(link))
        problems.push({
          field: 'links',
          text:
            links.length === 1
              ? 'The link must be a web address starting with https://'
              : `Link ${i + 1} must be a web address starting with https://`,
        });
    });

  return problems.length > 0 || !isAnswerKind(kind)
    ? { ok: false, problems }
    : { ok: true, values: { kind, reason, links } };
}

// ---------------------------------------------------------------------------------------------
// A resident's name

export const MAX_DISPLAY_NAME = 60;

const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} '’.-]+$/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/**
 * The problems with the name a resident gives to be shown with a suggestion, as it will be
 * stored (trim it first). It is optional; when given it has 1–60 characters: letters, numbers,
 * spaces, hyphens, apostrophes and full stops, with at least one letter or number. An email
 * address is refused, as the name is shown to everyone.
 */
export function validateDisplayName(name: string | null | undefined): Problem[] {
  const field = 'displayName';
  if (typeof name !== 'string' || name.trim() === '') return [];
  if (name.includes('@'))
    return [
      {
        field,
        text: 'Enter a name, not an email address. Your name is shown to everyone who reads the consultation',
      },
    ];
  if (characterCount(name) > MAX_DISPLAY_NAME)
    return [{ field, text: `Your name must be ${MAX_DISPLAY_NAME} characters or fewer` }];
  if (!NAME_CHARACTERS.test(name))
    return [
      {
        field,
        text: 'Your name can only include letters, numbers, spaces, hyphens, apostrophes and full stops',
      },
    ];
  if (!LETTER_OR_NUMBER.test(name))
    return [{ field, text: 'Your name must include at least one letter or number' }];
  return [];
}
