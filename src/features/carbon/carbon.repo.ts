/** SQL for the environment tables: factor sets and factors, and activity data (partnership first). */
import { sql, type Kysely, type Transaction } from 'kysely';
import { ACTIVITIES } from '../../core/carbon/activities.js';
import type { LoadedFactor } from '../../core/carbon/emissions.js';
import type { FactorRow } from '../../core/carbon/factors.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The level-1 names the catalogue looks factors up by: only those rows are read. */
const CATALOGUE_LEVEL1 = [
  ...new Set(ACTIVITIES.flatMap((a) => a.parts.flatMap((p) => p.factor.map((m) => m.level1)))),
];

export interface FactorSetRow {
  id: string;
  version: string;
  name: string;
  source: 'ghg-flat-file' | 'nhs-sdu-series' | 'manual';
  file_name: string | null;
  years: number[];
  factor_count: number;
  note: string | null;
  created_at: Date;
}

const FACTOR_SET_COLUMNS = [
  'id',
  'version',
  'name',
  'source',
  'file_name',
  'years',
  'factor_count',
  'note',
  'created_at',
] as const;

export async function listFactorSets(db: Db): Promise<FactorSetRow[]> {
  return db
    .selectFrom('carbon_factor_sets')
    .select(FACTOR_SET_COLUMNS)
    .orderBy('version', 'desc')
    .execute();
}

export async function findFactorSetBySha(
  db: Db,
  sha256: string,
): Promise<FactorSetRow | undefined> {
  return db
    .selectFrom('carbon_factor_sets')
    .select(FACTOR_SET_COLUMNS)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertFactorSet(
  trx: Transaction<DB>,
  set: {
    name: string;
    source: FactorSetRow['source'];
    fileName: string | null;
    sha256: string | null;
    years: readonly number[];
    note: string | null;
    createdBy: string | null;
  },
  factors: readonly FactorRow[],
): Promise<string> {
  const { id } = await trx
    .insertInto('carbon_factor_sets')
    .values({
      name: set.name,
      source: set.source,
      file_name: set.fileName,
      sha256: set.sha256,
      years: [...set.years],
      factor_count: factors.length,
      note: set.note,
      created_by: set.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < factors.length; i += 1000) {
    await trx
      .insertInto('carbon_factors')
      .values(
        factors.slice(i, i + 1000).map((f, j) => ({
          set_id: id,
          row_number: i + j + 1,
          external_id: f.id,
          year: f.year,
          scope: f.scope,
          level1: f.level1,
          level2: f.level2,
          level3: f.level3,
          level4: f.level4,
          column_text: f.columnText,
          uom: f.uom,
          ghg_unit: f.ghgUnit,
          kg_co2e_per_unit: f.kgCO2ePerUnit,
        })),
      )
      .execute();
  }
  return id;
}

/** Every total kg CO2e factor the catalogue can use, with its set. */
export async function loadCatalogueFactors(db: Db): Promise<LoadedFactor[]> {
  const rows = await db
    .selectFrom('carbon_factors as f')
    .innerJoin('carbon_factor_sets as s', 's.id', 'f.set_id')
    .select([
      'f.external_id',
      'f.year',
      'f.scope',
      'f.level1',
      'f.level2',
      'f.level3',
      'f.level4',
      'f.column_text',
      'f.uom',
      'f.ghg_unit',
      'f.kg_co2e_per_unit',
      's.id as set_id',
      's.name as set_name',
      's.version',
    ])
    .where('f.ghg_unit', '=', 'kg CO2e')
    .where('f.kg_co2e_per_unit', 'is not', null)
    .where(
      sql<boolean>`lower(f.level1) = ANY (${CATALOGUE_LEVEL1.map((l) => l.toLowerCase())}::text[])`,
    )
    .execute();
  return rows.map((r) => ({
    id: r.external_id,
    year: r.year,
    scope: r.scope,
    level1: r.level1,
    level2: r.level2,
    level3: r.level3,
    level4: r.level4,
    columnText: r.column_text,
    uom: r.uom,
    ghgUnit: r.ghg_unit,
    kgCO2ePerUnit: r.kg_co2e_per_unit === null ? null : canonical(r.kg_co2e_per_unit),
    setId: r.set_id,
    setName: r.set_name,
    setOrder: Number(r.version),
  }));
}

/** numeric comes back as text ("0.19338000" on some servers): trailing zeros dropped. */
function canonical(n: string): string {
  return n.includes('.') ? n.replace(/0+$/, '').replace(/\.$/, '') : n;
}

export interface ActivityRow {
  id: string;
  organisation_id: string;
  fy_start_year: number;
  activity: string;
  quantity: string | null;
  source: 'manual' | 'template' | 'eric';
  source_detail: string | null;
  recorded_at: Date;
}

/** The current row of each organisation, year and activity (the latest recorded). */
export async function currentActivities(
  db: Db,
  partnershipId: string,
  filter: { organisationIds?: readonly string[]; fyStartYears?: readonly number[] } = {},
): Promise<ActivityRow[]> {
  const rows = await sql<ActivityRow>`
    SELECT DISTINCT ON (organisation_id, fy_start_year, activity)
      id, organisation_id, fy_start_year, activity, quantity::text AS quantity, source,
      source_detail, recorded_at
    FROM carbon_activities
    WHERE partnership_id = ${partnershipId}
      ${filter.organisationIds ? sql`AND organisation_id = ANY (${[...filter.organisationIds]}::uuid[])` : sql``}
      ${filter.fyStartYears ? sql`AND fy_start_year = ANY (${[...filter.fyStartYears]}::int[])` : sql``}
    ORDER BY organisation_id, fy_start_year, activity, seq DESC`.execute(db);
  return rows.rows.map((r) => ({
    ...r,
    fy_start_year: Number(r.fy_start_year),
    quantity: r.quantity === null ? null : canonical(r.quantity),
  }));
}

export async function insertActivities(
  trx: Transaction<DB>,
  rows: readonly {
    partnershipId: string;
    organisationId: string;
    fyStartYear: number;
    activity: string;
    quantity: string | null;
    source: ActivityRow['source'];
    sourceDetail: string | null;
    supersedes: string | null;
    recordedBy: string | null;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('carbon_activities')
    .values(
      rows.map((r) => ({
        partnership_id: r.partnershipId,
        organisation_id: r.organisationId,
        fy_start_year: r.fyStartYear,
        activity: r.activity,
        quantity: r.quantity,
        source: r.source,
        source_detail: r.sourceDetail,
        supersedes: r.supersedes,
        recorded_by: r.recordedBy,
      })),
    )
    .execute();
}

export async function partnershipIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('partnerships').select('id').orderBy('created_at').execute();
  return rows.map((r) => r.id);
}
