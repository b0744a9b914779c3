import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hourlyFromRate,
  hourlyFromSalary,
  isAtOrAbove,
  parseDecimal,
  payBand,
  type Decimal,
} from './pay.js';

const d = (text: string): Decimal => {
  const v = parseDecimal(text);
  if (!v) throw new Error(`not a decimal: ${text}`);
  return v;
};

describe('parseDecimal', () => {
  it.each([
    ['12.60', 1260n, 2],
    ['£24,294.00', 2429400n, 2],
    ['24294', 24294n, 0],
    ['37.5', 375n, 1],
    ['.5', 5n, 1],
    [' 12.5987 ', 125987n, 4],
    ['GBP 13', 13n, 0],
  ])('%j', (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ units, scale });
  });

  it.each(['', 'abc', '-12.60', '12.6.0', '1,23', '12,60', '£', '.', '1e3', '0x10'])(
    '%j is not a number',
    (text) => {
      expect(parseDecimal(text)).toBeNull();
    },
  );

  it('reads back any number written with up to 4 decimal places', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 4 }),
        (units, scale) => {
          const s = units.toString().padStart(scale + 1, '0');
          const text = scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
          const got = parseDecimal(text)!;
          // Same value: units / 10^scale.
          expect(got.units * 10n ** BigInt(scale)).toBe(units * 10n ** BigInt(got.scale));
        },
      ),
    );
  });
});

describe('at or above the Real Living Wage, exactly', () => {
  it('an hourly rate a fraction of a penny below £12.60 is below it', () => {
    expect(isAtOrAbove(hourlyFromRate(d('12.5999')), 1260)).toBe(false);
    expect(isAtOrAbove(hourlyFromRate(d('12.60')), 1260)).toBe(true);
    expect(isAtOrAbove(hourlyFromRate(d('12.6')), 1260)).toBe(true);
    expect(isAtOrAbove(hourlyFromRate(d('12.600001')), 1260)).toBe(true);
  });

  it('turns an annual salary into an hourly rate over weekly hours × 52.143', () => {
    // £12.60 × 37.5 × 52.143 = £24,637.5675 a year.
    expect(isAtOrAbove(hourlyFromSalary(d('24637.57'), d('37.5')), 1260)).toBe(true);
    expect(isAtOrAbove(hourlyFromSalary(d('24637.56'), d('37.5')), 1260)).toBe(false);
    // Exactly at the rate: £12 × 20 × 52.143 = £12,514.32 (in floating point 11.999999999999998).
    expect(isAtOrAbove(hourlyFromSalary(d('12514.32'), d('20')), 1200)).toBe(true);
    expect(isAtOrAbove(hourlyFromSalary(d('12514.31'), d('20')), 1200)).toBe(false);
  });

  it('agrees with exact rational arithmetic for any salary and hours (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000_000 }), // salary in pence, up to £200,000
        fc.integer({ min: 1, max: 600 }), // hours in tenths, up to 60
        fc.integer({ min: 500, max: 3000 }), // the rate in pence
        (salaryPence, hoursTenths, ratePence) => {
          const got = isAtOrAbove(
            hourlyFromSalary(
              { units: BigInt(salaryPence), scale: 2 },
              { units: BigInt(hoursTenths), scale: 1 },
            ),
            ratePence,
          );
          // salary/100 ÷ (hours/10 × 52143/1000) ≥ rate/100
          // ⇔ salary × 10 × 1000 ≥ rate × hours × 52143
          const want =
            BigInt(salaryPence) * 10_000n >= BigInt(ratePence) * BigInt(hoursTenths) * 52_143n;
          expect(got).toBe(want);
        },
      ),
    );
  });

  it('is at or above exactly when the hourly rate in hundredths of a penny is (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 500, max: 3000 }),
        (tenThousandths, ratePence) => {
          const pay = hourlyFromRate({ units: BigInt(tenThousandths), scale: 4 });
          expect(isAtOrAbove(pay, ratePence)).toBe(tenThousandths >= ratePence * 100);
        },
      ),
    );
  });
});

describe('payBand', () => {
  it.each([
    ['11.33', 'below-rlw-10'],
    ['11.34', 'below-rlw'],
    ['12.5999', 'below-rlw'],
    ['12.60', 'rlw-to-10'],
    ['13.8599', 'rlw-to-10'],
    ['13.86', '10-to-25'],
    ['15.75', '25-to-50'],
    ['18.90', '50-plus'],
  ])('£%s an hour against £12.60 is %s', (rate, band) => {
    expect(payBand(hourlyFromRate(d(rate)), 1260)).toBe(band);
  });

  it('is "below" exactly when the pay is below the rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 500, max: 3000 }),
        (units, ratePence) => {
          const pay = hourlyFromRate({ units: BigInt(units), scale: 4 });
          expect(payBand(pay, ratePence).startsWith('below')).toBe(!isAtOrAbove(pay, ratePence));
        },
      ),
    );
  });
});
