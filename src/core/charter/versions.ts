/**
 * Where a version of a partnership's Social Value Charter stands, and the checks on its
 * principles and commitments. Pure.
 *
 * A version moves draft → consultation → adopted → superseded, with one step back: a
 * consultation that no one has responded to yet can be withdrawn to edit the draft. There is no
 * short cut from draft to adopted: residents see every version before it is adopted. An adopted
 * version is superseded only when another version of the same charter is adopted. Only a draft's
 * words can change.
 */
import { formatDate } from '../dates.js';
import { addDays } from '../periods.js';
import { isPillarId } from '../pillars.js';
import type { Problem } from '../registers/entry-form.js';
import type { Tag } from '../return-states.js';

export const CHARTER_STATES = ['draft', 'consultation', 'adopted', 'superseded'] as const;

export type CharterState = (typeof CHARTER_STATES)[number];

export function isCharterState(value: string): value is CharterState {
  return (CHARTER_STATES as readonly string[]).includes(value);
}

/** The words for each state, one each, used on every page. */
export const CHARTER_STATE_LABELS: Readonly<Record<CharterState, string>> = {
  draft: 'Draft',
  consultation: 'Out for consultation',
  adopted: 'Adopted',
  superseded: 'Replaced by a later version',
};

/** Each state's tag, for the `tag` macro (src/views/partials/tags.njk). */
export const CHARTER_STATE_TAGS: Readonly<Record<CharterState, Tag>> = {
  draft: { text: CHARTER_STATE_LABELS.draft, colour: 'grey' },
  consultation: { text: CHARTER_STATE_LABELS.consultation, colour: 'blue' },
  adopted: { text: CHARTER_STATE_LABELS.adopted, colour: 'green' },
  superseded: { text: CHARTER_STATE_LABELS.superseded, colour: 'grey' },
};

/** Each state's NHS tag modifier class, like 'nhsuk-tag--green'. */
export const CHARTER_STATE_TAG_COLOURS: Readonly<Record<CharterState, string>> = {
  draft: `nhsuk-tag--${CHARTER_STATE_TAGS.draft.colour}`,
  consultation: `nhsuk-tag--${CHARTER_STATE_TAGS.consultation.colour}`,
  adopted: `nhsuk-tag--${CHARTER_STATE_TAGS.adopted.colour}`,
  superseded: `nhsuk-tag--${CHARTER_STATE_TAGS.superseded.colour}`,
};

export type CharterTransition =
  'open-consultation' | 'withdraw-consultation' | 'adopt' | 'supersede';

export const CHARTER_TRANSITIONS = [
  'open-consultation',
  'withdraw-consultation',
  'adopt',
  'supersede',
] as const satisfies readonly CharterTransition[];

/** The one state each transition starts from, and where it leads. */
export const TRANSITION_STEPS: Readonly<
  Record<CharterTransition, { readonly from: CharterState; readonly to: CharterState }>
> = {
  'open-consultation': { from: 'draft', to: 'consultation' },
  'withdraw-consultation': { from: 'consultation', to: 'draft' },
  adopt: { from: 'consultation', to: 'adopted' },
  supersede: { from: 'adopted', to: 'superseded' },
};

/** What each transition is checked against. Dates are ISO calendar dates, like '2027-02-28'. */
export interface TransitionContexts {
  readonly 'open-consultation': {
    /** How many commitments the version has. */
    readonly commitments: number;
    readonly opens: string | null | undefined;
    readonly closes: string | null | undefined;
    readonly today: string;
  };
  readonly 'withdraw-consultation': {
    /** How many responses residents have made to the consultation. */
    readonly responses: number;
  };
  readonly adopt: {
    readonly closes: string | null | undefined;
    readonly today: string;
    readonly unansweredSuggestions: number;
  };
  readonly supersede: {
    /** Whether another version of the same charter is being adopted in its place. */
    readonly anotherVersionAdopted: boolean;
  };
}

export type TransitionResult =
  | { readonly ok: true; readonly to: CharterState }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): TransitionResult => ({ ok: false, reason });

