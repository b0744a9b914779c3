/** The append-only audit log: written in the same transaction as the change it records. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface AuditActor {
  readonly userId: string | null;
  /** Shown in the log: the user's email, or "command line", "system". */
  readonly label: string;
  /** How a person made the change when not in a browser: "API token “Power BI”". */
  readonly via?: string;
}

export interface AuditEntry {
  readonly actor: AuditActor;
  readonly partnershipId: string | null;
  readonly entity: string;
  readonly entityId: string | null;
  readonly action: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, label: 'system' };
export const CLI_ACTOR: AuditActor = { userId: null, label: 'command line' };

export async function recordAudit(trx: Transaction<DB>, entry: AuditEntry): Promise<void> {
  await recordAudits(trx, [entry]);
}

/** Many entries in one statement per thousand (bulk uploads record one entry per record changed). */
export async function recordAudits(
  trx: Transaction<DB>,
  entries: readonly AuditEntry[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await trx
      .insertInto('audit_log')
      .values(
        entries.slice(i, i + 1000).map((entry) => ({
          actor_user_id: entry.actor.userId,
          actor_label: entry.actor.label,
          via: entry.actor.via ?? null,
          partnership_id: entry.partnershipId,
          entity: entry.entity,
          entity_id: entry.entityId,
          action: entry.action,
          before: entry.before === undefined ? null : JSON.stringify(entry.before),
          after: entry.after === undefined ? null : JSON.stringify(entry.after),
        })),
      )
      .execute();
  }
}

export interface AuditRow {
  id: number;
  at: Date;
  actor_label: string;
  via: string | null;
  partnership_id: string | null;
  partnership_slug: string | null;
  entity: string;
  entity_id: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export async function listAudit(
  db: Kysely<DB>,
  options: { partnershipId?: string; limit?: number; beforeId?: number },
): Promise<AuditRow[]> {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('partnerships as p', 'p.id', 'a.partnership_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_label',
      'a.via',
      'a.partnership_id',
      'p.slug as partnership_slug',
      'a.entity',
      'a.entity_id',
      'a.action',
      'a.before',
      'a.after',
    ])
    .orderBy('a.id', 'desc')
    .limit(options.limit ?? 50);
  if (options.partnershipId) q = q.where('a.partnership_id', '=', options.partnershipId);
  if (options.beforeId) q = q.where('a.id', '<', options.beforeId);
  return q.execute();
}
