import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPayrollMapping } from './fields.js';
import { LIVING_WAGE_RATES } from './living-wage.js';
import { reducePayrollRow, type ReduceContext } from './reduce.js';

const HEADERS = [
  'Staff Number',
  'Surname',
  'Date of Birth',
  'Employment Type',
  'Hourly Rate',
  'Annual Salary',
  'Contracted Hours',
  'Home Postcode',
  'Start Date',
  'Apprentice',
  'Care Leaver',
  'Veteran',
  'Disabled',
  'Long-term Unemployed',
  'Pay Date',
];

const ctx: ReduceContext = {
  mapping: detectPayrollMapping(HEADERS),
  headers: HEADERS,
  rates: LIVING_WAGE_RATES,
  paysLondonWeighting: false,
  period: { startsOn: '2025-04-01', endsOn: '2026-03-31' },
  defaultPayDate: '2026-03-31',
};

type Row = Partial<Record<(typeof HEADERS)[number], string>>;
const cells = (row: Row): string[] => HEADERS.map((h) => row[h] ?? '');

const base: Row = {
  'Staff Number': 'E10234',
  Surname: 'Doyle',
  'Date of Birth': '09/09/2001',
  'Employment Type': 'Direct',
  'Hourly Rate': '12.60',
  'Home Postcode': 'ch42 9qr',
  'Start Date': '07/07/2025',
  Apprentice: 'Yes',
  'Pay Date': '31/03/2026',
};

