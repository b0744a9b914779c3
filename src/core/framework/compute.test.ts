import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.js';
import {
  evaluate,
  isChangeSinceBaseline,
  itemsOf,
  valueFromParts,
  type IndicatorResult,
} from './compute.js';
import type { Computation } from './types.js';

const ratio: Computation = { kind: 'ratio', numerator: 'local', denominator: 'total' };
const per: Computation = { kind: 'per', numerator: 'hires', denominator: 'staff', scale: 1000 };
const change: Computation = { kind: 'change_since_baseline', item: 'scope12_tco2e' };
const reduction: Computation = {
  kind: 'change_since_baseline',
  item: 'scope12_tco2e',
  reduction: true,
};

describe('itemsOf', () => {
  it('lists the items of each kind of computation, in order', () => {
    expect(itemsOf({ kind: 'value', item: 'a' })).toEqual(['a']);
    expect(itemsOf(ratio)).toEqual(['local', 'total']);
    expect(itemsOf(per)).toEqual(['hires', 'staff']);
    expect(itemsOf({ kind: 'sum', items: ['c', 'a', 'b'] })).toEqual(['c', 'a', 'b']);
    expect(itemsOf({ kind: 'difference', a: 'x', b: 'y' })).toEqual(['x', 'y']);
    expect(itemsOf(change)).toEqual(['scope12_tco2e']);
  });

  it('lists each item once', () => {
    expect(itemsOf({ kind: 'sum', items: ['a', 'b', 'a', 'c', 'b'] })).toEqual(['a', 'b', 'c']);
    expect(itemsOf({ kind: 'ratio', numerator: 'a', denominator: 'a' })).toEqual(['a']);
    expect(itemsOf({ kind: 'difference', a: 'a', b: 'a' })).toEqual(['a']);
  });

  it("includes a calculator's fallback, and nothing without one", () => {
    expect(itemsOf({ kind: 'calculator', calculator: 'spend.local', fallback: ratio })).toEqual([
      'local',
      'total',
    ]);
    expect(itemsOf({ kind: 'calculator', calculator: 'spend.local' })).toEqual([]);
  });

  it('returns a fresh array each time', () => {
    const c: Computation = { kind: 'value', item: 'a' };
    itemsOf(c).push('b');
    expect(itemsOf(c)).toEqual(['a']);
  });
});

describe('evaluate: value', () => {
  it('is the item itself', () => {
    expect(evaluate({ kind: 'value', item: 'a' }, { a: 42.5 })).toEqual({
      value: 42.5,
      missing: [],
      source: 'items',
    });
  });

  it('is null and lists the item when it is missing', () => {
    for (const values of [{}, { a: null }, { a: undefined }]) {
      expect(evaluate({ kind: 'value', item: 'a' }, values)).toEqual({
        value: null,
        missing: ['a'],
        source: 'items',
      });
    }
  });

  it('keeps zero (zero is a figure, not a gap)', () => {
    expect(evaluate({ kind: 'value', item: 'a' }, { a: 0 }).value).toBe(0);
  });

  it('rounds nothing', () => {
    expect(evaluate({ kind: 'value', item: 'a' }, { a: 1 / 3 }).value).toBe(1 / 3);
  });
});

describe('evaluate: ratio', () => {
  it('is numerator ÷ denominator as a percentage, with the parts kept', () => {
    expect(evaluate(ratio, { local: 30, total: 120 })).toEqual({
      value: 25,
      numerator: 30,
      denominator: 120,
      missing: [],
      source: 'items',
    });
  });

  it('is not rounded', () => {
    expect(evaluate(ratio, { local: 1, total: 3 }).value).toBe((1 / 3) * 100);
  });

  it('is 0% when the numerator is 0 and 100% when the parts are equal', () => {
    expect(evaluate(ratio, { local: 0, total: 50 }).value).toBe(0);
    expect(evaluate(ratio, { local: 50, total: 50 }).value).toBe(100);
  });

  it('is null with a zero denominator, but keeps the parts', () => {
    expect(evaluate(ratio, { local: 0, total: 0 })).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      missing: [],
      source: 'items',
    });
    expect(evaluate(ratio, { local: 5, total: 0 }).value).toBeNull();
  });

  it('lists whichever parts are missing, and keeps no parts', () => {
    expect(evaluate(ratio, { local: 5 })).toEqual({
      value: null,
      missing: ['total'],
      source: 'items',
    });
    expect(evaluate(ratio, { total: 5 }).missing).toEqual(['local']);
    expect(evaluate(ratio, {}).missing).toEqual(['local', 'total']);
    expect(evaluate(ratio, { total: 5 })).not.toHaveProperty('denominator');
  });
});

