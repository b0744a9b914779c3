import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applicableRate,
  checkRate,
  LIVING_WAGE_RATES,
  nextYearLabel,
  correctedSince,
  rateInForce,
  type LivingWageRate,
} from './living-wage.js';

const byYear = (label: string) => LIVING_WAGE_RATES.find((r) => r.yearLabel === label)!;

describe('the Real Living Wage table (SPEC §4)', () => {
  it('holds the UK and London rates of 2018/19 to 2025/26 in pence', () => {
    expect(LIVING_WAGE_RATES.map((r) => [r.yearLabel, r.ukPence, r.londonPence])).toEqual([
      ['2018/19', 900, 1055],
      ['2019/20', 930, 1075],
      ['2020/21', 950, 1085],
      ['2021/22', 990, 1105],
      ['2022/23', 1090, 1195],
      ['2023/24', 1200, 1315],
      ['2024/25', 1260, 1385],
      ['2025/26', 1345, 1480],
    ]);
  });

  it('passes its own checks: each year after the one before, announced before it applies', () => {
    LIVING_WAGE_RATES.forEach((r, i) => {
      expect(checkRate(LIVING_WAGE_RATES, r, r.yearLabel), r.yearLabel).toEqual({});
      expect(r.announcedOn < r.appliesFrom).toBe(true);
      if (i > 0) expect(LIVING_WAGE_RATES[i - 1]!.appliesFrom < r.appliesFrom).toBe(true);
    });
  });
});

