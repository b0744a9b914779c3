/**
 * The Real Living Wage: the UK and London hourly rates the Living Wage Foundation announces each
 * autumn, and which of them applies to a pay date (decision 026).
 *
 * The Foundation names a year's rates by the year they are announced in ("2024/25": £12.60,
 * announced in October 2024). Accredited employers then have an implementation period, about six
 * months, to pay them: the Foundation states a last day for each year (1 May 2025 for the 2024/25
 * rates). A pay date is measured against the rates whose implementation period has ended on or
 * before it; until then the previous year's rates apply. So pay on 30 April 2025 is measured
 * against £12.00 and pay on 1 May 2025 against £12.60.
 *
 * Pure: the table the service holds (living_wage_rates) is passed in; LIVING_WAGE_RATES is what
 * the service starts with (SPEC §4), and what tests use.
 */

export interface LivingWageRate {
  /** The Foundation's name for the year's rates: "2024/25". */
  readonly yearLabel: string;
  /** The UK rate outside London, pence an hour. */
  readonly ukPence: number;
  /** The London rate, pence an hour. */
  readonly londonPence: number;
  /** When the Foundation announced the rates (ISO date). */
  readonly announcedOn: string;
  /** The first day the rates apply: the day after the implementation period ends (ISO date). */
  readonly appliesFrom: string;
}

/**
 * The rates of SPEC §4 with the Foundation's announcement dates and the last day of each
 * implementation period, as published with each announcement (sources in decision 026).
 */
export const LIVING_WAGE_RATES: readonly LivingWageRate[] = [
  rate('2018/19', 900, 1055, '2018-11-05', '2019-05-01'),
  rate('2019/20', 930, 1075, '2019-11-11', '2020-05-11'),
  rate('2020/21', 950, 1085, '2020-11-09', '2021-05-09'),
  rate('2021/22', 990, 1105, '2021-11-15', '2022-05-15'),
  rate('2022/23', 1090, 1195, '2022-09-22', '2023-05-14'),
  rate('2023/24', 1200, 1315, '2023-10-24', '2024-05-01'),
  rate('2024/25', 1260, 1385, '2024-10-23', '2025-05-01'),
  rate('2025/26', 1345, 1480, '2025-10-22', '2026-05-01'),
];

function rate(
  yearLabel: string,
  ukPence: number,
  londonPence: number,
  announcedOn: string,
  appliesFrom: string,
): LivingWageRate {
  return { yearLabel, ukPence, londonPence, announcedOn, appliesFrom };
}

/** The rule as the methodology page and decision 026 state it. */
export const LIVING_WAGE_RULE =
  'Pay is measured against the Real Living Wage that applied on its pay date. The Living Wage ' +
  'Foundation announces new rates each autumn and gives employers until a stated day, about six ' +
  'months later, to pay them; the new rates apply from that day, and until then the previous ' +
  'year’s rates apply. An organisation that pays London weighting is measured against the London ' +
  'rate, others against the UK rate. An annual salary is turned into an hourly rate by dividing ' +
  'it by the contracted weekly hours times 52.143 (the weeks in a year: 365.25 days ÷ 7), ' +
  'worked out exactly, without rounding. Where the pay, the hours or a rate for the pay date is ' +
  'missing, the person’s pay is counted as not known, never as below the Real Living Wage.';

/** The weeks in a year used to turn an annual salary into an hourly rate: 52.143 (365.25 ÷ 7). */
export const WEEKS_PER_YEAR = { numerator: 52_143n, denominator: 1_000n } as const;

/**
 * The rates that apply on a pay date: of the rates whose `appliesFrom` is on or before the date,
 * the latest. Null when the date is before every rate in the table (the figure is then not
 * known). The table may be in any order.
 */
export function rateInForce(
  rates: readonly LivingWageRate[],
  payDate: string,
): LivingWageRate | null {
  let best: LivingWageRate | null = null;
  for (const r of rates) {
    if (r.appliesFrom <= payDate && (best === null || r.appliesFrom > best.appliesFrom)) best = r;
  }
  return best;
}

export interface ApplicableRate {
  readonly pence: number;
  readonly london: boolean;
  readonly rate: LivingWageRate;
}

/** The hourly rate, in pence, that pay on `payDate` is measured against. */
export function applicableRate(
  rates: readonly LivingWageRate[],
  payDate: string,
  paysLondonWeighting: boolean,
): ApplicableRate | null {
  const r = rateInForce(rates, payDate);
  if (!r) return null;
  return {
    pence: paysLondonWeighting ? r.londonPence : r.ukPence,
    london: paysLondonWeighting,
    rate: r,
  };
}

