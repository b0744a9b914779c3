/**
 * The NHS net-zero trajectories (SPEC §2.5, "Delivering a net zero NHS"):
 * - NHS Carbon Footprint (emissions under direct control: scope 1 and 2, E1): net zero by 2040,
 *   an 80% reduction by 2028–2032;
 * - NHS Carbon Footprint Plus (adding the wider footprint we measure: E1 + E6): net zero by 2045,
 *   an 80% reduction by 2036–2039;
 * both against a 1990-equivalent baseline.
 *
 * An organisation rarely knows its 1990 emissions. Its baseline is therefore its own earliest
 * financial year with the emissions known (decision 025), treated as the 1990-equivalent: the path
 * falls in a straight line from 100% of that year's emissions to 20% at the end of the interim
 * window (2032; 2039), then to zero in the net-zero year. An organisation already below the path
 * is shown below it; the path is never moved to meet it.
 *
 * Years are the first year of a financial year (2030 is 2030/31). Pure: no I/O.
 */

export type TrajectoryId = 'carbon-footprint' | 'carbon-footprint-plus';

export interface Trajectory {
  readonly id: TrajectoryId;
  readonly name: string;
  readonly covers: string;
  readonly netZeroYear: number;
  readonly interim: { readonly reduction: number; readonly from: number; readonly to: number };
}

export const NHS_TRAJECTORIES: Readonly<Record<TrajectoryId, Trajectory>> = {
  'carbon-footprint': {
    id: 'carbon-footprint',
    name: 'NHS Carbon Footprint',
    covers: 'scope 1 and 2 emissions (E1)',
    netZeroYear: 2040,
    interim: { reduction: 0.8, from: 2028, to: 2032 },
  },
  'carbon-footprint-plus': {
    id: 'carbon-footprint-plus',
    name: 'NHS Carbon Footprint Plus',
    covers: 'scope 1, 2 and the scope 3 emissions measured (E1 and E6)',
    netZeroYear: 2045,
    interim: { reduction: 0.8, from: 2036, to: 2039 },
  },
};

export interface Baseline {
  readonly year: number;
  readonly tCO2e: number;
}

/** The baseline: the earliest year whose emissions are known, or null. */
export function baselineOf(
  series: readonly { year: number; tCO2e: number | null }[],
): Baseline | null {
  let best: Baseline | null = null;
  for (const p of series) {
    if (p.tCO2e === null || !Number.isFinite(p.tCO2e)) continue;
    if (best === null || p.year < best.year) best = { year: p.year, tCO2e: p.tCO2e };
  }
  return best;
}

/**
 * E2: how much lower a year's emissions are than the baseline's, as a percentage of the baseline
 * (negative when they rose). Null without a baseline above zero or a figure for the year.
 */
export function reductionSince(baseline: Baseline | null, tCO2e: number | null): number | null {
  if (!baseline || !(baseline.tCO2e > 0) || tCO2e === null || !Number.isFinite(tCO2e)) return null;
  return ((baseline.tCO2e - tCO2e) / baseline.tCO2e) * 100;
}

/** The share of the baseline the path allows in a year (1 at the baseline, 0 from net zero). */
export function pathShare(t: Trajectory, baselineYear: number, year: number): number {
  const interimEnd = Math.min(Math.max(t.interim.to, baselineYear + 1), t.netZeroYear);
  const interimShare = 1 - t.interim.reduction;
  if (year >= t.netZeroYear) return 0;
  if (year <= baselineYear) return 1;
  if (year <= interimEnd)
    return 1 - ((1 - interimShare) * (year - baselineYear)) / (interimEnd - baselineYear);
  return interimShare * (1 - (year - interimEnd) / (t.netZeroYear - interimEnd));
}

/** The path's tonnes in each year from the baseline year to the net-zero year. */
export function trajectoryPath(
  t: Trajectory,
  baseline: Baseline,
): { year: number; tCO2e: number }[] {
  const out: { year: number; tCO2e: number }[] = [];
  for (let y = baseline.year; y <= Math.max(t.netZeroYear, baseline.year); y += 1)
    out.push({ year: y, tCO2e: baseline.tCO2e * pathShare(t, baseline.year, y) });
  return out;
}

/** Whether a year's emissions are at or below the path (null when either is unknown). */
export function onTrack(
  t: Trajectory,
  baseline: Baseline | null,
  year: number,
  tCO2e: number | null,
): boolean | null {
  if (baseline === null || tCO2e === null) return null;
  return tCO2e <= baseline.tCO2e * pathShare(t, baseline.year, year) + 1e-9;
}
