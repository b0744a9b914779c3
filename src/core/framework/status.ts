/**
 * Status against target: a straight line from the baseline to the next target gives the figure
 * expected by the date of the latest figure; the shortfall from it decides the status. Pure.
 */
import { isChangeSinceBaseline } from './compute.js';
import { formatValue, roundAsShown } from './format.js';
import { formatDate } from '../dates.js';
import type { Computation, Direction, Unit } from './types.js';

export type Status = 'on-track' | 'at-risk' | 'off-track' | 'no-target' | 'no-data';

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
  'no-target': 'No target',
  'no-data': 'No data',
};

/** NHS.UK tag colours for each status. */
export const STATUS_COLOURS: Record<Status, string> = {
  'on-track': 'green',
  'at-risk': 'yellow',
  'off-track': 'red',
  'no-target': 'white',
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
  'it is off track. The figure and the figure expected are compared as they are shown, rounded ' +
  'to the same places (a percentage to one decimal place, money to the penny), so a figure that ' +
  'reads the same as its target has met it. Once the target date has passed, the figure is ' +
  'compared with the target itself. An indicator with a figure but no target has no target; ' +
  'one with a target but no baseline has no line to follow until the target date; an indicator ' +
  'with no figure reported yet, or whose figure is not known, has no data.';

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

/** "31 March 2026". */
export function longDate(date: string): string {
  return formatDate(new Date(dayNumber(date) * 86_400_000).toISOString().slice(0, 10));
}

/**
 * The status of the latest figure against the trajectory to its target, decided on the figures
 * as they are shown (rounded to the unit's displayed precision: 96.18% against an expected 96.2%
 * is on track, because both read "96.2%"), with a reason written in the figure's own unit and
 * format. A figure with no target is "no target", not "no data".
 */
export function statusOf(input: {
  direction: Direction;
  unit: Unit;
  baseline?: Dated;
  targets?: readonly Dated[];
  latest?: Dated;
  tolerance?: number;
}): { status: Status; expected: number | null; reason: string } {
  const { latest, baseline, unit } = input;
  if (!latest || !Number.isFinite(latest.value)) {
    return { status: 'no-data', expected: null, reason: 'No figure reported yet' };
  }
  const target = chooseTarget(
    (input.targets ?? []).filter((t) => Number.isFinite(t.value)),
    latest.date,
  );
  if (!target) return { status: 'no-target', expected: null, reason: 'No target set' };
  const shown = formatValue(latest.value, unit);
  const aim = `${formatValue(target.value, unit)} by ${longDate(target.date)}`;
  const reached = latest.date >= target.date;
  if (!reached && (!baseline || !Number.isFinite(baseline.value))) {
    return {
      status: 'no-target',
      expected: null,
      reason: `${shown} with a target of ${aim} but no baseline to draw the line to it from`,
    };
  }
  // On or after the target's date the figure expected is the target itself, baseline or not.
  const from = baseline && Number.isFinite(baseline.value) ? baseline : target;
  const expected = expectedAt(from, target, latest.date);
  const value = roundAsShown(latest.value, unit);
  const wanted = roundAsShown(expected, unit);
  const shortfall = input.direction === 'higher' ? wanted - value : value - wanted;
  const allowed =
    (input.tolerance ?? DEFAULT_TOLERANCE) *
    Math.max(
      Math.abs(wanted),
      Math.abs(roundAsShown(target.value, unit) - roundAsShown(from.value, unit)),
    );
  const reason =
    reached && expected === target.value
      ? `${shown} against a target of ${formatValue(target.value, unit)} by ${longDate(target.date)}`
      : `${shown} against ${formatValue(expected, unit)} expected by ${longDate(latest.date)}, on the way to ${aim}`;
  if (shortfall <= 0) return { status: 'on-track', expected, reason };
  if (shortfall <= allowed) return { status: 'at-risk', expected, reason };
  return { status: 'off-track', expected, reason };
}

/** A stored baseline or target, as the framework keeps them. */
export interface TargetLike {
  readonly indicator_code: string;
  readonly organisation_id: string | null;
  readonly kind: 'baseline' | 'target';
  /** As stored (a decimal string). */
  readonly value: string | number;
  readonly on_date: string;
}

/**
 * The baseline and targets an indicator's status is worked out against, for the partnership
 * (organisation null) or one organisation. For a change since a baseline (E2, a reduction in
 * emissions), the baseline holds the figure the change is measured from, in that figure's unit
 * (tonnes), not a percentage: the line to the target starts at no change, 0%, on its date.
 */
export function statusInputs(
  indicator: { readonly id: string; readonly computation: Computation },
  rows: readonly TargetLike[],
  organisationId: string | null,
): { baseline?: Dated; targets: Dated[] } {
  const mine = rows.filter(
    (t) => t.indicator_code === indicator.id && t.organisation_id === organisationId,
  );
  const baseline = mine.find((t) => t.kind === 'baseline');
  const isChange = isChangeSinceBaseline(indicator.computation);
  return {
    ...(baseline
      ? { baseline: { value: isChange ? 0 : Number(baseline.value), date: baseline.on_date } }
      : {}),
    targets: mine
      .filter((t) => t.kind === 'target')
      .map((t) => ({ value: Number(t.value), date: t.on_date })),
  };
}