describe('evaluate: sum and difference', () => {
  const sum: Computation = { kind: 'sum', items: ['a', 'b', 'c'] };

  it('adds the items', () => {
    expect(evaluate(sum, { a: 1, b: 2.5, c: -0.5 })).toEqual({
      value: 3,
      missing: [],
      source: 'items',
    });
  });

  it('is null if any item is missing, listing every missing item', () => {
    expect(evaluate(sum, { a: 1, b: null })).toEqual({
      value: null,
      missing: ['b', 'c'],
      source: 'items',
    });
  });

  it('counts zeros as figures', () => {
    expect(evaluate(sum, { a: 0, b: 0, c: 0 }).value).toBe(0);
  });

  it('adds an item named twice twice', () => {
    expect(evaluate({ kind: 'sum', items: ['a', 'a'] }, { a: 2 })).toMatchObject({
      value: 4,
      missing: [],
    });
  });

  it('is a − b for a difference', () => {
    const d: Computation = { kind: 'difference', a: 'before', b: 'after' };
    expect(evaluate(d, { before: 10, after: 14 })).toEqual({
      value: -4,
      missing: [],
      source: 'items',
    });
    expect(evaluate(d, { before: 10 })).toEqual({
      value: null,
      missing: ['after'],
      source: 'items',
    });
  });
});

describe('evaluate: per', () => {
  it('is numerator ÷ denominator × scale, with the parts kept', () => {
    expect(evaluate(per, { hires: 12, staff: 4000 })).toEqual({
      value: 3,
      numerator: 12,
      denominator: 4000,
      missing: [],
      source: 'items',
    });
  });

  it('is a plain ratio with scale 1', () => {
    expect(
      evaluate({ kind: 'per', numerator: 'n', denominator: 'd', scale: 1 }, { n: 3, d: 2 }).value,
    ).toBe(1.5);
  });

  it('is null with a zero denominator, keeping the parts', () => {
    expect(evaluate(per, { hires: 3, staff: 0 })).toMatchObject({
      value: null,
      numerator: 3,
      denominator: 0,
    });
  });
});

describe('evaluate: change since baseline', () => {
  it('is (current − baseline) ÷ baseline as a percentage', () => {
    expect(evaluate(change, { scope12_tco2e: 900 }, { baseline: { scope12_tco2e: 1000 } })).toEqual(
      {
        value: -10,
        numerator: 900,
        denominator: 1000,
        missing: [],
        source: 'items',
      },
    );
    expect(
      evaluate(change, { scope12_tco2e: 1250 }, { baseline: { scope12_tco2e: 1000 } }).value,
    ).toBe(25);
  });

  it('shows a fall as a positive reduction when `reduction` is set', () => {
    expect(
      evaluate(reduction, { scope12_tco2e: 900 }, { baseline: { scope12_tco2e: 1000 } }).value,
    ).toBe(10);
    expect(
      evaluate(reduction, { scope12_tco2e: 1100 }, { baseline: { scope12_tco2e: 1000 } }).value,
    ).toBe(-10);
  });

  it('is 0 (never −0) when nothing changed', () => {
    const r = evaluate(reduction, { scope12_tco2e: 5 }, { baseline: { scope12_tco2e: 5 } });
    expect(Object.is(r.value, 0)).toBe(true);
  });

  it('is null without a baseline, listing it with a baseline: prefix', () => {
    expect(evaluate(change, { scope12_tco2e: 900 })).toEqual({
      value: null,
      missing: ['baseline:scope12_tco2e'],
      source: 'items',
    });
    expect(
      evaluate(change, { scope12_tco2e: 900 }, { baseline: { scope12_tco2e: null } }).missing,
    ).toEqual(['baseline:scope12_tco2e']);
    expect(evaluate(change, {}, { baseline: {} }).missing).toEqual([
      'scope12_tco2e',
      'baseline:scope12_tco2e',
    ]);
  });

  it('is null without a current figure', () => {
    expect(evaluate(change, {}, { baseline: { scope12_tco2e: 1000 } })).toEqual({
      value: null,
      missing: ['scope12_tco2e'],
      source: 'items',
    });
  });

  it('is null when the baseline is 0, keeping the parts', () => {
    expect(
      evaluate(change, { scope12_tco2e: 50 }, { baseline: { scope12_tco2e: 0 } }),
    ).toMatchObject({ value: null, numerator: 50, denominator: 0, missing: [] });
  });

  it('reads the baseline from the baseline values, not the current ones', () => {
    expect(
      evaluate(change, { scope12_tco2e: 80 }, { baseline: { scope12_tco2e: 100, other: 1 } }).value,
    ).toBe(-20);
  });
});

