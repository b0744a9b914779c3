/** SQL for the LM3 survey: survey links of a year, and each organisation's spend with each supplier. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { periodDates } from '../../core/periods.js';
import type { Lm3Answer, Lm3SpendRow } from '../../core/spend/lm3.js';
import type { DB, Partnership } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface SurveyState {
  readonly id: string;
  readonly supplierId: string;
  readonly sentTo: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly answeredAt: Date | null;
  readonly answer: Lm3Answer | null;
}

export function answerOf(r: {
  answered_at: Date | null;
  staff_cost_pct: string | null;
  staff_local_pct: string | null;
  suppliers_local_pct: string | null;
}): Lm3Answer | null {
  if (!r.answered_at || r.staff_cost_pct === null) return null;
  return {
    staffCostPct: Number(r.staff_cost_pct),
    staffLocalPct: Number(r.staff_local_pct),
    suppliersLocalPct: Number(r.suppliers_local_pct),
  };
}

/** A link counts as asking the supplier while it is not withdrawn, or once it has been answered. */
export function isAsked(s: SurveyState): boolean {
  return s.revokedAt === null || s.answeredAt !== null;
}

/** The survey links of a year. */
export async function lm3Surveys(
  db: Db,
  partnershipId: string,
  fyStartYear: number,
): Promise<SurveyState[]> {
  const rows = await db
    .selectFrom('lm3_surveys')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('fy_start_year', '=', fyStartYear)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    supplierId: r.supplier_id,
    sentTo: r.sent_to,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    answeredAt: r.answered_at,
    answer: answerOf(r),
  }));
}

/** Each organisation's net spend with each supplier in the year, with the survey's state. */
export async function lm3SpendRows(
  db: Db,
  partnership: Pick<Partnership, 'id' | 'fy_start_month'>,
  fyStartYear: number,
  /** The year's dates when they are known (a reporting period's), else worked out from the start month. */
  dates?: { readonly startsOn: string; readonly endsOn: string },
): Promise<Lm3SpendRow[]> {
  const { startsOn, endsOn } =
    dates ?? periodDates({ kind: 'year', fyStartYear }, partnership.fy_start_month);
  const [spend, surveys] = await Promise.all([
    sql<{ organisation_id: string; supplier_id: string; pence: string; local: boolean }>`
      WITH setting AS (SELECT local_area FROM partnerships WHERE id = ${partnership.id})
      SELECT l.organisation_id, l.supplier_id, sum(l.amount_pence)::bigint AS pence,
        coalesce(s.lad = ANY (setting.local_area), false) AS local
      FROM spend_lines l
      JOIN suppliers s ON s.id = l.supplier_id
      CROSS JOIN setting
      WHERE l.partnership_id = ${partnership.id}
        AND l.payment_date BETWEEN ${startsOn}::date AND ${endsOn}::date
      GROUP BY l.organisation_id, l.supplier_id, s.lad, setting.local_area`.execute(db),
    lm3Surveys(db, partnership.id, fyStartYear),
  ]);
  const bySupplier = new Map(surveys.map((s) => [s.supplierId, s]));
  return spend.rows.map((r) => {
    const survey = bySupplier.get(r.supplier_id);
    return {
      organisationId: r.organisation_id,
      supplierId: r.supplier_id,
      pence: Number(r.pence),
      local: r.local,
      asked: survey ? isAsked(survey) : false,
      answer: survey?.answer ?? null,
    };
  });
}
