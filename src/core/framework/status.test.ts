import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOLERANCE,
  STATUS_LABELS,
  STATUS_RULE,
  chooseTarget,
  expectedAt,
  longDate,
  statusInputs,
  statusOf,
  type Dated,
  type Status,
} from './status.js';
import { CATALOGUE } from './catalogue.js';
import { formatValue } from './format.js';
import type { Direction, Unit } from './types.js';

const baseline: Dated = { value: 10, date: '2024-03-31' };
const target: Dated = { value: 30, date: '2028-03-31' };

describe('expectedAt', () => {
  it('is the baseline on or before the baseline date', () => {
    expect(expectedAt(baseline, target, '2024-03-31')).toBe(10);
    expect(expectedAt(baseline, target, '2020-01-01')).toBe(10);
  });

  it('is the target on or after the target date', () => {
    expect(expectedAt(baseline, target, '2028-03-31')).toBe(30);
    expect(expectedAt(baseline, target, '2035-01-01')).toBe(30);
  });

  it('follows a straight line in between, by days', () => {
    const b: Dated = { value: 0, date: '2025-01-01' };
    const t: Dated = { value: 100, date: '2025-01-11' };
    expect(expectedAt(b, t, '2025-01-06')).toBe(50);
    expect(expectedAt(b, t, '2025-01-02')).toBe(10);
    // Two years into four: 730 of 1,461 days (the leap day, 29 February 2028, is yet to come).
    expect(expectedAt(baseline, target, '2026-03-31')).toBeCloseTo(10 + (20 * 730) / 1461, 10);
  });

  it('works for falling lines', () => {
    expect(
      expectedAt(
        { value: 100, date: '2025-01-01' },
        { value: 0, date: '2025-01-05' },
        '2025-01-02',
      ),
    ).toBe(75);
  });

  it('is the target when the target is dated before the baseline', () => {
    expect(
      expectedAt({ value: 1, date: '2026-01-01' }, { value: 5, date: '2025-01-01' }, '2027-01-01'),
    ).toBe(5);
  });

  it('rejects dates that are not ISO dates', () => {
    expect(() => expectedAt(baseline, target, '31/03/2026')).toThrow(RangeError);
    expect(() => expectedAt(baseline, target, '2026-02-30')).toThrow(RangeError);
    expect(() => expectedAt({ value: 1, date: '' }, target, '2026-01-01')).toThrow(RangeError);
  });

  it('never leaves the segment between baseline and target values', () => {
    const date = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2050, 0, 1) })
      .map((t) => new Date(t).toISOString().slice(0, 10));
    const value = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(value, value, date, date, date, (v0, v1, d0, d1, d) => {
        const e = expectedAt({ value: v0, date: d0 }, { value: v1, date: d1 }, d);
        expect(e).toBeGreaterThanOrEqual(Math.min(v0, v1) - 1e-6);
        expect(e).toBeLessThanOrEqual(Math.max(v0, v1) + 1e-6);
      }),
    );
  });
});

describe('chooseTarget', () => {
  const targets: Dated[] = [
    { value: 40, date: '2030-03-31' },
    { value: 20, date: '2026-03-31' },
    { value: 30, date: '2028-03-31' },
  ];

  it('takes the earliest target dated on or after the date', () => {
    expect(chooseTarget(targets, '2025-06-30')).toEqual({ value: 20, date: '2026-03-31' });
    expect(chooseTarget(targets, '2026-03-31')).toEqual({ value: 20, date: '2026-03-31' });
    expect(chooseTarget(targets, '2026-04-01')).toEqual({ value: 30, date: '2028-03-31' });
  });

  it('takes the latest target once every target has passed', () => {
    expect(chooseTarget(targets, '2031-01-01')).toEqual({ value: 40, date: '2030-03-31' });
  });

  it('has none when there are no targets', () => {
    expect(chooseTarget([], '2025-01-01')).toBeUndefined();
  });

  it('does not reorder the array it is given', () => {
    const copy = [...targets];
    chooseTarget(targets, '2025-01-01');
    expect(targets).toEqual(copy);
  });
});