describe('reducePayrollRow', () => {
  it('keeps only what the figures need', () => {
    const r = reducePayrollRow(cells(base), ctx);
    expect(r).toEqual({
      ok: true,
      notes: [],
      record: {
        employment: 'direct',
        atOrAboveRlw: true,
        payBand: 'rlw-to-10',
        rlwYear: '2024/25',
        postcodeForPlacing: 'CH42 9QR',
        startedInPeriod: true,
        apprentice: true,
        priority: { careLeaver: false, veteran: false, disabled: false, longTermUnemployed: false },
      },
    });
  });

  it('measures pay against the rate in force on the pay date, London if the organisation pays it', () => {
    const on = (payDate: string, london = false) => {
      const r = reducePayrollRow(cells({ ...base, 'Hourly Rate': '12.30', 'Pay Date': payDate }), {
        ...ctx,
        paysLondonWeighting: london,
      });
      return r.ok ? [r.record.atOrAboveRlw, r.record.rlwYear] : r.reasons;
    };
    expect(on('30/04/2025')).toEqual([true, '2023/24']); // £12.00
    expect(on('01/05/2025')).toEqual([false, '2024/25']); // £12.60
    expect(on('30/04/2025', true)).toEqual([false, '2023/24']); // £13.15
  });

  it('uses the default pay date when the row has none, and no rate means pay not known', () => {
    const r = reducePayrollRow(cells({ ...base, 'Pay Date': '' }), {
      ...ctx,
      defaultPayDate: '2019-03-31',
    });
    expect(r.ok && r.record).toMatchObject({ atOrAboveRlw: null, payBand: null, rlwYear: null });
    expect(r.ok && r.notes).toEqual([
      'No Real Living Wage rate applied on the pay date, so the pay is counted as not known',
    ]);
  });

  it('works an annual salary out over the contracted hours, exactly at the threshold', () => {
    const salary = (s: string, h: string) => {
      const r = reducePayrollRow(
        cells({ ...base, 'Hourly Rate': '', 'Annual Salary': s, 'Contracted Hours': h }),
        ctx,
      );
      return r.ok ? r.record.atOrAboveRlw : r.reasons;
    };
    expect(salary('24637.57', '37.5')).toBe(true);
    expect(salary('£24,637.56', '37.5')).toBe(false);
    expect(salary('', '37.5')).toBeNull();
    expect(salary('24637.57', '')).toEqual([
      'Column “Contracted Hours”: empty, so the annual salary cannot be made an hourly rate',
    ]);
  });

  it('counts empty pay as not known, never as below the Real Living Wage', () => {
    const r = reducePayrollRow(cells({ ...base, 'Hourly Rate': '' }), ctx);
    expect(r.ok && r.record.atOrAboveRlw).toBeNull();
  });

  it('gives every reason, naming the column as the file heads it', () => {
    const r = reducePayrollRow(
      cells({
        ...base,
        'Employment Type': 'Agency',
        'Hourly Rate': 'twelve',
        'Start Date': '31/02/2025',
        Veteran: 'maybe',
      }),
      ctx,
    );
    expect(r).toEqual({
      ok: false,
      reasons: [
        'Column “Employment Type”: not “direct” or “contracted-out”',
        'Column “Veteran”: not yes or no',
        'Column “Start Date”: not a date (use day/month/year, like 31/03/2025)',
        'Column “Hourly Rate”: not a number',
      ],
    });
  });

  it('refuses hours a week cannot hold, and an hourly rate that is really a salary', () => {
    const one = (row: Row) => {
      const r = reducePayrollRow(cells({ ...base, ...row }), ctx);
      return r.ok ? null : r.reasons;
    };
    expect(one({ 'Hourly Rate': '', 'Annual Salary': '20000', 'Contracted Hours': '169' })).toEqual(
      ['Column “Contracted Hours”: more hours than a week has'],
    );
    expect(one({ 'Hourly Rate': '24637' })).toEqual([
      'Column “Hourly Rate”: too large to be an hourly rate (is it an annual salary?)',
    ]);
    expect(one({ 'Hourly Rate': '0.00' })).toEqual(['Column “Hourly Rate”: zero']);
  });

  it('sets a bad postcode aside with a note, keeping the rest of the row', () => {
    const r = reducePayrollRow(cells({ ...base, 'Home Postcode': 'not known' }), ctx);
    expect(r.ok && r.record.postcodeForPlacing).toBeNull();
    expect(r.ok && r.notes).toEqual([
      'Column “Home Postcode”: not a valid postcode, so not placed',
    ]);
  });

  it('reads the start date against the period, unknown when empty', () => {
    const started = (d: string) => {
      const r = reducePayrollRow(cells({ ...base, 'Start Date': d }), ctx);
      return r.ok ? r.record.startedInPeriod : r.reasons;
    };
    expect(started('01/04/2025')).toBe(true);
    expect(started('31/03/2026')).toBe(true);
    expect(started('31/03/2025')).toBe(false);
    expect(started('01/04/2026')).toBe(false);
    expect(started('')).toBeNull();
  });

  it('needs the employment type, unless everyone in the file is employed one way', () => {
    const row = cells({ ...base, 'Employment Type': '' });
    expect(reducePayrollRow(row, ctx).ok).toBe(false);
    const r = reducePayrollRow(row, { ...ctx, everyone: 'contracted' });
    expect(r.ok && r.record.employment).toBe('contracted');
  });

  it('reads contracted-out and the flags in their usual spellings', () => {
    const r = reducePayrollRow(
      cells({
        ...base,
        'Employment Type': 'Contracted-out',
        Apprentice: 'N',
        'Care Leaver': 'Y',
        Veteran: 'TRUE',
        Disabled: '1',
        'Long-term Unemployed': 'x',
      }),
      ctx,
    );
    expect(r.ok && r.record).toMatchObject({
      employment: 'contracted',
      apprentice: false,
      priority: { careLeaver: true, veteran: true, disabled: true, longTermUnemployed: true },
    });
  });

  it('never puts a personal value or an amount in a reason, a note or the record (property)', () => {
    // Personal text is marked with "Qz", which no message of the product contains.
    const text = fc.stringMatching(/^[A-Za-z0-9 '/-]{1,12}$/).map((s) => `Qz${s}`);
    const amount = fc
      .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 }))
      .map(([p, d]) => `${p}.${String(d).padStart(2, '0')}`);
    const anything = fc.oneof(text, amount);
    fc.assert(
      fc.property(
        fc.record({
          'Staff Number': anything,
          Surname: anything,
          'Date of Birth': anything,
          'Employment Type': fc.oneof(fc.constant('Direct'), fc.constant('Contracted'), text),
          'Hourly Rate': fc.oneof(fc.constant(''), amount, text),
          'Annual Salary': fc.oneof(fc.constant(''), amount, text),
          'Contracted Hours': fc.oneof(fc.constant('37.5'), amount, text),
          'Home Postcode': anything,
          'Start Date': anything,
          Apprentice: fc.oneof(fc.constant('Yes'), text),
          'Pay Date': fc.oneof(fc.constant(''), anything),
        }),
        (row) => {
          const r = reducePayrollRow(cells(row), ctx);
          const said = r.ok
            ? JSON.stringify({ ...r.record, postcodeForPlacing: null, notes: r.notes })
            : JSON.stringify(r.reasons);
          for (const [column, value] of Object.entries(row)) {
            const v = value.trim();
            if (v === '' || /^(direct|contracted|yes|37\.5)$/i.test(v)) continue;
            expect(said.includes(v), `${column}: ${v}`).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
