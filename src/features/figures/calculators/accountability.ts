/**
 * A2 (calculator returns.evidenced) and A3 (maturity.level), per organisation and annual
 * reporting period, from the returns and maturity assessments of its financial year. A1
 * (returns.on-time) is not stored: it is counted when figures are read (figures.service.ts),
 * because a due date passing moves it without any change to the data.
 */
import { sql } from 'kysely';
import { evidencedShare, maturityLevel } from '../../../core/figures/accountability.js';
import { inScope, replaceResults, type CalculatorJob, type ResultRow } from '../scope.js';

/** A2: approved figures with a note, a link or a file, over all approved figures, in the year. */
export const evidencedJob: CalculatorJob = {
  calculators: ['returns.evidenced'],
  async run(trx, scope) {
    const years = scope.periods.filter((p) => p.kind === 'year');
    if (years.length === 0) return;
    const fyStartYears = years.map((y) => y.fy_start_year);
    const counts = await sql<{
      organisation_id: string;
      fy_start_year: number;
      figures: number | string;
      evidenced: number | string;
    }>`
      SELECT t.organisation_id, p.fy_start_year,
        count(*) FILTER (WHERE v.value IS NOT NULL) AS figures,
        count(*) FILTER (WHERE v.value IS NOT NULL AND (coalesce(v.note, '') <> '' OR cardinality(v.links) > 0
          OR EXISTS (SELECT 1 FROM evidence_files f WHERE f.revision_id = v.revision_id AND f.item_id = v.item_id))) AS evidenced
      FROM returns t
      JOIN reporting_periods p ON p.id = t.period_id
      JOIN LATERAL (SELECT r.id FROM return_revisions r WHERE r.return_id = t.id AND r.status = 'approved'
        ORDER BY r.number DESC LIMIT 1) a ON true
      JOIN return_values v ON v.revision_id = a.id
      WHERE t.partnership_id = ${scope.partnershipId}
        AND p.fy_start_year = ANY (${fyStartYears}::int[])
      GROUP BY t.organisation_id, p.fy_start_year`.execute(trx);
    const rows: ResultRow[] = [];
    for (const year of years) {
      for (const c of counts.rows) {
        if (Number(c.fy_start_year) !== year.fy_start_year || !inScope(scope, c.organisation_id))
          continue;
        const r = evidencedShare(Number(c.figures), Number(c.evidenced));
        if (r)
          rows.push({
            organisationId: c.organisation_id,
            periodId: year.id,
            calculator: 'returns.evidenced',
            ...r,
          });
      }
    }
    await replaceResults(
      trx,
      scope,
      ['returns.evidenced'],
      years.map((y) => y.id),
      rows,
    );
  },
};

/** A3: the median of the organisation's pillar levels for the year (the lower middle one). */
export const maturityJob: CalculatorJob = {
  calculators: ['maturity.level'],
  async run(trx, scope) {
    const years = scope.periods.filter((p) => p.kind === 'year');
    if (years.length === 0) return;
    const assessments = await trx
      .selectFrom('maturity_assessments')
      .select(['organisation_id', 'fy_start_year', 'level'])
      .where('partnership_id', '=', scope.partnershipId)
      .where(
        'fy_start_year',
        'in',
        years.map((y) => y.fy_start_year),
      )
      .execute();
    const rows: ResultRow[] = [];
    for (const year of years) {
      const byOrganisation = new Map<string, number[]>();
      for (const a of assessments) {
        if (a.fy_start_year !== year.fy_start_year || !inScope(scope, a.organisation_id)) continue;
        byOrganisation.set(a.organisation_id, [
          ...(byOrganisation.get(a.organisation_id) ?? []),
          a.level,
        ]);
      }
      for (const [organisationId, levels] of byOrganisation) {
        const level = maturityLevel(levels);
        if (level !== null)
          rows.push({
            organisationId,
            periodId: year.id,
            calculator: 'maturity.level',
            value: level,
          });
      }
    }
    await replaceResults(
      trx,
      scope,
      ['maturity.level'],
      years.map((y) => y.id),
      rows,
    );
  },
};
