import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../spend/csv.js';
import {
  aggregatePayroll,
  aggregatePayrollBy,
  payrollFigures,
  type Placement,
  type PayrollRow,
} from './aggregate.js';
import { detectPayrollMapping } from './fields.js';
import { LIVING_WAGE_RATES } from './living-wage.js';
import { PAY_BAND_IDS } from './pay.js';
import { reducePayrollRow, type ReducedRecord } from './reduce.js';

/**
 * Ten directly employed people: three paid below £12.60 an hour (£12.10, £12.40, and £12.5999),
 * seven at or above it, two of them on an annual salary (£24,637.57 for 37.5 hours is
 * £12.600001 an hour; £27,100 is £13.8597). Paid on 31 March 2026, when the 2024/25 rates
 * (£12.60, London £13.85) are the ones in force: announced in October 2024, they apply from
 * 1 May 2025, the end of their implementation period (decision 026).
 */
const TEN = `Payroll No,Name,Employment,Hourly rate,Annual salary,Weekly hours,Pay date
1,A Person,Direct,12.10,,,31/03/2026
2,B Person,Direct,12.40,,,31/03/2026
3,C Person,Direct,12.5999,,,31/03/2026
4,D Person,Direct,12.60,,,31/03/2026
5,E Person,Direct,12.75,,,31/03/2026
6,F Person,Direct,13.00,,,31/03/2026
7,G Person,Direct,13.50,,,31/03/2026
8,H Person,Direct,13.85,,,31/03/2026
9,I Person,Direct,,27100.00,37.5,31/03/2026
10,J Person,Direct,,24637.57,37.5,31/03/2026`;

function reduceAll(csv: string, paysLondonWeighting: boolean, payDate?: string): ReducedRecord[] {
  const [header, ...rows] = readCsv(csv);
  const mapping = detectPayrollMapping(header!.fields);
  return rows.map(({ fields }) => {
    const cells = payDate ? fields.map((c, i) => (i === mapping.payDate ? payDate : c)) : fields;
    const r = reducePayrollRow(cells, {
      mapping,
      headers: header!.fields,
      rates: LIVING_WAGE_RATES,
      paysLondonWeighting,
      period: { startsOn: '2025-04-01', endsOn: '2026-03-31' },
      defaultPayDate: '2026-03-31',
    });
    if (!r.ok) throw new Error(r.reasons.join('; '));
    return r.record;
  });
}

const unplaced = (records: ReducedRecord[]): PayrollRow[] =>
  records.map((record) => ({ record, placement: null }));

describe('W1 from a payroll (issue 11)', () => {
  it('3 of 10 directly employed staff paid below £12.60 gives W1 = 70%', () => {
    const w1 = payrollFigures(aggregatePayroll(unplaced(reduceAll(TEN, false)))).W1;
    expect(w1).toEqual({
      numerator: 7,
      denominator: 10,
      percent: 70,
      coverage: { known: 10, total: 10 },
    });
  });

  it('the same people with London weighting, against £13.85, gives W1 = 20%', () => {
    // At or above £13.85: £13.85 exactly and £27,100 a year (£13.8597 an hour).
    const w1 = payrollFigures(aggregatePayroll(unplaced(reduceAll(TEN, true)))).W1;
    expect(w1).toMatchObject({ numerator: 2, denominator: 10, percent: 20 });
  });

  it('the same pay on 30 April 2025, before the 2024/25 rates apply, is measured against £12.00', () => {
    const w1 = payrollFigures(aggregatePayroll(unplaced(reduceAll(TEN, false, '30/04/2025')))).W1;
    expect(w1.percent).toBe(100);
  });

  it('counts the pay bands of the ten', () => {
    const c = aggregatePayroll(unplaced(reduceAll(TEN, false)));
    expect(c.direct.bands).toEqual({
      'below-rlw-10': 0,
      'below-rlw': 3,
      'rlw-to-10': 7, // £12.60 up to, not including, £13.86 (10% above)
      '10-to-25': 0,
      '25-to-50': 0,
      '50-plus': 0,
    });
  });
});

const record = (over: Partial<ReducedRecord> = {}): ReducedRecord => ({
  employment: 'direct',
  atOrAboveRlw: true,
  payBand: 'rlw-to-10',
  rlwYear: '2024/25',
  postcodeForPlacing: null,
  startedInPeriod: false,
  apprentice: false,
  priority: { careLeaver: false, veteran: false, disabled: false, longTermUnemployed: false },
  ...over,
});
const place = (local: boolean, decile: number | null): Placement => ({
  district: 'E08000012',
  lsoa: 'E01006515',
  decile,
  local,
});

