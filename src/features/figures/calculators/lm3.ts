/**
 * P8 (calculator lm3): each organisation's Local Multiplier 3 for each annual reporting period,
 * from its spend in the financial year and the survey answers of the local suppliers (the
 * arithmetic is core/spend/lm3.ts). Stored with value LM3, numerator R1 + R2 + R3 and denominator
 * R1 in pence, so that partnership totals add parts; its coverage is the local spend (R2) with
 * suppliers that answered. Organisations without spend in the year have no result.
 */
import { computeLm3 } from '../../../core/spend/lm3.js';
import { lm3SpendRows } from '../../lm3/lm3.repo.js';
import { inScope, replaceResults, type CalculatorJob, type ResultRow } from '../scope.js';

export const lm3Job: CalculatorJob = {
  calculators: ['lm3'],
  async run(trx, scope) {
    const years = scope.periods.filter((p) => p.kind === 'year');
    if (years.length === 0) return;
    const partnership = await trx
      .selectFrom('partnerships')
      .select(['id', 'fy_start_month'])
      .where('id', '=', scope.partnershipId)
      .executeTakeFirstOrThrow();
    const rows: ResultRow[] = [];
    for (const period of years) {
      const spend = (
        await lm3SpendRows(trx, partnership, period.fy_start_year, {
          startsOn: period.starts_on,
          endsOn: period.ends_on,
        })
      ).filter((r) => inScope(scope, r.organisationId));
      const organisationIds = [...new Set(spend.map((r) => r.organisationId))].sort();
      for (const organisationId of organisationIds) {
        const r = computeLm3(spend.filter((s) => s.organisationId === organisationId));
        if (r.lm3 === null) continue;
        rows.push({
          organisationId,
          periodId: period.id,
          calculator: 'lm3',
          value: round(r.lm3, 6),
          numerator: round(r.r1 + r.r2 + r.r3, 4),
          denominator: r.r1,
          coverage: { known: r.r2Answered, total: r.r2 },
          detail: {
            unit: 'pence',
            r1: r.r1,
            r2: r.r2,
            r3: round(r.r3, 4),
            localSuppliers: r.localSuppliers,
            asked: r.asked,
            answered: r.answered,
            r2Answered: r.r2Answered,
            coverage: r.coverage === null ? null : round(r.coverage, 6),
            method: 'answering local suppliers only; others add nothing',
          },
        });
      }
    }
    await replaceResults(
      trx,
      scope,
      ['lm3'],
      years.map((p) => p.id),
      rows,
    );
  },
};

function round(v: number, places: number): number {
  const f = 10 ** places;
  return Math.round(v * f) / f;
}
