/**
 * The Local Multiplier 3 supplier survey: links for local suppliers (stored only as a hash),
 * answers given without an account. Each change to the links or answers works out the LM3
 * figures (indicator P8, figures/calculators/lm3.ts) again in its transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { conflict, notFound } from '../../core/errors.js';
import { periodDates } from '../../core/periods.js';
import {
  computeLm3,
  type Lm3Answer,
  type Lm3Result,
  type Lm3SpendRow,
} from '../../core/spend/lm3.js';
import type { DB, Partnership } from '../../db/schema.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { recalculate, type RecalculationReason } from '../figures/recalculate.js';
import type { Mailer } from '../mail/mailer.js';
import { isUuid } from '../tenancy/tenancy.repo.js';
import { answerOf, lm3SpendRows, lm3Surveys, type SurveyState } from './lm3.repo.js';

export type { SurveyState };

/** How long a survey link works. */
export const LM3_SURVEY_TTL_DAYS = 42;

/** Who the audit log names for an answer given through a survey link. */
export const SURVEY_ACTOR: AuditActor = { userId: null, label: 'supplier survey link' };

export const LM3_METHOD =
  'R3 adds, for each local supplier that answered, its share of R2 multiplied by its own local re-spend share (staff costs × the share paid to local staff, plus other costs × the share spent with local suppliers). Local suppliers that have not answered add nothing, so LM3 is a lower estimate that rises as more suppliers answer.';

type Db = Kysely<DB> | Transaction<DB>;

export interface LocalSupplier {
  readonly id: string;
  readonly name: string;
  readonly postcode: string | null;
  readonly pence: number;
  readonly survey: SurveyState | null;
}

export interface CreatedLink {
  readonly surveyId: string;
  readonly supplierName: string;
  readonly url: string;
  readonly emailedTo: string | null;
}

export interface SurveyByToken {
  readonly id: string;
  readonly status: 'open' | 'expired' | 'revoked';
  readonly partnershipId: string;
  readonly partnershipName: string;
  readonly localArea: string[];
  readonly supplierName: string;
  readonly fyStartYear: number;
  readonly fyStartMonth: number;
  readonly expiresAt: Date;
  readonly answeredAt: Date | null;
  readonly answer: Lm3Answer | null;
}

export class Lm3Service {
  readonly #db: Kysely<DB>;
  readonly #mailer: Mailer;
  readonly #baseUrl: string;

  constructor(deps: { db: Kysely<DB>; mailer: Mailer; config: { baseUrl: string } }) {
    this.#db = deps.db;
    this.#mailer = deps.mailer;
    this.#baseUrl = deps.config.baseUrl;
  }

  surveyUrl(token: string): string {
    return `${this.#baseUrl}/survey/${token}`;
  }

