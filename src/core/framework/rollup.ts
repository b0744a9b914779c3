/**
 * Partnership totals across organisations. Parts are added (numerators and denominators), never
 * percentages averaged; a total says how many organisations reported and whether that is all of
 * those expected. An organisation that did not report never changes the value. Pure.
 */
import { valueFromParts, type IndicatorResult } from './compute.js';
import type { IndicatorDefinition, Unit } from './types.js';

export interface OrganisationResult {
  readonly organisationId: string;
  /** null: the organisation did not report. */
  readonly result: IndicatorResult | null;
}

export type RollUpMethod = 'parts' | 'sum' | 'count-yes' | 'median' | 'not-additive';

export interface RollUp {
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  /** Organisations with a usable result (for 'parts': both parts present). */
  readonly reported: number;
  /** Organisations expected to report (defaults to the number of results). */
  readonly expected: number;
  /** reported === expected. */
  readonly complete: boolean;
  readonly method: RollUpMethod;
  /** yes/no: {yes, no}; level: {'1': n, '2': n, '3': n, '4': n}. */
  readonly distribution?: Readonly<Record<string, number>>;
  /**
   * A sum in which some organisations' figures name the things they count (`counted`): how many
   * distinct things those name, each counted once, and how many of the organisations named them.
   * The total is that count plus the other organisations' own figures.
   */
  readonly countedOnce?: { readonly things: number; readonly organisations: number };
}

type Indicator = Pick<IndicatorDefinition, 'unit' | 'computation'>;

/**
 * The unit of a partnership total: an indicator's own unit, except that the total of a yes/no
 * indicator is the number of organisations answering yes (a count), not a yes or a no.
 */
export function totalUnit(unit: Unit): Unit {
  return unit === 'yes/no' ? 'count' : unit;
}

/** A yes/no indicator's partnership total in words: "2 of 6 organisations". */
export function yesCountText(yes: number, answered: number): string {
  return `${yes.toLocaleString('en-GB')} of ${answered.toLocaleString('en-GB')} ${answered === 1 ? 'organisation' : 'organisations'}`;
}

/** What a yes/no indicator's partnership total counts, said beside it. */
export const YES_COUNT_NOTE = 'The organisations answering yes, of those that answered';

/** What the value axis of a chart of a yes/no indicator's partnership totals counts. */
export const YES_COUNT_AXIS = 'Organisations answering yes';

/** Units whose figures add up across organisations. */
export const ADDITIVE_UNITS: ReadonlySet<Unit> = new Set<Unit>([
  'count',
  '£',
  'hours',
  'tCO2e',
  'kWh',
  'tonnes',
  'm³',
]);

const PARTS_KINDS: ReadonlySet<string> = new Set(['ratio', 'per', 'change_since_baseline']);

function hasParts(
  r: IndicatorResult | null,
): r is IndicatorResult & { numerator: number; denominator: number } {
  return (
    r !== null &&
    typeof r.numerator === 'number' &&
    typeof r.denominator === 'number' &&
    Number.isFinite(r.numerator) &&
    Number.isFinite(r.denominator)
  );
}

/**
 * How an indicator's figures combine across organisations. Yes/no and level units first; then
 * ratio, per and change-since-baseline computations (a calculator's by its fallback, or by its
 * results carrying a numerator and a denominator) add parts; additive units add values; anything
 * else (a percentage or ratio entered directly) does not add up.
 */
export function rollUpMethod(
  indicator: Indicator,
  results: readonly OrganisationResult[] = [],
): RollUpMethod {
  const c = indicator.computation;
  if (indicator.unit === 'yes/no') return 'count-yes';
  if (indicator.unit === 'level') return 'median';
  if (PARTS_KINDS.has(c.kind)) return 'parts';
  if (c.kind === 'calculator') {
    if (c.fallback && PARTS_KINDS.has(c.fallback.kind)) return 'parts';
    if (results.some((r) => hasParts(r.result))) return 'parts';
  }
  if (ADDITIVE_UNITS.has(indicator.unit)) return 'sum';
  return 'not-additive';
}

/**
 * A sum that does not depend on the order of the figures (they are sorted first) and loses as
 * little as possible to rounding (Neumaier's compensated summation). Null if not finite.
 */
export function stableSum(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  let compensation = 0;
  for (const v of sorted) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  const total = sum + compensation;
  if (!Number.isFinite(total)) return null;
  return total === 0 ? 0 : total;
}

export function rollUp(
  indicator: Indicator,
  results: readonly OrganisationResult[],
  expected: number = results.length,
): RollUp {
  const method = rollUpMethod(indicator, results);
  const summary = (reported: number) => ({
    reported,
    expected,
    complete: reported === expected,
    method,
  });

  if (method === 'parts') {
    const withParts = results.map((r) => r.result).filter(hasParts);
    const reported = withParts.length;
    if (reported === 0) return { value: null, ...summary(0) };
    const numerator = stableSum(withParts.map((r) => r.numerator));
    const denominator = stableSum(withParts.map((r) => r.denominator));
    if (numerator === null || denominator === null) return { value: null, ...summary(reported) };
    return {
      value: valueFromParts(indicator.computation, indicator.unit, numerator, denominator),
      numerator,
      denominator,
      ...summary(reported),
    };
  }

  const values: number[] = [];
  for (const r of results) {
    const v = r.result?.value;
    if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
  }

  switch (method) {
    case 'sum': {
      const naming = results.filter(
        (r) => r.result?.counted !== undefined && typeof r.result.value === 'number',
      );
      if (naming.length === 0)
        return {
          value: values.length > 0 ? stableSum(values) : null,
          ...summary(values.length),
        };
      // Things shared by several organisations (a joint initiative) count once in the total.
      const things = new Set(naming.flatMap((r) => r.result?.counted ?? []));
      const others: number[] = [];
      for (const r of results) {
        const v = r.result?.value;
        if (r.result?.counted === undefined && typeof v === 'number' && Number.isFinite(v))
          others.push(v);
      }
      return {
        value: stableSum([things.size, ...others]),
        countedOnce: { things: things.size, organisations: naming.length },
        ...summary(values.length),
      };
    }
    case 'count-yes': {
      // Only 1 (yes) and 0 (no) are answers; anything else is not a usable yes/no figure.
      const yes = values.filter((v) => v === 1).length;
      const no = values.filter((v) => v === 0).length;
      const reported = yes + no;
      return {
        value: reported > 0 ? yes : null,
        distribution: { yes, no },
        ...summary(reported),
      };
    }
    case 'median': {
      const sorted = [...values].sort((a, b) => a - b);
      const distribution: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0 };
      for (const v of sorted) distribution[String(v)] = (distribution[String(v)] ?? 0) + 1;
      const lowerMedian = sorted[Math.floor((sorted.length - 1) / 2)];
      return { value: lowerMedian ?? null, distribution, ...summary(sorted.length) };
    }
    case 'not-additive':
      return { value: null, ...summary(values.length) };
  }
}
