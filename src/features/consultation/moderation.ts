/**
 * What consultation responses and local priorities share: finding the one to moderate, approving,
 * hiding and restoring it, the append-only moderation log, reporting it, blocking a participant,
 * resolving reports, and the partnership's public answer (one row in `public_answers` per
 * suggestion or priority, audited as given or changed).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { moderate, type ModerationAction } from '../../core/charter/consultation.js';
import { conflict, notFound } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type {
  ConsultationResponsesTable,
  LocalPrioritiesTable,
  PublicAnswersTable,
} from '../../db/schema-consultation.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export type ModeratedSubject = 'response' | 'priority';

interface Subjects {
  readonly response: ConsultationResponsesTable;
  readonly priority: LocalPrioritiesTable;
}

/** A response's or a priority's row (with the columns both have, seen through `S`). */
export type SubjectRow<S extends ModeratedSubject> = Selectable<Subjects[S]> &
  Selectable<Subjects[ModeratedSubject]>;

const TABLE = { response: 'consultation_responses', priority: 'local_priorities' } as const;
type Table = (typeof TABLE)[ModeratedSubject];
/** The column of `moderation_flags` and `public_answers` that names a response or a priority. */
const COLUMN = { response: 'response_id', priority: 'priority_id' } as const;
/** What the moderation rules' refusals call it. */
const NOUN = { response: 'suggestion', priority: 'priority' } as const;

/** The partnership's answer, and what it led to. */
export interface AnswerInput {
  readonly kind: PublicAnswersTable['kind'];
  readonly reason: string;
  readonly commitmentKeys: readonly string[];
  readonly indicatorCodes: readonly string[];
  readonly initiativeIds: readonly string[];
}

/**
 * The partnership's response or priority with this id (locked against other changes when
 * `forUpdate`), or 404.
 */
export async function subjectOf<S extends ModeratedSubject>(
  db: Kysely<DB>,
  partnershipId: string,
  subject: S,
  subjectId: string,
  options: { forUpdate?: boolean } = {},
): Promise<SubjectRow<S>> {
  if (!isUuid(subjectId)) throw notFound();
  const table: Table = TABLE[subject];
  let q = db
    .selectFrom(table)
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', subjectId);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound();
  return row as SubjectRow<S>;
}

/**
 * Approves, hides (with a public reason) or restores a response or a priority of the partnership,
 * logs it and marks its reports as dealt with, in one transaction; a move the moderation rules
 * refuse is a conflict.
 */
export async function moderateSubject<S extends ModeratedSubject>(
  db: Kysely<DB>,
  partnershipId: string,
  subject: S,
  subjectId: string,
  action: ModerationAction,
  reason: string | undefined,
  moderator: AuditActor,
): Promise<SubjectRow<S>> {
  return db.transaction().execute(async (trx) => {
    const row = await subjectOf(trx, partnershipId, subject, subjectId, { forUpdate: true });
    const step = moderate(row.state, action, reason);
    if (!step.ok) {
      const said = step.reason.replaceAll('suggestion', NOUN[subject]);
      throw conflict(said, said);
    }
    const table: Table = TABLE[subject];
    const updated = await trx
      .updateTable(table)
      .set({
        state: step.to,
        hidden_reason: step.to === 'hidden' ? (step.publicReason ?? reason ?? null) : null,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await logModeration(
      trx,
      partnershipId,
      subject,
      row.id,
      action,
      updated.hidden_reason,
      moderator,
    );
    await resolveFlags(trx, subject, row.id);
    return updated as SubjectRow<S>;
  });
}

/**
 * Blocks the participant who wrote a response or raised a priority, logged. False when it has no
 * participant account (entered by staff, or the account deleted).
 */
export async function blockAuthor(
  db: Kysely<DB>,
  partnershipId: string,
  subject: ModeratedSubject,
  subjectId: string,
  reason: string,
  moderator: AuditActor,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await subjectOf(trx, partnershipId, subject, subjectId);
    if (!row.participant_id || row.entered_by) return false;
    await blockParticipant(trx, partnershipId, row.participant_id, reason, moderator);
    return true;
  });
}

