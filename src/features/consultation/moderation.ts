/**
 * What consultation responses and local priorities share: the append-only moderation log,
 * blocking a participant, resolving reports, and the partnership's public answer (one row in
 * `public_answers` per suggestion or priority, audited as given or changed).
 */
import type { Transaction } from 'kysely';
import type { ModerationAction } from '../../core/charter/consultation.js';
import type { DB } from '../../db/schema.js';
import type { PublicAnswersTable } from '../../db/schema-consultation.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';

export type ModeratedSubject = 'response' | 'priority';

/** The partnership's answer, and what it led to. */
export interface AnswerInput {
  readonly kind: PublicAnswersTable['kind'];
  readonly reason: string;
  readonly commitmentKeys: readonly string[];
  readonly indicatorCodes: readonly string[];
  readonly initiativeIds: readonly string[];
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
    .where(subject === 'response' ? 'response_id' : 'priority_id', '=', subjectId)
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
  const column = subject === 'response' ? 'response_id' : 'priority_id';
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