describe('evaluate: calculator', () => {
  const calc: Computation = { kind: 'calculator', calculator: 'spend.local', fallback: ratio };
  const bare: Computation = { kind: 'calculator', calculator: 'carbon.scope12' };

  it("uses the calculator's value when it has one", () => {
    expect(
      evaluate(
        calc,
        { local: 1, total: 2 },
        { calculator: { value: 42, numerator: 42, denominator: 100 } },
      ),
    ).toEqual({ value: 42, numerator: 42, denominator: 100, missing: [], source: 'calculator' });
    expect(evaluate(bare, {}, { calculator: { value: 1234.5 } })).toEqual({
      value: 1234.5,
      missing: [],
      source: 'calculator',
    });
  });

  it("works the value out from the calculator's parts, as its fallback would", () => {
    expect(
      evaluate(calc, {}, { calculator: { value: null, numerator: 30, denominator: 120 } }),
    ).toEqual({ value: 25, numerator: 30, denominator: 120, missing: [], source: 'calculator' });
    const perCalc: Computation = { kind: 'calculator', calculator: 'payroll.local', fallback: per };
    expect(
      evaluate(perCalc, {}, { calculator: { value: null, numerator: 12, denominator: 4000 } })
        .value,
    ).toBe(3);
  });

  it('uses the unit, when given, for parts with no fallback to say how to combine them', () => {
    const parts = { calculator: { value: null, numerator: 1, denominator: 4 } };
    expect(evaluate(bare, {}, { ...parts, unit: '%' }).value).toBe(25);
    expect(evaluate(bare, {}, { ...parts, unit: 'ratio' }).value).toBe(0.25);
    expect(evaluate(bare, {}, parts)).toEqual({
      value: null,
      numerator: 1,
      denominator: 4,
      missing: [],
      source: 'calculator',
    });
  });

  it('falls back to the items when the calculator has no result', () => {
    const items = { local: 30, total: 120 };
    for (const calculator of [undefined, null, { value: null }]) {
      expect(evaluate(calc, items, { calculator })).toEqual({
        value: 25,
        numerator: 30,
        denominator: 120,
        missing: [],
        source: 'items',
      });
    }
  });

  it('treats a non-finite calculator value as no result', () => {
    expect(evaluate(calc, { local: 1, total: 4 }, { calculator: { value: NaN } })).toMatchObject({
      value: 25,
      source: 'items',
    });
  });

  it('lists the fallback items missing when neither has a figure', () => {
    expect(evaluate(calc, { local: 3 })).toEqual({
      value: null,
      missing: ['total'],
      source: 'items',
    });
  });

  it('is "none" with no calculator result and no fallback', () => {
    expect(evaluate(bare, { anything: 1 })).toEqual({ value: null, missing: [], source: 'none' });
    expect(evaluate(bare, {}, { calculator: { value: null, numerator: 3 } })).toEqual({
      value: null,
      missing: [],
      source: 'none',
    });
  });

  it('passes the baseline to a change-since-baseline fallback', () => {
    const c: Computation = {
      kind: 'calculator',
      calculator: 'carbon.scope12',
      fallback: reduction,
    };
    expect(
      evaluate(c, { scope12_tco2e: 750 }, { baseline: { scope12_tco2e: 1000 } }),
    ).toMatchObject({ value: 25, source: 'items' });
  });
});

