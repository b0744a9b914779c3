/**
 * The spend calculators (P1–P5): for each organisation and reporting period, the spend in pence
 * with suppliers in the local area, in IMD deciles 1–2 (the partnership's IMD edition), with SMEs,
 * with VCSE organisations, and with a known location, each over all spend. Worked out per supplier
 * classification, summed over lines in one SQL statement, written to calculator_results, where the
 * framework reads them.
 */
import type { RawConnection } from '../../db/raw.js';

export const SPEND_CALCULATORS = [
  'spend.local',
  'spend.deprived',
  'spend.sme',
  'spend.vcse',
  'spend.location-known',
] as const;

export async function refreshSpendCalculators(
  conn: RawConnection,
  partnershipId: string,
  range?: { from: string; to: string },
): Promise<void> {
  const params: unknown[] = [partnershipId];
  let periodFilter = '';
  if (range) {
    params.push(range.from, range.to);
    periodFilter = 'AND ends_on >= $2::date AND starts_on <= $3::date';
  }
  await conn.query(
    `WITH periods AS (
       SELECT id, starts_on, ends_on FROM reporting_periods WHERE partnership_id = $1 ${periodFilter}
     ), setting AS (
       SELECT local_area, imd_edition FROM partnerships WHERE id = $1
     ), agg AS (
       SELECT l.organisation_id, p.id AS period_id,
         sum(l.amount_pence) AS total,
         coalesce(sum(l.amount_pence) FILTER (WHERE s.lad = ANY (setting.local_area)), 0) AS local,
         coalesce(sum(l.amount_pence) FILTER (WHERE d.decile <= 2), 0) AS deprived,
         coalesce(sum(l.amount_pence) FILTER (WHERE s.type = 'sme'), 0) AS sme,
         coalesce(sum(l.amount_pence) FILTER (WHERE s.type = 'vcse'), 0) AS vcse,
         coalesce(sum(l.amount_pence) FILTER (WHERE s.lad IS NOT NULL), 0) AS known
       FROM spend_lines l
       JOIN periods p ON l.payment_date BETWEEN p.starts_on AND p.ends_on
       JOIN suppliers s ON s.id = l.supplier_id
       CROSS JOIN setting
       LEFT JOIN ref_imd d ON d.edition = setting.imd_edition
         AND d.lsoa = CASE WHEN setting.imd_edition = 2019 THEN s.lsoa11 ELSE s.lsoa21 END
       WHERE l.partnership_id = $1
       GROUP BY l.organisation_id, p.id
     )
     INSERT INTO calculator_results (partnership_id, organisation_id, period_id, calculator, value, numerator, denominator, detail, computed_at)
     SELECT $1, agg.organisation_id, agg.period_id, c.calculator,
       CASE WHEN agg.total <> 0 THEN round(c.part * 100.0 / agg.total, 6) END, c.part, agg.total,
       jsonb_build_object('unit', 'pence'), now()
     FROM agg CROSS JOIN LATERAL (VALUES
       ('spend.local', agg.local), ('spend.deprived', agg.deprived), ('spend.sme', agg.sme),
       ('spend.vcse', agg.vcse), ('spend.location-known', agg.known)) AS c(calculator, part)
     ON CONFLICT (organisation_id, period_id, calculator) DO UPDATE SET
       value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
       detail = EXCLUDED.detail, computed_at = EXCLUDED.computed_at`,
    params,
  );
}
