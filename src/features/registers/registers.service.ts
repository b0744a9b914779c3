/**
 * Each organisation's registers (community use of the estate, land released, capital spend with
 * contractors, engagement activities, staff volunteering, grants to the VCSE sector): list, add
 * and change entries. Each change is one transaction holding the entry, its audit entry (before
 * and after) and the figures resting on it worked out again (recalculate, with the register's
 * input, for the organisation and the dates the change touches). A change that would bring the
 * partnership's recorded money past what adds up exactly is refused whole (recorded-money.ts).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { FigureInput } from '../../core/figures/registry.js';
import type { EntryValues } from '../../core/registers/entry-form.js';
import type { RegisterId } from '../../core/registers/registers.js';
import type { DB, RegisterEntriesTable } from '../../db/schema.js';
import { placePostcodes, type DistrictRanges } from '../../reference/geography.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { recalculate } from '../figures/recalculate.js';
import { holdRecordedMoney } from './recorded-money.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export type EntryRow = Selectable<RegisterEntriesTable>;

export interface RegisterEntry extends EntryValues {
  readonly id: string;
  readonly register: RegisterId;
  /** The district the contractor's postcode places it in (capital spend), when it does. */
  readonly contractorDistrict: string | null;
  readonly updatedAt: Date;
}

/** The figures input each register feeds (core/figures/registry.ts FIGURE_INPUTS). */
const INPUT_OF: Readonly<Record<RegisterId, FigureInput>> = {
  'community-use': 'estate',
  land: 'estate',
  capital: 'capital-works',
  engagement: 'engagement',
  volunteering: 'volunteering',
  grants: 'grants',
};

export function entryOf(row: EntryRow): RegisterEntry {
  return {
    id: row.id,
    register: row.register as RegisterId,
    title: row.title,
    detail: row.detail,
    occurredOn: row.occurred_on,
    endsOn: row.ends_on,
    hours: row.hours === null ? null : Number(row.hours),
    homes: row.homes,
    amountPence: row.amount_pence,
    contractorPostcode: row.contractor_postcode,
    contractorDistrict: row.contractor_lad,
    localStated: row.local_stated,
    releasedFor: row.released_for as EntryValues['releasedFor'],
    participants: row.participants,
    participantsDeprived: row.participants_deprived,
    evidenceLink: row.evidence_link,
    evidenceNote: row.evidence_note,
    updatedAt: row.updated_at,
  };
}

/** What the audit log keeps of an entry: its fields, not who or when. */
function audited(e: EntryValues & { contractorDistrict?: string | null }) {
  return {
    title: e.title,
    detail: e.detail,
    occurredOn: e.occurredOn,
    endsOn: e.endsOn,
    hours: e.hours,
    homes: e.homes,
    amountPence: e.amountPence,
    contractorPostcode: e.contractorPostcode,
    contractorDistrict: e.contractorDistrict ?? null,
    localStated: e.localStated,
    releasedFor: e.releasedFor,
    participants: e.participants,
    participantsDeprived: e.participantsDeprived,
    evidenceLink: e.evidenceLink,
    evidenceNote: e.evidenceNote,
  };
}

export class RegistersService {
  readonly #db: Kysely<DB>;
  readonly #ranges: DistrictRanges;
  constructor(deps: { db: Kysely<DB>; ranges: DistrictRanges }) {
    this.#db = deps.db;
    this.#ranges = deps.ranges;
  }

