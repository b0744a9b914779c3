/**
 * One row of a payroll extract reduced to what the workforce figures need and nothing personal
 * (decision 026): employment type, whether the pay was at or above the Real Living Wage that
 * applied on the pay date and its band, whether the person started in the period, the apprentice
 * and priority-group flags, and the home postcode in its standard form only so that the caller
 * can place it (district, LSOA, IMD decile) and then drop it. No name, number, date of birth or
 * amount of pay is in the result, and a rejection reason names the column, never its value.
 * Pure.
 */
import { normalisePostcode } from '../../lib/postcodes.js';
import { parsePaymentDate } from '../spend/dates.js';
import type { Employment, PayrollField, PayrollMapping } from './fields.js';
import { payrollFieldLabel } from './fields.js';
import { applicableRate, type LivingWageRate } from './living-wage.js';
import {
  hourlyFromRate,
  hourlyFromSalary,
  isAtOrAbove,
  parseDecimal,
  payBand,
  type HourlyPay,
  type PayBand,
} from './pay.js';

export const PRIORITY_GROUPS = ['careLeaver', 'veteran', 'disabled', 'longTermUnemployed'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

export interface ReducedRecord {
  readonly employment: Employment;
  /** Null when the pay, the hours or a Real Living Wage rate for the pay date is not known. */
  readonly atOrAboveRlw: boolean | null;
  /** The pay band against the rate that applied; null when atOrAboveRlw is null. */
  readonly payBand: PayBand | null;
  /** The year of the rates the pay was measured against ("2024/25"), when it was. */
  readonly rlwYear: string | null;
  /**
   * The home postcode in its standard form ("M13 9WL"), for the caller to place and then drop;
   * null when the row has none or it is not a valid postcode.
   */
  readonly postcodeForPlacing: string | null;
  /** Null when the start date is not known. */
  readonly startedInPeriod: boolean | null;
  readonly apprentice: boolean;
  readonly priority: Readonly<Record<PriorityGroup, boolean>>;
}

export type ReduceResult =
  | {
      readonly ok: true;
      readonly record: ReducedRecord;
      /** What was set aside without rejecting the row ("Column “Home postcode”: not a valid postcode"). */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly reasons: readonly string[] };

export interface ReduceContext {
  readonly mapping: PayrollMapping;
  /** The Real Living Wage table (from the service, or LIVING_WAGE_RATES). */
  readonly rates: readonly LivingWageRate[];
  /** The organisation's setting: measured against the London rate. */
  readonly paysLondonWeighting: boolean;
  /** The period the extract is for (ISO dates, both included). */
  readonly period: { readonly startsOn: string; readonly endsOn: string };
  /**
   * The pay date of rows without one (no pay date column, or an empty cell): the caller's choice,
   * normally the period's last day (the extract as it stood at the end of the period).
   */
  readonly defaultPayDate: string;
  /** The file's header row, so that a reason names a column as the file does. */
  readonly headers?: readonly string[];
  /** When the file has no employment type column: how everyone in it is employed. */
  readonly everyone?: Employment | null;
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', '✓', '✔']);
const NO = new Set(['no', 'n', 'false', '0', '']);
const DIRECT = new Set([
  'direct',
  'directly employed',
  'direct employee',
  'employee',
  'employed',
  'in-house',
  'in house',
  'd',
]);
const CONTRACTED = new Set([
  'contracted',
  'contracted-out',
  'contracted out',
  'contractor',
  'contract',
  'outsourced',
  'third party',
  'third-party',
  'c',
]);

/** Hourly rates above this are not read as hourly rates (an annual salary in the wrong column). */
const MAX_HOURLY_PENCE = 100_000n;
const MAX_WEEKLY_HOURS = 168n;

export function reducePayrollRow(cells: readonly string[], ctx: ReduceContext): ReduceResult {
  /** A reason names the column as the file heads it (or the field), never the cell's value. */
  const said = (field: PayrollField, what: string): string => {
    const i = ctx.mapping[field];
    const header = i === undefined ? '' : (ctx.headers?.[i]?.trim() ?? '');
    return `Column “${header || payrollFieldLabel(field)}”: ${what}`;
  };
  const reasons: string[] = [];
  const notes: string[] = [];
  const cell = (field: PayrollField): string | null => {
    const i = ctx.mapping[field];
    if (i === undefined) return null;
    return (cells[i] ?? '').trim();
  };

  // Employment type.
  let employment: Employment | null = null;
  const rawEmployment = cell('employment');
  if (rawEmployment === null || rawEmployment === '') {
    employment = ctx.everyone ?? null;
    if (!employment) reasons.push(said('employment', 'empty (enter direct or contracted-out)'));
  } else {
    const v = rawEmployment.toLowerCase().replace(/\s+/g, ' ');
    if (DIRECT.has(v)) employment = 'direct';
    else if (CONTRACTED.has(v)) employment = 'contracted';
    else reasons.push(said('employment', 'not “direct” or “contracted-out”'));
  }

  // Flags.
  const flag = (field: PayrollField): boolean => {
    const raw = cell(field);
    if (raw === null) return false;
    const v = raw.toLowerCase();
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    reasons.push(said(field, 'not yes or no'));
    return false;
  };
  const apprentice = flag('apprentice');
  const priority = {
    careLeaver: flag('careLeaver'),
    veteran: flag('veteran'),
    disabled: flag('disabled'),
    longTermUnemployed: flag('longTermUnemployed'),
  };

  // Dates.
  const date = (field: PayrollField): string | null | undefined => {
    const raw = cell(field);
    if (raw === null || raw === '') return null;
    const parsed = parsePaymentDate(raw);
    if (parsed.ok) return parsed.iso;
    reasons.push(said(field, 'not a date (use day/month/year, like 31/03/2025)'));
    return undefined;
  };
  const start = date('startDate');
  const payDateCell = date('payDate');
  const payDate = payDateCell ?? ctx.defaultPayDate;

  // Pay.
  const hourly = readPay(cell, (field, what) => reasons.push(said(field, what)));

  // Postcode: a bad one is set aside, not a reason to lose the rest of the row.
  let postcodeForPlacing: string | null = null;
  const rawPostcode = cell('postcode');
  if (rawPostcode) {
    postcodeForPlacing = normalisePostcode(rawPostcode);
    if (!postcodeForPlacing) notes.push(said('postcode', 'not a valid postcode, so not placed'));
  }

  if (reasons.length > 0 || employment === null) return { ok: false, reasons };

  let atOrAboveRlw: boolean | null = null;
  let band: PayBand | null = null;
  let rlwYear: string | null = null;
  if (hourly) {
    const rate = applicableRate(ctx.rates, payDate, ctx.paysLondonWeighting);
    if (rate) {
      atOrAboveRlw = isAtOrAbove(hourly, rate.pence);
      band = payBand(hourly, rate.pence);
      rlwYear = rate.rate.yearLabel;
    } else {
      notes.push(
        'No Real Living Wage rate applied on the pay date, so the pay is counted as not known',
      );
    }
  }

  return {
    ok: true,
    notes,
    record: {
      employment,
      atOrAboveRlw,
      payBand: band,
      rlwYear,
      postcodeForPlacing,
      startedInPeriod:
        start === null || start === undefined
          ? null
          : start >= ctx.period.startsOn && start <= ctx.period.endsOn,
      apprentice,
      priority,
    },
  };
}

/**
 * The hourly rate of pay: the hourly rate column when it has a value, otherwise the annual salary
 * ÷ (contracted weekly hours × 52.143). Null when not known (empty cells, or no such columns).
 */
function readPay(
  cell: (field: PayrollField) => string | null,
  reject: (field: PayrollField, what: string) => void,
): HourlyPay | null {
  const rateText = cell('hourlyRate');
  if (rateText) {
    const rate = parseDecimal(rateText);
    if (!rate) {
      reject('hourlyRate', 'not a number');
      return null;
    }
    if (rate.units === 0n) {
      reject('hourlyRate', 'zero');
      return null;
    }
    if (rate.units * 100n > MAX_HOURLY_PENCE * 10n ** BigInt(rate.scale)) {
      reject('hourlyRate', 'too large to be an hourly rate (is it an annual salary?)');
      return null;
    }
    return hourlyFromRate(rate);
  }
  const salaryText = cell('annualSalary');
  if (!salaryText) return null;
  const salary = parseDecimal(salaryText);
  if (!salary) {
    reject('annualSalary', 'not a number');
    return null;
  }
  if (salary.units === 0n) {
    reject('annualSalary', 'zero');
    return null;
  }
  const hoursText = cell('weeklyHours');
  if (!hoursText) {
    reject('weeklyHours', 'empty, so the annual salary cannot be made an hourly rate');
    return null;
  }
  const hours = parseDecimal(hoursText);
  if (!hours) {
    reject('weeklyHours', 'not a number');
    return null;
  }
  if (hours.units === 0n) {
    reject('weeklyHours', 'zero');
    return null;
  }
  if (hours.units > MAX_WEEKLY_HOURS * 10n ** BigInt(hours.scale)) {
    reject('weeklyHours', 'more hours than a week has');
    return null;
  }
  return hourlyFromSalary(salary, hours);
}
