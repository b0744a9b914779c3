/**
 * Local priorities (SPEC §2.8, decision 029): residents and groups raise a priority with a
 * partnership (title, description, area, pillar), others support it (one support per account),
 * staff raise one on someone's behalf, moderators hide (with a public reason) and restore and
 * block, and the partnership answers each one in public with what it led to. A participant's
 * email address is never read here: what is shown is the name chosen, or nothing.
 */
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { ModerationAction } from '../../core/charter/consultation.js';
import type { PriorityValues } from '../../core/charter/priorities.js';
import type { AnswerFormValues } from '../../core/charter/responses.js';
import { conflict, notFound } from '../../core/errors.js';
import type { Database } from '../../db/client.js';
import type { DB } from '../../db/schema.js';
import type { LocalPrioritiesTable, PublicAnswersTable } from '../../db/schema-consultation.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import {
  blockAuthor,
  flagSubject,
  isBlocked,
  moderateSubject,
  saveAnswer,
  subjectOf,
} from '../consultation/moderation.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export type PriorityRow = Selectable<LocalPrioritiesTable>;
export type PriorityAnswer = Selectable<PublicAnswersTable>;

/** A priority with how many support it and the partnership's answer, if any. */
export interface Priority extends PriorityRow {
  readonly supporters: number;
  readonly answer: PriorityAnswer | null;
}

/** Who raises a priority: a participant for themselves, or staff for someone (and how it came). */
export type Raiser =
  | { readonly kind: 'participant'; readonly userId: string }
  | { readonly kind: 'assisted'; readonly actor: AuditActor; readonly enteredHow: string };

const BLOCKED = 'You cannot take part in this partnership’s consultations and priorities.';