describe('statusOf', () => {
  const simple = {
    unit: '%' as const,
    baseline: { value: 0, date: '2025-01-01' },
    targets: [{ value: 100, date: '2025-01-11' }],
  };
  // On 2025-01-06 the trajectory expects 50. Tolerance: 5% × max(50, 100) = 5.
  const at = (value: number, direction: Direction = 'higher', date = '2025-01-06') =>
    statusOf({ direction, ...simple, latest: { value, date } });

  it('is on track at or above the trajectory when higher is better', () => {
    expect(at(50)).toMatchObject({ status: 'on-track', expected: 50 });
    expect(at(80).status).toBe('on-track');
  });

  it('is at risk within the tolerance, off track beyond it', () => {
    expect(at(49).status).toBe('at-risk');
    expect(at(45).status).toBe('at-risk');
    expect(at(44.9).status).toBe('off-track');
    // 44.96% reads "45.0%": decided as shown, it is within the tolerance.
    expect(at(44.96).status).toBe('at-risk');
    expect(at(10).status).toBe('off-track');
  });

  it('measures the tolerance against the larger of expected and the planned change', () => {
    // Early on the expected figure is small (10), so the planned change (100) sets 5.
    expect(at(5.5, 'higher', '2025-01-02')).toMatchObject({ status: 'at-risk', expected: 10 });
    expect(at(4.9, 'higher', '2025-01-02').status).toBe('off-track');
    // When the expected figure is larger than the planned change, it sets the tolerance.
    const big = {
      direction: 'higher' as const,
      unit: 'count' as const,
      baseline: { value: 1000, date: '2025-01-01' },
      targets: [{ value: 1010, date: '2025-01-11' }],
    };
    // Expected 1010 after the target date: tolerance 5% × 1010 = 50.5.
    expect(statusOf({ ...big, latest: { value: 960, date: '2025-02-01' } }).status).toBe('at-risk');
    expect(statusOf({ ...big, latest: { value: 959, date: '2025-02-01' } }).status).toBe(
      'off-track',
    );
  });

  it('mirrors for lower-is-better indicators', () => {
    const lower = {
      unit: '%' as const,
      baseline: { value: 100, date: '2025-01-01' },
      targets: [{ value: 0, date: '2025-01-11' }],
    };
    const s = (value: number) =>
      statusOf({ direction: 'lower', ...lower, latest: { value, date: '2025-01-06' } }).status;
    expect(s(50)).toBe('on-track');
    expect(s(20)).toBe('on-track');
    expect(s(55)).toBe('at-risk');
    expect(s(56)).toBe('off-track');
  });

  it('takes a tolerance', () => {
    expect(
      statusOf({
        direction: 'higher',
        ...simple,
        latest: { value: 45, date: '2025-01-06' },
        tolerance: 0.01,
      }).status,
    ).toBe('off-track');
    expect(
      statusOf({
        direction: 'higher',
        ...simple,
        latest: { value: 45, date: '2025-01-06' },
        tolerance: 0.2,
      }).status,
    ).toBe('at-risk');
    expect(DEFAULT_TOLERANCE).toBe(0.05);
  });

  it('uses the next target, then the last', () => {
    const two = {
      direction: 'higher' as const,
      unit: '%' as const,
      baseline: { value: 0, date: '2024-03-31' },
      targets: [
        { value: 50, date: '2030-03-31' },
        { value: 20, date: '2026-03-31' },
      ],
    };
    expect(statusOf({ ...two, latest: { value: 20, date: '2026-03-31' } })).toMatchObject({
      status: 'on-track',
      expected: 20,
    });
    expect(statusOf({ ...two, latest: { value: 40, date: '2031-03-31' } })).toMatchObject({
      status: 'off-track',
      expected: 50,
    });
  });

  it('has no data without a latest figure', () => {
    expect(statusOf({ direction: 'higher', ...simple })).toEqual({
      status: 'no-data',
      expected: null,
      reason: 'No figure reported yet',
    });
    expect(
      statusOf({ direction: 'higher', ...simple, latest: { value: NaN, date: '2025-01-06' } })
        .status,
    ).toBe('no-data');
  });

  it('has no target, not no data, when a figure has no target', () => {
    const latest = { value: 5, date: '2025-01-06' };
    const none = { status: 'no-target', expected: null, reason: 'No target set' };
    expect(statusOf({ direction: 'higher', unit: '%', latest })).toEqual(none);
    expect(statusOf({ direction: 'higher', unit: '%', latest, baseline: simple.baseline })).toEqual(
      none,
    );
    expect(
      statusOf({ direction: 'higher', unit: '%', latest, baseline: simple.baseline, targets: [] }),
    ).toEqual(none);
    expect(STATUS_LABELS['no-target']).toBe('No target');
  });

  it('has no line to follow with a target but no baseline, until the target date', () => {
    const before = statusOf({
      direction: 'higher',
      unit: '%',
      latest: { value: 5, date: '2025-01-06' },
      targets: simple.targets,
    });
    expect(before).toMatchObject({ status: 'no-target', expected: null });
    expect(before.reason).toBe(
      '5.0% with a target of 100.0% by 11 January 2025 but no baseline to draw the line to it from',
    );
    // Once the target date has passed, the figure is compared with the target itself.
    expect(
      statusOf({
        direction: 'higher',
        unit: '%',
        latest: { value: 100, date: '2025-03-31' },
        targets: simple.targets,
      }),
    ).toMatchObject({ status: 'on-track', expected: 100 });
  });

  it('decides at the precision shown: 96.18% against a target of 96.2% has met it', () => {
    const w1 = {
      direction: 'higher' as const,
      baseline: { value: 90, date: '2024-03-31' },
      targets: [{ value: 96.2, date: '2026-03-31' }],
      latest: { value: 96.18, date: '2026-03-31' },
    };
    expect(statusOf({ ...w1, unit: '%' })).toEqual({
      status: 'on-track',
      expected: 96.2,
      reason: '96.2% against a target of 96.2% by 31 March 2026',
    });
    // Money to the penny: £999.996 is shown as £1,000, which meets a £1,000 target.
    expect(
      statusOf({
        direction: 'higher',
        unit: '£',
        baseline: { value: 0, date: '2024-03-31' },
        targets: [{ value: 1000, date: '2026-03-31' }],
        latest: { value: 999.996, date: '2026-03-31' },
      }),
    ).toMatchObject({
      status: 'on-track',
      reason: '£1,000 against a target of £1,000 by 31 March 2026',
    });
    // A count shown as a whole number: 95.4 against 96 is short by 1 (95 shown), not by 0.6.
    expect(
      statusOf({
        direction: 'higher',
        unit: 'count',
        baseline: { value: 96, date: '2024-03-31' },
        targets: [{ value: 96, date: '2026-03-31' }],
        latest: { value: 95.4, date: '2026-03-31' },
      }),
    ).toMatchObject({ status: 'at-risk', reason: '95 against a target of 96 by 31 March 2026' });
  });

  it('gives its reason in plain English, in the unit and format of the figure', () => {
    const s = statusOf({
      direction: 'higher',
      unit: '%',
      baseline: { value: 10, date: '2024-03-31' },
      targets: [{ value: 20, date: '2026-03-31' }],
      latest: { value: 18, date: '2026-03-31' },
    });
    expect(s).toEqual({
      status: 'off-track',
      expected: 20,
      reason: '18.0% against a target of 20.0% by 31 March 2026',
    });
    const on = ', on the way to 100.0% by 11 January 2025';
    expect(at(1234.56).reason).toBe(`1,234.6% against 50.0% expected by 6 January 2025${on}`);
    expect(at(-0.04).reason).toBe(`0.0% against 50.0% expected by 6 January 2025${on}`);
    expect(at(-2.5).reason).toBe(`−2.5% against 50.0% expected by 6 January 2025${on}`);
  });
});