describe('valueFromParts', () => {
  it('combines parts by the kind of computation', () => {
    expect(valueFromParts(ratio, '%', 1, 8)).toBe(12.5);
    expect(valueFromParts(per, 'ratio', 1, 8)).toBe(125);
    expect(valueFromParts(change, '%', 90, 100)).toBeCloseTo(-10, 12);
    expect(valueFromParts(reduction, '%', 90, 100)).toBeCloseTo(10, 12);
    expect(valueFromParts({ kind: 'calculator', calculator: 'lm3' }, 'ratio', 3, 2)).toBe(1.5);
    expect(valueFromParts({ kind: 'calculator', calculator: 'spend.sme' }, '%', 3, 12)).toBe(25);
  });

  it('is null with a zero denominator or an overflow', () => {
    expect(valueFromParts(ratio, '%', 1, 0)).toBeNull();
    expect(valueFromParts(ratio, '%', Number.MAX_VALUE, Number.MIN_VALUE)).toBeNull();
  });
});

describe('evaluate: never NaN or ±Infinity', () => {
  const computations: Computation[] = [
    { kind: 'value', item: 'a' },
    { kind: 'ratio', numerator: 'a', denominator: 'b' },
    { kind: 'sum', items: ['a', 'b', 'c'] },
    { kind: 'difference', a: 'a', b: 'b' },
    { kind: 'per', numerator: 'a', denominator: 'b', scale: 1000 },
    { kind: 'per', numerator: 'a', denominator: 'b', scale: 1e308 },
    { kind: 'change_since_baseline', item: 'a' },
    { kind: 'change_since_baseline', item: 'a', reduction: true },
    { kind: 'calculator', calculator: 'spend.local' },
    {
      kind: 'calculator',
      calculator: 'spend.local',
      fallback: { kind: 'ratio', numerator: 'a', denominator: 'b' },
    },
  ];
  const anyNumber = fc.option(fc.double(), { nil: undefined });
  const bad = (n: number | undefined) => n !== undefined && !Number.isFinite(n);
  const sane = (r: IndicatorResult) =>
    (r.value === null || Number.isFinite(r.value)) && !bad(r.numerator) && !bad(r.denominator);

  it('for arbitrary doubles (including NaN, ±Infinity, ±0, huge and tiny numbers)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...computations),
        fc.record({ a: anyNumber, b: anyNumber, c: anyNumber }),
        fc.record({ a: anyNumber }),
        fc.option(
          fc.record({
            value: fc.option(fc.double(), { nil: null }),
            numerator: anyNumber,
            denominator: anyNumber,
          }),
          { nil: null },
        ),
        (computation, values, baseline, calculator) => {
          const r = evaluate(computation, values, {
            baseline,
            calculator,
            unit: '%',
          });
          expect(sane(r)).toBe(true);
          expect(Object.is(r.value, -0)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('ratio of finite parts with 0 ≤ numerator ≤ denominator lies in 0–100', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (den, share) => {
          const num = den * share;
          const r = evaluate(ratio, { local: num, total: den });
          if (den === 0) expect(r.value).toBeNull();
          else {
            expect(r.value).not.toBeNull();
            expect(r.value).toBeGreaterThanOrEqual(0);
            expect(r.value).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });
});

describe('isChangeSinceBaseline', () => {
  it('is true of a change since a baseline, worked out from items or by a calculator falling back to one', () => {
    expect(isChangeSinceBaseline({ kind: 'change_since_baseline', item: 'x' })).toBe(true);
    const e2 = CATALOGUE.find((i) => i.id === 'E2');
    expect(e2 && isChangeSinceBaseline(e2.computation)).toBe(true);
    const e1 = CATALOGUE.find((i) => i.id === 'E1');
    expect(e1 && isChangeSinceBaseline(e1.computation)).toBe(false);
    expect(isChangeSinceBaseline({ kind: 'value', item: 'x' })).toBe(false);
  });
});
