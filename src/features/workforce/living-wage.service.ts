/**
 * The Real Living Wage table (living_wage_rates, decision 026): read by the payroll import to
 * measure pay with the pure rule of core/workforce/living-wage.ts, shown on the methodology page,
 * and kept by platform administrators, who add each new year's rates and correct a mistaken
 * entry. Every change is audited in its own transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { notFound } from '../../core/errors.js';
import {
  checkRate,
  correctedSince,
  type LivingWageRate,
  type RateProblems,
} from '../../core/workforce/living-wage.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import type { PayrollRate } from './payroll-import.js';

export const LivingWage = {
  /**
   * The table, oldest first, for `rateInForce` and `applicableRate`. Pass the import's
   * transaction to read it there.
   */
  async rates(db: Kysely<DB> | Transaction<DB>): Promise<LivingWageRate[]> {
    const rows = await db
      .selectFrom('living_wage_rates')
      .select(['year_label', 'uk_pence', 'london_pence', 'announced_on', 'applies_from'])
      .orderBy('applies_from')
      .execute();
    return rows.map(toRate);
  },
};

function toRate(r: {
  year_label: string;
  uk_pence: number;
  london_pence: number;
  announced_on: string;
  applies_from: string;
}): LivingWageRate {
  return {
    yearLabel: r.year_label,
    ukPence: Number(r.uk_pence),
    londonPence: Number(r.london_pence),
    announcedOn: r.announced_on,
    appliesFrom: r.applies_from,
  };
}

/** A year's rates as the admin page lists them: with who last changed them, and when. */
export interface LivingWageEntry extends LivingWageRate {
  readonly changedAt: Date | null;
  readonly changedBy: string | null;
}

/**
 * A change made, with how many organisations' years of payroll figures were measured against the
 * rates it corrected (their workforce pages then say so until the payroll is imported again);
 * or the problems that stopped it.
 */
export type RateChange =
  { ok: true; measuredWithOld: number } | { ok: false; problems: RateProblems };

export class LivingWageService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** The table, oldest first. */
  rates(): Promise<LivingWageRate[]> {
    return LivingWage.rates(this.#db);
  }

  /** The table with each entry's last change, newest year first. */
  async entries(): Promise<LivingWageEntry[]> {
    const rows = await this.#db
      .selectFrom('living_wage_rates as r')
      .leftJoin('users as c', 'c.id', 'r.created_by')
      .leftJoin('users as u', 'u.id', 'r.updated_by')
      .select([
        'r.year_label',
        'r.uk_pence',
        'r.london_pence',
        'r.announced_on',
        'r.applies_from',
        'r.created_at',
        'r.updated_at',
        'c.email as created_by_email',
        'u.email as updated_by_email',
      ])
      .orderBy('r.applies_from', 'desc')
      .execute();
    return rows.map((r) => ({
      ...toRate(r),
      changedAt: r.updated_at ?? (r.created_by_email ? r.created_at : null),
      changedBy: r.updated_by_email ?? r.created_by_email,
    }));
  }

  /** One year's rates ("2024/25"), or NOT_FOUND. */
  async entry(yearLabel: string): Promise<LivingWageRate> {
    const row = await this.#db
      .selectFrom('living_wage_rates')
      .select(['year_label', 'uk_pence', 'london_pence', 'announced_on', 'applies_from'])
      .where('year_label', '=', yearLabel)
      .executeTakeFirst();
    if (!row) throw notFound('living wage year');
    return toRate(row);
  }

  /** Adds a new year's rates, when they stand beside the others (checkRate). */
  add(rate: LivingWageRate, actor: AuditActor): Promise<RateChange> {
    return this.#change(null, rate, actor);
  }

  /** Corrects a year's rates (the year itself may be corrected too). */
  correct(yearLabel: string, rate: LivingWageRate, actor: AuditActor): Promise<RateChange> {
    return this.#change(yearLabel, rate, actor);
  }

  async #change(
    replacing: string | null,
    rate: LivingWageRate,
    actor: AuditActor,
  ): Promise<RateChange> {
    return this.#db.transaction().execute(async (trx) => {
      // One change to the table at a time: the checks see the table as it will be changed.
      const table = (
        await trx
          .selectFrom('living_wage_rates')
          .select(['year_label', 'uk_pence', 'london_pence', 'announced_on', 'applies_from'])
          .forUpdate()
          .execute()
      ).map(toRate);
      const before = replacing === null ? null : table.find((r) => r.yearLabel === replacing);
      if (before === undefined) throw notFound('living wage year');
      const problems = checkRate(table, rate, replacing ?? undefined);
      if (Object.keys(problems).length > 0) return { ok: false, problems };
      const values = {
        year_label: rate.yearLabel,
        uk_pence: rate.ukPence,
        london_pence: rate.londonPence,
        announced_on: rate.announcedOn,
        applies_from: rate.appliesFrom,
      };
      if (before === null) {
        await trx
          .insertInto('living_wage_rates')
          .values({ ...values, created_by: actor.userId })
          .execute();
      } else {
        await trx
          .updateTable('living_wage_rates')
          .set({ ...values, updated_at: new Date(), updated_by: actor.userId })
          .where('year_label', '=', before.yearLabel)
          .execute();
      }
      await recordAudit(trx, {
        actor,
        partnershipId: null,
        entity: 'living_wage_rates',
        entityId: rate.yearLabel,
        action: before === null ? 'living-wage.added' : 'living-wage.corrected',
        before: before ?? undefined,
        after: rate,
      });
      if (before === null) return { ok: true, measuredWithOld: 0 };
      // The payroll years measured against this year's rates that now differ from the table.
      const after = [...table.filter((r) => r.yearLabel !== before.yearLabel), rate];
      const measured = await trx
        .selectFrom('payroll_aggregates')
        .select('rate')
        .where(
          sql<boolean>`rate -> 'years' @> ${JSON.stringify([{ year: before.yearLabel }])}::jsonb`,
        )
        .execute();
      const measuredWithOld = measured.filter((m) =>
        correctedSince(m.rate as PayrollRate, after).some((c) => c.year === before.yearLabel),
      ).length;
      return { ok: true, measuredWithOld };
    });
  }
}
