/**
 * The partnership's register of joint initiatives between its anchors: list, read, add and
 * change. An initiative's partners (with the money each pooled) and milestones are saved with it,
 * in one transaction with its audit entry (before and after) and L1–L3 worked out again for the
 * partner organisations it had and has (recalculate, input 'initiatives').
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { InitiativeInput } from '../../core/registers/initiative-form.js';
import type { InitiativeStatus } from '../../core/registers/initiatives.js';
import type { PillarId } from '../../core/pillars.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { recalculate } from '../figures/recalculate.js';
import { holdRecordedMoney } from './recorded-money.js';
import { isUuid } from './registers.service.js';

export interface Initiative extends InitiativeInput {
  readonly id: string;
  readonly updatedAt: Date;
}

export class InitiativesService {
  readonly #db: Kysely<DB>;
  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** The partnership's member organisations, by name: the partners an initiative may have. */
  organisations(partnershipId: string) {
    return this.#db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  /** Every initiative of the partnership, newest start first. */
  async list(partnershipId: string): Promise<Initiative[]> {
    return load(this.#db, partnershipId);
  }

  async get(partnershipId: string, id: string): Promise<Initiative | undefined> {
    if (!isUuid(id)) return undefined;
    return (await load(this.#db, partnershipId, id))[0];
  }

  /**
   * What the public pages need to know about L2 (decision 037): whether the framework publishes
   * it by organisation, and how many members have chosen to publish only the partnership total.
   */
  async pooledMoneyPublishing(
    partnershipId: string,
  ): Promise<{ byOrganisation: boolean; withheldBy: number }> {
    const row = await this.#db
      .selectFrom('indicators as i')
      .select([
        sql<boolean>`i.enabled and i.publish_org_level`.as('byOrganisation'),
        sql<number>`(select count(*)::int from publication_choices c
          where c.partnership_id = i.partnership_id and c.indicator_code = i.code)`.as(
          'withheldBy',
        ),
      ])
      .where('i.partnership_id', '=', partnershipId)
      .where('i.code', '=', 'L2')
      .executeTakeFirst();
    return row ?? { byOrganisation: false, withheldBy: 0 };
  }

  /**
   * The public answers that name the initiative as what they led to: to a published local
   * priority, or to a published suggestion in a consultation that has left draft; with the
   * priority's title, or the suggestion's title or commitment and the version's number. Nothing
   * of who raised them.
   */
  async publicAnswersLeadingTo(partnershipId: string, initiativeId: string) {
    if (!isUuid(initiativeId)) return [];
    return this.#db
      .selectFrom('public_answers as a')
      .leftJoin('local_priorities as p', (j) =>
        j.onRef('p.id', '=', 'a.priority_id').on('p.state', '=', 'published'),
      )
      .leftJoin('consultation_responses as r', (j) =>
        j.onRef('r.id', '=', 'a.response_id').on('r.state', '=', 'published'),
      )
      .leftJoin('charter_versions as v', (j) =>
        j
          .onRef('v.id', '=', 'r.version_id')
          .on('v.state', '<>', 'draft')
          .on('v.consultation_opens', 'is not', null),
      )
      .selectAll('a')
      .select([
        'p.id as publicPriorityId',
        'p.title as priorityTitle',
        'r.title as suggestionTitle',
        'r.item_key as itemKey',
        'v.number as versionNumber',
      ])
      .where('a.partnership_id', '=', partnershipId)
      .where(sql<boolean>`${initiativeId}::uuid = any(a.initiative_ids)`)
      .where((eb) => eb.or([eb('p.id', 'is not', null), eb('v.id', 'is not', null)]))
      .orderBy('a.answered_at', 'desc')
      .execute();
  }

  async add(partnershipId: string, input: InitiativeInput, actor: AuditActor): Promise<string> {
    return this.#db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('joint_initiatives')
        .values({
          partnership_id: partnershipId,
          ...columns(input),
          created_by: actor.userId,
          updated_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await saveParts(trx, partnershipId, id, input);
      await holdRecordedMoney(trx, partnershipId, pooled(input.partners));
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'joint-initiative',
        entityId: id,
        action: 'initiative.added',
        before: null,
        after: input,
      });
      await recalculateFor(
        trx,
        partnershipId,
        input.partners.map((p) => p.organisationId),
      );
      return id;
    });
  }

  /** Changes an initiative; false when it is not the partnership's. */
  async update(
    partnershipId: string,
    id: string,
    input: InitiativeInput,
    actor: AuditActor,
  ): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.#db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom('joint_initiatives')
        .select('id')
        .where('partnership_id', '=', partnershipId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!locked) return false;
      const before = (await load(trx, partnershipId, id))[0];
      await trx
        .updateTable('joint_initiatives')
        .set({ ...columns(input), updated_by: actor.userId, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('joint_initiative_partners').where('initiative_id', '=', id).execute();
      await trx.deleteFrom('joint_initiative_milestones').where('initiative_id', '=', id).execute();
      await saveParts(trx, partnershipId, id, input);
      await holdRecordedMoney(
        trx,
        partnershipId,
        pooled(input.partners) - pooled(before?.partners ?? []),
      );
      const { id: _id, updatedAt: _at, ...was } = before ?? { id, updatedAt: null };
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'joint-initiative',
        entityId: id,
        action: 'initiative.changed',
        before: was,
        after: input,
      });
      await recalculateFor(trx, partnershipId, [
        ...new Set([
          ...(before?.partners ?? []).map((p) => p.organisationId),
          ...input.partners.map((p) => p.organisationId),
        ]),
      ]);
      return true;
    });
  }
}

