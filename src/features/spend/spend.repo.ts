/** SQL for spend analysis: totals and breakdowns over lines, classified per supplier. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export type Breakdown = 'none' | 'month' | 'organisation' | 'expense' | 'supplier';

export interface SpendRow {
  key: string;
  label: string;
  lines: number;
  total: number;
  local: number;
  deprived: number;
  sme: number;
  vcse: number;
  known: number;
  /** Spend with suppliers placed in a neighbourhood (LSOA), precise enough for P2. */
  neighbourhood: number;
  /** Spend with suppliers whose neighbourhood has a deprivation decile (what P2 rests on). */
  decileKnown: number;
  /** Spend with suppliers of a known type (what P3 and P4 rest on). */
  typeKnown: number;
}

const KEY: Record<Breakdown, string> = {
  none: `'all'`,
  month: `to_char(l.payment_date, 'YYYY-MM')`,
  organisation: `l.organisation_id::text`,
  expense: `coalesce(nullif(l.expense_type, ''), '(none)')`,
  supplier: `s.id::text`,
};

const LABEL: Record<Breakdown, string> = {
  none: `'All spend'`,
  month: `to_char(l.payment_date, 'YYYY-MM')`,
  organisation: `min(o.name)`,
  expense: `coalesce(nullif(l.expense_type, ''), '(none)')`,
  supplier: `min(s.name)`,
};

/** Spend in pence, with the parts the indicators use (local, deprived, SME, VCSE, location known). */
export async function spendBreakdown(
  db: Kysely<DB>,
  partnershipId: string,
  options: { organisationId?: string; from: string; to: string; by: Breakdown; limit?: number },
): Promise<SpendRow[]> {
  const key = KEY[options.by];
  const label = LABEL[options.by];
  const order = options.by === 'month' ? 'key' : 'total DESC';
  const orgFilter = options.organisationId
    ? sql`AND l.organisation_id = ${options.organisationId}`
    : sql``;
  const limit = options.limit ? sql`LIMIT ${options.limit}` : sql``;
  const result = await sql<SpendRow>`
    WITH setting AS (SELECT local_area, imd_edition FROM partnerships WHERE id = ${partnershipId})
    SELECT ${sql.raw(key)} AS key, ${sql.raw(label)} AS label,
      count(*)::int AS lines,
      sum(l.amount_pence)::bigint AS total,
      coalesce(sum(l.amount_pence) FILTER (WHERE s.lad = ANY (setting.local_area)), 0)::bigint AS local,
      coalesce(sum(l.amount_pence) FILTER (WHERE d.decile <= 2), 0)::bigint AS deprived,
      coalesce(sum(l.amount_pence) FILTER (WHERE s.type = 'sme'), 0)::bigint AS sme,
      coalesce(sum(l.amount_pence) FILTER (WHERE s.type = 'vcse'), 0)::bigint AS vcse,
      coalesce(sum(l.amount_pence) FILTER (WHERE s.lad IS NOT NULL), 0)::bigint AS known,
      coalesce(sum(l.amount_pence) FILTER (WHERE s.location_precision = 'lsoa'), 0)::bigint AS neighbourhood,
      coalesce(sum(l.amount_pence) FILTER (WHERE d.decile IS NOT NULL), 0)::bigint AS "decileKnown",
      coalesce(sum(l.amount_pence) FILTER (WHERE s.type NOT IN ('unclassified', 'redacted')), 0)::bigint AS "typeKnown"
    FROM spend_lines l
    JOIN suppliers s ON s.id = l.supplier_id
    JOIN organisations o ON o.id = l.organisation_id
    CROSS JOIN setting
    LEFT JOIN ref_imd d ON d.edition = setting.imd_edition
      AND d.lsoa = CASE WHEN setting.imd_edition = 2019 THEN s.lsoa11 ELSE s.lsoa21 END
    WHERE l.partnership_id = ${partnershipId} ${orgFilter}
      AND l.payment_date BETWEEN ${options.from}::date AND ${options.to}::date
    GROUP BY 1
    ORDER BY ${sql.raw(order)}
    ${limit}`.execute(db);
  return result.rows.map((r) => ({
    ...r,
    lines: Number(r.lines),
    total: Number(r.total),
    local: Number(r.local),
    deprived: Number(r.deprived),
    sme: Number(r.sme),
    vcse: Number(r.vcse),
    known: Number(r.known),
    neighbourhood: Number(r.neighbourhood),
    decileKnown: Number(r.decileKnown),
    typeKnown: Number(r.typeKnown),
  }));
}

/** The financial years (start years) that have spend, newest first. */
export async function spendYears(
  db: Kysely<DB>,
  partnershipId: string,
  fyStartMonth: number,
  organisationId?: string,
): Promise<number[]> {
  let q = db
    .selectFrom('spend_lines')
    .select(
      sql<number>`DISTINCT (extract(year from payment_date)::int - CASE WHEN extract(month from payment_date)::int < ${fyStartMonth} THEN 1 ELSE 0 END)`.as(
        'fy',
      ),
    )
    .where('partnership_id', '=', partnershipId);
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  const rows = await q.execute();
  return rows.map((r) => Number(r.fy)).sort((a, b) => b - a);
}

export function listBatches(db: Kysely<DB>, partnershipId: string, organisationId?: string) {
  let q = db
    .selectFrom('spend_batches as b')
    .innerJoin('organisations as o', 'o.id', 'b.organisation_id')
    .select([
      'b.id',
      'b.file_name',
      'b.rows',
      'b.accepted',
      'b.rejected',
      'b.duplicates',
      'b.amount_accepted_pence',
      'b.first_date',
      'b.last_date',
      'b.imported_at',
      'b.actor_label',
      'o.name as organisation_name',
    ])
    .where('b.partnership_id', '=', partnershipId)
    .orderBy('b.imported_at', 'desc')
    .limit(100);
  if (organisationId) q = q.where('b.organisation_id', '=', organisationId);
  return q.execute();
}

export function findBatch(db: Kysely<DB>, partnershipId: string, batchId: string) {
  if (!isUuid(batchId)) return Promise.resolve(undefined);
  return db
    .selectFrom('spend_batches as b')
    .innerJoin('organisations as o', 'o.id', 'b.organisation_id')
    .selectAll('b')
    .select(['o.name as organisation_name'])
    .where('b.partnership_id', '=', partnershipId)
    .where('b.id', '=', batchId)
    .executeTakeFirst();
}

export function recentJobs(db: Kysely<DB>, partnershipId: string, organisationId: string) {
  return db
    .selectFrom('jobs')
    .select([
      'id',
      'status',
      'file_name',
      'message',
      'created_at',
      'updated_at',
      'progress_done',
      'progress_total',
    ])
    .where('partnership_id', '=', partnershipId)
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', 'spend-import')
    .where('status', 'in', ['queued', 'running', 'failed', 'interrupted'])
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
}
