/**
 * Local Multiplier 3 (New Economics Foundation). Pure: no database, no HTTP.
 *
 * - R1: the spend considered (an organisation's, or the partnership's, in a financial year).
 * - R2: the part of R1 spent with local suppliers (suppliers located in the partnership's area).
 * - R3: the part of R2 that those local suppliers re-spend locally.
 * - LM3 = (R1 + R2 + R3) ÷ R1, between 1 and 3.
 *
 * The method, chosen to be conservative:
 * - Spend is counted per organisation and supplier: the net amount paid in the year. Where
 *   credit notes exceed payments (a net refund), that supplier counts as nothing for that
 *   organisation, so R2 can never exceed R1.
 * - A supplier's local re-spend share comes from its own survey answer:
 *   staff costs % × staff living locally % + (100 − staff costs %) × other spending with local
 *   suppliers %, as a share of its costs.
 * - R3 adds, for each local supplier that answered, its R2 spend × its own local re-spend share.
 *   Local suppliers that did not answer add nothing: their re-spend is not guessed from others'
 *   answers, so R3 (and LM3) is a lower estimate that grows as more suppliers answer.
 * - Every result carries how many local suppliers were asked and answered, and the share of R2
 *   the answers cover.
 */

export interface Lm3Answer {
  /** What percentage of the supplier's costs are staff costs (0–100). */
  readonly staffCostPct: number;
  /** Of its staff costs, the percentage paid to staff living in the local area (0–100). */
  readonly staffLocalPct: number;
  /** Of its other spending, the percentage that goes to suppliers in the local area (0–100). */
  readonly suppliersLocalPct: number;
}

/** One organisation's net spend with one supplier in the year. */
export interface Lm3SpendRow {
  readonly organisationId: string;
  readonly supplierId: string;
  /** Net amount in pence (payments less credit notes). */
  readonly pence: number;
  /** The supplier is located in the partnership's local area. */
  readonly local: boolean;
  /** The supplier has been sent the survey for this year (a link not withdrawn, or answered). */
  readonly asked: boolean;
  /** The supplier's answer for this year, if any. */
  readonly answer: Lm3Answer | null;
}

export interface Lm3Result {
  /** Spend considered, pence. */
  readonly r1: number;
  /** Spend with local suppliers, pence. */
  readonly r2: number;
  /** Local re-spend by the local suppliers that answered, pence (not rounded). */
  readonly r3: number;
  /** (R1 + R2 + R3) ÷ R1; null when there is no spend to consider. */
  readonly lm3: number | null;
  /** Local suppliers with spend in the rows considered. */
  readonly localSuppliers: number;
  /** Of those, how many were asked. */
  readonly asked: number;
  /** Of those, how many answered. */
  readonly answered: number;
  /** The part of R2 spent with suppliers that answered, pence. */
  readonly r2Answered: number;
  /** r2Answered ÷ R2 (0–1); null when R2 is 0. */
  readonly coverage: number | null;
}

function checkPct(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0 || v > 100) {
    throw new RangeError(`${name} must be a percentage between 0 and 100, not ${v}`);
  }
}

/** The share (0–1) of a supplier's costs that it spends locally, on staff and on suppliers. */
export function localRespendShare(answer: Lm3Answer): number {
  checkPct('staffCostPct', answer.staffCostPct);
  checkPct('staffLocalPct', answer.staffLocalPct);
  checkPct('suppliersLocalPct', answer.suppliersLocalPct);
  const staff = answer.staffCostPct / 100;
  const share =
    staff * (answer.staffLocalPct / 100) + (1 - staff) * (answer.suppliersLocalPct / 100);
  return Math.min(1, Math.max(0, share));
}

/** LM3 for a set of rows: one organisation's, or all of a partnership's (the sum of its organisations'). */
export function computeLm3(rows: readonly Lm3SpendRow[]): Lm3Result {
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  let r2Answered = 0;
  const local = new Set<string>();
  const asked = new Set<string>();
  const answered = new Set<string>();
  // Sorted, so that the result does not depend on the order of the rows.
  const sorted = [...rows].sort(
    (a, b) =>
      a.pence - b.pence ||
      cmp(a.organisationId, b.organisationId) ||
      cmp(a.supplierId, b.supplierId),
  );
  for (const row of sorted) {
    if (!Number.isFinite(row.pence) || row.pence <= 0) continue;
    r1 += row.pence;
    if (!row.local) continue;
    r2 += row.pence;
    local.add(row.supplierId);
    if (row.asked || row.answer) asked.add(row.supplierId);
    if (row.answer) {
      answered.add(row.supplierId);
      r2Answered += row.pence;
      r3 += row.pence * localRespendShare(row.answer);
    }
  }
  return {
    r1,
    r2,
    r3,
    lm3: r1 > 0 ? lm3Of(r1, r2, r3) : null,
    localSuppliers: local.size,
    asked: asked.size,
    answered: answered.size,
    r2Answered,
    coverage: r2 > 0 ? r2Answered / r2 : null,
  };
}

/** (R1 + R2 + R3) ÷ R1, kept within 1 and 3. */
export function lm3Of(r1: number, r2: number, r3: number): number | null {
  if (!(r1 > 0)) return null;
  const value = (r1 + r2 + r3) / r1;
  return Math.min(3, Math.max(1, value));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
