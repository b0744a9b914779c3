import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pledgeProgress, yearTotals, type PledgeFigure } from './pledges.js';

const hours = { unit: 'hours', direction: 'higher', frequency: 'quarterly' } as const;
const share = { unit: '%', direction: 'higher', frequency: 'quarterly' } as const;
const ENDS = ['06-30', '09-30', '12-31', '03-31'] as const;

/** The quarters of the financial year starting in April of `fy`, with these values. */
function quarters(fy: number, values: readonly (number | null)[]): PledgeFigure[] {
  const year = `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
  return values.map((value, i) => ({
    value,
    label: `Q${i + 1} ${year}`,
    endsOn: `${i === 3 ? fy + 1 : fy}-${ENDS[i]}`,
  }));
}

const pledge = (targetValue: number, dueOn = '2026-03-31') => ({
  targetValue,
  dueOn,
  withdrawnOn: null,
});

describe('a pledge on an indicator counted each quarter', () => {
  it('is judged on the financial year’s total, not its last quarter', () => {
    const figures = quarters(2025, [520.5, 540, 529.8, 586]);
    const got = pledgeProgress(pledge(2000), hours, figures, '2026-12-03');
    expect(got.state).toBe('met');
    expect(got.latest).toEqual({ value: 2176.3, label: '2025/26', endsOn: '2026-03-31' });
  });

  it('adds up only the quarters, not a figure for the year as a whole', () => {
    const figures = [
      { value: 2000, label: '2025/26', endsOn: '2026-03-31' },
      ...quarters(2025, [500, 500, 500, 500]),
    ];
    expect(pledgeProgress(pledge(2000), hours, figures, '2026-12-03').latest?.value).toBe(2000);
  });

  it('is missed when the year ends short of the target after its date', () => {
    const got = pledgeProgress(
      pledge(40),
      { ...hours, unit: 'count' },
      quarters(2025, [8, 9, 10, 10]),
      '2026-12-03',
    );
    expect(got.state).toBe('missed');
    expect(got.latest?.value).toBe(37);
  });

  it('can meet its target early in a year not yet complete, but not miss it then', () => {
    const early = pledgeProgress(
      pledge(100, '2027-03-31'),
      hours,
      quarters(2026, [60, 50]),
      '2026-12-03',
    );
    expect(early.state).toBe('met');
    expect(early.latest?.label).toBe('2026/27 so far (Q1, Q2)');
    const short = pledgeProgress(
      pledge(200, '2027-03-31'),
      hours,
      quarters(2026, [60, 50]),
      '2026-12-03',
    );
    expect(short.state).toBe('not-yet');
  });

  it('rests on the last complete year when the year so far is short', () => {
    const figures = [...quarters(2024, [30, 30, 30, 30]), ...quarters(2025, [10, null, 5])];
    const got = pledgeProgress(pledge(100, '2027-03-31'), hours, figures, '2026-12-03');
    expect(got).toEqual({
      state: 'met',
      latest: { value: 120, label: '2024/25', endsOn: '2025-03-31' },
    });
  });

  it('has no figure for a past date when no year is complete and the quarters fall short', () => {
    const got = pledgeProgress(pledge(100), hours, quarters(2025, [10, null, 5]), '2026-12-03');
    expect(got.state).toBe('no-figure');
  });

  it('never says met unless a year’s total (complete, or so far) reaches the target', () => {
    const value = fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 4, maxLength: 4 }),
        fc.array(value, { minLength: 0, maxLength: 4 }),
        fc.integer({ min: 0, max: 3000 }),
        (a, b, target) => {
          const figures = [...quarters(2024, a), ...quarters(2025, b)];
          const got = pledgeProgress(pledge(target), hours, figures, '2026-12-03');
          const totals = yearTotals(figures).map((y) => y.figure.value ?? -1);
          if (got.state === 'met') expect(Math.max(...totals)).toBeGreaterThanOrEqual(target);
          if (got.state === 'missed')
            expect(yearTotals(figures).some((y) => y.complete)).toBe(true);
        },
      ),
    );
  });
});

describe('a pledge on a share', () => {
  it('is judged on the latest quarter as shown', () => {
    const figures = quarters(2025, [28, 29.96, null, 29.4]);
    expect(pledgeProgress(pledge(30), share, figures, '2026-12-03')).toEqual({
      state: 'missed',
      latest: { value: 29.4, label: 'Q4 2025/26', endsOn: '2026-03-31' },
    });
    expect(pledgeProgress(pledge(29.4), share, figures, '2026-01-01').state).toBe('met');
  });

  it('is withdrawn, in words or without a figure as its record says', () => {
    expect(pledgeProgress({ ...pledge(1), withdrawnOn: '2026-01-01' }, share, [], 'x').state).toBe(
      'withdrawn',
    );
    expect(pledgeProgress(pledge(1), null, [], '2026-01-01').state).toBe('in-words');
    expect(pledgeProgress(pledge(1), share, quarters(2025, [null]), '2026-01-01').state).toBe(
      'no-figure',
    );
  });
});
