/**
 * Reporting periods and returns: one return per organisation and period, in revisions.
 * draft → submitted → approved, or → returned (with queries) → submitted again.
 * An approved revision is locked (a database trigger enforces it); a correction opens the next
 * revision, copied from the approved one, and goes through review again. Every step is audited.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { conflict, DomainError, notFound } from '../../core/errors.js';
import { isEditable } from '../../core/policies/returns.js';
import {
  ratioPairs,
  validateValues,
  type ItemError,
  type RawFigure,
} from '../../core/framework/validate.js';
import { sectionsFor, type Section } from '../../core/framework/sections.js';
import { frequencyOf, periodDates, type PeriodKind } from '../../core/periods.js';
import type { PillarId } from '../../core/pillars.js';
import type {
  DB,
  Organisation,
  Partnership,
  ReportingPeriod,
  ReturnRevision,
} from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { recalculate } from '../figures/recalculate.js';
import { listIndicators } from '../framework/framework.repo.js';
import { isUuid, listOrganisations } from '../tenancy/tenancy.repo.js';

export interface ReturnContext {
  readonly partnership: Partnership;
  readonly organisation: Organisation;
  readonly period: ReportingPeriod;
}

export interface ValueRow {
  item_id: string;
  value: string | null;
  note: string | null;
  confidence: 'low' | 'medium' | 'high' | null;
  links: string[];
}

export interface ReturnState {
  readonly returnId: string;
  readonly revision: ReturnRevision;
  readonly revisions: readonly ReturnRevision[];
  readonly sections: readonly Section[];
  /** Calculators with a result for this organisation and period (their figures are not typed in). */
  readonly calculated: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, ValueRow>;
  /** The last approved revision, if the current one is a correction in progress. */
  readonly approved: ReturnRevision | undefined;
}

export type PillarTaskStatus = 'not-started' | 'in-progress' | 'completed';