/** Reports a published response or priority of the partnership to a moderator; else 404. */
export async function flagSubject(
  db: Kysely<DB>,
  partnershipId: string,
  subject: ModeratedSubject,
  subjectId: string,
  reason: string,
  userId: string | null,
): Promise<void> {
  const row = await subjectOf(db, partnershipId, subject, subjectId);
  if (row.state !== 'published') throw notFound();
  await db
    .insertInto('moderation_flags')
    .values({
      partnership_id: partnershipId,
      [COLUMN[subject]]: row.id,
      reason,
      flagged_by: userId,
    })
    .execute();
}

/** Whether a participant is blocked from the partnership's consultations and priorities. */
export async function isBlocked(
  db: Kysely<DB> | Transaction<DB>,
  partnershipId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('participant_blocks')
    .select('participant_id')
    .where('partnership_id', '=', partnershipId)
    .where('participant_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Writes one line of the moderation log. */
export async function logModeration(
  trx: Transaction<DB>,
  partnershipId: string,
  subject: ModeratedSubject | 'participant',
  subjectId: string,
  action: ModerationAction | 'block' | 'tag',
  reason: string | null,
  moderator: AuditActor,
): Promise<void> {
  await trx
    .insertInto('moderation_log')
    .values({
      partnership_id: partnershipId,
      subject,
      subject_id: subjectId,
      action,
      reason,
      moderator_id: moderator.userId,
      moderator_label: moderator.label,
    })
    .execute();
}

/** Marks the open reports about a response or a priority as dealt with. */
export async function resolveFlags(
  trx: Transaction<DB>,
  subject: ModeratedSubject,
  subjectId: string,
): Promise<void> {
  await trx
    .updateTable('moderation_flags')
    .set({ resolved_at: new Date() })
    .where(COLUMN[subject], '=', subjectId)
    .where('resolved_at', 'is', null)
    .execute();
}

/** Stops a participant taking part in the partnership's consultations and priorities, logged. */
export async function blockParticipant(
  trx: Transaction<DB>,
  partnershipId: string,
  participantId: string,
  reason: string,
  moderator: AuditActor,
): Promise<void> {
  await trx
    .insertInto('participant_blocks')
    .values({
      partnership_id: partnershipId,
      participant_id: participantId,
      reason,
      blocked_by: moderator.userId,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await logModeration(trx, partnershipId, 'participant', participantId, 'block', reason, moderator);
}

const AUDIT = {
  response: { entity: 'consultation_response', action: 'consultation.answer' },
  priority: { entity: 'local_priority', action: 'priority.answer' },
} as const;

/**
 * Gives, or changes, the public answer to a suggestion or a priority the caller found answerable,
 * and audits it with what it was before.
 */
export async function saveAnswer(
  trx: Transaction<DB>,
  partnershipId: string,
  subject: ModeratedSubject,
  subjectId: string,
  input: AnswerInput,
  actor: AuditActor,
): Promise<void> {
  const column = COLUMN[subject];
  const before = await trx
    .selectFrom('public_answers')
    .selectAll()
    .where(column, '=', subjectId)
    .executeTakeFirst();
  const values = {
    kind: input.kind,
    reason: input.reason,
    commitment_keys: [...input.commitmentKeys],
    indicator_codes: [...input.indicatorCodes],
    initiative_ids: [...input.initiativeIds],
    answered_by: actor.userId,
    answered_at: new Date(),
  };
  if (before)
    await trx.updateTable('public_answers').set(values).where('id', '=', before.id).execute();
  else
    await trx
      .insertInto('public_answers')
      .values({ partnership_id: partnershipId, [column]: subjectId, ...values })
      .execute();
  const shape = (a: {
    kind: string;
    reason: string;
    commitments: readonly string[];
    indicators: readonly string[];
    initiatives: readonly string[];
  }) => a;
  await recordAudit(trx, {
    actor,
    partnershipId,
    entity: AUDIT[subject].entity,
    entityId: subjectId,
    action: `${AUDIT[subject].action}.${before ? 'changed' : 'given'}`,
    before: before
      ? shape({
          kind: before.kind,
          reason: before.reason,
          commitments: before.commitment_keys,
          indicators: before.indicator_codes,
          initiatives: before.initiative_ids,
        })
      : undefined,
    after: shape({
      kind: input.kind,
      reason: input.reason,
      commitments: input.commitmentKeys,
      indicators: input.indicatorCodes,
      initiatives: input.initiativeIds,
    }),
  });
}
