import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, type IndicatorResult } from './compute.js';
import {
  rollUp,
  rollUpMethod,
  stableSum,
  totalUnit,
  yesCountText,
  type OrganisationResult,
} from './rollup.js';
import type { Computation, IndicatorDefinition } from './types.js';

type Indicator = Pick<IndicatorDefinition, 'unit' | 'computation'>;
type Plain = Exclude<Computation, { kind: 'calculator' }>;

const ratioComputation: Plain = { kind: 'ratio', numerator: 'local', denominator: 'total' };
const perComputation: Plain = {
  kind: 'per',
  numerator: 'hires',
  denominator: 'staff',
  scale: 1000,
};
const ratio: Indicator = { unit: '%', computation: ratioComputation };
const per: Indicator = { unit: 'ratio', computation: perComputation };
const reduction: Indicator = {
  unit: '%',
  computation: { kind: 'change_since_baseline', item: 'co2', reduction: true },
};
const spend: Indicator = { unit: '£', computation: { kind: 'value', item: 'spend' } };
const yesNo: Indicator = { unit: 'yes/no', computation: { kind: 'value', item: 'policy' } };
const level: Indicator = { unit: 'level', computation: { kind: 'value', item: 'maturity' } };
const percentEntered: Indicator = { unit: '%', computation: { kind: 'value', item: 'pct' } };

function org(id: string, result: IndicatorResult | null): OrganisationResult {
  return { organisationId: id, result };
}
function withParts(id: string, numerator: number, denominator: number): OrganisationResult {
  return org(id, { value: null, numerator, denominator, missing: [], source: 'items' });
}
function withValue(id: string, value: number | null): OrganisationResult {
  return org(id, { value, missing: [], source: 'items' });
}
/** What an organisation's own figure would be, by the same engine. */
function ratioOf(numerator: number, denominator: number): number | null {
  return evaluate(ratio.computation, { local: numerator, total: denominator }).value;
}

describe('rollUpMethod', () => {
  it('chooses the method from the unit and computation', () => {
    expect(rollUpMethod(ratio)).toBe('parts');
    expect(rollUpMethod(per)).toBe('parts');
    expect(rollUpMethod(reduction)).toBe('parts');
    expect(rollUpMethod(spend)).toBe('sum');
    expect(rollUpMethod(yesNo)).toBe('count-yes');
    expect(rollUpMethod(level)).toBe('median');
    expect(rollUpMethod(percentEntered)).toBe('not-additive');
    expect(rollUpMethod({ unit: 'ratio', computation: { kind: 'value', item: 'x' } })).toBe(
      'not-additive',
    );
  });

  it('adds every additive unit, from value, sum and difference computations', () => {
    const computations: Computation[] = [
      { kind: 'value', item: 'a' },
      { kind: 'sum', items: ['a', 'b'] },
      { kind: 'difference', a: 'a', b: 'b' },
    ];
    for (const unit of ['count', '£', 'hours', 'tCO2e', 'kWh', 'tonnes', 'm³'] as const) {
      for (const computation of computations) {
        expect(rollUpMethod({ unit, computation })).toBe('sum');
      }
    }
  });

  it('adds parts for a calculator whose fallback has parts, or whose results carry them', () => {
    expect(
      rollUpMethod({
        unit: '%',
        computation: { kind: 'calculator', calculator: 'spend.local', fallback: ratioComputation },
      }),
    ).toBe('parts');
    const bare: Indicator = {
      unit: '%',
      computation: { kind: 'calculator', calculator: 'spend.sme' },
    };
    expect(rollUpMethod(bare)).toBe('not-additive');
    expect(rollUpMethod(bare, [withParts('a', 1, 2)])).toBe('parts');
    const carbon: Indicator = {
      unit: 'tCO2e',
      computation: { kind: 'calculator', calculator: 'carbon.scope12' },
    };
    expect(rollUpMethod(carbon, [withValue('a', 12)])).toBe('sum');
  });
});

