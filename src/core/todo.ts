/**
 * What to do next: the to-do list a person lands on, worked out from the partnership's facts and
 * what the role matrix lets them do (core/roles.ts). Pure.
 *
 * - A return is due once its period has ended or its due date is 30 days away or less, until it is
 *   sent for review; it is overdue after its due date. Those who may enter figures for the
 *   organisation see it (a data contributor only when a section of theirs is not finished).
 * - A return sent back with queries is waiting for an answer from those who may enter figures.
 * - An import needs attention when it failed, or when rows of the file were rejected (the latest
 *   file of each organisation, within 90 days).
 * - Suppliers need a postcode or a type when the register cannot place or classify them; those
 *   who may correct suppliers see how many of the suppliers of their spend need it.
 * - Partnership leads and reviewers see the returns waiting for review; partnership leads also
 *   see the organisations whose returns are overdue and the queries open across organisations.
 * - Anyone else (a viewer) sees the latest returns they can read.
 */
import { formatDate } from './dates.js';
import { isOverdue } from './return-states.js';
import { can, type Actor } from './roles.js';

/** Days before the due date from which a return is listed as due. */
export const DUE_SOON_DAYS = 30;
/** Imports older than this are not listed, even with rejected rows. */
export const IMPORT_ATTENTION_DAYS = 90;

export type ReturnState = 'draft' | 'submitted' | 'returned' | 'approved';

export interface TodoFacts {
  readonly partnershipId: string;
  /** Today, YYYY-MM-DD. */
  readonly today: string;
  readonly organisations: readonly { readonly id: string; readonly name: string }[];
  /** Newest first. `pillars`: the sections a return for the period asks for. */
  readonly periods: readonly {
    readonly id: string;
    readonly label: string;
    readonly ends_on: string;
    readonly due_on: string;
    readonly pillars: readonly string[];
  }[];
  /** The current revision of each return that exists. */
  readonly returns: readonly {
    readonly organisationId: string;
    readonly periodId: string;
    readonly status: ReturnState;
    /** Sections marked complete. */
    readonly completed: readonly string[];
    /** Reviewer queries on the current revision not yet answered. */
    readonly openQueries: number;
  }[];
  /** Each organisation's latest import (a failed job or a finished file). */
  readonly imports: readonly {
    readonly organisationId: string;
    readonly fileName: string;
    /** YYYY-MM-DD. */
    readonly on: string;
    readonly failed: boolean;
    readonly rejected: number;
    /** The finished file, when there is one. */
    readonly batchId: string | null;
    readonly jobId: string;
  }[];
  /** Suppliers with spend of each organisation that have no known location or no type. */
  readonly suppliersNeedingDetails: readonly {
    readonly organisationId: string;
    readonly count: number;
  }[];
  /** The same counted over the whole partnership (each supplier once). */
  readonly suppliersNeedingDetailsInPartnership: number;
}

export type TodoKind =
  | 'return-due'
  | 'return-overdue'
  | 'queries'
  | 'import'
  | 'suppliers'
  | 'review'
  | 'overdue-organisations'
  | 'open-queries'
  | 'read';

/** Where an action leads; the page turns these into addresses. */
export type TodoTarget =
  | { readonly page: 'return'; readonly organisationId: string; readonly periodId: string }
  | { readonly page: 'review'; readonly organisationId: string; readonly periodId: string }
  | { readonly page: 'import-job'; readonly organisationId: string; readonly jobId: string }
  | { readonly page: 'import-batch'; readonly batchId: string }
  | { readonly page: 'suppliers-needing-details' }
  | { readonly page: 'returns' }
  | { readonly page: 'queries' };

