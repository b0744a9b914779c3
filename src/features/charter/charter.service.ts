/**
 * The partnership's Social Value Charter (SPEC §2.2, decision 028): numbered versions, each with
 * principles and commitments; a draft is edited, opened for consultation, adopted (superseding the
 * version adopted before it) and then never changes, which the database enforces as it does for
 * approved returns. Organisations sign an adopted version and add pledges under its commitments.
 * Every change is one transaction with its audit entry.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  CharterItemsTable,
  CharterPledgesTable,
  CharterSignaturesTable,
  CharterVersionsTable,
} from '../../db/schema-charter.js';
import { conflict, notFound } from '../../core/errors.js';
import { isUuid } from '../tenancy/tenancy.repo.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';

export type CharterVersion = Selectable<CharterVersionsTable>;
export type CharterItem = Selectable<CharterItemsTable>;
export type CharterSignature = Selectable<CharterSignaturesTable>;
export type CharterPledge = Selectable<CharterPledgesTable>;

export interface VersionWithText {
  readonly version: CharterVersion;
  readonly items: CharterItem[];
  /** Why items of the previous version are not in this one, by key. */
  readonly removals: Record<string, string>;
}

/** What a move between states may set on a version. */
export type VersionChange = Partial<
  Pick<
    CharterVersion,
    | 'state'
    | 'consultation_opens'
    | 'consultation_closes'
    | 'pre_moderation'
    | 'consultation_closed_at'
    | 'adopted_on'
  >
>;

export interface ItemInput {
  readonly kind: 'principle' | 'commitment';
  readonly pillar: string | null;
  readonly title: string;
  readonly body: string;
  readonly indicatorCodes: readonly string[];
  readonly changeNote: string;
}

export interface SignatureInput {
  readonly signatoryName: string;
  readonly signatoryRole: string;
  readonly signedOn: string;
}

export interface PledgeInput {
  readonly commitmentKey: string;
  readonly pledge: string;
  readonly indicatorCode: string | null;
  readonly targetValue: number | null;
  readonly targetText: string;
  readonly dueOn: string;
}

/** A change the charter's rules refuse (CONFLICT), with the sentence to show who asked. */
export const refused = (sentence: string) => conflict(sentence);

const audited = (
  item: Pick<CharterItem, 'key' | 'kind' | 'pillar' | 'title' | 'body'> & {
    indicator_codes: readonly string[];
    change_note: string;
  },
) => ({
  key: item.key,
  kind: item.kind,
  pillar: item.pillar,
  title: item.title,
  body: item.body,
  indicators: item.indicator_codes,
  changeNote: item.change_note,
});

export class CharterService {
  readonly #db: Kysely<DB>;
  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** Every version of the partnership's charter, newest first. */
  versions(partnershipId: string): Promise<CharterVersion[]> {
    return this.#db
      .selectFrom('charter_versions')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('number', 'desc')
      .execute();
  }

  /** One version with its text, only within its partnership; undefined when it is not there. */
  async version(partnershipId: string, versionId: string): Promise<VersionWithText | undefined> {
    return isUuid(versionId) ? this.#find(partnershipId, 'id', versionId) : undefined;
  }

  /** One version by its number (the public pages' addresses), or undefined. */
  async versionByNumber(
    partnershipId: string,
    number: number,
  ): Promise<VersionWithText | undefined> {
    return Number.isSafeInteger(number) && number >= 1
      ? this.#find(partnershipId, 'number', number)
      : undefined;
  }