  /** The financial years (start years) with spend, newest first. */
  async years(partnership: Partnership): Promise<number[]> {
    const m = partnership.fy_start_month;
    const rows = await sql<{ fy: number }>`
      SELECT DISTINCT (extract(year from payment_date)::int
        - CASE WHEN extract(month from payment_date)::int < ${m} THEN 1 ELSE 0 END) AS fy
      FROM spend_lines WHERE partnership_id = ${partnership.id}`.execute(this.#db);
    return rows.rows.map((r) => Number(r.fy)).sort((a, b) => b - a);
  }

  surveys(db: Db, partnershipId: string, fyStartYear: number): Promise<SurveyState[]> {
    return lm3Surveys(db, partnershipId, fyStartYear);
  }

  /** Each organisation's net spend with each supplier in the year, with the survey's state. */
  spendRows(
    db: Db,
    partnership: Pick<Partnership, 'id' | 'fy_start_month'>,
    fyStartYear: number,
  ): Promise<Lm3SpendRow[]> {
    return lm3SpendRows(db, partnership, fyStartYear);
  }

  /** The year's LM3 for the partnership and for each organisation with spend. */
  async results(
    partnership: Partnership,
    fyStartYear: number,
  ): Promise<{
    partnership: Lm3Result;
    organisations: { id: string; name: string; result: Lm3Result }[];
  }> {
    const rows = await this.spendRows(this.#db, partnership, fyStartYear);
    const organisations = await this.#db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('partnership_id', '=', partnership.id)
      .orderBy('name')
      .execute();
    return {
      partnership: computeLm3(rows),
      organisations: organisations
        .map((o) => ({
          ...o,
          result: computeLm3(rows.filter((r) => r.organisationId === o.id)),
        }))
        .filter((o) => o.result.r1 > 0),
    };
  }

  /** Local suppliers by spend across the partnership in the year, with their survey for that year. */
  async localSuppliers(partnership: Partnership, fyStartYear: number): Promise<LocalSupplier[]> {
    const { startsOn, endsOn } = periodDates(
      { kind: 'year', fyStartYear },
      partnership.fy_start_month,
    );
    const [rows, surveys] = await Promise.all([
      sql<{ id: string; name: string; postcode: string | null; pence: string }>`
        SELECT s.id, s.name, s.postcode, sum(l.amount_pence)::bigint AS pence
        FROM spend_lines l
        JOIN suppliers s ON s.id = l.supplier_id
        JOIN partnerships p ON p.id = l.partnership_id
        WHERE l.partnership_id = ${partnership.id}
          AND l.payment_date BETWEEN ${startsOn}::date AND ${endsOn}::date
          AND s.lad = ANY (p.local_area)
        GROUP BY s.id, s.name, s.postcode
        HAVING sum(l.amount_pence) > 0
        ORDER BY sum(l.amount_pence) DESC, s.name
        LIMIT 200`.execute(this.#db),
      this.surveys(this.#db, partnership.id, fyStartYear),
    ]);
    const bySupplier = new Map(surveys.map((s) => [s.supplierId, s]));
    return rows.rows.map((r) => ({
      id: r.id,
      name: r.name,
      postcode: r.postcode,
      pence: Number(r.pence),
      survey: bySupplier.get(r.id) ?? null,
    }));
  }

  /** Every survey link of the year with its supplier's name, newest first. */
  async surveyList(partnershipId: string, fyStartYear: number) {
    const rows = await this.#db
      .selectFrom('lm3_surveys as v')
      .innerJoin('suppliers as s', 's.id', 'v.supplier_id')
      .select([
        'v.id',
        'v.sent_to',
        'v.created_at',
        'v.expires_at',
        'v.revoked_at',
        'v.answered_at',
        'v.staff_cost_pct',
        'v.staff_local_pct',
        'v.suppliers_local_pct',
        's.name as supplier_name',
      ])
      .where('v.partnership_id', '=', partnershipId)
      .where('v.fy_start_year', '=', fyStartYear)
      .orderBy('v.created_at', 'desc')
      .orderBy('s.name')
      .execute();
    return rows.map((r) => ({ ...r, answer: answerOf(r) }));
  }

  /**
   * Creates a survey link for each chosen supplier (local, in this partnership, not yet asked
   * this year), emails it where an address is given, and returns each link to show once.
   */
  async createLinks(
    partnership: Partnership,
    fyStartYear: number,
    choices: readonly { supplierId: string; email: string | null }[],
    actor: AuditActor,
  ): Promise<CreatedLink[]> {
    const ids = choices.map((c) => c.supplierId);
    if (ids.some((id) => !isUuid(id))) throw notFound('supplier');
    const created: (CreatedLink & { token: string })[] = [];
    await this.#db.transaction().execute(async (trx) => {
      const suppliers = await trx
        .selectFrom('suppliers as s')
        .innerJoin('partnerships as p', 'p.id', 's.partnership_id')
        .select([
          's.id',
          's.name',
          sql<boolean>`coalesce(s.lad = ANY (p.local_area), false)`.as('local'),
        ])
        .where('s.partnership_id', '=', partnership.id)
        .where('s.id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])
        .execute();
      const byId = new Map(suppliers.map((s) => [s.id, s]));
      for (const choice of choices) {
        const supplier = byId.get(choice.supplierId);
        if (!supplier) throw notFound('supplier');
        if (!supplier.local) throw conflict(`${supplier.name} is not in the local area`);
        const existing = await trx
          .selectFrom('lm3_surveys')
          .select('id')
          .where('supplier_id', '=', supplier.id)
          .where('fy_start_year', '=', fyStartYear)
          .executeTakeFirst();
        if (existing) {
          throw conflict(
            `${supplier.name} already has a survey link for this year: send it again from the list of links`,
          );
        }
        const token = newToken();
        const row = await trx
          .insertInto('lm3_surveys')
          .values({
            partnership_id: partnership.id,
            supplier_id: supplier.id,
            fy_start_year: fyStartYear,
            token_hash: hashToken(token),
            sent_to: choice.email,
            expires_at: expiry(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor,
          partnershipId: partnership.id,
          entity: 'lm3_survey',
          entityId: row.id,
          action: 'lm3.survey.created',
          after: {
            supplier_id: supplier.id,
            fy_start_year: fyStartYear,
            emailed: choice.email !== null,
          },
        });
        created.push({
          surveyId: row.id,
          supplierName: supplier.name,
          url: this.surveyUrl(token),
          emailedTo: choice.email,
          token,
        });
      }
      await recalculate(trx, partnership.id, surveysOf(partnership, fyStartYear));
    });
    for (const c of created) {
      if (c.emailedTo)
        await this.#sendLink(partnership, fyStartYear, c.supplierName, c.emailedTo, c.url);
    }
    return created.map(({ token: _token, ...rest }) => rest);
  }

  /** Withdraws a link so that it no longer works. An answer already given still counts. */
  async revoke(
    partnershipId: string,
    surveyId: string,
    actor: AuditActor,
  ): Promise<{ supplierName: string; alreadyRevoked: boolean; fyStartYear: number }> {
    const survey = await this.find(partnershipId, surveyId);
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('lm3_surveys')
        .set({ revoked_at: sql`now()` })
        .where('partnership_id', '=', partnershipId)
        .where('id', '=', survey.id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (row) {
        await recordAudit(trx, {
          actor,
          partnershipId,
          entity: 'lm3_survey',
          entityId: survey.id,
          action: 'lm3.survey.revoked',
          before: { revoked_at: null },
          after: { answered: survey.answered_at !== null },
        });
        await recalculate(
          trx,
          partnershipId,
          surveysOf(await fyStartMonth(trx, partnershipId), survey.fy_start_year),
        );
      }
      return {
        supplierName: survey.supplier_name,
        alreadyRevoked: !row,
        fyStartYear: survey.fy_start_year,
      };
    });
  }

  /**
   * A new link for the same supplier and year: the old one stops working, the expiry starts
   * again, and an answer already given is kept (the supplier can change it through the new link).
   */
  async reissue(
    partnership: Partnership,
    surveyId: string,
    email: string | null,
    actor: AuditActor,
  ): Promise<CreatedLink & { fyStartYear: number }> {
    const survey = await this.find(partnership.id, surveyId);
    const token = newToken();
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('lm3_surveys')
        .set({
          token_hash: hashToken(token),
          expires_at: expiry(),
          revoked_at: null,
          sent_to: email ?? survey.sent_to,
        })
        .where('partnership_id', '=', partnership.id)
        .where('id', '=', survey.id)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId: partnership.id,
        entity: 'lm3_survey',
        entityId: survey.id,
        action: 'lm3.survey.reissued',
        before: { revoked_at: survey.revoked_at, expires_at: survey.expires_at },
        after: { emailed: email !== null },
      });
      await recalculate(trx, partnership.id, surveysOf(partnership, survey.fy_start_year));
    });
    const url = this.surveyUrl(token);
    if (email)
      await this.#sendLink(partnership, survey.fy_start_year, survey.supplier_name, email, url);
    return {
      surveyId: survey.id,
      supplierName: survey.supplier_name,
      url,
      emailedTo: email,
      fyStartYear: survey.fy_start_year,
    };
  }

  /** The survey a link opens, whatever its state; undefined when the link is unknown or replaced. */
  async findByToken(token: string): Promise<SurveyByToken | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const r = await this.#db
      .selectFrom('lm3_surveys as v')
      .innerJoin('suppliers as s', 's.id', 'v.supplier_id')
      .innerJoin('partnerships as p', 'p.id', 'v.partnership_id')
      .select([
        'v.id',
        'v.partnership_id',
        'v.fy_start_year',
        'v.expires_at',
        'v.revoked_at',
        'v.answered_at',
        'v.staff_cost_pct',
        'v.staff_local_pct',
        'v.suppliers_local_pct',
        's.name as supplier_name',
        'p.name as partnership_name',
        'p.local_area',
        'p.fy_start_month',
      ])
      .where('v.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!r) return undefined;
    const status = r.revoked_at
      ? 'revoked'
      : r.expires_at.getTime() <= Date.now()
        ? 'expired'
        : 'open';
    return {
      id: r.id,
      status,
      partnershipId: r.partnership_id,
      partnershipName: r.partnership_name,
      localArea: r.local_area,
      supplierName: r.supplier_name,
      fyStartYear: r.fy_start_year,
      fyStartMonth: r.fy_start_month,
      expiresAt: r.expires_at,
      answeredAt: r.answered_at,
      answer: answerOf(r),
    };
  }

  /**
   * Records a supplier's answer (or replaces an earlier one while the link works), audited, and
   * works out the partnership's LM3 again, all in one transaction. Undefined: the link does not
   * work (unknown, replaced, withdrawn or expired).
   */
  async answer(token: string, answer: Lm3Answer): Promise<{ replaced: boolean } | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    return this.#db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('lm3_surveys')
        .selectAll()
        .where('token_hash', '=', hashToken(token))
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .forUpdate()
        .executeTakeFirst();
      if (!before) return undefined;
      await trx
        .updateTable('lm3_surveys')
        .set({
          staff_cost_pct: answer.staffCostPct,
          staff_local_pct: answer.staffLocalPct,
          suppliers_local_pct: answer.suppliersLocalPct,
          answered_at: sql`now()`,
        })
        .where('id', '=', before.id)
        .execute();
      const previous = answerOf(before);
      await recordAudit(trx, {
        actor: SURVEY_ACTOR,
        partnershipId: before.partnership_id,
        entity: 'lm3_survey',
        entityId: before.id,
        action: previous ? 'lm3.survey.answer-replaced' : 'lm3.survey.answered',
        before: previous,
        after: answer,
      });
      await recalculate(
        trx,
        before.partnership_id,
        surveysOf(await fyStartMonth(trx, before.partnership_id), before.fy_start_year),
      );
      return { replaced: previous !== null };
    });
  }

  async find(partnershipId: string, surveyId: string) {
    if (!isUuid(surveyId)) throw notFound('survey');
    const survey = await this.#db
      .selectFrom('lm3_surveys as v')
      .innerJoin('suppliers as s', 's.id', 'v.supplier_id')
      .selectAll('v')
      .select('s.name as supplier_name')
      .where('v.partnership_id', '=', partnershipId)
      .where('v.id', '=', surveyId)
      .executeTakeFirst();
    if (!survey) throw notFound('survey');
    return survey;
  }

  async #sendLink(
    partnership: Partnership,
    fyStartYear: number,
    supplierName: string,
    email: string,
    url: string,
  ) {
    const year = periodDates({ kind: 'year', fyStartYear }, partnership.fy_start_month).label;
    await this.#mailer.send({
      to: email,
      subject: `${partnership.name}: a 3-question survey about local spending`,
      text: [
        'Hello,',
        '',
        `${partnership.name} buys from ${supplierName}. To understand how that spending supports the local economy, we would like to know roughly how ${supplierName} spends its own money locally in the ${year} financial year.`,
        '',
        'There are 3 questions about percentages. It takes about 5 minutes and does not ask for any personal details.',
        '',
        `Open this link within ${LM3_SURVEY_TTL_DAYS} days:`,
        '',
        url,
        '',
        'If you were not expecting this, you can ignore this email.',
      ].join('\n'),
    });
  }
}

/** The survey answers of a financial year changed: LM3 of that year can move. */
function surveysOf(
  partnership: Pick<Partnership, 'id' | 'fy_start_month'>,
  fyStartYear: number,
): RecalculationReason {
  const { startsOn, endsOn } = periodDates(
    { kind: 'year', fyStartYear },
    partnership.fy_start_month,
  );
  return { input: 'lm3-surveys', dates: { from: startsOn, to: endsOn } };
}

async function fyStartMonth(
  trx: Transaction<DB>,
  partnershipId: string,
): Promise<Pick<Partnership, 'id' | 'fy_start_month'>> {
  return trx
    .selectFrom('partnerships')
    .select(['id', 'fy_start_month'])
    .where('id', '=', partnershipId)
    .executeTakeFirstOrThrow();
}

function expiry(): Date {
  return new Date(Date.now() + LM3_SURVEY_TTL_DAYS * 24 * 60 * 60 * 1000);
}
