/**
 * The accountability figures the returns themselves feed (A1–A3), per organisation and financial
 * year. Pure arithmetic over facts loaded by the figures module.
 */
import type { CalculatorResult } from '../framework/compute.js';

export interface DueReturn {
  /** The period's due date (ISO). */
  readonly dueOn: string;
  /** The day the return was first submitted (ISO, UTC), or null if it never was. */
  readonly firstSubmittedOn: string | null;
}

/**
 * A1 as of a date: returns first submitted on or before their due date, over the returns that had
 * fallen due by that date (a return resubmitted after queries counts by its first submission).
 * Null when nothing had fallen due.
 */
export function onTimeShare(returns: readonly DueReturn[], asOf: string): CalculatorResult | null {
  const due = returns.filter((r) => r.dueOn <= asOf);
  if (due.length === 0) return null;
  const onTime = due.filter((r) => r.firstSubmittedOn !== null && r.firstSubmittedOn <= r.dueOn);
  return {
    value: (onTime.length / due.length) * 100,
    numerator: onTime.length,
    denominator: due.length,
  };
}

/** A2: approved figures with evidence over all approved figures; null when there are none. */
export function evidencedShare(figures: number, evidenced: number): CalculatorResult | null {
  if (figures <= 0) return null;
  return { value: (evidenced / figures) * 100, numerator: evidenced, denominator: figures };
}

/** A3: the middle of the pillar levels, the lower of the two middle ones for an even count. */
export function maturityLevel(levels: readonly number[]): number | null {
  const sorted = [...levels].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}