/** Why a transition cannot start from a state it does not start from. */
function wrongState(from: CharterState, t: CharterTransition): string {
  if (from === 'superseded')
    return 'This version has been replaced by a later version and cannot change.';
  switch (t) {
    case 'open-consultation':
      return from === 'consultation'
        ? 'This version is already out for consultation.'
        : 'This version has been adopted. Start a new draft to change the charter.';
    case 'withdraw-consultation':
      return from === 'draft'
        ? 'This version is not out for consultation.'
        : 'This version has been adopted, so its consultation cannot be withdrawn.';
    case 'adopt':
      return from === 'draft'
        ? 'Open a consultation on this version before adopting it. Residents see every version before it is adopted.'
        : 'This version has already been adopted.';
    case 'supersede':
      return from === 'draft'
        ? 'This version is a draft. Only an adopted version can be replaced.'
        : 'This version is out for consultation. Only an adopted version can be replaced.';
  }
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar date written as yyyy-mm-dd. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === value;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * Whether a version in state `from` may take transition `t`, and the state it moves to; if not,
 * a sentence saying why, for the partnership lead. Anything missing from the context refuses.
 */
export function transition<T extends CharterTransition>(
  from: CharterState,
  t: T,
  ctx: TransitionContexts[T],
): TransitionResult {
  const step: { readonly from: CharterState; readonly to: CharterState } | undefined =
    TRANSITION_STEPS[t];
  if (!step || !isCharterState(from)) return refuse('This change cannot be made to a version.');
  if (from !== step.from) return refuse(wrongState(from, t));
  switch (t) {
    case 'open-consultation': {
      const c = (ctx ?? {}) as TransitionContexts['open-consultation'];
      if (!isCount(c.commitments) || c.commitments < 1)
        return refuse('Add at least one commitment before opening a consultation.');
      if (!isIsoDate(c.opens) || !isIsoDate(c.closes))
        return refuse('Enter the dates the consultation opens and closes.');
      if (c.closes <= c.opens) return refuse('The consultation must close after the day it opens.');
      if (!isIsoDate(c.today) || c.closes < c.today)
        return refuse('The consultation’s closing date has passed. Choose a later closing date.');
      break;
    }
    case 'withdraw-consultation': {
      const c = (ctx ?? {}) as TransitionContexts['withdraw-consultation'];
      if (!isCount(c.responses))
        return refuse('The consultation cannot be withdrawn: its responses could not be counted.');
      if (c.responses > 0)
        return refuse(
          `Residents have already responded to this consultation (${c.responses} ${plural(c.responses, 'response', 'responses')}), so it cannot be withdrawn. Let it close and answer the responses.`,
        );
      break;
    }
    case 'adopt': {
      const c = (ctx ?? {}) as TransitionContexts['adopt'];
      if (!isIsoDate(c.closes))
        return refuse('This consultation has no closing date. It must close before adoption.');
      if (!isIsoDate(c.today) || c.today <= c.closes)
        return refuse(
          `The consultation is open until ${formatDate(c.closes)}. You can adopt this version from ${formatDate(addDays(c.closes, 1))}.`,
        );
      if (!isCount(c.unansweredSuggestions))
        return refuse('Answer every suggestion before adopting this version.');
      if (c.unansweredSuggestions > 0)
        return refuse(
          c.unansweredSuggestions === 1
            ? 'Answer the suggestion still waiting before adopting this version.'
            : `Answer the ${c.unansweredSuggestions} suggestions still waiting before adopting this version.`,
        );
      break;
    }
    case 'supersede': {
      const c = (ctx ?? {}) as TransitionContexts['supersede'];
      if (c.anotherVersionAdopted !== true)
        return refuse(
          'An adopted version is replaced only when another version of the charter is adopted.',
        );
      break;
    }
  }
  return { ok: true, to: step.to };
}

/** Whether a version's words (its title, summary, principles and commitments) can change. */
export function isEditable(state: CharterState): boolean {
  return state === 'draft';
}

// ---------------------------------------------------------------------------------------------
// Principles and commitments

export const MAX_TITLE = 200;
export const MAX_TEXT = 2000;
export const MAX_INDICATORS = 20;
/** An item's key: its identity across versions, like 'C-W1' (as charter_items.key). */
export const ITEM_KEY = /^[A-Z][A-Z0-9-]{0,19}$/;
/** An indicator code from the framework, like 'W1'. */
export const INDICATOR_CODE = /^[A-Z][A-Z0-9]{0,9}$/;

export interface CommitmentInput {
  readonly pillar: string;
  readonly title: string;
  readonly text: string;
  readonly indicatorCodes: readonly string[];
  readonly key?: string | undefined;
}

export interface PrincipleInput {
  readonly title: string;
  readonly text: string;
  readonly key?: string | undefined;
}

/** Characters as the database counts them: code points, not UTF-16 units. */
export function characterCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

// C0 and C1 control characters and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The same less tab, line feed, and a carriage return that starts a Windows line break.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;

/**
 * Whether text has a control character. Line breaks (LF, or CR LF as browsers send them) and
 * tabs are allowed when `lineBreaks` is true; nothing of the kind is allowed in a one-line field.
 */
export function hasControlCharacters(s: string, lineBreaks: boolean): boolean {
  return (lineBreaks ? CONTROL_IN_TEXT : CONTROL).test(s);
}

/**
 * The problem, if any, with a piece of text the partnership or a resident writes: required or
 * not, at most `max` characters, and no control characters (a one-line field has no line
 * breaks or tabs either). `name` is how the message names the field: 'the title'.
 */
export function textProblem(
  field: string,
  name: string,
  value: unknown,
  opts: { readonly max: number; readonly required: boolean; readonly lineBreaks: boolean },
): Problem | null {
  const s = typeof value === 'string' ? value : '';
  if (s.trim() === '') return opts.required ? { field, text: `Enter ${name}` } : null;
  const Name = name.charAt(0).toUpperCase() + name.slice(1);
  if (characterCount(s) > opts.max)
    return {
      field,
      text: `${Name} must be ${opts.max.toLocaleString('en-GB')} characters or fewer`,
    };
  if (hasControlCharacters(s, opts.lineBreaks))
    return {
      field,
      text: opts.lineBreaks
        ? `${Name} must not contain control characters (only line breaks and tabs are allowed)`
        : `${Name} must be on one line, without tabs or other control characters`,
    };
  return null;
}

function keyProblems(key: string | undefined): Problem[] {
  if (key === undefined) return [];
  return ITEM_KEY.test(key)
    ? []
    : [
        {
          field: 'key',
          text: 'The reference must start with a capital letter and use only capital letters, numbers and hyphens, up to 20 characters, like C-W1',
        },
      ];
}

/**
 * The problems with a commitment as it will be stored (trim it first): its pillar, title (1–200
 * characters), text (1–2,000), the indicators that show whether it is kept (at most 20, each
 * named once) and, when given, its reference.
 */
export function validateCommitment(input: CommitmentInput): Problem[] {
  const problems: Problem[] = [];
  if (typeof input.pillar !== 'string' || !isPillarId(input.pillar))
    problems.push({ field: 'pillar', text: 'Select the pillar the commitment belongs to' });
  const title = textProblem('title', 'the title', input.title, {
    max: MAX_TITLE,
    required: true,
    lineBreaks: false,
  });
  if (title) problems.push(title);
  const text = textProblem('text', 'the commitment', input.text, {
    max: MAX_TEXT,
    required: true,
    lineBreaks: true,
  });
  if (text) problems.push(text);
  const codes = Array.isArray(input.indicatorCodes) ? input.indicatorCodes : [];
  if (codes.length > MAX_INDICATORS)
    problems.push({
      field: 'indicatorCodes',
      text: `Choose ${MAX_INDICATORS} indicators or fewer`,
    });
  else {
    const bad = codes.filter((c) => typeof c !== 'string' || !INDICATOR_CODE.test(c));
    if (bad.length > 0)
      problems.push({
        field: 'indicatorCodes',
        text: 'Each indicator must be a code from the framework, like W1',
      });
    else if (new Set(codes).size !== codes.length)
      problems.push({ field: 'indicatorCodes', text: 'Choose each indicator only once' });
  }
  problems.push(...keyProblems(input.key));
  return problems;
}

/** The problems with a principle as it will be stored (trim it first): title and text. */
export function validatePrinciple(input: PrincipleInput): Problem[] {
  const problems: Problem[] = [];
  const title = textProblem('title', 'the title', input.title, {
    max: MAX_TITLE,
    required: true,
    lineBreaks: false,
  });
  if (title) problems.push(title);
  const text = textProblem('text', 'the principle', input.text, {
    max: MAX_TEXT,
    required: true,
    lineBreaks: true,
  });
  if (text) problems.push(text);
  problems.push(...keyProblems(input.key));
  return problems;
}
