/** What one run of a calculator works on, and how its results replace the ones stored. */
import type { Transaction } from 'kysely';
import type { StoredCalculatorId } from '../../core/figures/registry.js';
import type { DB, ReportingPeriod } from '../../db/schema.js';

export type ScopePeriod = Pick<
  ReportingPeriod,
  'id' | 'kind' | 'fy_start_year' | 'starts_on' | 'ends_on' | 'due_on'
>;

export interface CalculationScope {
  readonly partnershipId: string;
  /** The reporting periods whose figures the change can move (each job picks the kinds it needs). */
  readonly periods: readonly ScopePeriod[];
  /** Only these organisations' figures; null for every organisation of the partnership. */
  readonly organisationIds: readonly string[] | null;
}

/** Works out one or more stored calculators for a scope, replacing their results in it. */
export interface CalculatorJob {
  readonly calculators: readonly StoredCalculatorId[];
  run(trx: Transaction<DB>, scope: CalculationScope): Promise<void>;
}

export interface ResultRow {
  readonly organisationId: string;
  readonly periodId: string;
  readonly calculator: StoredCalculatorId;
  readonly value: number | null;
  readonly numerator?: number | null;
  readonly denominator?: number | null;
  readonly coverage?: { readonly known: number; readonly total: number } | null;
  readonly detail?: Record<string, unknown>;
}

/** Deletes the stored results of these calculators in the scope (its periods and organisations). */
export async function clearResults(
  trx: Transaction<DB>,
  scope: CalculationScope,
  calculators: readonly StoredCalculatorId[],
  periodIds: readonly string[],
): Promise<void> {
  if (periodIds.length === 0 || calculators.length === 0) return;
  if (scope.organisationIds?.length === 0) return;
  let q = trx
    .deleteFrom('calculator_results')
    .where('partnership_id', '=', scope.partnershipId)
    .where('calculator', 'in', [...calculators])
    .where('period_id', 'in', [...periodIds]);
  if (scope.organisationIds) q = q.where('organisation_id', 'in', [...scope.organisationIds]);
  await q.execute();
}

/** Replaces the stored results of these calculators in the scope with the given rows. */
export async function replaceResults(
  trx: Transaction<DB>,
  scope: CalculationScope,
  calculators: readonly StoredCalculatorId[],
  periodIds: readonly string[],
  rows: readonly ResultRow[],
): Promise<void> {
  await clearResults(trx, scope, calculators, periodIds);
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('calculator_results')
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          partnership_id: scope.partnershipId,
          organisation_id: r.organisationId,
          period_id: r.periodId,
          calculator: r.calculator,
          value: r.value,
          numerator: r.numerator ?? null,
          denominator: r.denominator ?? null,
          coverage_known: r.coverage?.known ?? null,
          coverage_total: r.coverage?.total ?? null,
          detail: JSON.stringify(r.detail ?? {}),
        })),
      )
      .execute();
  }
}

/** The organisations of the scope that appear in the rows (all of them when the scope is every organisation). */
export function inScope(scope: CalculationScope, organisationId: string): boolean {
  return scope.organisationIds === null || scope.organisationIds.includes(organisationId);
}