describe('aggregatePayroll', () => {
  it('keeps unknown apart from zero: no known pay is no figure, not 0%', () => {
    const f = payrollFigures(
      aggregatePayroll([
        { record: record({ atOrAboveRlw: null, payBand: null }), placement: null },
      ]),
    );
    expect(f.W1).toEqual({
      numerator: 0,
      denominator: 0,
      percent: null,
      coverage: { known: 0, total: 1 },
    });
    expect(f.W4.percent).toBeNull();
    expect(f.W6.percent).toBeNull();
  });

  it('counts contracted-out staff for W2 only', () => {
    const c = aggregatePayroll([
      {
        record: record({ employment: 'contracted', atOrAboveRlw: false }),
        placement: place(true, 1),
      },
      {
        record: record({ employment: 'contracted', startedInPeriod: true, apprentice: true }),
        placement: place(true, 1),
      },
    ]);
    expect(payrollFigures(c).W2).toMatchObject({ numerator: 1, denominator: 2, percent: 50 });
    expect(c.residence.staff).toBe(0);
    expect(c.starters.count).toBe(0);
    expect(payrollFigures(c).W7).toBe(0);
  });

  it('works W4–W8 out from where people live and who started, each with its coverage', () => {
    const rows: PayrollRow[] = [
      { record: record(), placement: place(true, 1) },
      { record: record(), placement: place(true, 5) },
      { record: record(), placement: place(false, 2) },
      { record: record(), placement: place(false, null) },
      { record: record(), placement: null },
      {
        record: record({ startedInPeriod: true, apprentice: true }),
        placement: place(true, 2),
      },
      {
        record: record({
          startedInPeriod: true,
          priority: { careLeaver: true, veteran: false, disabled: true, longTermUnemployed: false },
        }),
        placement: place(false, 7),
      },
      {
        record: record({
          startedInPeriod: true,
          priority: {
            careLeaver: false,
            veteran: true,
            disabled: false,
            longTermUnemployed: false,
          },
        }),
        placement: null,
      },
      { record: record({ startedInPeriod: null }), placement: place(true, 3) },
    ];
    const c = aggregatePayroll(rows);
    const f = payrollFigures(c);
    // 9 staff, 7 placed; local: rows 1, 2, 6, 9 → 4 of 7.
    expect(f.W4).toMatchObject({ numerator: 4, denominator: 7, coverage: { known: 7, total: 9 } });
    // Decile known for 6 (row 4 has none); deciles 1–2: rows 1, 3, 6.
    expect(f.W5).toMatchObject({ numerator: 3, denominator: 6, percent: 50 });
    // Three started in the period, two placed, one of them local.
    expect(f.W6).toMatchObject({ numerator: 1, denominator: 2, coverage: { known: 2, total: 3 } });
    expect(f.W7).toBe(1);
    // Two priority-group entrants, one of them in two groups.
    expect(f.W8).toBe(2);
    expect(c.starters.byPriorityGroup).toEqual({
      careLeaver: 1,
      veteran: 1,
      disabled: 1,
      longTermUnemployed: 0,
    });
    expect(c.starters.startKnown).toBe(8);
  });

  const arbitraryRow: fc.Arbitrary<PayrollRow> = fc.record({
    record: fc.record({
      employment: fc.constantFrom('direct' as const, 'contracted' as const),
      atOrAboveRlw: fc.constantFrom(true, false, null),
      payBand: fc.constantFrom(...PAY_BAND_IDS),
      rlwYear: fc.constant('2024/25'),
      postcodeForPlacing: fc.constant(null),
      startedInPeriod: fc.constantFrom(true, false, null),
      apprentice: fc.boolean(),
      priority: fc.record({
        careLeaver: fc.boolean(),
        veteran: fc.boolean(),
        disabled: fc.boolean(),
        longTermUnemployed: fc.boolean(),
      }),
    }),
    placement: fc.option(
      fc.record({
        district: fc.constant('E08000012'),
        lsoa: fc.constant(null),
        decile: fc.option(fc.integer({ min: 1, max: 10 })),
        local: fc.boolean(),
      }),
    ),
  });

  it('never counts a part above its whole, and groups add up to the whole (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(arbitraryRow, fc.constantFrom('a', 'b', 'c'))), (tagged) => {
        const all = aggregatePayroll(tagged.map(([r]) => r));
        const f = payrollFigures(all);
        for (const s of [f.W1, f.W2, f.W4, f.W5, f.W6]) {
          expect(s.numerator).toBeLessThanOrEqual(s.denominator);
          expect(s.denominator).toBeLessThanOrEqual(s.coverage.total);
          if (s.percent !== null) expect(s.percent).toBeLessThanOrEqual(100);
        }
        expect(f.W7).toBeLessThanOrEqual(all.starters.count);
        expect(f.W8).toBeLessThanOrEqual(all.starters.count);
        expect(all.direct.staff + all.contracted.staff).toBe(tagged.length);
        const groups = aggregatePayrollBy(tagged.map(([r, key]) => ({ ...r, key })));
        const sum = (pick: (c: ReturnType<typeof aggregatePayroll>) => number) =>
          [...groups.values()].reduce((n, c) => n + pick(c), 0);
        expect(sum((c) => c.direct.atOrAboveRlw)).toBe(all.direct.atOrAboveRlw);
        expect(sum((c) => c.residence.placed)).toBe(all.residence.placed);
        expect(sum((c) => c.starters.priority)).toBe(all.starters.priority);
      }),
    );
  });
});
