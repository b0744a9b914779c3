/**
 * Emissions = quantity × conversion factor, in tonnes CO2e, by scope and source, with the factor,
 * its year, unit and set kept beside every result.
 *
 * Which factor: for an activity recorded for the financial year starting in year Y, the factor of
 * year Y (the government's factors for 2022 are used for 2022/23). When no loaded set has a factor
 * for Y, the latest earlier year's factor is used and the result says so; when none is earlier,
 * the emissions of that source are not known (never 0). Within a year, the first matching
 * alternative of the activity's catalogue entry wins, and among sets giving the same row the most
 * recently loaded set wins. Comparing years "at one year's factors" uses that year in place of Y.
 *
 * Pure: no I/O.
 */
import {
  ACTIVITIES,
  activityByCode,
  indicatorsOf,
  type ActivityDefinition,
  type CarbonIndicator,
  type FactorMatch,
  type Scope,
} from './activities.js';
import { add, compare, multiply, shift, sum } from './decimal.js';
import type { FactorRow } from './factors.js';

/** A factor row as loaded, with the set it belongs to. */
export interface LoadedFactor extends FactorRow {
  readonly setId: string;
  readonly setName: string;
  /** Higher is loaded later (a version number or load order). */
  readonly setOrder: number;
}

export interface ActivityQuantity {
  readonly activity: string;
  /** Canonical decimal in the activity's unit. */
  readonly quantity: string;
}

export interface FactorUsed {
  readonly kgCO2ePerUnit: string;
  readonly year: number;
  readonly uom: string;
  readonly setId: string;
  readonly setName: string;
  /** The row's place in its file, e.g. "Scope 2 › UK electricity › Electricity generated › Electricity: UK". */
  readonly row: string;
}

export interface EmissionLine {
  readonly activity: string;
  readonly label: string;
  readonly part: string;
  readonly scope: Scope;
  readonly indicators: readonly CarbonIndicator[];
  readonly quantity: string;
  readonly unit: string;
  /** null when no loaded set has a factor for the year or any earlier year. */
  readonly factor: FactorUsed | null;
  /** Exact decimal; null when not known. */
  readonly tCO2e: string | null;
}

export interface EmissionTotals {
  /** Exact decimal tonnes; null when any source it covers is not known. */
  readonly tCO2e: string | null;
  /** Sources counted and sources whose factor was missing. */
  readonly sources: number;
  readonly missing: readonly string[];
}

export interface Emissions {
  /** The financial year's first year. */
  readonly year: number;
  /** The factor year asked for (the year itself, or the fixed year compared at). */
  readonly factorYear: number;
  readonly lines: readonly EmissionLine[];
  readonly byScope: Readonly<Record<Scope, EmissionTotals>>;
  readonly byIndicator: Readonly<Record<CarbonIndicator, EmissionTotals>>;
}

const norm = (s: string) => s.trim().toLowerCase();

export function matches(row: FactorRow, m: FactorMatch): boolean {
  const eq = (a: string, b: string | undefined) => b === undefined || norm(a) === norm(b);
  return (
    eq(row.scope, m.scope) &&
    eq(row.level1, m.level1) &&
    eq(row.level2, m.level2) &&
    eq(row.level3, m.level3) &&
    eq(row.level4, m.level4) &&
    eq(row.columnText, m.columnText) &&
    eq(row.uom, m.uom)
  );
}

/** Only total kg CO2e rows with a value are used (not the per-gas rows). */
function usable(row: FactorRow): row is FactorRow & { kgCO2ePerUnit: string } {
  return norm(row.ghgUnit) === 'kg co2e' && row.kgCO2ePerUnit !== null;
}

export function rowText(row: FactorRow): string {
  return [row.scope, row.level1, row.level2, row.level3, row.level4, row.columnText]
    .filter((s) => s !== '')
    .join(' › ');
}

/**
 * The factor for a catalogue part in a year, by the rule above: that year's, else the latest
 * earlier year's; null when none.
 */
export function resolveFactor(
  alternatives: readonly FactorMatch[],
  year: number,
  factors: readonly LoadedFactor[],
): FactorUsed | null {
  let best: { f: LoadedFactor & { kgCO2ePerUnit: string }; alt: number } | null = null;
  for (const f of factors) {
    if (f.year > year || !usable(f)) continue;
    const alt = alternatives.findIndex((m) => matches(f, m));
    if (alt < 0) continue;
    if (
      best === null ||
      f.year > best.f.year ||
      (f.year === best.f.year &&
        (alt < best.alt || (alt === best.alt && f.setOrder > best.f.setOrder)))
    )
      best = { f, alt };
  }
  if (!best) return null;
  return {
    kgCO2ePerUnit: best.f.kgCO2ePerUnit,
    year: best.f.year,
    uom: best.f.uom,
    setId: best.f.setId,
    setName: best.f.setName,
    row: rowText(best.f),
  };
}

