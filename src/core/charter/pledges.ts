/**
 * How an organisation's pledge is going: its indicator's latest figure for the organisation
 * against the pledge's target, compared as shown (the status rule's precision), or in words
 * when the pledge has no indicator. Pure.
 */
import { formatDate } from '../dates.js';
import { roundAsShown } from '../framework/format.js';
import type { Direction, Frequency, Unit } from '../framework/types.js';

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
  /** The period it is for ("Q4 2025/26", "2025/26"). */
  readonly label: string;
  /** The last day of that period, ISO. */
  readonly endsOn: string;
}

/** The financial year a period's label names: "Q4 2025/26" and "2025/26" are in "2025/26". */
export const yearOfLabel = (label: string) => label.replace(/^Q[1-4] /, '');

export interface PledgeProgress {
  readonly state: PledgeState;
  /** The figure it rests on: the latest known one for the organisation. */
  readonly latest: PledgeFigure | null;
}

export const PLEDGE_RULE =
  'A pledge with an indicator is compared with the organisation’s latest known figure for that ' +
  'indicator, rounded as it is shown. Where the indicator counts something each quarter (people, ' +
  'hours, money), that figure is the total of a financial year’s four quarters; a year not yet ' +
  'complete counts only once its quarters so far reach the target. A pledge is met when its ' +
  'figure reaches the target (at or above it where higher is better, at or below it where lower ' +
  'is better). A pledge not met by its date says so; one whose indicator has no known figure for ' +
  'the organisation has no figure yet. A pledge without an indicator is reported in words.';

/** Units whose quarterly figures add up to the year's: how many, how long, how much. */
const ADDS_UP_OVER_TIME: ReadonlySet<Unit> = new Set<Unit>(['count', 'hours', '£']);

/** Whether a pledge on this indicator is judged on a financial year's total of its quarters. */
export function judgedOnYearTotal(indicator: {
  readonly unit: Unit;
  readonly frequency: Frequency;
}): boolean {
  return indicator.frequency === 'quarterly' && ADDS_UP_OVER_TIME.has(indicator.unit);
}

/**
 * Quarterly figures as the financial years' totals: one per year with a known quarter, complete
 * when all four quarters are known, otherwise "so far" with the quarters it covers.
 */
export function yearTotals(
  quarters: readonly PledgeFigure[],
): { readonly figure: PledgeFigure; readonly complete: boolean }[] {
  const byYear = new Map<string, PledgeFigure[]>();
  for (const q of quarters) {
    // Only quarters add up to a year: a year's own figure, where there is one, is not a quarter.
    if (q.value === null || !Number.isFinite(q.value) || !/^Q[1-4] /.test(q.label)) continue;
    const year = yearOfLabel(q.label);
    const list = byYear.get(year) ?? [];
    if (!list.some((k) => k.endsOn === q.endsOn)) list.push(q);
    byYear.set(year, list);
  }
  return [...byYear.entries()].map(([year, known]) => {
    known.sort((a, b) => (a.endsOn < b.endsOn ? -1 : 1));
    const complete = known.length >= 4;
    const last = known[known.length - 1] as PledgeFigure;
    const total = known.reduce((sum, q) => sum + (q.value ?? 0), 0);
    return {
      complete,
      figure: {
        value: total,
        label: complete
          ? year
          : `${year} so far (${known.map((q) => q.label.split(' ')[0]).join(', ')})`,
        endsOn: last.endsOn,
      },
    };
  });
}

const byEnd = (a: PledgeFigure, b: PledgeFigure) =>
  a.endsOn < b.endsOn ? -1 : a.endsOn > b.endsOn ? 1 : 0;

/**
 * The state of a pledge on `today`: the latest known figure (by period end) decides it; a pledge
 * whose date has passed without meeting its target is missed. On an indicator counted each
 * quarter, the figure is a financial year's total (judgedOnYearTotal).
 */
export function pledgeProgress(
  pledge: {
    readonly targetValue: number | null;
    readonly dueOn: string;
    readonly withdrawnOn: string | null;
  },
  indicator: {
    readonly unit: Unit;
    readonly direction: Direction;
    readonly frequency: Frequency;
  } | null,
  figures: readonly PledgeFigure[],
  today: string,
): PledgeProgress {
  const known = figures.filter((f) => f.value !== null && Number.isFinite(f.value)).sort(byEnd);
  if (indicator && judgedOnYearTotal(indicator))
    return onYearTotals(pledge, indicator, figures, today);
  const latest = known[known.length - 1] ?? null;
  if (pledge.withdrawnOn !== null) return { state: 'withdrawn', latest };
  if (pledge.targetValue === null || indicator === null) return { state: 'in-words', latest };
  if (!latest || latest.value === null) return { state: 'no-figure', latest: null };
  if (meets(latest.value, pledge.targetValue, indicator)) return { state: 'met', latest };
  return { state: today > pledge.dueOn ? 'missed' : 'not-yet', latest };
}

function meets(
  value: number,
  target: number,
  indicator: { readonly unit: Unit; readonly direction: Direction },
): boolean {
  const shown = roundAsShown(value, indicator.unit);
  const wanted = roundAsShown(target, indicator.unit);
  return indicator.direction === 'higher' ? shown >= wanted : shown <= wanted;
}

function onYearTotals(
  pledge: Parameters<typeof pledgeProgress>[0],
  indicator: { readonly unit: Unit; readonly direction: Direction },
  quarters: readonly PledgeFigure[],
  today: string,
): PledgeProgress {
  const years = yearTotals(quarters).sort((a, b) => byEnd(a.figure, b.figure));
  const complete = years.filter((y) => y.complete).map((y) => y.figure);
  const lastComplete = complete[complete.length - 1] ?? null;
  const lastYear = years[years.length - 1];
  const soFar =
    lastYear &&
    !lastYear.complete &&
    (!lastComplete || lastYear.figure.endsOn > lastComplete.endsOn)
      ? lastYear.figure
      : null;
  const latest = soFar ?? lastComplete;
  if (pledge.withdrawnOn !== null) return { state: 'withdrawn', latest };
  if (pledge.targetValue === null) return { state: 'in-words', latest };
  const target = pledge.targetValue;
  // A year not yet complete can meet the target early; it cannot miss it.
  if (
    soFar &&
    soFar.value !== null &&
    indicator.direction === 'higher' &&
    meets(soFar.value, target, indicator)
  )
    return { state: 'met', latest: soFar };
  if (lastComplete && lastComplete.value !== null) {
    if (meets(lastComplete.value, target, indicator)) return { state: 'met', latest: lastComplete };
    return { state: today > pledge.dueOn ? 'missed' : 'not-yet', latest: lastComplete };
  }
  if (soFar) return { state: today > pledge.dueOn ? 'no-figure' : 'not-yet', latest: soFar };
  return { state: 'no-figure', latest: null };
}

/** "By 31 March 2027". */
export function dueText(dueOn: string): string {
  return `By ${formatDate(dueOn)}`;
}
