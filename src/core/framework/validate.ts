/**
 * Checking the figures typed into a return: type, whole numbers, range, numerator ≤ denominator,
 * and (when a section is marked complete) that every required figure is there. Pure.
 */
import { z } from 'zod';
import { lowerFirst, parseNumber } from './format.js';
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

/**
 * One figure as it arrives: text typed in a form or a cell of a template, or a JSON value sent
 * to the API (a number, yes/no as true or false, null for none).
 */
export type RawFigure = string | number | boolean | null | undefined;

/** Pairs (numerator, denominator) that ratio computations in these indicators read. */
export function ratioPairs(computations: readonly Computation[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const c of computations) {
    const inner = c.kind === 'calculator' ? c.fallback : c;
    if (inner?.kind === 'ratio') pairs.push([inner.numerator, inner.denominator]);
  }
  return pairs;
}

const lower = lowerFirst;

export interface FiguresOptions {
  /** Every required figure must be there (the section is being marked complete). */
  readonly requireAll: boolean;
  readonly ratioPairs?: readonly (readonly [string, string])[];
}

/**
 * The one schema for the figures of a return's section, whichever way they arrive: the return's
 * form, an uploaded template and the API all validate with it. Each figure is checked for its
 * type, whole numbers, range and the limits of its kind (at most one problem each, in the items'
 * order); then each ratio's numerator against its denominator. The output is each figure as a
 * number, or null where none was given.
 */
export function figuresSchema(items: readonly DataItem[], options: FiguresOptions) {
  const byId = new Map(items.map((i) => [i.id, i]));
  const shape: Record<string, z.ZodType<number | null, RawFigure>> = {};
  for (const item of items) shape[item.id] = figureSchema(item, options.requireAll);
  return z.object(shape).superRefine(
    (values: Record<string, unknown>, ctx) => {
      for (const [num, den] of options.ratioPairs ?? []) {
        const a = values[num];
        const b = values[den];
        if (typeof a !== 'number' || typeof b !== 'number' || a <= b) continue;
        if (ctx.issues.some((i) => i.path?.[0] === num)) continue;
        ctx.addIssue({
          code: 'custom',
          path: [num],
          message: `${byId.get(num)?.label ?? num} cannot be more than ${lower(byId.get(den)?.label ?? den)}`,
        });
      }
    },
    // Checked even when another figure has a problem, so that every problem shows at once.
    { when: () => true },
  );
}

/** One figure: text as people type it (1,250 or £1,250.50 or yes), or a JSON number or boolean. */
function figureSchema(item: DataItem, requireAll: boolean): z.ZodType<number | null, RawFigure> {
  const notANumber = `${item.label} must be a number, like 1,250`;
  return z
    .union([z.string(), z.number(), z.boolean(), z.null()], { error: notANumber })
    .optional()
    .transform((input, ctx): number | null => {
      const refuse = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      const text =
        input === undefined || input === null
          ? ''
          : typeof input === 'boolean'
            ? input
              ? 'yes'
              : 'no'
            : typeof input === 'number'
              ? Number.isFinite(input)
                ? String(input)
                : 'not a number'
              : input.trim();
      if (text === '') {
        if (requireAll && item.required) return refuse(`Enter ${lower(item.label)}`);
        return null;
      }
      if (item.unit === 'yes/no') {
        if (/^(yes|y|1|true)$/i.test(text)) return 1;
        if (/^(no|n|0|false)$/i.test(text)) return 0;
        return refuse(`Select yes or no for ${lower(item.label)}`);
      }
      const n = typeof input === 'boolean' ? null : parseNumber(text);
      if (n === null) return refuse(notANumber);
      if (item.integer && !Number.isInteger(n))
        return refuse(`${item.label} must be a whole number`);
      if (item.min !== undefined && n < item.min)
        return refuse(`${item.label} must be ${item.min} or more`);
      if (item.max !== undefined && n > item.max)
        return refuse(`${item.label} must be ${item.max} or less`);
      const problem = figureProblem(item.label, item.unit, n);
      return problem ? refuse(problem) : n;
    });
}

/** The figures of a section checked with figuresSchema, as values and plain-English problems. */
export function validateValues(
  items: readonly DataItem[],
  raw: Readonly<Record<string, RawFigure>>,
  options: FiguresOptions,
): ValidatedValues {
  const parsed = figuresSchema(items, options).safeParse(raw);
  if (parsed.success) return { values: parsed.data, errors: [] };
  return {
    values: {},
    errors: parsed.error.issues.map((i) => ({ item: String(i.path[0] ?? ''), text: i.message })),
  };
}