describe('rollUp: parts', () => {
  it('adds numerators and denominators, never averaging percentages', () => {
    // 1/10 = 10% and 90/100 = 90%: the mean of the percentages is 50%; the parts give 91/110.
    const total = rollUp(ratio, [withParts('a', 1, 10), withParts('b', 90, 100)]);
    expect(total).toEqual({
      value: (91 / 110) * 100,
      numerator: 91,
      denominator: 110,
      reported: 2,
      expected: 2,
      complete: true,
      method: 'parts',
    });
    expect(total.value).not.toBeCloseTo(50, 1);
  });

  it('works from the results evaluate gives', () => {
    const a = evaluate(ratio.computation, { local: 25, total: 100 });
    const b = evaluate(ratio.computation, { local: 75, total: 100 });
    expect(rollUp(ratio, [org('a', a), org('b', b)]).value).toBe(50);
  });

  it('scales a per indicator by its scale', () => {
    const total = rollUp(per, [withParts('a', 3, 1000), withParts('b', 9, 3000)]);
    expect(total.value).toBe(3);
    expect(total).toMatchObject({ numerator: 12, denominator: 4000 });
  });

  it('works out change since baseline from the summed current and baseline figures', () => {
    // Organisation a: 1000 → 900 (−10%); b: 100 → 50 (−50%). Partnership: 1100 → 950.
    const total = rollUp(reduction, [withParts('a', 900, 1000), withParts('b', 50, 100)]);
    expect(total.numerator).toBe(950);
    expect(total.denominator).toBe(1100);
    expect(total.value).toBeCloseTo((150 / 1100) * 100, 10);
    const rise = rollUp({ unit: '%', computation: { kind: 'change_since_baseline', item: 'x' } }, [
      withParts('a', 900, 1000),
      withParts('b', 50, 100),
    ]);
    expect(rise.value).toBeCloseTo((-150 / 1100) * 100, 10);
  });

  it('for a calculator, follows its fallback, else ×100 for % and a plain ratio otherwise', () => {
    const results = [withParts('a', 1, 4), withParts('b', 2, 4)];
    const withFallback: Indicator = {
      unit: 'ratio',
      computation: { kind: 'calculator', calculator: 'payroll.local', fallback: perComputation },
    };
    expect(rollUp(withFallback, results).value).toBe(375);
    expect(
      rollUp({ unit: '%', computation: { kind: 'calculator', calculator: 'spend.sme' } }, results)
        .value,
    ).toBe(37.5);
    expect(
      rollUp({ unit: 'ratio', computation: { kind: 'calculator', calculator: 'lm3' } }, results)
        .value,
    ).toBe(0.375);
  });

  it('counts as reported only organisations with both parts', () => {
    const total = rollUp(ratio, [
      withParts('a', 1, 4),
      org('b', { value: null, numerator: 3, missing: ['total'], source: 'items' }),
      org('c', { value: null, missing: ['local', 'total'], source: 'items' }),
      org('d', null),
    ]);
    expect(total).toMatchObject({
      value: 25,
      numerator: 1,
      denominator: 4,
      reported: 1,
      expected: 4,
      complete: false,
    });
  });

  it('counts an organisation reporting 0 of 0 as reported, without changing the value', () => {
    const total = rollUp(ratio, [withParts('a', 1, 4), withParts('b', 0, 0)]);
    expect(total).toMatchObject({ value: 25, reported: 2, complete: true });
  });

  it('is null with no parts at all, or a zero total denominator (parts kept)', () => {
    expect(rollUp(ratio, [org('a', null)])).toEqual({
      value: null,
      reported: 0,
      expected: 1,
      complete: false,
      method: 'parts',
    });
    expect(rollUp(ratio, [])).toMatchObject({ value: null, reported: 0, complete: true });
    expect(rollUp(ratio, [withParts('a', 0, 0)])).toMatchObject({
      value: null,
      numerator: 0,
      denominator: 0,
      reported: 1,
    });
  });
});

describe('rollUp: sum', () => {
  it('adds the values of organisations that reported', () => {
    expect(
      rollUp(spend, [withValue('a', 1000), withValue('b', 234.5), withValue('c', null)], 4),
    ).toEqual({ value: 1234.5, reported: 2, expected: 4, complete: false, method: 'sum' });
  });

  it('keeps a reported zero', () => {
    expect(rollUp(spend, [withValue('a', 0)])).toMatchObject({ value: 0, reported: 1 });
  });

  it('is null when nobody reported', () => {
    expect(rollUp(spend, [org('a', null), withValue('b', null)])).toMatchObject({
      value: null,
      reported: 0,
      complete: false,
    });
  });
});

