/**
 * How the API names things in its addresses, so that a program's addresses read as people say
 * them and stay the same in every copy of a partnership: a financial year as 2025-26 (as the
 * public pages do), a quarter of one as 2025-26-q2, an organisation by its code. Pure.
 */
import type { PeriodKind } from '../periods.js';

export interface PeriodKeyParts {
  readonly kind: PeriodKind;
  readonly fyStartYear: number;
  readonly quarter: number | null;
}

/** The financial year starting in `fy` as an address part: 2025-26. */
export const yearKey = (fy: number) => `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`;

/** A reporting period as an address part: 2025-26 for the year, 2025-26-q2 for its second quarter. */
export function periodKey(period: {
  readonly kind: PeriodKind;
  readonly fy_start_year: number;
  readonly quarter: number | null;
}): string {
  const year = yearKey(period.fy_start_year);
  return period.kind === 'quarter' ? `${year}-q${period.quarter ?? 0}` : year;
}

/** The period an address part names, or null when it names none (2025-27, 2025-26-q5, …). */
export function parsePeriodKey(key: string): PeriodKeyParts | null {
  const m = /^(\d{4})-(\d{2})(?:-[qQ]([1-4]))?$/.exec(key);
  if (!m) return null;
  const fyStartYear = Number(m[1]);
  if ((fyStartYear + 1) % 100 !== Number(m[2])) return null;
  return m[3] === undefined
    ? { kind: 'year', fyStartYear, quarter: null }
    : { kind: 'quarter', fyStartYear, quarter: Number(m[3]) };
}