describe('rateInForce: the rates apply from the end of the implementation period', () => {
  it('measures pay on 30 April 2025 against £12.00 and on 1 May 2025 against £12.60', () => {
    expect(rateInForce(LIVING_WAGE_RATES, '2025-04-30')?.ukPence).toBe(1200);
    expect(rateInForce(LIVING_WAGE_RATES, '2025-05-01')?.ukPence).toBe(1260);
    // Announced on 23 October 2024, but not yet in force on the day after.
    expect(rateInForce(LIVING_WAGE_RATES, '2024-10-24')?.yearLabel).toBe('2023/24');
  });

  it('follows the 2022/23 rates, announced early, to their own last day (14 May 2023)', () => {
    expect(rateInForce(LIVING_WAGE_RATES, '2023-05-13')?.yearLabel).toBe('2021/22');
    expect(rateInForce(LIVING_WAGE_RATES, '2023-05-14')?.yearLabel).toBe('2022/23');
  });

  it('has no rate before the first in the table: the pay is not known', () => {
    expect(rateInForce(LIVING_WAGE_RATES, '2019-04-30')).toBeNull();
    expect(applicableRate(LIVING_WAGE_RATES, '2010-01-01', false)).toBeNull();
  });

  it('chooses the London rate for an organisation that pays London weighting', () => {
    expect(applicableRate(LIVING_WAGE_RATES, '2025-06-30', true)?.pence).toBe(1385);
    expect(applicableRate(LIVING_WAGE_RATES, '2025-06-30', false)?.pence).toBe(1260);
  });

  const isoDay = fc
    .integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 11, 31) })
    .map((ms) => new Date(ms).toISOString().slice(0, 10));

  it('is the latest rate applying on or before the date, whatever the order of the table', () => {
    fc.assert(
      fc.property(isoDay, fc.func(fc.integer()), (day, order) => {
        const shuffled = [...LIVING_WAGE_RATES].sort((a, b) => order(a) - order(b));
        const got = rateInForce(shuffled, day);
        expect(got).toEqual(rateInForce(LIVING_WAGE_RATES, day));
        if (got === null) {
          expect(LIVING_WAGE_RATES.every((r) => r.appliesFrom > day)).toBe(true);
        } else {
          expect(got.appliesFrom <= day).toBe(true);
          // No rate applies from a day between it and the pay date.
          expect(
            LIVING_WAGE_RATES.some((r) => r.appliesFrom > got.appliesFrom && r.appliesFrom <= day),
          ).toBe(false);
        }
      }),
    );
  });

  it('never goes down as the pay date moves on', () => {
    fc.assert(
      fc.property(isoDay, isoDay, (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const x = rateInForce(LIVING_WAGE_RATES, early)?.ukPence ?? 0;
        const y = rateInForce(LIVING_WAGE_RATES, late)?.ukPence ?? 0;
        expect(y).toBeGreaterThanOrEqual(x);
      }),
    );
  });

  it('changes exactly on each appliesFrom day: the day before has the previous rates', () => {
    LIVING_WAGE_RATES.forEach((r, i) => {
      const before = new Date(Date.parse(`${r.appliesFrom}T00:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(rateInForce(LIVING_WAGE_RATES, r.appliesFrom)).toBe(r);
      expect(rateInForce(LIVING_WAGE_RATES, before)).toBe(LIVING_WAGE_RATES[i - 1] ?? null);
    });
  });
});

describe('checkRate: a new year’s rates', () => {
  const next: LivingWageRate = {
    yearLabel: '2026/27',
    ukPence: 1400,
    londonPence: 1540,
    announcedOn: '2026-10-21',
    appliesFrom: '2027-05-01',
  };

  it('accepts the next year after the table', () => {
    expect(checkRate(LIVING_WAGE_RATES, next)).toEqual({});
    expect(nextYearLabel(LIVING_WAGE_RATES)).toBe('2026/27');
  });

  it('refuses a year already in the table, unless correcting that year', () => {
    const again = { ...byYear('2024/25'), ukPence: 1261 };
    expect(checkRate(LIVING_WAGE_RATES, again).yearLabel).toMatch(/already has rates for 2024\/25/);
    expect(checkRate(LIVING_WAGE_RATES, again, '2024/25')).toEqual({});
  });

  it('names each field that is wrong', () => {
    const p = checkRate(LIVING_WAGE_RATES, {
      yearLabel: '2026/28',
      ukPence: 0,
      londonPence: 1.5,
      announcedOn: '2026-02-30',
      appliesFrom: 'soon',
    });
    expect(Object.keys(p).sort()).toEqual([
      'announcedOn',
      'appliesFrom',
      'londonPence',
      'ukPence',
      'yearLabel',
    ]);
  });

  it('refuses a London rate below the UK rate, and rates applying before they were announced', () => {
    expect(checkRate(LIVING_WAGE_RATES, { ...next, londonPence: 1399 }).londonPence).toBeDefined();
    expect(
      checkRate(LIVING_WAGE_RATES, { ...next, appliesFrom: '2026-10-21' }).appliesFrom,
    ).toBeDefined();
  });

  it('refuses rates that would apply before the previous year’s', () => {
    expect(
      checkRate(LIVING_WAGE_RATES, {
        ...next,
        announcedOn: '2025-01-01',
        appliesFrom: '2026-04-30',
      }).appliesFrom,
    ).toMatch(/after the 2025\/26 rates/);
  });
});

describe('correctedSince: figures measured against a rate since corrected', () => {
  const measured = {
    area: 'UK' as const,
    years: [
      { year: '2023/24', pence: 1200 },
      { year: '2024/25', pence: 1260 },
    ],
  };
  it('finds nothing while the table still has the rates used', () => {
    expect(correctedSince(measured, LIVING_WAGE_RATES)).toEqual([]);
  });
  it('names a year whose rate for the area has changed, or that is gone', () => {
    const table = LIVING_WAGE_RATES.map((r) =>
      r.yearLabel === '2024/25' ? { ...r, ukPence: 1265 } : r,
    ).filter((r) => r.yearLabel !== '2023/24');
    expect(correctedSince(measured, table)).toEqual([
      { year: '2023/24', was: 1200, now: null },
      { year: '2024/25', was: 1260, now: 1265 },
    ]);
    // A change to the London rate alone does not touch figures measured against the UK rate.
    const london = LIVING_WAGE_RATES.map((r) =>
      r.yearLabel === '2024/25' ? { ...r, londonPence: r.londonPence + 5 } : r,
    );
    expect(correctedSince(measured, london)).toEqual([]);
    expect(correctedSince({ ...measured, area: 'London' }, london)).toHaveLength(2);
  });
});