describe('longDate', () => {
  it('writes dates the GOV.UK way', () => {
    expect(longDate('2026-03-31')).toBe('31 March 2026');
    expect(longDate('2025-01-01')).toBe('1 January 2025');
  });
});

describe('the rule and labels', () => {
  it('labels every status', () => {
    expect(STATUS_LABELS).toEqual({
      'on-track': 'On track',
      'at-risk': 'At risk',
      'off-track': 'Off track',
      'no-target': 'No target',
      'no-data': 'No data',
    });
  });

  it('states the rule the code applies', () => {
    expect(STATUS_RULE).toMatch(/straight line from the baseline to the target/);
    expect(STATUS_RULE).toMatch(/5%/);
    expect(STATUS_RULE).toMatch(/larger of the expected figure and the whole planned change/);
    expect(STATUS_RULE).toMatch(/on track/);
    expect(STATUS_RULE).toMatch(/at risk/);
    expect(STATUS_RULE).toMatch(/off track/);
    expect(STATUS_RULE).toMatch(/no data/);
    expect(STATUS_RULE).toMatch(/no target/);
    expect(STATUS_RULE).toMatch(/as they are shown/);
    expect(STATUS_RULE).not.toMatch(/[<>]/);
  });
});

describe('statusOf properties', () => {
  const day = fc.integer({ min: 0, max: 365 * 20 });
  const iso = (days: number) =>
    new Date(Date.UTC(2020, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
  const value = fc.double({ min: -1e9, max: 1e9, noNaN: true });
  const scenario = fc.record({
    direction: fc.constantFrom<Direction>('higher', 'lower'),
    unit: fc.constantFrom<Unit>('%', '£', 'count', 'hours', 'ratio', 'kWh'),
    baseline: fc.tuple(value, day).map(([v, d]) => ({ value: v, date: iso(d) })),
    targets: fc.array(
      fc.tuple(value, day).map(([v, d]) => ({ value: v, date: iso(d) })),
      { maxLength: 3 },
    ),
    latest: fc.tuple(value, day).map(([v, d]) => ({ value: v, date: iso(d) })),
    tolerance: fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
  });
  const negate = (d: Dated): Dated => ({ value: -d.value, date: d.date });

  it('(e) higher and lower are mirror images: negate every value, flip direction, same status', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const mirrored = statusOf({
          direction: s.direction === 'higher' ? 'lower' : 'higher',
          unit: s.unit,
          baseline: negate(s.baseline),
          targets: s.targets.map(negate),
          latest: negate(s.latest),
          ...(s.tolerance === undefined ? {} : { tolerance: s.tolerance }),
        });
        const original = statusOf(s);
        expect(mirrored.status).toBe(original.status);
        // (+ 0 turns −0 into 0: a trajectory at zero is the same both ways.)
        if (original.expected !== null)
          expect((mirrored.expected ?? NaN) + 0).toBe(-original.expected + 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('(f) a latest figure exactly on the trajectory is on track', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const t = chooseTarget(s.targets, s.latest.date);
        fc.pre(t !== undefined);
        if (!t) return;
        const onLine = { value: expectedAt(s.baseline, t, s.latest.date), date: s.latest.date };
        expect(statusOf({ ...s, latest: onLine }).status).toBe('on-track');
      }),
      { numRuns: 1000 },
    );
  });

  it('a better figure never has a worse status', () => {
    const rank: Record<Status, number> = {
      'on-track': 0,
      'at-risk': 1,
      'off-track': 2,
      'no-target': 3,
      'no-data': 4,
    };
    fc.assert(
      fc.property(scenario, fc.double({ min: 0, max: 1e6, noNaN: true }), (s, better) => {
        const improved = {
          ...s,
          latest: {
            value: s.latest.value + (s.direction === 'higher' ? better : -better),
            date: s.latest.date,
          },
        };
        expect(rank[statusOf(improved).status]).toBeLessThanOrEqual(rank[statusOf(s).status]);
      }),
      { numRuns: 1000 },
    );
  });

  it('is on track whenever the figure reads the same as the figure expected', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = statusOf(s);
        fc.pre(r.expected !== null);
        if (formatValue(s.latest.value, s.unit) === formatValue(r.expected ?? NaN, s.unit))
          expect(r.status).toBe('on-track');
        expect(r.reason.startsWith(formatValue(s.latest.value, s.unit))).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Where the figures are close, so that they often read the same.
    fc.assert(
      fc.property(
        fc.constantFrom<Unit>('%', '£', 'count', 'ratio'),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        (unit, target, delta) => {
          const r = statusOf({
            direction: 'higher',
            unit,
            baseline: { value: 0, date: '2024-03-31' },
            targets: [{ value: target, date: '2026-03-31' }],
            latest: { value: target + delta, date: '2026-03-31' },
          });
          if (formatValue(target + delta, unit) === formatValue(target, unit))
            expect(r.status).toBe('on-track');
          else if (delta < 0) expect(r.status).not.toBe('on-track');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('has a status other than no data whenever there are a figure, a baseline and a target', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        fc.pre(s.targets.length > 0);
        expect(statusOf(s).status).not.toBe('no-data');
      }),
    );
  });
});