/** kg × factor ÷ 1,000: exact tonnes CO2e. */
export function tonnesCO2e(quantity: string, kgCO2ePerUnit: string): string {
  return shift(multiply(quantity, kgCO2ePerUnit), 3);
}

function totals(lines: readonly EmissionLine[]): EmissionTotals {
  const missing = lines.filter((l) => l.tCO2e === null).map((l) => `${l.label} (${l.part})`);
  return {
    tCO2e: lines.length === 0 || missing.length > 0 ? null : sum(lines.map((l) => l.tCO2e ?? '0')),
    sources: lines.length,
    missing,
  };
}

/**
 * The emissions of one organisation's financial year. `factorYear` (default: the year itself)
 * picks the factors: pass a fixed year to compare years at one year's factors. Unknown activity
 * codes are ignored.
 */
export function calculateEmissions(
  year: number,
  quantities: readonly ActivityQuantity[],
  factors: readonly LoadedFactor[],
  factorYear: number = year,
): Emissions {
  const lines: EmissionLine[] = [];
  const ordered = [...quantities].sort(
    (a, b) =>
      ACTIVITIES.findIndex((x) => x.code === a.activity) -
      ACTIVITIES.findIndex((x) => x.code === b.activity),
  );
  for (const q of ordered) {
    const activity = activityByCode(q.activity);
    if (!activity) continue;
    for (const part of activity.parts) {
      const factor = resolveFactor(part.factor, factorYear, factors);
      lines.push({
        activity: activity.code,
        label: activity.label,
        part: part.label,
        scope: part.scope,
        indicators: indicatorsOf(activity, part),
        quantity: q.quantity,
        unit: activity.unit,
        factor,
        tCO2e: factor ? tonnesCO2e(q.quantity, factor.kgCO2ePerUnit) : null,
      });
    }
  }
  const scoped = (s: Scope) => totals(lines.filter((l) => l.scope === s));
  const forIndicator = (i: CarbonIndicator) =>
    totals(lines.filter((l) => l.indicators.includes(i)));
  return {
    year,
    factorYear,
    lines,
    byScope: { 1: scoped(1), 2: scoped(2), 3: scoped(3) },
    byIndicator: { E1: forIndicator('E1'), E5: forIndicator('E5'), E6: forIndicator('E6') },
  };
}

/** A share with what it covers; null when the whole is not recorded or is zero. */
export interface ActivityShare {
  readonly part: string;
  readonly whole: string;
  readonly percent: number;
}

function shareOf(
  quantities: readonly ActivityQuantity[],
  partOf: (a: ActivityDefinition) => boolean,
  wholeOf: (a: ActivityDefinition) => boolean,
): ActivityShare | null {
  const pick = (test: (a: ActivityDefinition) => boolean) =>
    quantities.filter((q) => {
      const a = activityByCode(q.activity);
      return a !== undefined && test(a);
    });
  const whole = pick(wholeOf);
  if (whole.length === 0) return null;
  const wholeSum = sum(whole.map((q) => q.quantity));
  if (compare(wholeSum, '0') <= 0) return null;
  const part = sum(pick(partOf).map((q) => q.quantity));
  return { part, whole: wholeSum, percent: (Number(part) / Number(wholeSum)) * 100 };
}

/** E3: electricity on a renewable tariff or generated from renewables, of all electricity. */
export function renewableShare(quantities: readonly ActivityQuantity[]): ActivityShare | null {
  return shareOf(
    quantities,
    (a) => a.share === 'electricity-renewable',
    (a) => a.share === 'electricity-total',
  );
}

/** E4: waste recycled or prepared for reuse, of all waste by weight. */
export function recycledShare(quantities: readonly ActivityQuantity[]): ActivityShare | null {
  return shareOf(
    quantities,
    (a) => a.share === 'waste-recycled',
    (a) => a.share === 'waste-recycled' || a.share === 'waste-total',
  );
}

/** Adds decimal tonnes that may be unknown: unknown if any is. */
export function addKnown(values: readonly (string | null)[]): string | null {
  if (values.some((v) => v === null)) return null;
  return values.reduce<string>((acc, v) => add(acc, v ?? '0'), '0');
}