  /** An organisation's entries of one register, newest first. */
  async list(
    partnershipId: string,
    organisationId: string,
    register: RegisterId,
  ): Promise<RegisterEntry[]> {
    const rows = await this.#db
      .selectFrom('register_entries')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('organisation_id', '=', organisationId)
      .where('register', '=', register)
      .orderBy('occurred_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(entryOf);
  }

  /** How many entries the organisation has in each register. */
  async counts(partnershipId: string, organisationId: string): Promise<Map<string, number>> {
    const rows = await this.#db
      .selectFrom('register_entries')
      .select(['register', (eb) => eb.fn.countAll<string>().as('n')])
      .where('partnership_id', '=', partnershipId)
      .where('organisation_id', '=', organisationId)
      .groupBy('register')
      .execute();
    return new Map(rows.map((r) => [r.register, Number(r.n)]));
  }

  /** One entry, only within its partnership, organisation and register. */
  async get(
    partnershipId: string,
    organisationId: string,
    register: RegisterId,
    id: string,
  ): Promise<RegisterEntry | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#db
      .selectFrom('register_entries')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('organisation_id', '=', organisationId)
      .where('register', '=', register)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? entryOf(row) : undefined;
  }

  async add(
    partnershipId: string,
    organisationId: string,
    register: RegisterId,
    values: EntryValues,
    actor: AuditActor,
  ): Promise<string> {
    const district = await this.#district(values);
    return this.#db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('register_entries')
        .values({
          partnership_id: partnershipId,
          organisation_id: organisationId,
          register,
          ...columns(values, district),
          created_by: actor.userId,
          updated_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await holdRecordedMoney(trx, partnershipId, BigInt(values.amountPence ?? 0));
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'register-entry',
        entityId: id,
        action: 'register.entry.added',
        before: null,
        after: {
          register,
          organisationId,
          ...audited({ ...values, contractorDistrict: district }),
        },
      });
      await recalculateFor(trx, partnershipId, organisationId, register, [values.occurredOn]);
      return id;
    });
  }

  /** Changes an entry; false when it is not this organisation's entry of this register. */
  async update(
    partnershipId: string,
    organisationId: string,
    register: RegisterId,
    id: string,
    values: EntryValues,
    actor: AuditActor,
  ): Promise<boolean> {
    if (!isUuid(id)) return false;
    const district = await this.#district(values);
    return this.#db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('register_entries')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .where('organisation_id', '=', organisationId)
        .where('register', '=', register)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) return false;
      await trx
        .updateTable('register_entries')
        .set({ ...columns(values, district), updated_by: actor.userId, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await holdRecordedMoney(
        trx,
        partnershipId,
        BigInt(values.amountPence ?? 0) - BigInt(before.amount_pence ?? 0),
      );
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'register-entry',
        entityId: id,
        action: 'register.entry.changed',
        before: { register, organisationId, ...audited(entryOf(before)) },
        after: {
          register,
          organisationId,
          ...audited({ ...values, contractorDistrict: district }),
        },
      });
      await recalculateFor(trx, partnershipId, organisationId, register, [
        before.occurred_on,
        values.occurredOn,
      ]);
      return true;
    });
  }

  /** The district a capital entry's contractor postcode places it in, when it does. */
  async #district(values: EntryValues): Promise<string | null> {
    if (!values.contractorPostcode) return null;
    const placed = await placePostcodes(this.#db, this.#ranges, [values.contractorPostcode]);
    return placed.get(values.contractorPostcode)?.lad ?? null;
  }
}

function columns(v: EntryValues, district: string | null) {
  return {
    title: v.title,
    detail: v.detail,
    occurred_on: v.occurredOn,
    ends_on: v.endsOn,
    hours: v.hours,
    homes: v.homes,
    amount_pence: v.amountPence,
    contractor_postcode: v.contractorPostcode,
    contractor_lad: district,
    local_stated: v.localStated,
    released_for: v.releasedFor,
    participants: v.participants,
    participants_deprived: v.participantsDeprived,
    evidence_link: v.evidenceLink,
    evidence_note: v.evidenceNote,
  };
}

/** The register's figures for the organisation, in the periods around the dates changed. */
async function recalculateFor(
  trx: Transaction<DB>,
  partnershipId: string,
  organisationId: string,
  register: RegisterId,
  dates: readonly string[],
) {
  const sorted = [...dates].sort();
  await recalculate(trx, partnershipId, {
    input: INPUT_OF[register],
    organisationIds: [organisationId],
    dates: { from: sorted[0] ?? '', to: sorted[sorted.length - 1] ?? '' },
  });
}

export { isUuid };
