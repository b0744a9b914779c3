/**
 * The facts a person's to-do list is made of (core/todo.ts decides what is due): the
 * partnership's periods and the sections each asks for, every return's current state with its
 * unanswered queries, each organisation's latest import, and the suppliers of each
 * organisation's spend that have no known location or no type. Read only.
 */
import { sql, type Kysely } from 'kysely';
import { sectionsFor } from '../../core/framework/sections.js';
import { frequencyOf, isoDate } from '../../core/periods.js';
import { todoFor, type TodoFacts, type TodoItem } from '../../core/todo.js';
import type { Actor } from '../../core/roles.js';
import type { DB } from '../../db/schema.js';
import { listIndicators } from '../framework/framework.repo.js';
import { listOrganisations } from '../tenancy/tenancy.repo.js';

/** A reviewer's query and whether the organisation has answered it since. */
export interface QueryRow {
  id: string;
  return_id: string;
  revision_id: string;
  item_id: string | null;
  body: string;
  author_side: 'reviewer' | 'organisation';
  created_at: Date;
}

/** Reviewer queries not followed by an answer from the organisation on the same figure. */
export function unanswered<Q extends QueryRow>(comments: readonly Q[]): Q[] {
  return comments.filter(
    (q) =>
      q.author_side === 'reviewer' &&
      !comments.some(
        (a) =>
          a.author_side === 'organisation' &&
          a.revision_id === q.revision_id &&
          a.item_id === q.item_id &&
          a.created_at >= q.created_at,
      ),
  );
}

export class HomeService {
  readonly #db: Kysely<DB>;
  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** The person's to-do list in the partnership, as of today. */
  async todo(
    actor: Actor,
    partnershipId: string,
    today = isoDate(new Date()),
  ): Promise<TodoItem[]> {
    return todoFor(actor, await this.facts(partnershipId, today));
  }

