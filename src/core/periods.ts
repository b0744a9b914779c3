/**
 * Financial years and quarters. A partnership's year starts on the 1st of a month (April by
 * default); "2025/26" is the year starting 1 April 2025, and its Q1 is April–June 2025.
 */
export type PeriodKind = 'quarter' | 'year';

export interface PeriodSpec {
  readonly kind: PeriodKind;
  /** The calendar year in which the financial year starts: 2025 for 2025/26. */
  readonly fyStartYear: number;
  /** 1–4 for quarters. */
  readonly quarter?: number | null;
}

export interface PeriodDates {
  readonly label: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

export function fyLabel(fyStartYear: number, fyStartMonth = 4): string {
  if (fyStartMonth === 1) return String(fyStartYear);
  return `${fyStartYear}/${String((fyStartYear + 1) % 100).padStart(2, '0')}`;
}

export function periodDates(spec: PeriodSpec, fyStartMonth = 4): PeriodDates {
  const startMonthIndex =
    fyStartMonth - 1 + (spec.kind === 'quarter' ? ((spec.quarter ?? 1) - 1) * 3 : 0);
  const months = spec.kind === 'quarter' ? 3 : 12;
  const start = new Date(Date.UTC(spec.fyStartYear, startMonthIndex, 1));
  const end = new Date(Date.UTC(spec.fyStartYear, startMonthIndex + months, 0));
  const year = fyLabel(spec.fyStartYear, fyStartMonth);
  return {
    label: spec.kind === 'quarter' ? `Q${spec.quarter} ${year}` : year,
    startsOn: isoDate(start),
    endsOn: isoDate(end),
  };
}

/** The financial year (its start year) that contains a date. */
export function fyStartYearOf(date: string, fyStartMonth = 4): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= fyStartMonth ? y : y - 1;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Which indicators a period asks for: quarterly ones in quarters, annual ones in years. */
export function frequencyOf(kind: PeriodKind): 'quarterly' | 'annual' {
  return kind === 'quarter' ? 'quarterly' : 'annual';
}