describe('rollUp: yes/no and levels', () => {
  it('counts the organisations answering yes', () => {
    expect(
      rollUp(yesNo, [withValue('a', 1), withValue('b', 0), withValue('c', 1), org('d', null)]),
    ).toEqual({
      value: 2,
      reported: 3,
      expected: 4,
      complete: false,
      method: 'count-yes',
      distribution: { yes: 2, no: 1 },
    });
  });

  it('counts zero yeses as 0, and nobody reporting as no data', () => {
    expect(rollUp(yesNo, [withValue('a', 0)]).value).toBe(0);
    expect(rollUp(yesNo, [org('a', null)])).toMatchObject({
      value: null,
      reported: 0,
      distribution: { yes: 0, no: 0 },
    });
  });

  it('ignores anything that is neither yes (1) nor no (0)', () => {
    expect(rollUp(yesNo, [withValue('a', 1), withValue('b', 0.5)])).toMatchObject({
      value: 1,
      reported: 1,
      distribution: { yes: 1, no: 0 },
    });
  });

  it('takes the lower median of the levels, with the distribution', () => {
    expect(
      rollUp(level, [withValue('a', 4), withValue('b', 1), withValue('c', 2), withValue('d', 3)]),
    ).toEqual({
      value: 2,
      reported: 4,
      expected: 4,
      complete: true,
      method: 'median',
      distribution: { '1': 1, '2': 1, '3': 1, '4': 1 },
    });
    expect(
      rollUp(level, [withValue('a', 3), withValue('b', 1), withValue('c', 3), org('d', null)]),
    ).toMatchObject({ value: 3, reported: 3, distribution: { '1': 1, '2': 0, '3': 2, '4': 0 } });
    expect(rollUp(level, [withValue('a', 2)]).value).toBe(2);
    expect(rollUp(level, [withValue('a', 4), withValue('b', 1)]).value).toBe(1);
  });

  it('has no level when nobody reported', () => {
    expect(rollUp(level, [org('a', null)])).toMatchObject({
      value: null,
      reported: 0,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 0 },
    });
  });
});

describe('rollUp: not additive', () => {
  it('gives no total for a percentage entered directly, but counts who reported', () => {
    expect(
      rollUp(percentEntered, [withValue('a', 20), withValue('b', 40), org('c', null)]),
    ).toEqual({ value: null, reported: 2, expected: 3, complete: false, method: 'not-additive' });
  });
});

describe('rollUp: expected and complete', () => {
  it('defaults expected to the number of results', () => {
    expect(rollUp(spend, [withValue('a', 1), withValue('b', 2)])).toMatchObject({
      expected: 2,
      complete: true,
    });
  });

  it('is incomplete when fewer reported than expected', () => {
    expect(rollUp(spend, [withValue('a', 1), withValue('b', 2)], 3)).toMatchObject({
      reported: 2,
      expected: 3,
      complete: false,
    });
  });
});

describe('stableSum', () => {
  it('adds exactly where plain addition loses precision, whatever the order', () => {
    expect(stableSum([0.1, 0.2, 0.3])).toBe(stableSum([0.3, 0.2, 0.1]));
    expect(stableSum([1e16, 1, -1e16])).toBe(1);
    expect(stableSum([])).toBe(0);
    expect(stableSum([Number.MAX_VALUE, Number.MAX_VALUE])).toBeNull();
  });
});

// ---- Properties ----------------------------------------------------------------------------

const organisationId = fc.uuid();
/** Realistic parts of a ratio: 0 ≤ numerator ≤ denominator (as return validation enforces). */
const ratioParts = fc
  .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([denominator, share]) => ({ numerator: Math.round(denominator * share), denominator }));