export class ReturnsService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  // ----- Periods -----

  async openPeriod(
    partnership: Partnership,
    input: { kind: PeriodKind; fyStartYear: number; quarter: number | null; dueOn: string },
    actor: AuditActor,
  ): Promise<ReportingPeriod> {
    const dates = periodDates(
      { kind: input.kind, fyStartYear: input.fyStartYear, quarter: input.quarter },
      partnership.fy_start_month,
    );
    if (input.dueOn < dates.endsOn) {
      throw new DomainError(
        'INVALID',
        'due before end',
        `The due date must be on or after the end of the period (${dates.endsOn})`,
      );
    }
    return this.#db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('reporting_periods')
        .select('id')
        .where('partnership_id', '=', partnership.id)
        .where('kind', '=', input.kind)
        .where('fy_start_year', '=', input.fyStartYear)
        .where((eb) =>
          input.quarter === null ? eb('quarter', 'is', null) : eb('quarter', '=', input.quarter),
        )
        .executeTakeFirst();
      if (existing) throw conflict(`${dates.label} is already open`);
      const period = await trx
        .insertInto('reporting_periods')
        .values({
          partnership_id: partnership.id,
          kind: input.kind,
          fy_start_year: input.fyStartYear,
          quarter: input.quarter,
          label: dates.label,
          starts_on: dates.startsOn,
          ends_on: dates.endsOn,
          due_on: input.dueOn,
          opened_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        partnershipId: partnership.id,
        entity: 'reporting_period',
        entityId: period.id,
        action: 'period.opened',
        after: {
          label: period.label,
          starts_on: period.starts_on,
          ends_on: period.ends_on,
          due_on: period.due_on,
        },
      });
      // Spend, surveys, returns and assessments already stored for the period's dates count in it.
      await recalculate(trx, partnership.id, {
        input: 'periods',
        dates: { from: period.starts_on, to: period.ends_on },
      });
      return period;
    });
  }

  listPeriods(partnershipId: string): Promise<ReportingPeriod[]> {
    return this.#db
      .selectFrom('reporting_periods')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('starts_on', 'desc')
      .orderBy('kind', 'desc')
      .execute();
  }

  async findPeriod(partnershipId: string, periodId: string): Promise<ReportingPeriod | undefined> {
    if (!isUuid(periodId)) return undefined;
    return this.#db
      .selectFrom('reporting_periods')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', periodId)
      .executeTakeFirst();
  }

  // ----- Returns -----

  /** Loads the return for an organisation and period, creating it (revision 1, draft) on first use. */
  async load(ctx: ReturnContext, actor: AuditActor | null): Promise<ReturnState> {
    const ret = await this.#ensureReturn(ctx, actor);
    const revisions = await this.#db
      .selectFrom('return_revisions')
      .selectAll()
      .where('return_id', '=', ret.id)
      .orderBy('number', 'desc')
      .execute();
    const revision = revisions.find((r) => r.number === ret.current_revision);
    if (!revision) throw new Error(`return ${ret.id} has no revision ${ret.current_revision}`);
    const values = await this.valuesOf(revision.id);
    const [indicators, calculated] = await Promise.all([
      listIndicators(this.#db, ctx.partnership.id, { enabledOnly: true }),
      this.calculatedFor(ctx.organisation.id, ctx.period.id),
    ]);
    const sections = sectionsFor(indicators, frequencyOf(ctx.period.kind), calculated);
    const approved = revisions.find((r) => r.status === 'approved' && r.number !== revision.number);
    return { returnId: ret.id, revision, revisions, sections, calculated, values, approved };
  }

  /** Calculators that already have a result for this organisation and period (their figures are not typed in). */
  async calculatedFor(organisationId: string, periodId: string): Promise<Set<string>> {
    const rows = await this.#db
      .selectFrom('calculator_results')
      .select('calculator')
      .where('organisation_id', '=', organisationId)
      .where('period_id', '=', periodId)
      .where((eb) => eb.or([eb('value', 'is not', null), eb('denominator', 'is not', null)]))
      .execute();
    return new Set(rows.map((r) => r.calculator));
  }

  async valuesOf(revisionId: string): Promise<Map<string, ValueRow>> {
    const rows = await this.#db
      .selectFrom('return_values')
      .select(['item_id', 'value', 'note', 'confidence', 'links'])
      .where('revision_id', '=', revisionId)
      .execute();
    return new Map(rows.map((r) => [r.item_id, r]));
  }

  async #ensureReturn(ctx: ReturnContext, actor: AuditActor | null) {
    const find = () =>
      this.#db
        .selectFrom('returns')
        .selectAll()
        .where('organisation_id', '=', ctx.organisation.id)
        .where('period_id', '=', ctx.period.id)
        .executeTakeFirst();
    const found = await find();
    if (found) return found;
    await this.#db.transaction().execute(async (trx) => {
      const ret = await trx
        .insertInto('returns')
        .values({
          partnership_id: ctx.partnership.id,
          organisation_id: ctx.organisation.id,
          period_id: ctx.period.id,
        })
        .onConflict((oc) => oc.columns(['organisation_id', 'period_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!ret) return;
      await trx
        .insertInto('return_revisions')
        .values({
          partnership_id: ctx.partnership.id,
          return_id: ret.id,
          number: 1,
          status: 'draft',
          created_by: actor?.userId ?? null,
        })
        .execute();
    });
    const created = await find();
    if (!created) throw new Error('return not created');
    return created;
  }

  static taskStatus(
    revision: ReturnRevision,
    values: ReadonlyMap<string, ValueRow>,
    section: Section,
  ): PillarTaskStatus {
    const marked = revision.pillar_status[section.pillar];
    if (marked === 'completed') return 'completed';
    if (marked === 'in-progress' || section.items.some((i) => values.get(i.id)?.value != null)) {
      return 'in-progress';
    }
    return 'not-started';
  }

  /**
   * Saves one pillar's figures, as typed in its form or sent to the API (validated alike by
   * figuresSchema). `complete` marks the section complete, which needs every required figure;
   * otherwise work is saved part-done. Invalid input saves nothing and returns the errors.
   */
  async savePillar(
    state: ReturnState,
    ctx: ReturnContext,
    pillar: PillarId,
    raw: Readonly<Record<string, RawFigure>>,
    complete: boolean,
    actor: AuditActor,
  ): Promise<{ errors: readonly ItemError[] }> {
    assertEditable(state.revision);
    const section = state.sections.find((s) => s.pillar === pillar);
    if (!section) throw notFound('section');
    const { values, errors } = validateValues(section.items, raw, {
      requireAll: complete,
      ratioPairs: ratioPairs(section.indicators.map((i) => i.computation)),
    });
    if (errors.length) return { errors };
    await this.#db.transaction().execute(async (trx) => {
      const revision = await lockRevision(trx, state.revision.id);
      assertEditable(revision);
      const before: Record<string, string | null> = {};
      const after: Record<string, number | null> = {};
      for (const item of section.items) {
        const old = state.values.get(item.id)?.value ?? null;
        const next = values[item.id] ?? null;
        if ((old === null ? null : Number(old)) === next) continue;
        before[item.id] = old;
        after[item.id] = next;
        await trx
          .insertInto('return_values')
          .values({
            revision_id: revision.id,
            partnership_id: ctx.partnership.id,
            item_id: item.id,
            value: next,
            updated_by: actor.userId,
          })
          .onConflict((oc) =>
            oc.columns(['revision_id', 'item_id']).doUpdateSet({
              value: next,
              updated_by: actor.userId,
              updated_at: sql`now()`,
            }),
          )
          .execute();
      }
      const pillarStatus = {
        ...revision.pillar_status,
        [pillar]: complete ? 'completed' : 'in-progress',
      };
      await trx
        .updateTable('return_revisions')
        .set({ pillar_status: JSON.stringify(pillarStatus) })
        .where('id', '=', revision.id)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId: ctx.partnership.id,
        entity: 'return',
        entityId: state.returnId,
        action: complete ? 'return.section.completed' : 'return.section.saved',
        before: { revision: revision.number, pillar, values: before },
        after: { revision: revision.number, pillar, values: after },
      });
    });
    return { errors: [] };
  }

  /** Notes, confidence and links for one figure. */
  async saveEvidenceDetails(
    state: ReturnState,
    ctx: ReturnContext,
    itemId: string,
    input: { note: string | null; confidence: 'low' | 'medium' | 'high' | null; links: string[] },
    actor: AuditActor,
  ): Promise<void> {
    assertEditable(state.revision);
    await this.#db.transaction().execute(async (trx) => {
      const revision = await lockRevision(trx, state.revision.id);
      assertEditable(revision);
      const old = state.values.get(itemId);
      await trx
        .insertInto('return_values')
        .values({
          revision_id: revision.id,
          partnership_id: ctx.partnership.id,
          item_id: itemId,
          value: null,
          note: input.note,
          confidence: input.confidence,
          links: input.links,
          updated_by: actor.userId,
        })
        .onConflict((oc) =>
          oc.columns(['revision_id', 'item_id']).doUpdateSet({
            note: input.note,
            confidence: input.confidence,
            links: input.links,
            updated_by: actor.userId,
            updated_at: sql`now()`,
          }),
        )
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId: ctx.partnership.id,
        entity: 'return',
        entityId: state.returnId,
        action: 'return.evidence.saved',
        before: old
          ? { item: itemId, note: old.note, confidence: old.confidence, links: old.links }
          : null,
        after: { item: itemId, ...input },
      });
    });
  }

  /**
   * Saves figures from an uploaded template, all or nothing. Empty cells were left out by the
   * reader, so they leave figures as they are. Sections touched become "in progress" unless complete.
   */
  async applyBulk(
    state: ReturnState,
    ctx: ReturnContext,
    entries: readonly {
      item: { id: string };
      pillar: string;
      value: number | null;
      note: string | null;
      confidence: 'low' | 'medium' | 'high' | null;
    }[],
    actor: AuditActor,
  ): Promise<number> {
    assertEditable(state.revision);
    return this.#db.transaction().execute(async (trx) => {
      const revision = await lockRevision(trx, state.revision.id);
      assertEditable(revision);
      let changed = 0;
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const e of entries) {
        const old = state.values.get(e.item.id);
        const value = e.value ?? (old?.value == null ? null : Number(old.value));
        const note = e.note ?? old?.note ?? null;
        const confidence = e.confidence ?? old?.confidence ?? null;
        const same =
          (old?.value == null ? null : Number(old.value)) === value &&
          (old?.note ?? null) === note &&
          (old?.confidence ?? null) === confidence;
        if (same) continue;
        changed++;
        before[e.item.id] = old
          ? { value: old.value, note: old.note, confidence: old.confidence }
          : null;
        after[e.item.id] = { value, note, confidence };
        await trx
          .insertInto('return_values')
          .values({
            revision_id: revision.id,
            partnership_id: ctx.partnership.id,
            item_id: e.item.id,
            value,
            note,
            confidence,
            updated_by: actor.userId,
          })
          .onConflict((oc) =>
            oc.columns(['revision_id', 'item_id']).doUpdateSet({
              value,
              note,
              confidence,
              updated_by: actor.userId,
              updated_at: sql`now()`,
            }),
          )
          .execute();
      }
      const pillarStatus = { ...revision.pillar_status };
      for (const p of new Set(entries.map((e) => e.pillar))) {
        if (pillarStatus[p] !== 'completed') pillarStatus[p] = 'in-progress';
      }
      await trx
        .updateTable('return_revisions')
        .set({ pillar_status: JSON.stringify(pillarStatus) })
        .where('id', '=', revision.id)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId: ctx.partnership.id,
        entity: 'return',
        entityId: state.returnId,
        action: 'return.template.uploaded',
        before: { revision: revision.number, values: before },
        after: { revision: revision.number, values: after },
      });
      return changed;
    });
  }

  /** Problems that stop a submission, in plain English (empty when it can be submitted). */
  static submissionProblems(state: ReturnState): string[] {
    const problems: string[] = [];
    if (!isEditable(state.revision.status))
      problems.push('This return has already been submitted.');
    for (const section of state.sections) {
      if (ReturnsService.taskStatus(state.revision, state.values, section) !== 'completed') {
        problems.push(`${section.title} is not marked as complete.`);
      }
    }
    return problems;
  }

  async submit(state: ReturnState, ctx: ReturnContext, actor: AuditActor): Promise<void> {
    const problems = ReturnsService.submissionProblems(state);
    if (problems.length) throw new DomainError('INVALID', 'cannot submit', problems.join(' '));
    await this.#transition(
      state,
      ctx,
      actor,
      ['draft', 'returned'],
      'submitted',
      'return.submitted',
    );
  }

  async approve(state: ReturnState, ctx: ReturnContext, actor: AuditActor): Promise<void> {
    await this.#transition(state, ctx, actor, ['submitted'], 'approved', 'return.approved');
  }

  /** Returns the revision with at least one query (a comment on a figure or on the whole return). */
  async returnWithQueries(
    state: ReturnState,
    ctx: ReturnContext,
    queries: readonly { itemId: string | null; body: string }[],
    actor: AuditActor,
  ): Promise<void> {
    if (queries.length === 0) {
      throw new DomainError(
        'INVALID',
        'no queries',
        'Write at least one query to return this for changes',
      );
    }
    await this.#transition(
      state,
      ctx,
      actor,
      ['submitted'],
      'returned',
      'return.returned',
      async (trx) => {
        for (const q of queries) {
          await trx
            .insertInto('review_comments')
            .values({
              partnership_id: ctx.partnership.id,
              return_id: state.returnId,
              revision_id: state.revision.id,
              item_id: q.itemId,
              body: q.body,
              author_id: actor.userId,
              author_side: 'reviewer',
            })
            .execute();
        }
        return { queries };
      },
    );
  }

  /** An answer from the organisation to a query, before resubmitting. */
  async answer(
    state: ReturnState,
    ctx: ReturnContext,
    itemId: string | null,
    body: string,
    actor: AuditActor,
  ): Promise<void> {
    assertEditable(state.revision);
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('review_comments')
        .values({
          partnership_id: ctx.partnership.id,
          return_id: state.returnId,
          revision_id: state.revision.id,
          item_id: itemId,
          body,
          author_id: actor.userId,
          author_side: 'organisation',
        })
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId: ctx.partnership.id,
        entity: 'return',
        entityId: state.returnId,
        action: 'return.query.answered',
        after: { revision: state.revision.number, item: itemId, body },
      });
    });
  }

  /**
   * The figures of the same organisation's return for the period before (of the same kind), as
   * last approved: for a reviewer to compare. Null when there is no such period or approved return.
   */
  async previousValues(
    ctx: ReturnContext,
  ): Promise<{ label: string; values: Map<string, ValueRow> } | null> {
    const previous = await this.#db
      .selectFrom('reporting_periods')
      .select(['id', 'label'])
      .where('partnership_id', '=', ctx.partnership.id)
      .where('kind', '=', ctx.period.kind)
      .where('starts_on', '<', ctx.period.starts_on)
      .orderBy('starts_on', 'desc')
      .executeTakeFirst();
    if (!previous) return null;
    const revision = await this.#db
      .selectFrom('return_revisions as r')
      .innerJoin('returns as t', 't.id', 'r.return_id')
      .select('r.id')
      .where('t.organisation_id', '=', ctx.organisation.id)
      .where('t.period_id', '=', previous.id)
      .where('r.status', '=', 'approved')
      .orderBy('r.number', 'desc')
      .executeTakeFirst();
    if (!revision) return null;
    return { label: previous.label, values: await this.valuesOf(revision.id) };
  }

  listComments(revisionId: string) {
    return this.#db
      .selectFrom('review_comments as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .select([
        'c.id',
        'c.item_id',
        'c.body',
        'c.author_side',
        'c.created_at',
        'u.display_name as author',
      ])
      .where('c.revision_id', '=', revisionId)
      .orderBy('c.created_at')
      .execute();
  }

  /** Opens a correction: the next revision, a draft copied from the approved one. */
  async correct(
    state: ReturnState,
    ctx: ReturnContext,
    reason: string,
    actor: AuditActor,
  ): Promise<void> {
    if (state.revision.status !== 'approved') {
      throw new DomainError('INVALID', 'not approved', 'Only an approved return can be corrected');
    }
    await this.#db.transaction().execute(async (trx) => {
      const current = await lockRevision(trx, state.revision.id);
      if (current.status !== 'approved') throw conflict('The return changed: reload the page');
      const number = current.number + 1;
      const next = await trx
        .insertInto('return_revisions')
        .values({
          partnership_id: ctx.partnership.id,
          return_id: state.returnId,
          number,
          status: 'draft',
          pillar_status: JSON.stringify(current.pillar_status),
          reason,
          created_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await sql`INSERT INTO return_values (revision_id, partnership_id, item_id, value, note, confidence, links, updated_at, updated_by)
        SELECT ${next.id}, partnership_id, item_id, value, note, confidence, links, updated_at, updated_by
        FROM return_values WHERE revision_id = ${current.id}`.execute(trx);
      await sql`INSERT INTO evidence_files (partnership_id, return_id, revision_id, item_id, original_name, stored_name, content_type, size_bytes, sha256, uploaded_at, uploaded_by)
        SELECT partnership_id, return_id, ${next.id}, item_id, original_name, stored_name, content_type, size_bytes, sha256, uploaded_at, uploaded_by
        FROM evidence_files WHERE revision_id = ${current.id}`.execute(trx);
      await trx
        .updateTable('returns')
        .set({ current_revision: number })
        .where('id', '=', state.returnId)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId: ctx.partnership.id,
        entity: 'return',
        entityId: state.returnId,
        action: 'return.correction.started',
        after: { revision: number, reason },
      });
    });
  }

  async #transition(
    state: ReturnState,
    ctx: ReturnContext,
    actor: AuditActor,
    from: readonly ReturnRevision['status'][],
    to: ReturnRevision['status'],
    action: string,
    extra?: (trx: Transaction<DB>) => Promise<unknown>,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const revision = await lockRevision(trx, state.revision.id);
      if (!from.includes(revision.status)) {
        throw conflict(
          `This return is ${revision.status}, so it cannot be ${to} now. Reload the page.`,
        );
      }
      const detail = extra ? await extra(trx) : undefined;
      const stamp =
        to === 'submitted'
          ? { submitted_at: sql<Date>`now()`, submitted_by: actor.userId }
          : { decided_at: sql<Date>`now()`, decided_by: actor.userId };
      await trx
        .updateTable('return_revisions')
        .set({ status: to, ...stamp })
        .where('id', '=', revision.id)
        .execute();
      await recordAudit(trx, {
        actor,
        partnershipId: ctx.partnership.id,
        entity: 'return',
        entityId: state.returnId,
        action,
        before: { revision: revision.number, status: revision.status },
        after: {
          revision: revision.number,
          status: to,
          ...(detail && typeof detail === 'object' ? detail : {}),
        },
      });
      // An approved revision's figures and evidence are the ones figures are made of.
      if (to === 'approved')
        await recalculate(trx, ctx.partnership.id, {
          input: 'approved-returns',
          organisationIds: [ctx.organisation.id],
          dates: { from: ctx.period.starts_on, to: ctx.period.ends_on },
        });
    });
  }

  /** The returns page of a partnership: the review queue, and each organisation's status by period. */
  async partnershipOverview(partnershipId: string) {
    const [queue, periods, organisations, statuses] = await Promise.all([
      this.reviewQueue(partnershipId),
      this.listPeriods(partnershipId),
      listOrganisations(this.#db, partnershipId),
      this.returnsOverview(partnershipId),
    ]);
    return { queue, periods, organisations, statuses };
  }

  /** Returns waiting for a reviewer, or for the organisation after queries, across the partnership. */
  reviewQueue(partnershipId: string) {
    return this.#db
      .selectFrom('return_revisions as r')
      .innerJoin('returns as t', 't.id', 'r.return_id')
      .innerJoin('organisations as o', 'o.id', 't.organisation_id')
      .innerJoin('reporting_periods as p', 'p.id', 't.period_id')
      .select([
        'r.status',
        'r.number',
        'r.submitted_at',
        'r.decided_at',
        'o.id as organisation_id',
        'o.name as organisation_name',
        'p.id as period_id',
        'p.label as period_label',
        'p.due_on',
      ])
      .where('r.partnership_id', '=', partnershipId)
      .whereRef('r.number', '=', 't.current_revision')
      .where('r.status', 'in', ['submitted', 'returned'])
      .orderBy('r.submitted_at')
      .execute();
  }

  /** Every organisation's return status for each period (for the returns overview). */
  returnsOverview(partnershipId: string) {
    return this.#db
      .selectFrom('returns as t')
      .innerJoin('return_revisions as r', (j) =>
        j.onRef('r.return_id', '=', 't.id').onRef('r.number', '=', 't.current_revision'),
      )
      .select(['t.organisation_id', 't.period_id', 'r.status', 'r.number', 'r.submitted_at'])
      .where('t.partnership_id', '=', partnershipId)
      .execute();
  }
}

function assertEditable(revision: ReturnRevision) {
  if (!isEditable(revision.status)) {
    throw new DomainError(
      'CONFLICT',
      `revision is ${revision.status}`,
      revision.status === 'approved'
        ? 'This return has been approved, so its figures are locked. Start a correction to change them.'
        : 'This return has been submitted for review, so it cannot be changed now.',
    );
  }
}

async function lockRevision(trx: Transaction<DB>, id: string): Promise<ReturnRevision> {
  return trx
    .selectFrom('return_revisions')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}
