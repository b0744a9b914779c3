/**
 * The query loop in the pages: a reviewer's open queries beside the figure they are about in the
 * section form, where the organisation answers them; and, for the reviewer, the previous period's
 * figure beside each value.
 */
import { formatValue } from '../../core/framework/format.js';
import type { Section } from '../../core/framework/sections.js';
import type { ReturnState, ValueRow } from './returns.service.js';

interface Comment {
  readonly item_id: string | null;
  readonly body: string;
  readonly author_side: 'reviewer' | 'organisation';
  readonly author: string | null;
  readonly created_at: Date;
}

export interface ItemQueries {
  /** The reviewer's queries on the figure, oldest first. */
  readonly queries: readonly { body: string; author: string | null }[];
  /** The organisation's answers so far. */
  readonly answers: readonly { body: string; author: string | null }[];
  /** Whether a query is still waiting for an answer (the last word is the reviewer's). */
  readonly open: boolean;
}

/** The form field an answer about a figure is typed in. */
export const answerField = (itemId: string) => `answer-${itemId}`;

/**
 * Queries on each figure of the section, on a return sent back with queries (empty otherwise).
 */
export function sectionQueries(
  state: ReturnState,
  section: Section,
  comments: readonly Comment[],
): Record<string, ItemQueries> {
  const out: Record<string, ItemQueries> = {};
  if (state.revision.status !== 'returned') return out;
  for (const item of section.items) {
    const mine = comments.filter((c) => c.item_id === item.id);
    const queries = mine.filter((c) => c.author_side === 'reviewer');
    if (queries.length === 0) continue;
    const last = mine[mine.length - 1];
    out[item.id] = {
      queries: queries.map((c) => ({ body: c.body, author: c.author })),
      answers: mine
        .filter((c) => c.author_side === 'organisation')
        .map((c) => ({ body: c.body, author: c.author })),
      open: last?.author_side === 'reviewer',
    };
  }
  return out;
}

/** Answers typed in the section form, for figures with queries: [item, text] of those not empty. */
export function answersIn(
  body: Readonly<Record<string, unknown>>,
  queries: Readonly<Record<string, ItemQueries>>,
): { itemId: string; body: string }[] {
  return Object.keys(queries).flatMap((itemId) => {
    const v = body[answerField(itemId)];
    const text = typeof v === 'string' ? v.trim() : '';
    return text ? [{ itemId, body: text }] : [];
  });
}

/** The previous period's figure for each item, as shown ("£1,200.00"), with the period's name. */
export function previousFigures(
  previous: { label: string; values: ReadonlyMap<string, ValueRow> } | null,
  sections: readonly Section[],
): { label: string; byItem: Record<string, string> } | null {
  if (!previous) return null;
  const byItem: Record<string, string> = {};
  for (const item of sections.flatMap((s) => s.items)) {
    const v = previous.values.get(item.id)?.value;
    byItem[item.id] = v == null ? 'Not entered' : formatValue(Number(v), item.unit);
  }
  return { label: previous.label, byItem };
}
