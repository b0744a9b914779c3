/**
 * Activity data: recording an organisation's quantities for a financial year, by hand (the
 * environment page), from a template or from an ERIC return (the import adapters call `record`
 * inside their merge transaction). Only quantities that change are written; each is a new row
 * superseding the one before (rows are never changed), audited, and the carbon figures are worked
 * out again in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { activityByCode } from '../../core/carbon/activities.js';
import { compare } from '../../core/carbon/decimal.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { recalculate } from '../figures/recalculate.js';
import { currentActivities, insertActivities, type ActivityRow } from './carbon.repo.js';

export type ActivitySource = ActivityRow['source'];

export interface RecordActivities {
  readonly partnershipId: string;
  readonly organisationId: string;
  /** The financial year's first year (2024 for 2024/25). */
  readonly fyStartYear: number;
  /** Canonical decimals in each activity's unit; null withdraws a figure recorded before. */
  readonly quantities: readonly { readonly activity: string; readonly quantity: string | null }[];
  readonly source: ActivitySource;
  /** What it came from: the file name, or "ERIC 2014-15, trust RQ6". */
  readonly sourceDetail?: string | null;
  readonly actor: AuditActor;
}

export interface RecordedActivities {
  /** Activities whose quantity changed (new rows written). */
  readonly changed: readonly string[];
  readonly unchanged: number;
}

async function recordIn(
  trx: Transaction<DB>,
  input: RecordActivities,
): Promise<RecordedActivities> {
  for (const q of input.quantities)
    if (!activityByCode(q.activity)) throw new Error(`Unknown activity ${q.activity}`);
  const current = new Map(
    (
      await currentActivities(trx, input.partnershipId, {
        organisationIds: [input.organisationId],
        fyStartYears: [input.fyStartYear],
      })
    ).map((r) => [r.activity, r]),
  );
  const changes = input.quantities.filter((q) => {
    const before = current.get(q.activity);
    if (!before || before.quantity === null) return q.quantity !== null;
    return q.quantity === null || compare(before.quantity, q.quantity) !== 0;
  });
  if (changes.length === 0) return { changed: [], unchanged: input.quantities.length };
  await insertActivities(
    trx,
    changes.map((q) => ({
      partnershipId: input.partnershipId,
      organisationId: input.organisationId,
      fyStartYear: input.fyStartYear,
      activity: q.activity,
      quantity: q.quantity,
      source: input.source,
      sourceDetail: input.sourceDetail ?? null,
      supersedes: current.get(q.activity)?.id ?? null,
      recordedBy: input.actor.userId,
    })),
  );
  await recalculate(trx, input.partnershipId, {
    input: 'energy-and-fuel',
    organisationIds: [input.organisationId],
  });
  await recordAudit(trx, {
    actor: input.actor,
    partnershipId: input.partnershipId,
    entity: 'carbon_activity',
    entityId: `${input.organisationId}:${input.fyStartYear}`,
    action: 'carbon.activity.recorded',
    before: Object.fromEntries(
      changes.map((q) => [q.activity, current.get(q.activity)?.quantity ?? null]),
    ),
    after: {
      fyStartYear: input.fyStartYear,
      source: input.source,
      sourceDetail: input.sourceDetail ?? null,
      quantities: Object.fromEntries(changes.map((q) => [q.activity, q.quantity])),
    },
  });
  return {
    changed: changes.map((q) => q.activity),
    unchanged: input.quantities.length - changes.length,
  };
}

/**
 * Records activity quantities: in the caller's transaction when given one (an import's merge),
 * or in a transaction of its own.
 */
export async function record(
  db: Kysely<DB> | Transaction<DB>,
  input: RecordActivities,
): Promise<RecordedActivities> {
  if (db.isTransaction) return recordIn(db as Transaction<DB>, input);
  return db.transaction().execute((trx) => recordIn(trx, input));
}
