/**
 * Reading the supplier register: the list with each supplier's spend (only the spend of the
 * organisations the reader may see), one supplier's details, spend and history, and the whole
 * register as rows for a CSV that can be filled in and uploaded again.
 */
import { sql, type Kysely } from 'kysely';
import type { SpendScope } from '../../core/policies/spend.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export const PAGE_SIZE = 50;

export type SupplierFilter = 'all' | 'attention' | 'unclassified' | 'unplaced';

export interface SupplierListRow {
  id: string;
  name: string;
  type: string;
  postcode: string | null;
  lad: string | null;
  location_precision: string;
  postcode_problem: string | null;
  pence: number;
  lines: number;
}

function scopeFilter(scope: SpendScope) {
  if (scope === null) return sql``;
  if (scope.length === 0) return sql`AND false`;
  return sql`AND l.organisation_id IN (${sql.join(scope.map((id) => sql`${id}::uuid`))})`;
}

export async function listSuppliers(
  db: Kysely<DB>,
  partnershipId: string,
  options: {
    query: string;
    normalised: string;
    filter: SupplierFilter;
    page: number;
    scope: SpendScope;
    /** Only the suppliers of one imported file's lines. */
    batch?: string | undefined;
  },
): Promise<{ rows: SupplierListRow[]; count: number }> {
  const conditions = [sql`s.partnership_id = ${partnershipId}`];
  if (options.batch !== undefined) {
    conditions.push(
      isUuid(options.batch)
        ? sql`EXISTS (SELECT 1 FROM spend_lines b WHERE b.partnership_id = ${partnershipId} AND b.batch_id = ${options.batch}::uuid AND b.supplier_id = s.id)`
        : sql`false`,
    );
  }
  if (options.query) {
    conditions.push(
      sql`(s.name ILIKE ${'%' + options.query.replace(/[\\%_]/g, (c) => '\\' + c) + '%'} OR s.name_norm LIKE ${'%' + options.normalised + '%'} OR s.vat_number = ${options.query.toUpperCase()} OR s.company_number = ${options.query.toUpperCase()})`,
    );
  }
  if (options.filter === 'attention')
    conditions.push(sql`(s.type = 'unclassified' OR s.location_precision = 'none')`);
  if (options.filter === 'unclassified') conditions.push(sql`s.type = 'unclassified'`);
  if (options.filter === 'unplaced') conditions.push(sql`s.location_precision = 'none'`);
  const where = sql.join(conditions, sql` AND `);
  const [rows, count] = await Promise.all([
    sql<SupplierListRow>`
      SELECT s.id, s.name, s.type, s.postcode, s.lad, s.location_precision, s.postcode_problem,
        coalesce(t.pence, 0)::bigint AS pence, coalesce(t.lines, 0)::int AS lines
      FROM suppliers s
      LEFT JOIN (
        SELECT l.supplier_id, sum(l.amount_pence) AS pence, count(*) AS lines
        FROM spend_lines l
        WHERE l.partnership_id = ${partnershipId} ${scopeFilter(options.scope)}
        GROUP BY l.supplier_id
      ) t ON t.supplier_id = s.id
      WHERE ${where}
      ORDER BY coalesce(t.pence, 0) DESC, s.name, s.id
      LIMIT ${PAGE_SIZE} OFFSET ${(options.page - 1) * PAGE_SIZE}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM suppliers s WHERE ${where}`.execute(db),
  ]);
  return {
    rows: rows.rows.map((r) => ({ ...r, pence: Number(r.pence), lines: Number(r.lines) })),
    count: Number(count.rows[0]?.n ?? 0),
  };
}

export function findSupplier(db: Kysely<DB>, partnershipId: string, supplierId: string) {
  if (!isUuid(supplierId)) return Promise.resolve(undefined);
  return db
    .selectFrom('suppliers')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', supplierId)
    .executeTakeFirst();
}

export async function registerCounts(db: Kysely<DB>, partnershipId: string) {
  const row = await db
    .selectFrom('suppliers')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) FILTER (WHERE type = 'unclassified'))::int`.as('unclassified'),
      sql<number>`(count(*) FILTER (WHERE location_precision = 'none'))::int`.as('unplaced'),
    ])
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total),
    unclassified: Number(row.unclassified),
    unplaced: Number(row.unplaced),
  };
}

/** A supplier's spend by organisation and financial year, within the reader's scope. */
export async function supplierSpend(
  db: Kysely<DB>,
  partnershipId: string,
  supplierId: string,
  fyStartMonth: number,
  scope: SpendScope,
) {
  const rows = await sql<{
    organisation_id: string;
    organisation_name: string;
    fy: number;
    pence: string;
    lines: number;
  }>`
    SELECT l.organisation_id, o.name AS organisation_name,
      (extract(year from l.payment_date)::int - CASE WHEN extract(month from l.payment_date)::int < ${fyStartMonth} THEN 1 ELSE 0 END) AS fy,
      sum(l.amount_pence)::bigint AS pence, count(*)::int AS lines
    FROM spend_lines l JOIN organisations o ON o.id = l.organisation_id
    WHERE l.partnership_id = ${partnershipId} AND l.supplier_id = ${supplierId} ${scopeFilter(scope)}
    GROUP BY 1, 2, 3
    ORDER BY 3 DESC, 2`.execute(db);
  return rows.rows.map((r) => ({
    ...r,
    fy: Number(r.fy),
    pence: Number(r.pence),
    lines: Number(r.lines),
  }));
}

export function supplierAliases(db: Kysely<DB>, partnershipId: string, supplierId: string) {
  return db
    .selectFrom('supplier_aliases')
    .select('name_norm')
    .where('partnership_id', '=', partnershipId)
    .where('supplier_id', '=', supplierId)
    .orderBy('name_norm')
    .execute();
}

/** Every change to the supplier, newest first. */
export function supplierHistory(db: Kysely<DB>, partnershipId: string, supplierId: string) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_label', 'action', 'before', 'after'])
    .where('partnership_id', '=', partnershipId)
    .where('entity', '=', 'supplier')
    .where('entity_id', '=', supplierId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

export async function imdDecile(
  db: Kysely<DB>,
  edition: number,
  lsoa: string | null,
): Promise<number | null> {
  if (!lsoa) return null;
  const row = await db
    .selectFrom('ref_imd')
    .select('decile')
    .where('edition', '=', edition)
    .where('lsoa', '=', lsoa)
    .executeTakeFirst();
  return row ? Number(row.decile) : null;
}

/** The whole register in the columns the upload reads, largest spend first. */
export async function registerRows(db: Kysely<DB>, partnershipId: string, scope: SpendScope) {
  const rows = await sql<{
    id: string;
    name: string;
    postcode: string | null;
    type: string;
    vat_number: string | null;
    company_number: string | null;
    charity_number: string | null;
    lad: string | null;
    location_precision: string;
    pence: string;
  }>`
    SELECT s.id, s.name, s.postcode, s.type, s.vat_number, s.company_number, s.charity_number,
      s.lad, s.location_precision, coalesce(t.pence, 0)::bigint AS pence
    FROM suppliers s
    LEFT JOIN (
      SELECT l.supplier_id, sum(l.amount_pence) AS pence FROM spend_lines l
      WHERE l.partnership_id = ${partnershipId} ${scopeFilter(scope)}
      GROUP BY l.supplier_id
    ) t ON t.supplier_id = s.id
    WHERE s.partnership_id = ${partnershipId}
    ORDER BY coalesce(t.pence, 0) DESC, s.name`.execute(db);
  return rows.rows;
}