  async facts(partnershipId: string, today: string): Promise<TodoFacts> {
    const db = this.#db;
    const [organisations, periods, indicators, returns, comments, imports, suppliers] =
      await Promise.all([
        listOrganisations(db, partnershipId),
        db
          .selectFrom('reporting_periods')
          .select(['id', 'label', 'kind', 'ends_on', 'due_on'])
          .where('partnership_id', '=', partnershipId)
          .orderBy('starts_on', 'desc')
          .orderBy('kind', 'desc')
          .execute(),
        listIndicators(db, partnershipId, { enabledOnly: true }),
        db
          .selectFrom('returns as t')
          .innerJoin('return_revisions as r', (j) =>
            j.onRef('r.return_id', '=', 't.id').onRef('r.number', '=', 't.current_revision'),
          )
          .select([
            't.organisation_id',
            't.period_id',
            'r.id as revision_id',
            'r.status',
            'r.pillar_status',
          ])
          .where('t.partnership_id', '=', partnershipId)
          .execute(),
        this.openQueries(partnershipId),
        sql<{
          organisation_id: string;
          id: string;
          file_name: string | null;
          status: string;
          batch_id: string | null;
          rejected: number | null;
          on: string;
        }>`
          SELECT DISTINCT ON (j.organisation_id) j.organisation_id, j.id, j.file_name, j.status,
            j.batch_id, b.rejected, to_char(j.updated_at, 'YYYY-MM-DD') AS on
          FROM jobs j LEFT JOIN spend_batches b ON b.id = j.batch_id
          WHERE j.partnership_id = ${partnershipId} AND j.kind = 'spend-import'
            AND j.organisation_id IS NOT NULL AND j.status IN ('done', 'failed')
          ORDER BY j.organisation_id, j.updated_at DESC`.execute(db),
        // From which organisations have spend with each supplier (a row per supplier, kept by
        // the import), not from every spend line.
        sql<{ organisation_id: string | null; n: number }>`
          SELECT spender.organisation_id, count(DISTINCT s.id)::int AS n
          FROM suppliers s
            JOIN supplier_spenders sp ON sp.supplier_id = s.id
            CROSS JOIN LATERAL unnest(sp.organisation_ids) AS spender (organisation_id)
          WHERE s.partnership_id = ${partnershipId} AND sp.partnership_id = ${partnershipId}
            AND (s.type = 'unclassified' OR s.location_precision = 'none')
          GROUP BY ROLLUP (spender.organisation_id)`.execute(db),
      ]);
    const pillarsOf = (kind: 'quarter' | 'year') =>
      sectionsFor(indicators, frequencyOf(kind)).map((s) => s.pillar);
    const byKind = { quarter: pillarsOf('quarter'), year: pillarsOf('year') };
    const openByRevision = new Map<string, number>();
    for (const q of comments)
      openByRevision.set(q.revision_id, (openByRevision.get(q.revision_id) ?? 0) + 1);
    return {
      partnershipId,
      today,
      organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
      periods: periods.map((p) => ({
        id: p.id,
        label: p.label,
        ends_on: p.ends_on,
        due_on: p.due_on,
        pillars: byKind[p.kind],
      })),
      returns: returns.map((r) => ({
        organisationId: r.organisation_id,
        periodId: r.period_id,
        status: r.status,
        completed: Object.entries(r.pillar_status)
          .filter(([, s]) => s === 'completed')
          .map(([p]) => p),
        openQueries: openByRevision.get(r.revision_id) ?? 0,
      })),
      imports: imports.rows.map((j) => ({
        organisationId: j.organisation_id,
        jobId: j.id,
        fileName: j.file_name ?? 'a spend file',
        on: j.on,
        failed: j.status === 'failed',
        rejected: Number(j.rejected ?? 0),
        batchId: j.batch_id,
      })),
      suppliersNeedingDetails: suppliers.rows
        .filter((s): s is { organisation_id: string; n: number } => s.organisation_id !== null)
        .map((s) => ({ organisationId: s.organisation_id, count: Number(s.n) })),
      suppliersNeedingDetailsInPartnership: Number(
        suppliers.rows.find((s) => s.organisation_id === null)?.n ?? 0,
      ),
    };
  }

  /** The open queries across the partnership, with the labels of the figures they are about. */
  async queries(partnershipId: string) {
    const [queries, indicators] = await Promise.all([
      this.openQueries(partnershipId),
      listIndicators(this.#db, partnershipId),
    ]);
    const labels = new Map(indicators.flatMap((i) => i.items.map((item) => [item.id, item.label])));
    return { queries, itemLabel: (id: string) => labels.get(id) };
  }

  /**
   * Reviewer queries waiting for an answer across the partnership: on the current revision of
   * returns sent back with queries, not followed by an answer on the same figure.
   */
  async openQueries(partnershipId: string) {
    const rows = await this.#db
      .selectFrom('review_comments as c')
      .innerJoin('returns as t', 't.id', 'c.return_id')
      .innerJoin('return_revisions as r', (j) =>
        j.onRef('r.return_id', '=', 't.id').onRef('r.number', '=', 't.current_revision'),
      )
      .innerJoin('organisations as o', 'o.id', 't.organisation_id')
      .innerJoin('reporting_periods as p', 'p.id', 't.period_id')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .select([
        'c.id',
        'c.return_id',
        'c.revision_id',
        'c.item_id',
        'c.body',
        'c.author_side',
        'c.created_at',
        'u.display_name as author',
        'o.id as organisation_id',
        'o.name as organisation_name',
        'p.id as period_id',
        'p.label as period_label',
      ])
      .where('c.partnership_id', '=', partnershipId)
      .whereRef('c.revision_id', '=', 'r.id')
      .where('r.status', '=', 'returned')
      .orderBy('o.name')
      .orderBy('p.starts_on', 'desc')
      .orderBy('c.created_at')
      .execute();
    return unanswered(rows);
  }
}
