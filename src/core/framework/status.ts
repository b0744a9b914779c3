/**
 * Status against target: a straight line from the baseline to the next target gives the figure
 * expected by the date of the latest figure; the shortfall from it decides the status. Pure.
 */
import type { Direction } from './types.js';

export type Status = 'on-track' | 'at-risk' | 'off-track' | 'no-data';

export interface Dated {
  readonly value: number;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
}

/** How far behind the trajectory an indicator may be and still be "at risk" (5%). */
export const DEFAULT_TOLERANCE = 0.05;

export const STATUS_LABELS: Record<Status, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  'no-data': 'No data',
};

/** NHS.UK tag colours for each status. */
export const STATUS_COLOURS: Record<Status, string> = {
  'on-track': 'green',
  'at-risk': 'yellow',
  'off-track': 'red',
  'no-data': 'grey',
};

export const STATUS_RULE =
  'We draw a straight line from the baseline to the target: the first target dated on or after ' +
  'the date of the latest figure, or the last target if all of them have passed. From that line ' +
  'we read the figure expected by the date of the latest figure (before the baseline date, the ' +
  'baseline itself; after the target date, the target itself). The shortfall is how far the ' +
  'latest figure is behind the expected figure: below it for indicators where higher is better, ' +
  'above it for indicators where lower is better. If there is no shortfall, the indicator is on ' +
  'track. If the shortfall is no more than 5% of the larger of the expected figure and the whole ' +
  'planned change from baseline to target, it is at risk. If the shortfall is larger than that, ' +
  'it is off track. An indicator with no figure reported yet, or without both a baseline and a ' +
  'target, has no data.';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1 January 1970 of an ISO date (YYYY-MM-DD); throws a RangeError if it is not one. */
function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(year, month - 1, day);
    const d = new Date(t);
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day) {
      return t / 86_400_000;
    }
  }
  throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

/**
 * The figure expected on `date` on the straight line from the baseline to the target, clamped:
 * on or before the baseline date the baseline value, on or after the target date the target value.
 */
export function expectedAt(baseline: Dated, target: Dated, date: string): number {
  const t0 = dayNumber(baseline.date);
  const t1 = dayNumber(target.date);
  const t = dayNumber(date);
  if (t <= t0) return baseline.value;
  if (t >= t1) return target.value;
  return baseline.value + ((target.value - baseline.value) * (t - t0)) / (t1 - t0);
}

/** The earliest target dated on or after `date`, else the latest target (undefined if none). */
export function chooseTarget(targets: readonly Dated[], date: string): Dated | undefined {
  const sorted = [...targets].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const day = dayNumber(date);
  return sorted.find((t) => dayNumber(t.date) >= day) ?? sorted[sorted.length - 1];
}

function decimals(n: number, places: number): string {
  const factor = 10 ** places;
  const rounded = Math.round(Math.abs(n) * factor) / factor;
  const text = rounded.toLocaleString('en-GB', {
    minimumFractionDigits: places,
    maximumFractionDigits: places,
  });
  return n < 0 && rounded !== 0 ? `−${text}` : text;
}

/** Both figures to one decimal place, or to two when one place would make them look equal. */
function pair(a: number, b: number): [string, string] {
  const one: [string, string] = [decimals(a, 1), decimals(b, 1)];
  return one[0] === one[1] && a !== b ? [decimals(a, 2), decimals(b, 2)] : one;
}

/** "31 March 2026". */
export function longDate(date: string): string {
  return new Date(dayNumber(date) * 86_400_000).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function statusOf(input: {
  direction: Direction;
  baseline?: Dated;
  targets?: readonly Dated[];
  latest?: Dated;
  tolerance?: number;
}): { status: Status; expected: number | null; reason: string } {
  const { latest, baseline } = input;
  if (!latest || !Number.isFinite(latest.value)) {
    return { status: 'no-data', expected: null, reason: 'No figure reported yet' };
  }
  const target = chooseTarget(input.targets ?? [], latest.date);
  if (!baseline || !target || !Number.isFinite(baseline.value) || !Number.isFinite(target.value)) {
    return { status: 'no-data', expected: null, reason: 'No baseline or target set' };
  }
  const expected = expectedAt(baseline, target, latest.date);
  const shortfall =
    input.direction === 'higher' ? expected - latest.value : latest.value - expected;
  const allowed =
    (input.tolerance ?? DEFAULT_TOLERANCE) *
    Math.max(Math.abs(expected), Math.abs(target.value - baseline.value));
  const [shown, wanted] = pair(latest.value, expected);
  const reason = `${shown} against ${wanted} expected by ${longDate(latest.date)}`;
  if (shortfall <= 0) return { status: 'on-track', expected, reason };
  if (shortfall <= allowed) return { status: 'at-risk', expected, reason };
  return { status: 'off-track', expected, reason };
}
