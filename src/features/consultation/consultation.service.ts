/**
 * Consultation on a charter version (SPEC §2.2, §2.8, decision 029): residents' responses to each
 * commitment and their suggested new commitments, responses staff enter for someone, moderation
 * (approve, hide with a public reason, restore, block) with its append-only log, and the
 * partnership's public answer to each suggestion. A participant's email address is never read
 * here: what is shown is the display name chosen for each contribution, or nothing.
 */
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import { initialState, type ModerationAction } from '../../core/charter/consultation.js';
import { conflict, notFound } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type {
  ConsultationResponsesTable,
  PublicAnswersTable,
} from '../../db/schema-consultation.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import {
  blockAuthor,
  flagSubject,
  isBlocked,
  moderateSubject,
  saveAnswer,
  subjectOf,
  type AnswerInput,
} from './moderation.js';
import type { CharterVersion } from '../charter/charter.service.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export type ResponseRow = Selectable<ConsultationResponsesTable>;
export type AnswerRow = Selectable<PublicAnswersTable>;

export interface ResponseInput {
  readonly itemKey: string | null;
  readonly stance: 'agree' | 'disagree' | null;
  readonly comment: string;
  readonly amendment: string;
  readonly title?: string | null;
  readonly pillar?: string | null;
  readonly displayName: string | null;
}

/** Who is responding: a participant for themselves, or staff for someone (with how it came). */
export type Respondent =
  | { readonly kind: 'participant'; readonly userId: string }
  | { readonly kind: 'assisted'; readonly actor: AuditActor; readonly enteredHow: string };

export type { AnswerInput } from './moderation.js';

/** A response is a suggestion (and needs a public answer) when it proposes words. */
export const isSuggestion = (r: Pick<ResponseRow, 'amendment' | 'item_key'>) =>
  r.amendment !== '' || r.item_key === null;

export interface ItemCounts {
  readonly agree: number;
  readonly disagree: number;
  readonly comments: number;
  readonly suggestions: number;
}

export class ConsultationService {
  readonly #db: Kysely<DB>;
  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** Every response to a version, oldest first; `states` limits which (the public: published). */
  responses(
    partnershipId: string,
    versionId: string,
    options: { states?: readonly ResponseRow['state'][]; itemKey?: string | null } = {},
  ): Promise<(ResponseRow & { answer: AnswerRow | null })[]> {
    let q = this.#db
      .selectFrom('consultation_responses as r')
      .leftJoin('public_answers as a', 'a.response_id', 'r.id')
      .selectAll('r')
      .select(sql<AnswerRow | null>`to_jsonb(a.*) - 'partnership_id'`.as('answer_json'))
      .where('r.partnership_id', '=', partnershipId)
      .where('r.version_id', '=', versionId);
    if (options.states) q = q.where('r.state', 'in', [...options.states]);
    if (options.itemKey !== undefined)
      q =
        options.itemKey === null
          ? q.where('r.item_key', 'is', null)
          : q.where('r.item_key', '=', options.itemKey);
    return q
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute()
      .then((rows) =>
        rows.map(({ answer_json, ...r }) => ({
          ...r,
          answer:
            answer_json && (answer_json as { id?: unknown }).id ? answerOf(answer_json) : null,
        })),
      );
  }

  /** One response of the partnership, or undefined. */
  async response(partnershipId: string, responseId: string) {
    if (!isUuid(responseId)) return undefined;
    const [row] = await this.#db
      .selectFrom('consultation_responses')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', responseId)
      .execute();
    if (!row) return undefined;
    const answer = await this.#db
      .selectFrom('public_answers')
      .selectAll()
      .where('response_id', '=', row.id)
      .executeTakeFirst();
    return { ...row, answer: answer ?? null };
  }

  /** Published agreement, disagreement, comments and suggestions for each commitment. */
  async counts(partnershipId: string, versionId: string): Promise<Map<string | null, ItemCounts>> {
    const rows = await this.#db
      .selectFrom('consultation_responses')
      .select([
        'item_key',
        sql<string>`count(*) FILTER (WHERE stance = 'agree')`.as('agree'),
        sql<string>`count(*) FILTER (WHERE stance = 'disagree')`.as('disagree'),
        sql<string>`count(*) FILTER (WHERE comment <> '')`.as('comments'),
        sql<string>`count(*) FILTER (WHERE amendment <> '' OR item_key IS NULL)`.as('suggestions'),
      ])
      .where('partnership_id', '=', partnershipId)
      .where('version_id', '=', versionId)
      .where('state', '=', 'published')
      .groupBy('item_key')
      .execute();
    return new Map(
      rows.map((r) => [
        r.item_key,
        {
          agree: Number(r.agree),
          disagree: Number(r.disagree),
          comments: Number(r.comments),
          suggestions: Number(r.suggestions),
        },
      ]),
    );
  }

  /**
   * How many responses a version has had (any state), survey answers included: none means it can
   * still be withdrawn.
   */
  async responseCount(versionId: string): Promise<number> {
    const row = await sql<{ n: string }>`
      SELECT (SELECT count(*) FROM consultation_responses WHERE version_id = ${versionId})
           + (SELECT count(*) FROM survey_answers WHERE version_id = ${versionId}) AS n`.execute(
      this.#db,
    );
    return Number(row.rows[0]?.n ?? 0);
  }

