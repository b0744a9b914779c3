/**
 * Pay as payroll extracts give it (an hourly rate like "12.5987", an annual salary like
 * "£24,294.00", contracted weekly hours like "37.5"), read as exact decimals and compared with a
 * Real Living Wage rate without floating point, so a rate a fraction of a penny below the
 * threshold is below it. Pure.
 *
 * Nothing here keeps the amount: callers keep only whether it is at or above the rate and its
 * band (decision 026).
 */
import { WEEKS_PER_YEAR } from './living-wage.js';

/** A non-negative decimal exactly: units ÷ 10^scale. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/**
 * Reads a number of pounds or hours: "12.60", "£24,294", "24294.00", "37.5", ".5". Null when
 * the text is not such a number (negative amounts, text, several points). At most 12 decimal
 * places and 15 whole digits.
 */
export function parseDecimal(text: string): Decimal | null {
  const t = text
    .trim()
    .replace(/^£\s*/, '')
    .replace(/^GBP\s*/i, '');
  const m = DECIMAL.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const whole = (m[1] ?? '0').replace(/,/g, '');
  const fraction = m[2] ?? '';
  if (whole.length > 15 || fraction.length > 12) return null;
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);

/** A fraction of the rate: the band edges are 9/10, 1, 11/10, 5/4 and 3/2 of the rate. */
interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * An hourly rate of pay as an exact fraction of pounds: num ÷ den. From an hourly rate it is the
 * rate itself; from an annual salary it is salary ÷ (hours × 52.143).
 */
export interface HourlyPay {
  readonly num: bigint;
  readonly den: bigint;
}

export function hourlyFromRate(rate: Decimal): HourlyPay {
  return { num: rate.units, den: pow10(rate.scale) };
}

/** salary ÷ (weekly hours × 52.143); hours must be above zero. */
export function hourlyFromSalary(salary: Decimal, weeklyHours: Decimal): HourlyPay {
  // (S / 10^a) / ((H / 10^b) × (52143 / 1000)) = S × 10^b × 1000 / (10^a × H × 52143)
  return {
    num: salary.units * pow10(weeklyHours.scale) * WEEKS_PER_YEAR.denominator,
    den: pow10(salary.scale) * weeklyHours.units * WEEKS_PER_YEAR.numerator,
  };
}

/** Whether pay is at least `ratio` times a rate of `ratePence` pence an hour, exactly. */
function atLeast(pay: HourlyPay, ratePence: number, ratio: Ratio): boolean {
  // pay.num / pay.den ≥ (ratePence / 100) × (ratio.num / ratio.den)
  return pay.num * 100n * ratio.den >= BigInt(ratePence) * ratio.num * pay.den;
}

export function isAtOrAbove(pay: HourlyPay, ratePence: number): boolean {
  return atLeast(pay, ratePence, { num: 1n, den: 1n });
}

/**
 * Pay bands relative to the Real Living Wage that applied, from lowest to highest. Each band
 * holds pay from its lower edge (included) to the next band's (excluded).
 */
export const PAY_BANDS = [
  { id: 'below-rlw-10', label: 'More than 10% below the Real Living Wage', from: null },
  { id: 'below-rlw', label: 'Up to 10% below the Real Living Wage', from: { num: 9n, den: 10n } },
  { id: 'rlw-to-10', label: 'Real Living Wage to 10% above', from: { num: 1n, den: 1n } },
  { id: '10-to-25', label: '10% to 25% above the Real Living Wage', from: { num: 11n, den: 10n } },
  { id: '25-to-50', label: '25% to 50% above the Real Living Wage', from: { num: 5n, den: 4n } },
  { id: '50-plus', label: '50% or more above the Real Living Wage', from: { num: 3n, den: 2n } },
] as const satisfies readonly { id: string; label: string; from: Ratio | null }[];

export type PayBand = (typeof PAY_BANDS)[number]['id'];

export const PAY_BAND_IDS: readonly PayBand[] = PAY_BANDS.map((b) => b.id);

export function payBandLabel(band: PayBand): string {
  return PAY_BANDS.find((b) => b.id === band)!.label;
}

/** The band an hourly rate of pay falls in, against a Real Living Wage rate in pence. */
export function payBand(pay: HourlyPay, ratePence: number): PayBand {
  let band: PayBand = PAY_BANDS[0].id;
  for (const b of PAY_BANDS) {
    if (b.from === null || atLeast(pay, ratePence, b.from)) band = b.id;
  }
  return band;
}