export class PrioritiesService {
  readonly #db: Kysely<DB>;
  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  #select(db: Kysely<DB>, partnershipId: string) {
    return db
      .selectFrom('local_priorities as lp')
      .leftJoin('public_answers as a', 'a.priority_id', 'lp.id')
      .selectAll('lp')
      .select(sql<PriorityAnswer | null>`to_jsonb(a.*)`.as('answer_json'))
      .select((eb) =>
        eb
          .selectFrom('priority_supports as s')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('s.priority_id', '=', 'lp.id')
          .as('supporters'),
      )
      .where('lp.partnership_id', '=', partnershipId);
  }

  /** The partnership's priorities, newest first; `states` limits which (the public: no pending). */
  async list(
    partnershipId: string,
    options: { states?: readonly PriorityRow['state'][] } = {},
  ): Promise<Priority[]> {
    let q = this.#select(this.#db, partnershipId);
    if (options.states) q = q.where('lp.state', 'in', [...options.states]);
    const rows = await q.orderBy('lp.created_at', 'desc').orderBy('lp.id').execute();
    return rows.map(priorityOf);
  }

  /** One priority of the partnership, or undefined. */
  async priority(partnershipId: string, priorityId: string): Promise<Priority | undefined> {
    if (!isUuid(priorityId)) return undefined;
    const row = await this.#select(this.#db, partnershipId)
      .where('lp.id', '=', priorityId)
      .executeTakeFirst();
    return row ? priorityOf(row) : undefined;
  }

  async isBlocked(partnershipId: string, userId: string): Promise<boolean> {
    return isBlocked(this.#db, partnershipId, userId);
  }

  /** Whether someone already supports a priority. */
  async supports(priorityId: string, userId: string): Promise<boolean> {
    if (!isUuid(priorityId)) return false;
    const row = await this.#db
      .selectFrom('priority_supports')
      .select('priority_id')
      .where('priority_id', '=', priorityId)
      .where('participant_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Raises a priority, published at once (a moderator may hide it later). A blocked participant
   * cannot; a priority staff enter for someone is audited with how it reached them.
   */
  async raise(partnershipId: string, input: PriorityValues, who: Raiser): Promise<PriorityRow> {
    return this.#db.transaction().execute(async (trx) => {
      if (who.kind === 'participant' && (await isBlocked(trx, partnershipId, who.userId)))
        throw conflict('blocked', BLOCKED);
      const row = await trx
        .insertInto('local_priorities')
        .values({
          partnership_id: partnershipId,
          title: input.title,
          description: input.description,
          area: input.area,
          pillar: input.pillar,
          display_name: input.displayName,
          participant_id: who.kind === 'participant' ? who.userId : null,
          entered_by: who.kind === 'assisted' ? who.actor.userId : null,
          entered_how: who.kind === 'assisted' ? who.enteredHow : null,
          state: 'published',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (who.kind === 'assisted')
        await recordAudit(trx, {
          actor: who.actor,
          partnershipId,
          entity: 'local_priority',
          entityId: row.id,
          action: 'priority.entered',
          after: {
            title: input.title,
            description: input.description,
            area: input.area,
            pillar: input.pillar,
            displayName: input.displayName,
            enteredHow: who.enteredHow,
          },
        });
      return row;
    });
  }

  /**
   * Adds someone's support to a published priority: true, or false when they already support
   * it. A blocked participant cannot.
   */
  async support(partnershipId: string, priorityId: string, userId: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const row = await subjectOf(trx, partnershipId, 'priority', priorityId);
      if (row.state !== 'published') throw notFound();
      if (await isBlocked(trx, partnershipId, userId)) throw conflict('blocked', BLOCKED);
      const added = await trx
        .insertInto('priority_supports')
        .values({ priority_id: row.id, participant_id: userId })
        .onConflict((oc) => oc.doNothing())
        .returning('priority_id')
        .executeTakeFirst();
      return added !== undefined;
    });
  }

  /** Approves, hides (with a public reason) or restores a priority, and logs it. */
  async moderate(
    partnershipId: string,
    priorityId: string,
    action: ModerationAction,
    reason: string | undefined,
    moderator: AuditActor,
  ): Promise<PriorityRow> {
    return moderateSubject(
      this.#db,
      partnershipId,
      'priority',
      priorityId,
      action,
      reason,
      moderator,
    );
  }

  /**
   * Stops the participant who raised a priority taking part with the partnership, and logs why.
   * False when the priority has no participant account (entered by staff, or account deleted).
   */
  async block(
    partnershipId: string,
    priorityId: string,
    reason: string,
    moderator: AuditActor,
  ): Promise<boolean> {
    return blockAuthor(this.#db, partnershipId, 'priority', priorityId, reason, moderator);
  }

  /** Raises a flag on a published priority for a moderator to look at. */
  async flag(partnershipId: string, priorityId: string, reason: string, userId: string | null) {
    await flagSubject(this.#db, partnershipId, 'priority', priorityId, reason, userId);
  }

  /** The open flags of each of the partnership's priorities. */
  async openFlags(partnershipId: string): Promise<Map<string, string[]>> {
    const rows = await this.#db
      .selectFrom('moderation_flags')
      .select(['priority_id', 'reason'])
      .where('partnership_id', '=', partnershipId)
      .where('priority_id', 'is not', null)
      .where('resolved_at', 'is', null)
      .orderBy('created_at')
      .execute();
    const map = new Map<string, string[]>();
    for (const r of rows)
      if (r.priority_id) map.set(r.priority_id, [...(map.get(r.priority_id) ?? []), r.reason]);
    return map;
  }

  /** Answers a published priority in public (or changes the answer), audited. */
  async answer(
    partnershipId: string,
    priorityId: string,
    input: AnswerFormValues,
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const row = await subjectOf(trx, partnershipId, 'priority', priorityId);
      if (row.state === 'hidden')
        throw conflict('hidden', 'This priority is hidden. Restore it before answering it.');
      if (row.state === 'pending')
        throw conflict('pending', 'A moderator must approve this priority before it is answered.');
      await saveAnswer(trx, partnershipId, 'priority', row.id, input, actor);
    });
  }
}

/** The service on the app's database (routes are given the whole of deps, not the database). */
export function prioritiesService(deps: { readonly database: Database }): PrioritiesService {
  return new PrioritiesService({ db: deps.database.db });
}

type Selected = PriorityRow & { answer_json: unknown; supporters: string | number | null };

function priorityOf({ answer_json, supporters, ...row }: Selected): Priority {
  const a = answer_json as (PriorityAnswer & { answered_at: string | Date }) | null;
  return {
    ...row,
    supporters: Number(supporters ?? 0),
    answer: a && a.id ? { ...a, answered_at: new Date(a.answered_at) } : null,
  };
}
