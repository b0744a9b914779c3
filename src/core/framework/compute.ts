/**
 * Evaluates an indicator's declarative computation over the figures entered (data items).
 * Pure: no database, no I/O. Never returns NaN or ±Infinity: a figure that cannot be worked
 * out is null, with the items it needed listed as missing. Nothing is rounded here (display
 * rounding is format.ts's job).
 */
import type { Computation, Unit } from './types.js';

export type ItemValues = Readonly<Record<string, number | null | undefined>>;

export interface CalculatorResult {
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  /** For a count of things that several organisations can share: the things counted, by id. */
  readonly counted?: readonly string[];
}

export interface IndicatorResult {
  /** A ratio is a percentage (0–100); per is numerator ÷ denominator × scale. */
  readonly value: number | null;
  /** The parts, kept so that totals add parts (ratio, per, change since baseline). */
  readonly numerator?: number;
  readonly denominator?: number;
  /** Item ids needed but absent; a missing baseline is listed as `baseline:<item>`. */
  readonly missing: readonly string[];
  readonly source: 'calculator' | 'items' | 'none';
  /**
   * A calculator's count of things that several organisations can share (a joint initiative):
   * their ids, so that a total counts each thing once however many organisations count it.
   */
  readonly counted?: readonly string[];
}

export interface EvaluateContext {
  /** The organisation's baseline figures, for change_since_baseline. */
  readonly baseline?: ItemValues;
  /** A built-in calculator's result, when the computation is a calculator and it has one. */
  readonly calculator?: CalculatorResult | null;
  /**
   * The indicator's unit. Only used when a calculator gives a numerator and denominator but no
   * value and its fallback does not say how to combine them: '%' → ×100, otherwise a plain ratio.
   */
  readonly unit?: Unit;
}

type Plain = Exclude<Computation, { kind: 'calculator' }>;

/** Every item id a computation reads (a calculator's fallback included), in order, once each. */
export function itemsOf(computation: Computation): string[] {
  const c: Plain | undefined =
    computation.kind === 'calculator' ? computation.fallback : computation;
  if (!c) return [];
  switch (c.kind) {
    case 'value':
    case 'change_since_baseline':
      return [c.item];
    case 'ratio':
    case 'per':
      return unique([c.numerator, c.denominator]);
    case 'sum':
      return unique(c.items);
    case 'difference':
      return unique([c.a, c.b]);
  }
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** A finite number, or null. */
function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

/** Turns −0 into 0 so that nothing downstream shows "−0". */
function noNegativeZero(n: number): number {
  return n === 0 ? 0 : n;
}

function read(values: ItemValues | undefined, id: string): number | null {
  const v = values?.[id];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function optionalFinite(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * The value an indicator shows from its two parts: ratio ×100, per ×scale, change since
 * baseline (numerator − denominator) ÷ denominator ×100 (negated for a reduction). For a
 * calculator the fallback decides when it is one of those; otherwise '%' → ×100, anything else a
 * plain ratio. Null when the denominator is 0 or the result is not finite.
 */
export function valueFromParts(
  computation: Computation,
  unit: Unit | undefined,
  numerator: number,
  denominator: number,
): number | null {
  if (denominator === 0) return null;
  const c = computation.kind === 'calculator' ? computation.fallback : computation;
  let value: number;
  switch (c?.kind) {
    case 'ratio':
      value = (numerator / denominator) * 100;
      break;
    case 'per':
      value = (numerator / denominator) * c.scale;
      break;
    case 'change_since_baseline':
      value = ((numerator - denominator) / denominator) * 100;
      if (c.reduction) value = -value;
      break;
    default:
      value = unit === '%' ? (numerator / denominator) * 100 : numerator / denominator;
  }
  const v = finite(value);
  return v === null ? null : noNegativeZero(v);
}

export function evaluate(
  computation: Computation,
  values: ItemValues,
  context: EvaluateContext = {},
): IndicatorResult {
  if (computation.kind !== 'calculator') return evaluatePlain(computation, values, context);

  const calc = context.calculator;
  if (calc) {
    const numerator = optionalFinite(calc.numerator);
    const denominator = optionalFinite(calc.denominator);
    const hasParts = numerator !== undefined && denominator !== undefined;
    let value = typeof calc.value === 'number' ? finite(calc.value) : null;
    const fallbackCombines =
      computation.fallback !== undefined &&
      ['ratio', 'per', 'change_since_baseline'].includes(computation.fallback.kind);
    if (value === null && hasParts && (fallbackCombines || context.unit !== undefined)) {
      value = valueFromParts(computation, context.unit, numerator, denominator);
    }
    if (value !== null || hasParts) {
      return {
        value: value === null ? null : noNegativeZero(value),
        ...(numerator !== undefined ? { numerator } : {}),
        ...(denominator !== undefined ? { denominator } : {}),
        ...(calc.counted !== undefined ? { counted: calc.counted } : {}),
        missing: [],
        source: 'calculator',
      };
    }
  }
  if (!computation.fallback) return { value: null, missing: [], source: 'none' };
  return evaluatePlain(computation.fallback, values, context);
}

function evaluatePlain(c: Plain, values: ItemValues, context: EvaluateContext): IndicatorResult {
  const missing = itemsOf(c).filter((id) => read(values, id) === null);
  const result = (value: number | null, parts?: { numerator: number; denominator: number }) =>
    ({
      value: value === null ? null : noNegativeZero(value),
      ...parts,
      missing,
      source: 'items',
    }) as const;

  switch (c.kind) {
    case 'value':
      return result(read(values, c.item));
    case 'sum': {
      if (missing.length > 0) return result(null);
      let total = 0;
      for (const id of c.items) total += read(values, id) ?? 0;
      return result(finite(total));
    }
    case 'difference': {
      const a = read(values, c.a);
      const b = read(values, c.b);
      return result(a === null || b === null ? null : finite(a - b));
    }
    case 'ratio':
    case 'per': {
      const numerator = read(values, c.numerator);
      const denominator = read(values, c.denominator);
      if (numerator === null || denominator === null) return result(null);
      return result(valueFromParts(c, undefined, numerator, denominator), {
        numerator,
        denominator,
      });
    }
    case 'change_since_baseline': {
      const current = read(values, c.item);
      const base = read(context.baseline, c.item);
      const allMissing = base === null ? [...missing, `baseline:${c.item}`] : missing;
      if (current === null || base === null) {
        return { value: null, missing: allMissing, source: 'items' };
      }
      return {
        value: valueFromParts(c, undefined, current, base),
        numerator: current,
        denominator: base,
        missing: allMissing,
        source: 'items',
      };
    }
  }
}

/**
 * Whether an indicator measures the change since a baseline: worked out that way from its items,
 * or by a calculator that does the same (E2 falls back to it). Its baseline is then the figure
 * the change is measured from, in the measured item's unit, and at the baseline the change is 0.
 */
export function isChangeSinceBaseline(computation: Computation): boolean {
  return (
    computation.kind === 'change_since_baseline' ||
    (computation.kind === 'calculator' && computation.fallback?.kind === 'change_since_baseline')
  );
}
