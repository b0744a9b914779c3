/**
 * W1, W2, W4, W5 and W6 (calculators payroll.*) per organisation and financial year, from the
 * counts its payroll extract for the year was reduced to (payroll_aggregates): where staff live
 * is worked out for the partnership's local area and edition of the index as they are now
 * (core/workforce/homes.ts). Each figure keeps how much of its data is known (pay known, home
 * placed) and the Real Living Wage it was measured against.
 */
import { payrollFigures, type PayrollShare } from '../../../core/workforce/aggregate.js';
import { withHomes } from '../../../core/workforce/homes.js';
import type { StoredCalculatorId } from '../../../core/figures/registry.js';
import type { StoredPayroll } from '../../workforce/payroll-import.js';
import { inScope, replaceResults, type CalculatorJob, type ResultRow } from '../scope.js';

const FIGURES: readonly (readonly [StoredCalculatorId, 'W1' | 'W2' | 'W4' | 'W5' | 'W6'])[] = [
  ['payroll.rlw-direct', 'W1'],
  ['payroll.rlw-contracted', 'W2'],
  ['payroll.local', 'W4'],
  ['payroll.deprived', 'W5'],
  ['payroll.new-starters-local', 'W6'],
];

export const payrollJob: CalculatorJob = {
  calculators: FIGURES.map(([c]) => c),
  async run(trx, scope) {
    const years = scope.periods.filter((p) => p.kind === 'year');
    if (years.length === 0) return;
    const [setting, stored] = await Promise.all([
      trx
        .selectFrom('partnerships')
        .select(['local_area', 'imd_edition'])
        .where('id', '=', scope.partnershipId)
        .executeTakeFirstOrThrow(),
      trx
        .selectFrom('payroll_aggregates as a')
        .innerJoin('import_batches as b', 'b.id', 'a.batch_id')
        .select(['a.organisation_id', 'a.fy_start_year', 'a.counts', 'a.rate', 'b.file_name'])
        .where('a.partnership_id', '=', scope.partnershipId)
        .where(
          'a.fy_start_year',
          'in',
          years.map((y) => y.fy_start_year),
        )
        .execute(),
    ]);
    const rows: ResultRow[] = [];
    for (const year of years) {
      for (const s of stored) {
        if (s.fy_start_year !== year.fy_start_year || !inScope(scope, s.organisation_id)) continue;
        const { counts, homes } = s.counts as StoredPayroll;
        const figures = payrollFigures(
          withHomes(counts, homes, setting.local_area, setting.imd_edition as 2019 | 2025),
        );
        for (const [calculator, id] of FIGURES) {
          const f: PayrollShare = figures[id];
          rows.push({
            organisationId: s.organisation_id,
            periodId: year.id,
            calculator,
            value: f.percent,
            numerator: f.numerator,
            denominator: f.denominator,
            coverage: f.coverage,
            detail: { source: 'payroll extract', file: s.file_name, rate: s.rate },
          });
        }
      }
    }
    await replaceResults(
      trx,
      scope,
      FIGURES.map(([c]) => c),
      years.map((y) => y.id),
      rows,
    );
  },
};
