/**
 * The carbon calculators, per organisation and annual reporting period (its financial year), from
 * the current activity data and the loaded conversion-factor sets (decision 025):
 * - carbon.scope12 (E1): scope 1 + 2 tonnes CO2e at each year's own factors;
 * - carbon.anaesthetic (E5): anaesthetic gases;
 * - carbon.scope3 (E6): the scope 3 sources recorded (T&D losses, travel, water, waste);
 * - carbon.reduction (E2): the reduction in E1 since the organisation's baseline, its earliest
 *   year with E1 known (numerator this year, denominator the baseline, like change_since_baseline);
 * - carbon.renewable-share (E3) and carbon.recycled-share (E4): shares of the activity data.
 * A figure is stored only when its activities are recorded; a source with no factor makes the
 * figure not known (value null), never a smaller number. Each result's detail lists every source
 * with its quantity, factor, factor year, unit and set, so pages show the factor beside the figure.
 */
import type { ActivityQuantity, EmissionLine, Emissions } from '../../../core/carbon/emissions.js';
import {
  calculateEmissions,
  recycledShare,
  renewableShare,
} from '../../../core/carbon/emissions.js';
import { round } from '../../../core/carbon/decimal.js';
import { baselineOf, reductionSince } from '../../../core/carbon/trajectory.js';
import type { StoredCalculatorId } from '../../../core/figures/registry.js';
import { currentActivities, loadCatalogueFactors } from '../../carbon/carbon.repo.js';
import { inScope, replaceResults, type CalculatorJob, type ResultRow } from '../scope.js';

export const CARBON_CALCULATORS = [
  'carbon.scope12',
  'carbon.anaesthetic',
  'carbon.scope3',
  'carbon.reduction',
  'carbon.renewable-share',
  'carbon.recycled-share',
] as const satisfies readonly StoredCalculatorId[];

/** What a result's detail keeps of each source, for the factor shown beside the figure. */
export function lineDetail(l: EmissionLine) {
  return {
    activity: l.activity,
    label: l.label,
    part: l.part,
    scope: l.scope,
    quantity: l.quantity,
    unit: l.unit,
    tCO2e: l.tCO2e,
    factor: l.factor,
  };
}

function tonnes(t: string | null): number | null {
  return t === null ? null : Number(round(t, 6));
}

export const carbonJob: CalculatorJob = {
  calculators: CARBON_CALCULATORS,
  async run(trx, scope) {
    const years = scope.periods.filter((p) => p.kind === 'year');
    if (years.length === 0) return;
    const activities = await currentActivities(
      trx,
      scope.partnershipId,
      scope.organisationIds ? { organisationIds: scope.organisationIds } : {},
    );
    const factors = activities.length > 0 ? await loadCatalogueFactors(trx) : [];
    const byOrgYear = new Map<string, Map<number, ActivityQuantity[]>>();
    for (const a of activities) {
      if (a.quantity === null || !inScope(scope, a.organisation_id)) continue;
      const org = byOrgYear.get(a.organisation_id) ?? new Map<number, ActivityQuantity[]>();
      org.set(a.fy_start_year, [
        ...(org.get(a.fy_start_year) ?? []),
        { activity: a.activity, quantity: a.quantity },
      ]);
      byOrgYear.set(a.organisation_id, org);
    }
    const rows: ResultRow[] = [];
    for (const [organisationId, yearsOf] of byOrgYear) {
      const emissions = new Map<number, Emissions>();
      for (const [year, q] of yearsOf) emissions.set(year, calculateEmissions(year, q, factors));
      const baseline = baselineOf(
        [...emissions.values()].map((e) => ({
          year: e.year,
          tCO2e: tonnes(e.byIndicator.E1.tCO2e),
        })),
      );
      for (const period of years) {
        const e = emissions.get(period.fy_start_year);
        const quantities = yearsOf.get(period.fy_start_year);
        if (!e || !quantities) continue;
        const base = { organisationId, periodId: period.id };
        const emissionResult = (
          calculator: StoredCalculatorId,
          indicator: 'E1' | 'E5' | 'E6',
        ): ResultRow | null => {
          const t = e.byIndicator[indicator];
          if (t.sources === 0) return null;
          return {
            ...base,
            calculator,
            value: tonnes(t.tCO2e),
            detail: {
              basis: 'each year’s own factors',
              tCO2e: t.tCO2e,
              missing: t.missing,
              lines: e.lines.filter((l) => l.indicators.includes(indicator)).map(lineDetail),
            },
          };
        };
        for (const r of [
          emissionResult('carbon.scope12', 'E1'),
          emissionResult('carbon.anaesthetic', 'E5'),
          emissionResult('carbon.scope3', 'E6'),
        ])
          if (r) rows.push(r);
        const e1 = tonnes(e.byIndicator.E1.tCO2e);
        const reduction = e.byIndicator.E1.sources > 0 ? reductionSince(baseline, e1) : null;
        if (baseline && e1 !== null && reduction !== null)
          rows.push({
            ...base,
            calculator: 'carbon.reduction',
            value: reduction,
            numerator: e1,
            denominator: baseline.tCO2e,
            detail: {
              baselineYear: baseline.year,
              baselineTCO2e: baseline.tCO2e,
              basis: 'the organisation’s earliest year with scope 1 and 2 emissions known',
            },
          });
        const renewable = renewableShare(quantities);
        if (renewable)
          rows.push({
            ...base,
            calculator: 'carbon.renewable-share',
            value: renewable.percent,
            numerator: Number(renewable.part),
            denominator: Number(renewable.whole),
            detail: { part: renewable.part, whole: renewable.whole, unit: 'kWh' },
          });
        const recycled = recycledShare(quantities);
        if (recycled)
          rows.push({
            ...base,
            calculator: 'carbon.recycled-share',
            value: recycled.percent,
            numerator: Number(recycled.part),
            denominator: Number(recycled.whole),
            detail: { part: recycled.part, whole: recycled.whole, unit: 'tonnes' },
          });
      }
    }
    await replaceResults(
      trx,
      scope,
      CARBON_CALCULATORS,
      years.map((y) => y.id),
      rows,
    );
  },
};