/** The money the partners pooled, in all, exactly. */
function pooled(partners: readonly { readonly pooledPence: number }[]): bigint {
  return partners.reduce((sum, p) => sum + BigInt(p.pooledPence), 0n);
}

function columns(input: InitiativeInput) {
  return {
    title: input.title,
    outcomes: input.outcomes,
    status: input.status,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    pillars: [...input.pillars],
    vcse_partner: input.vcsePartner,
    evidence_link: input.evidenceLink,
    evidence_note: input.evidenceNote,
  };
}

async function saveParts(
  trx: Transaction<DB>,
  partnershipId: string,
  initiativeId: string,
  input: InitiativeInput,
) {
  if (input.partners.length)
    await trx
      .insertInto('joint_initiative_partners')
      .values(
        input.partners.map((p) => ({
          partnership_id: partnershipId,
          initiative_id: initiativeId,
          organisation_id: p.organisationId,
          pooled_pence: p.pooledPence,
        })),
      )
      .execute();
  if (input.milestones.length)
    await trx
      .insertInto('joint_initiative_milestones')
      .values(
        input.milestones.map((m) => ({
          partnership_id: partnershipId,
          initiative_id: initiativeId,
          title: m.title,
          due_on: m.dueOn,
          done: m.done,
        })),
      )
      .execute();
}

async function load(db: Kysely<DB>, partnershipId: string, id?: string): Promise<Initiative[]> {
  let q = db
    .selectFrom('joint_initiatives')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('starts_on', 'desc')
    .orderBy('title');
  if (id) q = q.where('id', '=', id);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [partners, milestones] = await Promise.all([
    db
      .selectFrom('joint_initiative_partners as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['p.initiative_id', 'p.organisation_id', 'p.pooled_pence'])
      .where('p.partnership_id', '=', partnershipId)
      .where('p.initiative_id', 'in', ids)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('joint_initiative_milestones')
      .select(['initiative_id', 'title', 'due_on', 'done'])
      .where('partnership_id', '=', partnershipId)
      .where('initiative_id', 'in', ids)
      .orderBy('due_on')
      .orderBy('title')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    outcomes: r.outcomes,
    status: r.status as InitiativeStatus,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    pillars: r.pillars as PillarId[],
    vcsePartner: r.vcse_partner,
    partners: partners
      .filter((p) => p.initiative_id === r.id)
      .map((p) => ({ organisationId: p.organisation_id, pooledPence: p.pooled_pence })),
    milestones: milestones
      .filter((m) => m.initiative_id === r.id)
      .map((m) => ({ title: m.title, dueOn: m.due_on, done: m.done })),
    evidenceLink: r.evidence_link,
    evidenceNote: r.evidence_note,
    updatedAt: r.updated_at,
  }));
}

/** L1–L3 of the partner organisations, in every period (an initiative spans years). */
async function recalculateFor(
  trx: Transaction<DB>,
  partnershipId: string,
  organisationIds: readonly string[],
) {
  await recalculate(trx, partnershipId, { input: 'initiatives', organisationIds });
}