const ratioResults = fc.array(
  fc.tuple(organisationId, ratioParts).map(([id, p]) => withParts(id, p.numerator, p.denominator)),
  { minLength: 1, maxLength: 30 },
);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('rollUp properties', () => {
  it('(a) a ratio total lies between the smallest and largest organisation ratio', () => {
    fc.assert(
      fc.property(ratioResults, (results) => {
        const ratios = results
          .map((r) => r.result)
          .filter((r): r is IndicatorResult => r !== null && (r.denominator ?? 0) > 0)
          .map((r) => ratioOf(r.numerator ?? 0, r.denominator ?? 0) ?? NaN);
        const total = rollUp(ratio, results);
        if (ratios.length === 0) {
          expect(total.value).toBeNull();
          return;
        }
        expect(total.value).not.toBeNull();
        const value = total.value ?? NaN;
        const tolerance = 1e-9 * 100;
        expect(value).toBeGreaterThanOrEqual(Math.min(...ratios) - tolerance);
        expect(value).toBeLessThanOrEqual(Math.max(...ratios) + tolerance);
      }),
      { numRuns: 500 },
    );
  });

  it('(a′) also for per indicators and any finite parts with positive denominators', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1e9, max: 1e9, noNaN: true }),
            fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (parts) => {
          const results = parts.map(([n, d], i) => withParts(String(i), n, d));
          const own = parts.map(([n, d]) => (n / d) * 1000);
          const value = rollUp(per, results).value ?? NaN;
          const slack = 1e-9 * Math.max(1, ...own.map(Math.abs));
          expect(value).toBeGreaterThanOrEqual(Math.min(...own) - slack);
          expect(value).toBeLessThanOrEqual(Math.max(...own) + slack);
        },
      ),
    );
  });

  it('(b) an organisation that did not report changes nothing but completeness', () => {
    const indicators = [ratio, per, reduction, spend, yesNo, level, percentEntered];
    const anyResult = fc.oneof(
      ratioParts.map((p) => withParts('x', p.numerator, p.denominator)),
      fc.integer({ min: 0, max: 4 }).map((v) => withValue('x', v)),
      fc.constant(org('x', null)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...indicators),
        fc.array(anyResult, { maxLength: 12 }),
        fc.nat({ max: 12 }),
        (indicator, results, at) => {
          const before = rollUp(indicator, results);
          const withAbsent = [...results];
          withAbsent.splice(Math.min(at, results.length), 0, org('absent', null));
          const after = rollUp(indicator, withAbsent);
          expect(after.value).toBe(before.value);
          expect(after.numerator).toBe(before.numerator);
          expect(after.denominator).toBe(before.denominator);
          expect(after.distribution).toEqual(before.distribution);
          expect(after.reported).toBe(before.reported);
          expect(after.expected).toBe(before.expected + 1);
          expect(after.complete).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('(c) a ratio total never exceeds 100% when every numerator ≤ its denominator', () => {
    fc.assert(
      fc.property(ratioResults, (results) => {
        const value = rollUp(ratio, results).value;
        if (value !== null) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('(d) a sum total is the sum of the values, whatever the order', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.option(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { nil: null }), {
            maxLength: 30,
          })
          .chain((values) =>
            fc.tuple(
              fc.constant(values),
              fc.shuffledSubarray(values, { minLength: values.length }),
            ),
          ),
        ([values, shuffled]) => {
          const results = values.map((v, i) => withValue(String(i), v));
          const reordered = shuffled.map((v, i) => withValue(`r${i}`, v));
          const total = rollUp(spend, results);
          const reported = values.filter((v): v is number => v !== null);
          expect(total.reported).toBe(reported.length);
          if (reported.length === 0) expect(total.value).toBeNull();
          else {
            const naive = reported.reduce((s, v) => s + v, 0);
            const scale = reported.reduce((s, v) => s + Math.abs(v), 0);
            expect(Math.abs((total.value ?? NaN) - naive)).toBeLessThanOrEqual(1e-9 * scale + 1e-9);
          }
          expect(rollUp(spend, reordered).value).toBe(total.value);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('(d′) a sum of whole pounds is exact', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1 }), (values) => {
        const total = rollUp(
          spend,
          values.map((v, i) => withValue(String(i), v)),
        );
        expect(total.value).toBe(values.reduce((s, v) => s + v, 0));
      }),
    );
  });

  it('a ratio total equals the ratio of the summed parts, never the mean of percentages', () => {
    fc.assert(
      fc.property(ratioResults, (results) => {
        const total = rollUp(ratio, results);
        const num = results.reduce((s, r) => s + (r.result?.numerator ?? 0), 0);
        const den = results.reduce((s, r) => s + (r.result?.denominator ?? 0), 0);
        expect(total.numerator).toBe(num);
        expect(total.denominator).toBe(den);
        if (den === 0) expect(total.value).toBeNull();
        else expect(close(total.value ?? NaN, (num / den) * 100)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the unit of a partnership total', () => {
  it('counts organisations answering yes for a yes/no indicator, and is the indicator’s own otherwise', () => {
    expect(totalUnit('yes/no')).toBe('count');
    expect(totalUnit('%')).toBe('%');
    expect(totalUnit('count')).toBe('count');
    expect(yesCountText(2, 6)).toBe('2 of 6 organisations');
    expect(yesCountText(1, 1)).toBe('1 of 1 organisation');
    expect(yesCountText(0, 1_200)).toBe('0 of 1,200 organisations');
  });
});
