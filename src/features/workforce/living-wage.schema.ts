/** The form of a year's Real Living Wage rates: the year, both rates in pounds, and two dates. */
import { penceToPounds } from '../../core/spend/amounts.js';
import { parseDecimal } from '../../core/workforce/pay.js';
import type { LivingWageRate, RateProblems } from '../../core/workforce/living-wage.js';
import { isoDate } from '../../core/periods.js';
import { field, formErrors, type Validated } from '../../http/form-errors.js';

/** A date from the three boxes of the NHS date input: ISO, '' when all are empty, or 'invalid'. */
function dateFromParts(body: Record<string, unknown>, name: string): string {
  const part = (p: string) => field(body, `${name}-${p}`).trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return 'invalid';
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && isoDate(parsed) === date ? date : 'invalid';
}

/** Pounds and pence ("13.45", "£14.80") to pence; NaN when not such an amount. */
function pence(text: string): number {
  const d = parseDecimal(text);
  if (!d || d.scale > 2) return NaN;
  return Number(d.units * 10n ** BigInt(2 - d.scale));
}

/** Where each problem is shown: a date's problem on its day box. */
const FIELD_OF: Record<keyof RateProblems, string> = {
  yearLabel: 'yearLabel',
  ukPence: 'uk',
  londonPence: 'london',
  announcedOn: 'announcedOn-day',
  appliesFrom: 'appliesFrom-day',
};

/** The form's problems, in the order of its fields. */
export function rateErrors(problems: RateProblems) {
  return formErrors(
    (Object.keys(FIELD_OF) as (keyof RateProblems)[])
      .filter((k) => problems[k])
      .map((k) => ({ field: FIELD_OF[k], text: problems[k]! })),
  );
}

/**
 * Reads the form. What can be said without the table is said here (empty fields, amounts that
 * are not pounds and pence, dates that are not real); the service checks the rest with
 * checkRate against the table.
 */
export function readRate(body: Record<string, unknown>): Validated<LivingWageRate> {
  const problems: RateProblems = {};
  const yearLabel = field(body, 'yearLabel').trim();
  if (!yearLabel) problems.yearLabel = 'Enter the year, like 2026/27';
  const uk = field(body, 'uk').trim();
  const london = field(body, 'london').trim();
  const ukPence = pence(uk);
  const londonPence = pence(london);
  if (!uk) problems.ukPence = 'Enter the UK rate';
  else if (!(ukPence > 0)) problems.ukPence = 'Enter the UK rate in pounds and pence, like 13.45';
  if (!london) problems.londonPence = 'Enter the London rate';
  else if (!(londonPence > 0))
    problems.londonPence = 'Enter the London rate in pounds and pence, like 14.80';
  const announcedOn = dateFromParts(body, 'announcedOn');
  const appliesFrom = dateFromParts(body, 'appliesFrom');
  if (!announcedOn) problems.announcedOn = 'Enter the date the rates were announced';
  else if (announcedOn === 'invalid') problems.announcedOn = 'Enter a real date, like 22 10 2025';
  if (!appliesFrom) problems.appliesFrom = 'Enter the date the rates apply from';
  else if (appliesFrom === 'invalid') problems.appliesFrom = 'Enter a real date, like 1 5 2026';
  if (Object.keys(problems).length > 0)
    return { ok: false, errors: rateErrors(problems), values: body };
  return { ok: true, data: { yearLabel, ukPence, londonPence, announcedOn, appliesFrom } };
}

/** The form's values for a year already in the table. */
export function rateValues(rate: LivingWageRate): Record<string, string> {
  const [ay, am, ad] = rate.announcedOn.split('-');
  const [fy, fm, fd] = rate.appliesFrom.split('-');
  const pounds = (p: number) => penceToPounds(p);
  return {
    yearLabel: rate.yearLabel,
    uk: pounds(rate.ukPence),
    london: pounds(rate.londonPence),
    'announcedOn-day': String(Number(ad)),
    'announcedOn-month': String(Number(am)),
    'announcedOn-year': ay ?? '',
    'appliesFrom-day': String(Number(fd)),
    'appliesFrom-month': String(Number(fm)),
    'appliesFrom-year': fy ?? '',
  };
}