export interface TodoItem {
  readonly kind: TodoKind;
  /** What needs doing, in a sentence. */
  readonly text: string;
  /** The one action, as the link or button reads. */
  readonly action: string;
  readonly target: TodoTarget;
  /** Overdue and waiting items come first. */
  readonly urgent: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether a period's return is due (its period over, or its due date near) as of today. */
export function isDue(period: { ends_on: string; due_on: string }, today: string): boolean {
  return period.ends_on < today || daysBetween(today, period.due_on) <= DUE_SOON_DAYS;
}

/**
 * The pillars of the organisation a person enters figures for: all of them, or a contributor's
 * own. Null when they enter no figures for it.
 */
function enteredPillars(actor: Actor, partnershipId: string, organisationId: string) {
  const target = { partnershipId, organisationId };
  if (!can(actor, 'return.edit', target)) return null;
  const mine = actor.memberships.filter(
    (m) => m.partnershipId === partnershipId && m.organisationId === organisationId,
  );
  if (mine.some((m) => m.role !== 'contributor' || !m.pillars?.length)) return 'all' as const;
  return new Set(mine.flatMap((m) => m.pillars ?? []));
}

/** The person's to-do list in one partnership, most urgent first. */
export function todoFor(actor: Actor, facts: TodoFacts): TodoItem[] {
  const { partnershipId, today } = facts;
  const items: TodoItem[] = [];
  const returnOf = new Map(facts.returns.map((r) => [`${r.organisationId}:${r.periodId}`, r]));
  const partnership = { partnershipId };
  const reviews = can(actor, 'reviews.queue', partnership);
  const leads = can(actor, 'periods.manage', partnership);

  for (const org of facts.organisations) {
    const pillars = enteredPillars(actor, partnershipId, org.id);
    if (pillars === null) continue;
    for (const period of facts.periods) {
      const ret = returnOf.get(`${org.id}:${period.id}`);
      if (ret?.status === 'returned') {
        items.push({
          kind: 'queries',
          text: `The reviewer returned the ${period.label} return for ${org.name} with ${plural(Math.max(ret.openQueries, 1), 'query', 'queries')} waiting for an answer.`,
          action: 'Answer the reviewer',
          target: { page: 'return', organisationId: org.id, periodId: period.id },
          urgent: true,
        });
        continue;
      }
      if (ret && ret.status !== 'draft') continue;
      if (!isDue(period, today)) continue;
      const mine =
        pillars === 'all' ? period.pillars : period.pillars.filter((p) => pillars.has(p));
      if (mine.length === 0) continue;
      const overdue = isOverdue(period, ret?.status, today);
      const target = { partnershipId, organisationId: org.id };
      // Every section finished but not sent: the one thing left is to send it.
      if (
        ret &&
        period.pillars.every((p) => ret.completed.includes(p)) &&
        can(actor, 'return.submit', target)
      ) {
        items.push({
          kind: overdue ? 'return-overdue' : 'return-due',
          text: `Every section of the ${period.label} return for ${org.name} is complete: it is ready to send for review${overdue ? `. It was due on ${formatDate(period.due_on)}` : ''}.`,
          action: 'Send the return for review',
          target: { page: 'return', organisationId: org.id, periodId: period.id },
          urgent: overdue,
        });
        continue;
      }
      // A contributor whose own sections are finished waits for colleagues.
      if (mine.every((p) => ret?.completed.includes(p)) && pillars !== 'all') continue;
      items.push({
        kind: overdue ? 'return-overdue' : 'return-due',
        text: overdue
          ? `The ${period.label} return for ${org.name} is overdue: it was due on ${formatDate(period.due_on)}.`
          : `The ${period.label} return for ${org.name} is due on ${formatDate(period.due_on)}.`,
        action: ret ? 'Continue the return' : 'Start the return',
        target: { page: 'return', organisationId: org.id, periodId: period.id },
        urgent: overdue,
      });
    }
  }

  // Imports and suppliers: for those who may import spend or correct suppliers.
  for (const imp of facts.imports) {
    const org = facts.organisations.find((o) => o.id === imp.organisationId);
    if (!org) continue;
    if (!can(actor, 'spend.import', { partnershipId, organisationId: org.id })) continue;
    if (daysBetween(imp.on, today) > IMPORT_ATTENTION_DAYS) continue;
    if (imp.failed) {
      items.push({
        kind: 'import',
        text: `The import of ${imp.fileName} for ${org.name} failed.`,
        action: 'See why the import failed',
        target: { page: 'import-job', organisationId: org.id, jobId: imp.jobId },
        urgent: true,
      });
    } else if (imp.rejected > 0 && imp.batchId) {
      items.push({
        kind: 'import',
        text: `${plural(imp.rejected, 'row')} of ${imp.fileName} for ${org.name} could not be imported.`,
        action: 'See the rejected rows',
        target: { page: 'import-batch', batchId: imp.batchId },
        urgent: false,
      });
    }
  }
  if (can(actor, 'suppliers.edit', partnership)) {
    const count = can(actor, 'spend.partnership.view', partnership)
      ? facts.suppliersNeedingDetailsInPartnership
      : Math.max(
          0,
          ...facts.suppliersNeedingDetails
            .filter((s) =>
              can(actor, 'spend.view', { partnershipId, organisationId: s.organisationId }),
            )
            .map((s) => s.count),
        );
    if (count > 0)
      items.push({
        kind: 'suppliers',
        text: `${plural(count, 'supplier')} ${count === 1 ? 'needs' : 'need'} a postcode or a type, so their spend cannot count as local, SME or VCSE.`,
        action: 'Add postcodes and types',
        target: { page: 'suppliers-needing-details' },
        urgent: false,
      });
  }

  // Across the partnership: review, overdue organisations and open queries.
  if (reviews) {
    for (const r of facts.returns) {
      if (r.status !== 'submitted') continue;
      const org = facts.organisations.find((o) => o.id === r.organisationId);
      const period = facts.periods.find((p) => p.id === r.periodId);
      if (!org || !period) continue;
      items.push({
        kind: 'review',
        text: `The ${period.label} return from ${org.name} is waiting for review.`,
        action: 'Review the return',
        target: { page: 'review', organisationId: org.id, periodId: period.id },
        urgent: true,
      });
    }
  }
  if (leads) {
    const overdue = new Set<string>();
    for (const period of facts.periods)
      for (const org of facts.organisations)
        if (isOverdue(period, returnOf.get(`${org.id}:${period.id}`)?.status, today))
          overdue.add(org.id);
    if (overdue.size > 0)
      items.push({
        kind: 'overdue-organisations',
        text: `${plural(overdue.size, 'organisation has', 'organisations have')} an overdue return.`,
        action: 'See the returns of every organisation',
        target: { page: 'returns' },
        urgent: true,
      });
    const open = facts.returns.filter((r) => r.status === 'returned');
    const queries = open.reduce((n, r) => n + Math.max(r.openQueries, 1), 0);
    if (open.length > 0)
      items.push({
        kind: 'open-queries',
        text: `${plural(queries, 'query is', 'queries are')} open across ${plural(new Set(open.map((r) => r.organisationId)).size, 'organisation')}.`,
        action: 'See the open queries',
        target: { page: 'queries' },
        urgent: false,
      });
  }

  // A viewer reads the latest returns of their organisations.
  if (items.length === 0) {
    const latest = facts.periods.find((p) => p.ends_on < today) ?? facts.periods[0];
    if (latest)
      for (const org of facts.organisations) {
        const target = { partnershipId, organisationId: org.id };
        if (reviews || !can(actor, 'return.view', target)) continue;
        if (can(actor, 'return.edit', target)) continue;
        if (!actor.memberships.some((m) => m.organisationId === org.id)) continue;
        items.push({
          kind: 'read',
          text: `Read the ${latest.label} return for ${org.name}.`,
          action: 'Read the return',
          target: { page: 'return', organisationId: org.id, periodId: latest.id },
          urgent: false,
        });
      }
  }
  return [...items.filter((i) => i.urgent), ...items.filter((i) => !i.urgent)];
}