  /** The partnership's version whose `column` is `value`, with its text. */
  async #find(
    partnershipId: string,
    column: 'id' | 'number' | 'state',
    value: string | number,
  ): Promise<VersionWithText | undefined> {
    const version = await this.#db
      .selectFrom('charter_versions')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where(column, '=', value)
      .executeTakeFirst();
    return version ? this.#withText(this.#db, version) : undefined;
  }

  /** The version before this one (the one its diff is against), with its text. */
  async previous(partnershipId: string, version: CharterVersion) {
    return this.versionByNumber(partnershipId, version.number - 1);
  }

  /** The adopted version, with its text, when there is one. */
  adopted(partnershipId: string): Promise<VersionWithText | undefined> {
    return this.#find(partnershipId, 'state', 'adopted');
  }

  async #withText(db: Kysely<DB>, version: CharterVersion): Promise<VersionWithText> {
    const [items, removals] = await Promise.all([
      db
        .selectFrom('charter_items')
        .selectAll()
        .where('version_id', '=', version.id)
        .orderBy('sort_order')
        .execute(),
      db
        .selectFrom('charter_removals')
        .select(['key', 'note'])
        .where('version_id', '=', version.id)
        .execute(),
    ]);
    return {
      version,
      items,
      removals: Object.fromEntries(removals.map((r) => [r.key, r.note])),
    };
  }

  /**
   * Starts the next version as a draft holding the latest version's text, to be changed; refused
   * while another version is a draft or out for consultation.
   */
  async startDraft(partnershipId: string, actor: AuditActor): Promise<CharterVersion> {
    return this.#db.transaction().execute(async (trx) => {
      await lockCharter(trx, partnershipId);
      const latest = await trx
        .selectFrom('charter_versions')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('number', 'desc')
        .executeTakeFirst();
      if (latest && (latest.state === 'draft' || latest.state === 'consultation'))
        throw refused(
          `Version ${latest.number} is still ${latest.state === 'draft' ? 'a draft' : 'out for consultation'}: finish it before starting another.`,
        );
      const version = await trx
        .insertInto('charter_versions')
        .values({
          partnership_id: partnershipId,
          number: (latest?.number ?? 0) + 1,
          title: latest?.title ?? 'Social Value Charter',
          summary: '',
          state: 'draft',
          created_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (latest) {
        const items = await trx
          .selectFrom('charter_items')
          .selectAll()
          .where('version_id', '=', latest.id)
          .execute();
        if (items.length > 0)
          await trx
            .insertInto('charter_items')
            .values(
              items.map((i) => ({
                partnership_id: partnershipId,
                version_id: version.id,
                key: i.key,
                kind: i.kind,
                pillar: i.pillar,
                title: i.title,
                body: i.body,
                indicator_codes: i.indicator_codes,
                change_note: '',
                sort_order: i.sort_order,
              })),
            )
            .execute();
      }
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'charter_version',
        entityId: version.id,
        action: 'charter.version.started',
        after: { number: version.number, from: latest?.number ?? null },
      });
      return version;
    });
  }

  /** Changes a draft's title and the summary of why this version differs from the last. */
  async updateDetails(
    partnershipId: string,
    versionId: string,
    input: { title: string; summary: string },
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const version = await draftFor(trx, partnershipId, versionId);
      await trx
        .updateTable('charter_versions')
        .set({ title: input.title, summary: input.summary, updated_at: new Date() })
        .where('id', '=', version.id)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'charter_version',
        entityId: version.id,
        action: 'charter.version.changed',
        before: { title: version.title, summary: version.summary },
        after: input,
      });
    });
  }

  /** Adds a principle or commitment to a draft, with a new key that no version has used. */
  async addItem(
    partnershipId: string,
    versionId: string,
    input: ItemInput,
    actor: AuditActor,
  ): Promise<CharterItem> {
    return this.#db.transaction().execute(async (trx) => {
      const version = await draftFor(trx, partnershipId, versionId);
      const prefix = input.kind === 'principle' ? 'P' : 'C';
      const used = await trx
        .selectFrom('charter_items')
        .select('key')
        .where('partnership_id', '=', partnershipId)
        .where('kind', '=', input.kind)
        .execute();
      const next =
        Math.max(
          0,
          ...used.map((u) => (u.key.startsWith(prefix) ? Number(u.key.slice(1)) || 0 : 0)),
        ) + 1;
      const order = await trx
        .selectFrom('charter_items')
        .select((eb) => eb.fn.max('sort_order').as('max'))
        .where('version_id', '=', version.id)
        .executeTakeFirst();
      const item = await trx
        .insertInto('charter_items')
        .values({
          partnership_id: partnershipId,
          version_id: version.id,
          key: `${prefix}${next}`,
          kind: input.kind,
          pillar: input.kind === 'commitment' ? input.pillar : null,
          title: input.title,
          body: input.body,
          indicator_codes: [...input.indicatorCodes],
          change_note: input.changeNote,
          sort_order: Number(order?.max ?? 0) + 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'charter_item',
        entityId: item.id,
        action: 'charter.item.added',
        after: { version: version.number, ...audited(item) },
      });
      return item;
    });
  }

  /**
   * Changes a draft's item. When the previous version held the item with other words, the change
   * must say why (the public diff shows it).
   */
  async updateItem(
    partnershipId: string,
    versionId: string,
    itemId: string,
    input: Omit<ItemInput, 'kind'>,
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const version = await draftFor(trx, partnershipId, versionId);
      const item = await itemFor(trx, version.id, itemId);
      await trx
        .updateTable('charter_items')
        .set({
          pillar: item.kind === 'commitment' ? input.pillar : null,
          title: input.title,
          body: input.body,
          indicator_codes: [...input.indicatorCodes],
          change_note: input.changeNote,
        })
        .where('id', '=', item.id)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'charter_item',
        entityId: item.id,
        action: 'charter.item.changed',
        before: audited(item),
        after: audited({
          ...item,
          pillar: item.kind === 'commitment' ? input.pillar : null,
          title: input.title,
          body: input.body,
          indicator_codes: input.indicatorCodes,
          change_note: input.changeNote,
        }),
      });
    });
  }

  /**
   * Removes an item from a draft. An item the previous version held needs a reason, which the
   * public diff shows beside it.
   */
  async removeItem(
    partnershipId: string,
    versionId: string,
    itemId: string,
    note: string,
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const version = await draftFor(trx, partnershipId, versionId);
      const item = await itemFor(trx, version.id, itemId);
      await trx.deleteFrom('charter_items').where('id', '=', item.id).execute();
      if (note)
        await trx
          .insertInto('charter_removals')
          .values({ partnership_id: partnershipId, version_id: version.id, key: item.key, note })
          .onConflict((oc) => oc.columns(['version_id', 'key']).doUpdateSet({ note }))
          .execute();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'charter_item',
        entityId: item.id,
        action: 'charter.item.removed',
        before: audited(item),
        after: note ? { reason: note } : undefined,
      });
    });
  }

  /** Whether the previous version of `version` holds an item with this key. */
  async previousHolds(partnershipId: string, version: CharterVersion, key: string) {
    const row = await this.#db
      .selectFrom('charter_items as i')
      .innerJoin('charter_versions as v', 'v.id', 'i.version_id')
      .select('i.key')
      .where('v.partnership_id', '=', partnershipId)
      .where('v.number', '=', version.number - 1)
      .where('i.key', '=', key)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Moves a version between states, as `decide` (core/charter/versions.ts) allows given the
   * version as it is inside the transaction. Adopting supersedes the version adopted before.
   */
  async move(
    partnershipId: string,
    versionId: string,
    decide: (version: VersionWithText) => VersionChange,
    audit: { action: string; actor: AuditActor },
  ): Promise<CharterVersion> {
    return this.#db.transaction().execute(async (trx) => {
      await lockCharter(trx, partnershipId);
      const version = await trx
        .selectFrom('charter_versions')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .where('id', '=', versionId)
        .executeTakeFirst();
      if (!version) throw notFound();
      const change = decide(await this.#withText(trx, version));
      if (change.state === 'adopted') {
        const today = change.adopted_on ?? new Date().toISOString().slice(0, 10);
        const superseded = await trx
          .updateTable('charter_versions')
          .set({ state: 'superseded', superseded_on: today, updated_at: new Date() })
          .where('partnership_id', '=', partnershipId)
          .where('state', '=', 'adopted')
          .returning(['id', 'number'])
          .execute();
        for (const s of superseded)
          await recordAudit(trx, {
            actor: audit.actor,
            partnershipId,
            entity: 'charter_version',
            entityId: s.id,
            action: 'charter.version.superseded',
            after: { number: s.number, by: version.number },
          });
      }
      const updated = await trx
        .updateTable('charter_versions')
        .set({ ...change, updated_at: new Date() })
        .where('id', '=', version.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: audit.actor,
        partnershipId,
        entity: 'charter_version',
        entityId: version.id,
        action: audit.action,
        before: stateOf(version),
        after: stateOf(updated),
      });
      return updated;
    });
  }

  /** Every signature of the partnership's charter versions, with the organisation's name. */
  signatures(partnershipId: string) {
    return this.#db
      .selectFrom('charter_signatures as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .innerJoin('charter_versions as v', 'v.id', 's.version_id')
      .select([
        's.id',
        's.version_id',
        'v.number as version_number',
        's.organisation_id',
        'o.name as organisation_name',
        's.signatory_name',
        's.signatory_role',
        's.signed_on',
      ])
      .where('s.partnership_id', '=', partnershipId)
      .orderBy('o.name')
      .execute();
  }

  /** Signs the adopted version for an organisation; refused when it has signed it already. */
  async sign(
    partnershipId: string,
    organisationId: string,
    input: SignatureInput,
    actor: AuditActor,
  ): Promise<{ version: CharterVersion }> {
    return this.#db.transaction().execute(async (trx) => {
      await lockCharter(trx, partnershipId);
      const version = await trx
        .selectFrom('charter_versions')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .where('state', '=', 'adopted')
        .executeTakeFirst();
      if (!version) throw refused('There is no adopted charter to sign yet.');
      if (input.signedOn < (version.adopted_on ?? ''))
        throw refused(
          `The date of signing must be on or after the day version ${version.number} was adopted.`,
        );
      const inserted = await trx
        .insertInto('charter_signatures')
        .values({
          partnership_id: partnershipId,
          version_id: version.id,
          organisation_id: organisationId,
          signatory_name: input.signatoryName,
          signatory_role: input.signatoryRole,
          signed_on: input.signedOn,
          signed_by: actor.userId,
        })
        .onConflict((oc) => oc.columns(['version_id', 'organisation_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted)
        throw refused(`The organisation has already signed version ${version.number}.`);
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'charter_signature',
        entityId: inserted.id,
        action: 'charter.signed',
        after: { version: version.number, organisationId, ...input },
      });
      return { version };
    });
  }

  /** The partnership's pledges (or one organisation's), oldest first. */
  pledges(partnershipId: string, organisationId?: string) {
    let q = this.#db
      .selectFrom('charter_pledges as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .selectAll('p')
      .select('o.name as organisation_name')
      .where('p.partnership_id', '=', partnershipId);
    if (organisationId !== undefined) q = q.where('p.organisation_id', '=', organisationId);
    return q.orderBy('o.name').orderBy('p.created_at').execute();
  }

  /** One of an organisation's pledges, or undefined. */
  pledge(partnershipId: string, organisationId: string, pledgeId: string) {
    if (!isUuid(pledgeId)) return Promise.resolve(undefined);
    return this.#db
      .selectFrom('charter_pledges')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('organisation_id', '=', organisationId)
      .where('id', '=', pledgeId)
      .executeTakeFirst();
  }

  async addPledge(
    partnershipId: string,
    organisationId: string,
    input: PledgeInput,
    actor: AuditActor,
  ): Promise<CharterPledge> {
    return this.#db.transaction().execute(async (trx) => {
      const pledge = await trx
        .insertInto('charter_pledges')
        .values({
          partnership_id: partnershipId,
          organisation_id: organisationId,
          commitment_key: input.commitmentKey,
          pledge: input.pledge,
          indicator_code: input.indicatorCode,
          target_value: input.targetValue,
          target_text: input.targetText,
          due_on: input.dueOn,
          created_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'charter_pledge',
        entityId: pledge.id,
        action: 'charter.pledge.added',
        after: { organisationId, ...input },
      });
      return pledge;
    });
  }

  async updatePledge(
    partnershipId: string,
    organisationId: string,
    pledgeId: string,
    input: PledgeInput,
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('charter_pledges')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', pledgeId)
        .executeTakeFirst();
      if (!before || before.withdrawn_on) throw notFound();
      await trx
        .updateTable('charter_pledges')
        .set({
          commitment_key: input.commitmentKey,
          pledge: input.pledge,
          indicator_code: input.indicatorCode,
          target_value: input.targetValue,
          target_text: input.targetText,
          due_on: input.dueOn,
          updated_at: new Date(),
        })
        .where('id', '=', before.id)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'charter_pledge',
        entityId: before.id,
        action: 'charter.pledge.changed',
        before: pledgeAudited(before),
        after: input,
      });
    });
  }

  /** Withdraws a pledge with a public reason; it stays listed, marked withdrawn. */
  async withdrawPledge(
    partnershipId: string,
    organisationId: string,
    pledgeId: string,
    reason: string,
    today: string,
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('charter_pledges')
        .set({ withdrawn_on: today, withdrawn_reason: reason, updated_at: new Date() })
        .where('partnership_id', '=', partnershipId)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', pledgeId)
        .where('withdrawn_on', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw notFound();
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'charter_pledge',
        entityId: updated.id,
        action: 'charter.pledge.withdrawn',
        after: { reason, on: today },
      });
    });
  }
}

