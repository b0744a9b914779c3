/**
 * How much a figure covers: how many organisations are in it out of those expected, and, for a
 * calculator that reports it, how much of the underlying data is known (for P1, spend with a known
 * supplier location over all spend). Partnership totals add the known and total parts of the
 * organisations counted in the figure, never average their percentages. Pure.
 */

export interface DataCoverage {
  /** The known part, in the calculator's unit (pence for spend). */
  readonly known: number;
  /** The whole the figure is about, in the same unit. */
  readonly total: number;
  /** known ÷ total × 100; null when the total is 0 or not finite. */
  readonly percent: number | null;
  /** What the known part is, in words ("spend with a known supplier location"). */
  readonly describes: string;
}

export interface Coverage {
  /** Organisations whose figure is in this one, and how many were expected to report. */
  readonly organisations: { readonly reporting: number; readonly expected: number };
  /** For calculator figures that report it; null otherwise. */
  readonly data: DataCoverage | null;
}

export function dataCoverage(known: number, total: number, describes: string): DataCoverage {
  const percent = total > 0 && Number.isFinite(known / total) ? (known / total) * 100 : null;
  return { known, total, percent, describes };
}

/** The organisations' data coverage added up (known parts and totals); null when none has any. */
export function addDataCoverage(
  parts: readonly (DataCoverage | null | undefined)[],
): DataCoverage | null {
  const present = parts.filter((p): p is DataCoverage => p !== null && p !== undefined);
  const first = present[0];
  if (!first) return null;
  let known = 0;
  let total = 0;
  for (const p of present) {
    known += p.known;
    total += p.total;
  }
  return dataCoverage(known, total, first.describes);
}