const YEAR_LABEL = /^(\d{4})\/(\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Problems with a year's rates, as messages keyed by the form field they belong to. */
export type RateProblems = Partial<
  Record<'yearLabel' | 'ukPence' | 'londonPence' | 'announcedOn' | 'appliesFrom', string>
>;

/**
 * Whether a year's rates can stand beside the others in the table: a year label like "2026/27"
 * not already used (unless `replacing` names it), rates in whole pence above zero with London at
 * least the UK rate, a real announcement date before the day the rates apply, and the days rates
 * apply from in the same order as their years (so each year's rates apply after the year
 * before's).
 */
export function checkRate(
  table: readonly LivingWageRate[],
  candidate: LivingWageRate,
  replacing?: string,
): RateProblems {
  const problems: RateProblems = {};
  const m = YEAR_LABEL.exec(candidate.yearLabel);
  const startYear = m ? Number(m[1]) : NaN;
  if (!m || (startYear + 1) % 100 !== Number(m[2])) {
    problems.yearLabel = 'Enter the year like 2026/27';
  } else if (
    candidate.yearLabel !== replacing &&
    table.some((r) => r.yearLabel === candidate.yearLabel)
  ) {
    problems.yearLabel = `The table already has rates for ${candidate.yearLabel}: change that year instead`;
  }
  for (const key of ['ukPence', 'londonPence'] as const) {
    const v = candidate[key];
    if (!Number.isSafeInteger(v) || v <= 0 || v > 100_000) {
      problems[key] = 'Enter the hourly rate in pounds and pence, like 13.45';
    }
  }
  if (!problems.ukPence && !problems.londonPence && candidate.londonPence < candidate.ukPence) {
    problems.londonPence = 'The London rate cannot be lower than the UK rate';
  }
  if (!isRealDate(candidate.announcedOn)) problems.announcedOn = 'Enter a real date';
  if (!isRealDate(candidate.appliesFrom)) problems.appliesFrom = 'Enter a real date';
  if (
    !problems.announcedOn &&
    !problems.appliesFrom &&
    candidate.appliesFrom <= candidate.announcedOn
  ) {
    problems.appliesFrom = 'The rates apply from a day after they were announced';
  }
  if (!problems.yearLabel && !problems.appliesFrom) {
    for (const other of table) {
      if (other.yearLabel === replacing || other.yearLabel === candidate.yearLabel) continue;
      const earlierYear = other.yearLabel < candidate.yearLabel;
      if (earlierYear && other.appliesFrom >= candidate.appliesFrom) {
        problems.appliesFrom = `The rates must apply after the ${other.yearLabel} rates (from ${other.appliesFrom})`;
        break;
      }
      if (!earlierYear && other.appliesFrom <= candidate.appliesFrom) {
        problems.appliesFrom = `The rates must apply before the ${other.yearLabel} rates (from ${other.appliesFrom})`;
        break;
      }
    }
  }
  return problems;
}

function isRealDate(iso: string): boolean {
  if (!ISO_DATE.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** The year label after the latest in the table ("2026/27" after "2025/26"), for the add form. */
export function nextYearLabel(table: readonly LivingWageRate[]): string {
  let latest = 0;
  for (const r of table) {
    const m = YEAR_LABEL.exec(r.yearLabel);
    if (m) latest = Math.max(latest, Number(m[1]));
  }
  const start = latest > 0 ? latest + 1 : 2018;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** A rate pay was measured against that the table has since corrected. */
export interface CorrectedRate {
  readonly year: string;
  /** The hourly rate, in pence, the pay was measured against. */
  readonly was: number;
  /** The table's rate for that year now; null when the year is no longer in the table. */
  readonly now: number | null;
}

/**
 * The rates a set of figures was measured against (`area` and each year's rate in pence, as
 * stored beside them) that differ from the table as it is now: the figures then compare pay with
 * a rate since corrected, and only measuring the pay again (importing the file again) puts them
 * right, because exact pay is never kept.
 */
export function correctedSince(
  measured: {
    readonly area: 'UK' | 'London';
    readonly years: readonly { readonly year: string; readonly pence: number }[];
  },
  table: readonly LivingWageRate[],
): CorrectedRate[] {
  const out: CorrectedRate[] = [];
  for (const m of measured.years) {
    const r = table.find((t) => t.yearLabel === m.year);
    const now = r ? (measured.area === 'London' ? r.londonPence : r.ukPence) : null;
    if (now !== m.pence) out.push({ year: m.year, was: m.pence, now });
  }
  return out;
}