describe('statusInputs', () => {
  const e2 = CATALOGUE.find((i) => i.id === 'E2');
  const rows = [
    // The demonstration's E2: the baseline is the year's scope 1 and 2 emissions, in tonnes.
    {
      indicator_code: 'E2',
      organisation_id: null,
      kind: 'baseline' as const,
      value: '49878',
      on_date: '2024-03-31',
    },
    {
      indicator_code: 'E2',
      organisation_id: null,
      kind: 'target' as const,
      value: '30',
      on_date: '2028-03-31',
    },
    {
      indicator_code: 'E2',
      organisation_id: 'o',
      kind: 'target' as const,
      value: '50',
      on_date: '2028-03-31',
    },
  ];

  it('starts a reduction since its baseline at 0%, whatever the baseline figure is in tonnes', () => {
    if (!e2) throw new Error('E2 is in the catalogue');
    const inputs = statusInputs(e2, rows, null);
    expect(inputs).toEqual({
      baseline: { value: 0, date: '2024-03-31' },
      targets: [{ value: 30, date: '2028-03-31' }],
    });
    // Before, the baseline was read as 49,878% and the status said "24,971.1% expected".
    const s = statusOf({
      direction: 'higher',
      unit: '%',
      ...inputs,
      latest: { value: 14.1, date: '2026-03-31' },
    });
    expect(s.reason).toBe(
      '14.1% against 15.0% expected by 31 March 2026, on the way to 30.0% by 31 March 2028',
    );
    expect(s.status).toBe('at-risk');
  });

  it('keeps the baseline of any other indicator as it is, and each level’s own targets', () => {
    const other = { id: 'E2', computation: { kind: 'value' as const, item: 'x' } };
    expect(statusInputs(other, rows, null).baseline).toEqual({ value: 49878, date: '2024-03-31' });
    expect(statusInputs(other, rows, 'o')).toEqual({
      targets: [{ value: 50, date: '2028-03-31' }],
    });
  });
});