function pledgeAudited(p: CharterPledge): PledgeInput {
  return {
    commitmentKey: p.commitment_key,
    pledge: p.pledge,
    indicatorCode: p.indicator_code,
    targetValue: p.target_value === null ? null : Number(p.target_value),
    targetText: p.target_text,
    dueOn: p.due_on,
  };
}

function stateOf(v: CharterVersion) {
  return {
    number: v.number,
    state: v.state,
    consultationOpens: v.consultation_opens,
    consultationCloses: v.consultation_closes,
    preModeration: v.pre_moderation,
    adoptedOn: v.adopted_on,
  };
}

/** One charter change at a time per partnership (starting a draft, adopting, signing). */
async function lockCharter(trx: Transaction<DB>, partnershipId: string) {
  await sql`SELECT id FROM partnerships WHERE id = ${partnershipId} FOR UPDATE`.execute(trx);
}

async function draftFor(trx: Transaction<DB>, partnershipId: string, versionId: string) {
  if (!isUuid(versionId)) throw notFound();
  const version = await trx
    .selectFrom('charter_versions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', versionId)
    .forUpdate()
    .executeTakeFirst();
  if (!version) throw notFound();
  if (version.state !== 'draft')
    throw refused(`Version ${version.number} is no longer a draft: its words cannot be changed.`);
  return version;
}

async function itemFor(trx: Transaction<DB>, versionId: string, itemId: string) {
  if (!isUuid(itemId)) throw notFound();
  const item = await trx
    .selectFrom('charter_items')
    .selectAll()
    .where('version_id', '=', versionId)
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item) throw notFound();
  return item;
}
