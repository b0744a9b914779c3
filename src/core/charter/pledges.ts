/**
 * How an organisation's pledge is going: its indicator's latest figure for the organisation
 * against the pledge's target, compared as shown (the status rule's precision), or in words
 * when the pledge has no indicator. Pure.
 */
import { formatDate } from '../dates.js';
import { roundAsShown } from '../framework/format.js';
import type { Direction, Unit } from '../framework/types.js';

export type PledgeState =
  'met' | 'not-yet' | 'missed' | 'no-figure' | 'in-words' | 'not-published' | 'withdrawn';

export const PLEDGE_STATE_LABELS: Record<PledgeState, string> = {
  met: 'Target met',
  'not-yet': 'Not met yet',
  missed: 'Not met by its date',
  'no-figure': 'No figure yet',
  'in-words': 'Reported in words',
  'not-published': 'Only the partnership total is published',
  withdrawn: 'Withdrawn',
};

/** NHS.UK tag colours for each state. */
export const PLEDGE_STATE_COLOURS: Record<PledgeState, string> = {
  met: 'green',
  'not-yet': 'blue',
  missed: 'red',
  'no-figure': 'grey',
  'in-words': 'white',
  'not-published': 'white',
  withdrawn: 'grey',
};

export interface PledgeFigure {
  /** The figure, or null when it is not known. */
  readonly value: number | null;
  /** The period it is for ("2025/26"). */
  readonly label: string;
  /** The last day of that period, ISO. */
  readonly endsOn: string;
}

export interface PledgeProgress {
  readonly state: PledgeState;
  /** The figure it rests on: the latest known one for the organisation. */
  readonly latest: PledgeFigure | null;
}

export const PLEDGE_RULE =
  'A pledge with an indicator is compared with the organisation’s latest known figure for that ' +
  'indicator, rounded as it is shown. It is met when that figure reaches the target (at or above ' +
  'it where higher is better, at or below it where lower is better). A pledge not met by its date ' +
  'says so; one whose indicator has no known figure for the organisation has no figure yet. A ' +
  'pledge without an indicator is reported in words.';

/**
 * The state of a pledge on `today`: the latest known figure (by period end) decides it; a pledge
 * whose date has passed without meeting its target is missed.
 */
export function pledgeProgress(
  pledge: {
    readonly targetValue: number | null;
    readonly dueOn: string;
    readonly withdrawnOn: string | null;
  },
  indicator: { readonly unit: Unit; readonly direction: Direction } | null,
  figures: readonly PledgeFigure[],
  today: string,
): PledgeProgress {
  const known = figures
    .filter((f) => f.value !== null && Number.isFinite(f.value))
    .sort((a, b) => (a.endsOn < b.endsOn ? -1 : a.endsOn > b.endsOn ? 1 : 0));
  const latest = known[known.length - 1] ?? null;
  if (pledge.withdrawnOn !== null) return { state: 'withdrawn', latest };
  if (pledge.targetValue === null || indicator === null) return { state: 'in-words', latest };
  if (!latest || latest.value === null) return { state: 'no-figure', latest: null };
  const shown = roundAsShown(latest.value, indicator.unit);
  const target = roundAsShown(pledge.targetValue, indicator.unit);
  const met = indicator.direction === 'higher' ? shown >= target : shown <= target;
  if (met) return { state: 'met', latest };
  return { state: today > pledge.dueOn ? 'missed' : 'not-yet', latest };
}

/** "By 31 March 2027". */
export function dueText(dueOn: string): string {
  return `By ${formatDate(dueOn)}`;
}
