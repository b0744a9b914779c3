/**
 * The counts the workforce figures rest on, from reduced payroll records and where each person's
 * home postcode was placed: per organisation and period, nothing about any one person (decision
 * 026). Unknown is not zero: every share comes with how much of its data is known.
 *
 * - W1: directly employed staff paid at or above the Real Living Wage ÷ directly employed staff
 *   whose pay is known (coverage: pay known ÷ directly employed staff).
 * - W2: the same for contracted-out staff.
 * - W4: directly employed staff living in the partnership's local area ÷ those whose home postcode
 *   was placed (coverage: placed ÷ directly employed staff).
 * - W5: directly employed staff living in IMD deciles 1–2 ÷ those whose neighbourhood's decile is
 *   known (coverage: decile known ÷ directly employed staff).
 * - W6: new starters (directly employed, started in the period) living in the local area ÷ new
 *   starters whose postcode was placed (coverage: placed ÷ new starters).
 * - W7: apprentices who started in the period (a count).
 * - W8: people from priority groups who started in the period (a count; a person in several groups
 *   is counted once, and once in each group's own count).
 *
 * Contracted-out staff feed W2 only: the other figures are about the anchor's own workforce.
 * Pure.
 */
import { PAY_BAND_IDS, type PayBand } from './pay.js';
import { PRIORITY_GROUPS, type PriorityGroup, type ReducedRecord } from './reduce.js';

/** Where a home postcode was placed; null when it could not be (no postcode, or not found). */
export interface Placement {
  readonly district: string | null;
  readonly lsoa: string | null;
  /** IMD decile of the LSOA in the partnership's edition; null when not known. */
  readonly decile: number | null;
  /** In the partnership's local area. */
  readonly local: boolean;
}

export interface PayCounts {
  readonly staff: number;
  readonly payKnown: number;
  readonly atOrAboveRlw: number;
  readonly bands: Readonly<Record<PayBand, number>>;
}

export interface PayrollCounts {
  readonly direct: PayCounts;
  readonly contracted: PayCounts;
  /** Directly employed staff by where they live. */
  readonly residence: {
    readonly staff: number;
    readonly placed: number;
    readonly local: number;
    readonly decileKnown: number;
    readonly deprived: number;
  };
  /** Directly employed staff who started in the period. */
  readonly starters: {
    readonly startKnown: number;
    readonly count: number;
    readonly placed: number;
    readonly local: number;
    readonly deprived: number;
    readonly apprentices: number;
    readonly priority: number;
    readonly byPriorityGroup: Readonly<Record<PriorityGroup, number>>;
  };
}

export interface PayrollRow {
  readonly record: ReducedRecord;
  readonly placement: Placement | null;
}

function emptyBands(): Record<PayBand, number> {
  return Object.fromEntries(PAY_BAND_IDS.map((b) => [b, 0])) as Record<PayBand, number>;
}

export function aggregatePayroll(rows: Iterable<PayrollRow>): PayrollCounts {
  const pay = {
    direct: { staff: 0, payKnown: 0, atOrAboveRlw: 0, bands: emptyBands() },
    contracted: { staff: 0, payKnown: 0, atOrAboveRlw: 0, bands: emptyBands() },
  };
  const residence = { staff: 0, placed: 0, local: 0, decileKnown: 0, deprived: 0 };
  const byPriorityGroup = Object.fromEntries(PRIORITY_GROUPS.map((g) => [g, 0])) as Record<
    PriorityGroup,
    number
  >;
  const starters = {
    startKnown: 0,
    count: 0,
    placed: 0,
    local: 0,
    deprived: 0,
    apprentices: 0,
    priority: 0,
    byPriorityGroup,
  };
  for (const { record, placement } of rows) {
    const p = pay[record.employment];
    p.staff += 1;
    if (record.atOrAboveRlw !== null) {
      p.payKnown += 1;
      if (record.atOrAboveRlw) p.atOrAboveRlw += 1;
      if (record.payBand) p.bands[record.payBand] += 1;
    }
    if (record.employment !== 'direct') continue;
    residence.staff += 1;
    const deprived = placement?.decile != null && placement.decile <= 2;
    if (placement) {
      residence.placed += 1;
      if (placement.local) residence.local += 1;
      if (placement.decile != null) residence.decileKnown += 1;
      if (deprived) residence.deprived += 1;
    }
    if (record.startedInPeriod === null) continue;
    starters.startKnown += 1;
    if (!record.startedInPeriod) continue;
    starters.count += 1;
    if (placement) {
      starters.placed += 1;
      if (placement.local) starters.local += 1;
      if (deprived) starters.deprived += 1;
    }
    if (record.apprentice) starters.apprentices += 1;
    let inAny = false;
    for (const g of PRIORITY_GROUPS) {
      if (record.priority[g]) {
        byPriorityGroup[g] += 1;
        inAny = true;
      }
    }
    if (inAny) starters.priority += 1;
  }
  return { direct: pay.direct, contracted: pay.contracted, residence, starters };
}

/** Rows for several organisations and periods, counted apart (key: organisation and period). */
export function aggregatePayrollBy<K extends string>(
  rows: Iterable<PayrollRow & { readonly key: K }>,
): Map<K, PayrollCounts> {
  const groups = new Map<K, PayrollRow[]>();
  for (const row of rows) {
    const list = groups.get(row.key);
    if (list) list.push(row);
    else groups.set(row.key, [row]);
  }
  return new Map([...groups].map(([k, list]) => [k, aggregatePayroll(list)]));
}

/** A share with the counts it rests on and how much of its data is known. */
export interface PayrollShare {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator ÷ denominator × 100; null when the denominator is 0 (not known, not zero). */
  readonly percent: number | null;
  /** The known part (the denominator) of the whole the figure is about. */
  readonly coverage: { readonly known: number; readonly total: number };
}

export interface PayrollFigures {
  readonly W1: PayrollShare;
  readonly W2: PayrollShare;
  readonly W4: PayrollShare;
  readonly W5: PayrollShare;
  readonly W6: PayrollShare;
  readonly W7: number;
  readonly W8: number;
}

function share(numerator: number, denominator: number, total: number): PayrollShare {
  return {
    numerator,
    denominator,
    percent: denominator > 0 ? (numerator / denominator) * 100 : null,
    coverage: { known: denominator, total },
  };
}

export function payrollFigures(c: PayrollCounts): PayrollFigures {
  return {
    W1: share(c.direct.atOrAboveRlw, c.direct.payKnown, c.direct.staff),
    W2: share(c.contracted.atOrAboveRlw, c.contracted.payKnown, c.contracted.staff),
    W4: share(c.residence.local, c.residence.placed, c.residence.staff),
    W5: share(c.residence.deprived, c.residence.decileKnown, c.residence.staff),
    W6: share(c.starters.local, c.starters.placed, c.starters.count),
    W7: c.starters.apprentices,
    W8: c.starters.priority,
  };
}