  /**
   * Suggestions of a version still waiting for a public answer: published ones not answered, and
   * those still waiting for a moderator (which must be moderated, then answered).
   */
  async unanswered(versionId: string): Promise<number> {
    const row = await this.#db
      .selectFrom('consultation_responses as r')
      .leftJoin('public_answers as a', 'a.response_id', 'r.id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('r.version_id', '=', versionId)
      .where('r.state', 'in', ['published', 'pending'])
      .where((eb) => eb.or([eb('r.amendment', '<>', ''), eb('r.item_key', 'is', null)]))
      .where('a.id', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Whether a participant has already responded to a commitment (for themselves). */
  async hasResponded(versionId: string, itemKey: string, userId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('consultation_responses')
      .select('id')
      .where('version_id', '=', versionId)
      .where('item_key', '=', itemKey)
      .where('participant_id', '=', userId)
      .where('entered_by', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  async isBlocked(partnershipId: string, userId: string): Promise<boolean> {
    return isBlocked(this.#db, partnershipId, userId);
  }

  /**
   * Records a response to `version` (which the caller found open). A participant responds once to
   * each commitment; a blocked participant not at all. Staff-entered responses are audited.
   */
  async respond(
    version: Pick<CharterVersion, 'id' | 'partnership_id' | 'pre_moderation'>,
    input: ResponseInput,
    who: Respondent,
  ): Promise<ResponseRow> {
    return this.#db.transaction().execute(async (trx) => {
      if (who.kind === 'participant' && (await isBlocked(trx, version.partnership_id, who.userId)))
        throw conflict('blocked', 'You cannot take part in this partnership’s consultations.');
      const row = await trx
        .insertInto('consultation_responses')
        .values({
          partnership_id: version.partnership_id,
          version_id: version.id,
          item_key: input.itemKey,
          stance: input.stance,
          comment: input.comment,
          amendment: input.amendment,
          title: input.title ?? null,
          pillar: input.pillar ?? null,
          display_name: input.displayName,
          participant_id: who.kind === 'participant' ? who.userId : null,
          entered_by: who.kind === 'assisted' ? who.actor.userId : null,
          entered_how: who.kind === 'assisted' ? who.enteredHow : null,
          state: initialState(version.pre_moderation),
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict('responded', 'You have already responded to this commitment.');
      if (who.kind === 'assisted')
        await recordAudit(trx, {
          actor: who.actor,
          partnershipId: version.partnership_id,
          entity: 'consultation_response',
          entityId: row.id,
          action: 'consultation.response.entered',
          after: {
            itemKey: input.itemKey,
            stance: input.stance,
            comment: input.comment,
            amendment: input.amendment,
            title: input.title ?? null,
            enteredHow: who.enteredHow,
          },
        });
      return row;
    });
  }

  /** Approves, hides (with a public reason) or restores a response, and logs it. */
  async moderate(
    partnershipId: string,
    responseId: string,
    action: ModerationAction,
    reason: string | undefined,
    moderator: AuditActor,
  ): Promise<ResponseRow> {
    return moderateSubject(
      this.#db,
      partnershipId,
      'response',
      responseId,
      action,
      reason,
      moderator,
    );
  }

  /** Stops a participant taking part in the partnership's consultations, and logs why. */
  async block(
    partnershipId: string,
    responseId: string,
    reason: string,
    moderator: AuditActor,
  ): Promise<boolean> {
    return blockAuthor(this.#db, partnershipId, 'response', responseId, reason, moderator);
  }

  /** Raises a flag on a published response for a moderator to look at. */
  async flag(partnershipId: string, responseId: string, reason: string, userId: string | null) {
    await flagSubject(this.#db, partnershipId, 'response', responseId, reason, userId);
  }

  /** Open flags per response of a version. */
  async openFlags(partnershipId: string, versionId: string): Promise<Map<string, string[]>> {
    const rows = await this.#db
      .selectFrom('moderation_flags as f')
      .innerJoin('consultation_responses as r', 'r.id', 'f.response_id')
      .select(['f.response_id', 'f.reason'])
      .where('f.partnership_id', '=', partnershipId)
      .where('r.version_id', '=', versionId)
      .where('f.resolved_at', 'is', null)
      .execute();
    const map = new Map<string, string[]>();
    for (const r of rows)
      if (r.response_id) map.set(r.response_id, [...(map.get(r.response_id) ?? []), r.reason]);
    return map;
  }

  /** The moderation log of the partnership, newest first. */
  log(partnershipId: string, limit = 200) {
    return this.#db
      .selectFrom('moderation_log')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Answers a suggestion in public (or changes the answer), audited. */
  async answer(
    partnershipId: string,
    responseId: string,
    input: AnswerInput,
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const row = await subjectOf(trx, partnershipId, 'response', responseId);
      if (row.state === 'hidden' || !isSuggestion(row)) throw notFound();
      if (row.state === 'pending')
        throw conflict(
          'pending',
          'A moderator must approve this suggestion before it is answered.',
        );
      await saveAnswer(trx, partnershipId, 'response', row.id, input, actor);
    });
  }

  /** Every version that has had a consultation, newest first, with its counts for "you said, we did". */
  async consulted(partnershipId: string) {
    return this.#db
      .selectFrom('charter_versions')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('consultation_opens', 'is not', null)
      .where('state', '<>', 'draft')
      .orderBy('number', 'desc')
      .execute();
  }
}

function answerOf(json: unknown): AnswerRow {
  const a = json as AnswerRow & { answered_at: string | Date };
  return { ...a, answered_at: new Date(a.answered_at) };
}
