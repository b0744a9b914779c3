/**
 * P1–P5 (calculators spend.local, spend.deprived, spend.sme, spend.vcse, spend.location-known):
 * for each organisation and reporting period, the spend in pence with suppliers in the local area,
 * in IMD deciles 1–2 (the partnership's edition of the index), with SMEs, with VCSE organisations,
 * and with a known location, each over all spend. Worked out per supplier classification, summed
 * over lines in one SQL statement. Each result keeps how much of the spend is known for it: a
 * known location (P1), a known neighbourhood with a decile (P2), a known supplier type (P3, P4;
 * unclassified and redacted payees are not known).
 */
import { sql } from 'kysely';
import type { CalculatorJob } from '../scope.js';
import { clearResults } from '../scope.js';

const CALCULATORS = [
  'spend.local',
  'spend.deprived',
  'spend.sme',
  'spend.vcse',
  'spend.location-known',
] as const;

export const spendJob: CalculatorJob = {
  calculators: CALCULATORS,
  async run(trx, scope) {
    const periodIds = scope.periods.map((p) => p.id);
    if (periodIds.length === 0 || scope.organisationIds?.length === 0) return;
    await clearResults(trx, scope, CALCULATORS, periodIds);
    const organisations = scope.organisationIds
      ? sql`AND l.organisation_id = ANY (${[...scope.organisationIds]}::uuid[])`
      : sql``;
    await sql`
      WITH periods AS (
        SELECT id, starts_on, ends_on FROM reporting_periods
        WHERE partnership_id = ${scope.partnershipId} AND id = ANY (${periodIds}::uuid[])
      ), setting AS (
        SELECT local_area, imd_edition FROM partnerships WHERE id = ${scope.partnershipId}
      ), agg AS (
        SELECT l.organisation_id, p.id AS period_id,
          sum(l.amount_pence) AS total,
          coalesce(sum(l.amount_pence) FILTER (WHERE s.lad = ANY (setting.local_area)), 0) AS local,
          coalesce(sum(l.amount_pence) FILTER (WHERE d.decile <= 2), 0) AS deprived,
          coalesce(sum(l.amount_pence) FILTER (WHERE s.type = 'sme'), 0) AS sme,
          coalesce(sum(l.amount_pence) FILTER (WHERE s.type = 'vcse'), 0) AS vcse,
          coalesce(sum(l.amount_pence) FILTER (WHERE s.lad IS NOT NULL), 0) AS located,
          coalesce(sum(l.amount_pence) FILTER (WHERE d.decile IS NOT NULL), 0) AS decile_known,
          coalesce(sum(l.amount_pence) FILTER (WHERE s.type NOT IN ('unclassified', 'redacted')), 0) AS type_known
        FROM spend_lines l
        JOIN periods p ON l.payment_date BETWEEN p.starts_on AND p.ends_on
        JOIN suppliers s ON s.id = l.supplier_id
        CROSS JOIN setting
        LEFT JOIN ref_imd d ON d.edition = setting.imd_edition
          AND d.lsoa = CASE WHEN setting.imd_edition = 2019 THEN s.lsoa11 ELSE s.lsoa21 END
        WHERE l.partnership_id = ${scope.partnershipId} ${organisations}
        GROUP BY l.organisation_id, p.id
      )
      INSERT INTO calculator_results (partnership_id, organisation_id, period_id, calculator, value,
        numerator, denominator, coverage_known, coverage_total, detail, computed_at)
      SELECT ${scope.partnershipId}, agg.organisation_id, agg.period_id, c.calculator,
        CASE WHEN agg.total <> 0 THEN round(c.part * 100.0 / agg.total, 6) END, c.part, agg.total,
        c.known, CASE WHEN c.known IS NOT NULL THEN agg.total END,
        jsonb_build_object('unit', 'pence'), now()
      FROM agg CROSS JOIN LATERAL (VALUES
        ('spend.local', agg.local, agg.located),
        ('spend.deprived', agg.deprived, agg.decile_known),
        ('spend.sme', agg.sme, agg.type_known),
        ('spend.vcse', agg.vcse, agg.type_known),
        ('spend.location-known', agg.located, NULL::numeric)) AS c(calculator, part, known)`.execute(
      trx,
    );
  },
};
