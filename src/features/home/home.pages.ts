/**
 * The to-do list as shown: each item's sentence and its one action, with the address it leads
 * to; and the page of open queries across the partnership's organisations.
 */
import type { Actor } from '../../core/roles.js';
import type { TodoItem, TodoTarget } from '../../core/todo.js';
import type { Partnership } from '../../db/schema.js';
import type { HomeService } from './home.service.js';

export const V = 'features/home/views';

function hrefOf(p: Partnership, t: TodoTarget): string {
  const base = `/manage/${p.slug}`;
  switch (t.page) {
    case 'return':
      return `${base}/organisations/${t.organisationId}/returns/${t.periodId}`;
    case 'review':
      return `${base}/organisations/${t.organisationId}/returns/${t.periodId}/review`;
    case 'import-job':
      return `${base}/organisations/${t.organisationId}/spend/jobs/${t.jobId}`;
    case 'import-batch':
      return `${base}/spend/batches/${t.batchId}`;
    case 'suppliers-needing-details':
      return `${base}/suppliers?filter=attention`;
    case 'returns':
      return `${base}/returns`;
    case 'queries':
      return `${base}/queries`;
  }
}

/** The partnerships in which the person has a role (a platform administrator may have none). */
export function withRoles<P extends { id: string }>(actor: Actor, partnerships: readonly P[]): P[] {
  return partnerships.filter((p) => actor.memberships.some((m) => m.partnershipId === p.id));
}

/** The to-do list of one partnership, for views/_todo.njk. */
export function todoList(partnership: Partnership, items: readonly TodoItem[]) {
  return {
    partnership: { name: partnership.name, slug: partnership.slug },
    items: items.map((i) => ({
      kind: i.kind,
      text: i.text,
      action: i.action,
      urgent: i.urgent,
      overdue: i.kind === 'return-overdue' || i.kind === 'overdue-organisations',
      href: hrefOf(partnership, i.target),
    })),
  };
}

export function queriesPage(
  partnership: Partnership,
  queries: Awaited<ReturnType<HomeService['openQueries']>>,
  itemLabel: (itemId: string) => string | undefined,
) {
  const base = `/manage/${partnership.slug}`;
  return {
    title: 'Open queries',
    queries: queries.map((q) => ({
      organisation: q.organisation_name,
      period: q.period_label,
      figure: q.item_id ? (itemLabel(q.item_id) ?? q.item_id) : 'The whole return',
      body: q.body,
      author: q.author,
      at: q.created_at,
      href: `${base}/organisations/${q.organisation_id}/returns/${q.period_id}`,
    })),
    breadcrumbs: [{ href: base, text: partnership.name }],
  };
}
