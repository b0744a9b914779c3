/**
 * The maturity self-assessment: an organisation rates itself on each pillar each year (levels
 * 1–4) with evidence; reviewers agree or query. Changing an agreed rating sends it back for review.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { periodDates } from '../../core/periods.js';
import type { PillarId } from '../../core/pillars.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { recalculate } from '../figures/recalculate.js';

export interface Rating {
  readonly pillar: PillarId;
  readonly level: number;
  readonly evidence: string;
}

export interface Decision {
  readonly pillar: PillarId;
  readonly decision: 'agreed' | 'queried';
  readonly comment: string | null;
}

export class MaturityService {
  readonly #db: Kysely<DB>;
  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** Every organisation of the partnership, by name, with every rating, for the maturity grid. */
  async grid(partnershipId: string) {
    const [organisations, ratings] = await Promise.all([
      this.#db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('partnership_id', '=', partnershipId)
        .orderBy('name')
        .execute(),
      this.list(partnershipId),
    ]);
    return { organisations, ratings };
  }

  list(partnershipId: string, filter: { organisationId?: string; year?: number } = {}) {
    let q = this.#db
      .selectFrom('maturity_assessments')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('fy_start_year')
      .orderBy('pillar');
    if (filter.organisationId) q = q.where('organisation_id', '=', filter.organisationId);
    if (filter.year !== undefined) q = q.where('fy_start_year', '=', filter.year);
    return q.execute();
  }

  async rate(
    partnershipId: string,
    organisationId: string,
    year: number,
    ratings: readonly Rating[],
    actor: AuditActor,
  ): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('maturity_assessments')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('fy_start_year', '=', year)
        .forUpdate()
        .execute();
      let changed = 0;
      for (const r of ratings) {
        const old = existing.find((e) => e.pillar === r.pillar);
        if (old && old.level === r.level && old.evidence === r.evidence) continue;
        changed++;
        await trx
          .insertInto('maturity_assessments')
          .values({
            partnership_id: partnershipId,
            organisation_id: organisationId,
            fy_start_year: year,
            pillar: r.pillar,
            level: r.level,
            evidence: r.evidence,
            status: 'submitted',
            assessed_by: actor.userId,
          })
          .onConflict((oc) =>
            oc.columns(['organisation_id', 'fy_start_year', 'pillar']).doUpdateSet({
              level: r.level,
              evidence: r.evidence,
              status: 'submitted',
              reviewer_comment: null,
              reviewed_at: null,
              reviewed_by: null,
              assessed_by: actor.userId,
              assessed_at: sql`now()`,
            }),
          )
          .execute();
        await recordAudit(trx, {
          actor,
          partnershipId,
          entity: 'maturity',
          entityId: `${organisationId}:${year}:${r.pillar}`,
          action: 'maturity.rated',
          before: old ? { level: old.level, evidence: old.evidence, status: old.status } : null,
          after: { level: r.level, evidence: r.evidence, status: 'submitted' },
        });
      }
      if (changed) await recalculateMaturity(trx, partnershipId, organisationId, year);
      return changed;
    });
  }

  async review(
    partnershipId: string,
    organisationId: string,
    year: number,
    decisions: readonly Decision[],
    actor: AuditActor,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      for (const d of decisions) {
        const row = await trx
          .updateTable('maturity_assessments')
          .set({
            status: d.decision,
            reviewer_comment: d.comment,
            reviewed_at: sql`now()`,
            reviewed_by: actor.userId,
          })
          .where('partnership_id', '=', partnershipId)
          .where('organisation_id', '=', organisationId)
          .where('fy_start_year', '=', year)
          .where('pillar', '=', d.pillar)
          .returning(['level'])
          .executeTakeFirst();
        if (!row) continue;
        await recordAudit(trx, {
          actor,
          partnershipId,
          entity: 'maturity',
          entityId: `${organisationId}:${year}:${d.pillar}`,
          action: d.decision === 'agreed' ? 'maturity.agreed' : 'maturity.queried',
          after: { level: row.level, comment: d.comment },
        });
      }
      await recalculateMaturity(trx, partnershipId, organisationId, year);
    });
  }
}

/** A3 of the organisation's financial year can move with its assessment. */
async function recalculateMaturity(
  trx: Transaction<DB>,
  partnershipId: string,
  organisationId: string,
  fyStartYear: number,
) {
  const { fy_start_month } = await trx
    .selectFrom('partnerships')
    .select('fy_start_month')
    .where('id', '=', partnershipId)
    .executeTakeFirstOrThrow();
  const { startsOn, endsOn } = periodDates({ kind: 'year', fyStartYear }, fy_start_month);
  await recalculate(trx, partnershipId, {
    input: 'maturity',
    organisationIds: [organisationId],
    dates: { from: startsOn, to: endsOn },
  });
}
