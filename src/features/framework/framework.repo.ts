/** SQL for a partnership's framework: its commitments and indicators, baselines and targets. */
import type { Kysely } from 'kysely';
import type {
  Computation,
  DataItem,
  IndicatorDefinition,
  Unit,
} from '../../core/framework/types.js';
import type { PillarId } from '../../core/pillars.js';
import type { DB, IndicatorRow } from '../../db/schema.js';

export interface Indicator extends IndicatorDefinition {
  readonly enabled: boolean;
  readonly origin: 'catalogue' | 'custom';
  readonly sortOrder: number;
}

export function toIndicator(row: IndicatorRow): Indicator {
  return {
    id: row.code,
    pillar: row.pillar as PillarId | 'accountability',
    commitment: row.commitment_code,
    name: row.name,
    description: row.description,
    unit: row.unit as Unit,
    direction: row.direction,
    frequency: row.frequency,
    computation: row.computation as Computation,
    items: row.items as DataItem[],
    source: row.source,
    methodology: row.methodology,
    publishOrganisationLevel: row.publish_org_level,
    enabled: row.enabled,
    origin: row.origin,
    sortOrder: row.sort_order,
  };
}

export async function listIndicators(
  db: Kysely<DB>,
  partnershipId: string,
  options: { enabledOnly?: boolean } = {},
): Promise<Indicator[]> {
  let q = db
    .selectFrom('indicators')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('sort_order')
    .orderBy('code');
  if (options.enabledOnly) q = q.where('enabled', '=', true);
  return (await q.execute()).map(toIndicator);
}

export async function findIndicator(
  db: Kysely<DB>,
  partnershipId: string,
  code: string,
): Promise<Indicator | undefined> {
  const row = await db
    .selectFrom('indicators')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? toIndicator(row) : undefined;
}

export async function listCommitments(db: Kysely<DB>, partnershipId: string) {
  return db
    .selectFrom('commitments')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('sort_order')
    .execute();
}

export interface TargetRow {
  id: string;
  organisation_id: string | null;
  indicator_code: string;
  kind: 'baseline' | 'target';
  value: string;
  on_date: string;
  label: string;
}

export function listTargets(
  db: Kysely<DB>,
  partnershipId: string,
  filter: { organisationId?: string | null; indicatorCode?: string } = {},
): Promise<TargetRow[]> {
  let q = db
    .selectFrom('indicator_targets')
    .select(['id', 'organisation_id', 'indicator_code', 'kind', 'value', 'on_date', 'label'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('on_date');
  if (filter.organisationId !== undefined) {
    q =
      filter.organisationId === null
        ? q.where('organisation_id', 'is', null)
        : q.where('organisation_id', '=', filter.organisationId);
  }
  if (filter.indicatorCode) q = q.where('indicator_code', '=', filter.indicatorCode);
  return q.execute();
}
