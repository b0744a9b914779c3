/**
 * Checking the figures typed into a return: type, whole numbers, range, numerator ≤ denominator,
 * and (when a section is marked complete) that every required figure is there. Pure.
 */
import { parseNumber } from './format.js';
import type { Computation, DataItem, Unit } from './types.js';

/**
 * The kinds of figure, each with the widest value a return takes and how precise it may be,
 * stated once. The limits are far above any organisation's figures, and small enough that sums
 * across a partnership stay exact (money in pence stays below 2^53).
 */
export type FigureKind = 'count' | 'money' | 'percentage' | 'amount';

export const FIGURE_LIMITS: Readonly<Record<FigureKind, number>> = {
  count: 1_000_000_000,
  money: 1_000_000_000_000,
  percentage: 100,
  amount: 1_000_000_000_000,
};

export function figureKind(unit: Unit): FigureKind {
  if (unit === 'count') return 'count';
  if (unit === '£') return 'money';
  if (unit === '%') return 'percentage';
  return 'amount';
}

const grouped = (n: number) => n.toLocaleString('en-GB');

/**
 * What is wrong with a figure for its kind, in plain English, or null: counts up to a billion,
 * money up to £1 trillion in pounds and pence, percentages from 0 to 100, other amounts up to
 * a trillion. `label` names the figure ("Number of staff"); negatives are as wide as positives.
 */
export function figureProblem(label: string, unit: Unit, n: number): string | null {
  if (figureKind(unit) === 'percentage') {
    return n < 0 || n > FIGURE_LIMITS.percentage
      ? `${label} must be a percentage between 0 and 100`
      : null;
  }
  return sizeProblem(label, figureKind(unit), n);
}

/**
 * The same for a baseline or a target: a percentage there may be a change since the baseline,
 * so it is bounded like an amount (a rise of 150% is a target one can set).
 */
export function targetProblem(label: string, unit: Unit, n: number): string | null {
  const kind = figureKind(unit);
  return sizeProblem(label, kind === 'percentage' ? 'amount' : kind, n);
}

function sizeProblem(label: string, kind: FigureKind, n: number): string | null {
  const limit = FIGURE_LIMITS[kind];
  if (Math.abs(n) > limit) {
    const text = kind === 'money' ? `£${grouped(limit)}` : grouped(limit);
    return n > 0 ? `${label} must be ${text} or less` : `${label} must be −${text} or more`;
  }
  if (kind === 'money' && Number(n.toFixed(2)) !== n) {
    return `${label} must be in pounds and pence, with no more than 2 decimal places, like 1,250.50`;
  }
  return null;
}

export interface ItemError {
  readonly item: string;
  readonly text: string;
}

export interface ValidatedValues {
  /** Parsed values; null where the field was left empty. */
  readonly values: Readonly<Record<string, number | null>>;
  readonly errors: readonly ItemError[];
}

/** Pairs (numerator, denominator) that ratio computations in these indicators read. */
export function ratioPairs(computations: readonly Computation[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const c of computations) {
    const inner = c.kind === 'calculator' ? c.fallback : c;
    if (inner?.kind === 'ratio') pairs.push([inner.numerator, inner.denominator]);
  }
  return pairs;
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

export function validateValues(
  items: readonly DataItem[],
  raw: Readonly<Record<string, string | undefined>>,
  options: { requireAll: boolean; ratioPairs?: readonly [string, string][] },
): ValidatedValues {
  const values: Record<string, number | null> = {};
  const errors: ItemError[] = [];
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const item of items) {
    const text = (raw[item.id] ?? '').trim();
    if (text === '') {
      values[item.id] = null;
      if (options.requireAll && item.required) {
        errors.push({ item: item.id, text: `Enter ${lower(item.label)}` });
      }
      continue;
    }
    if (item.unit === 'yes/no') {
      const yes = /^(yes|y|1|true)$/i.test(text);
      const no = /^(no|n|0|false)$/i.test(text);
      if (!yes && !no) {
        errors.push({ item: item.id, text: `Select yes or no for ${lower(item.label)}` });
        continue;
      }
      values[item.id] = yes ? 1 : 0;
      continue;
    }
    const n = parseNumber(text);
    if (n === null) {
      errors.push({ item: item.id, text: `${item.label} must be a number, like 1,250` });
      continue;
    }
    if (item.integer && !Number.isInteger(n)) {
      errors.push({ item: item.id, text: `${item.label} must be a whole number` });
      continue;
    }
    if (item.min !== undefined && n < item.min) {
      errors.push({ item: item.id, text: `${item.label} must be ${item.min} or more` });
      continue;
    }
    if (item.max !== undefined && n > item.max) {
      errors.push({ item: item.id, text: `${item.label} must be ${item.max} or less` });
      continue;
    }
    const problem = figureProblem(item.label, item.unit, n);
    if (problem) {
      errors.push({ item: item.id, text: problem });
      continue;
    }
    values[item.id] = n;
  }
  for (const [num, den] of options.ratioPairs ?? []) {
    const a = values[num];
    const b = values[den];
    if (a === undefined || b === undefined || a === null || b === null) continue;
    if (a > b && !errors.some((e) => e.item === num)) {
      const numItem = byId.get(num);
      const denItem = byId.get(den);
      errors.push({
        item: num,
        text: `${numItem?.label ?? num} cannot be more than ${lower(denItem?.label ?? den)}`,
      });
    }
  }
  return { values, errors };
}
