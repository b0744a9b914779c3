/** The returns forms: opening a period, answering a query, a reviewer's decision, a correction. */
import { z } from 'zod';
import type { Section } from '../../core/framework/sections.js';
import { isoDate } from '../../core/periods.js';
import { field, formErrors, validateForm, type Validated } from '../../http/form-errors.js';
import { paragraph } from '../../lib/text.js';

type Problem = { field: string; text: string };

const periodSchema = z
  .object({
    kind: z.enum(['quarter', 'year'], { error: 'Select a quarter or a whole year' }),
    fyStartYear: z.coerce
      .number({ error: 'Select the financial year' })
      .int('Select the financial year')
      .min(2000, 'Select the financial year')
      .max(2100, 'Select the financial year'),
    quarter: z.string().optional(),
    dueOn: z
      .string({ error: 'Enter the due date' })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the due date as a real date')
      .refine(
        (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
        'Enter the due date as a real date',
      ),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'quarter' && !/^[1-4]$/.test(v.quarter ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['quarter'], message: 'Select the quarter' });
    }
  });

export interface PeriodInput {
  readonly kind: 'quarter' | 'year';
  readonly fyStartYear: number;
  readonly quarter: number | null;
  readonly dueOn: string;
}

/** The due date comes from three boxes (day, month, year), as the NHS date input pattern has it. */
function dateFromParts(body: Record<string, unknown>, name: string): string {
  const part = (p: string) => field(body, `${name}-${p}`).trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return '';
  const date = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && isoDate(parsed) === date ? date : 'invalid';
}

/** A new reporting period from its form; a problem with the due date is shown on its day box. */
export function readPeriod(body: Record<string, unknown>): Validated<PeriodInput> {
  const form = validateForm(periodSchema, { ...body, dueOn: dateFromParts(body, 'dueOn') });
  if (!form.ok)
    return {
      ok: false,
      values: body,
      errors: formErrors(
        form.errors.list.map((e) => ({
          field: e.href.slice(1) === 'dueOn' ? 'dueOn-day' : e.href.slice(1),
          text: e.text,
        })),
      ),
    };
  return {
    ok: true,
    data: {
      kind: form.data.kind,
      fyStartYear: form.data.fyStartYear,
      quarter: form.data.kind === 'quarter' ? Number(form.data.quarter) : null,
      dueOn: form.data.dueOn,
    },
  };
}

export const answerSchema = z.object({
  itemId: z.string().optional(),
  body: paragraph('the answer', 4000, { required: 'Write your answer' }),
});

export const correctionSchema = z.object({
  reason: paragraph('the reason', 2000, { required: 'Say what needs correcting' }),
});

export interface ReviewDecision {
  readonly decision: 'approve' | 'return';
  readonly queries: { itemId: string | null; body: string }[];
}

/** A reviewer's decision: approve as it is, or return it with at least one query. */
export function readReview(
  body: Record<string, unknown>,
  sections: readonly Section[],
): { ok: true; data: ReviewDecision } | { ok: false; problems: Problem[] } {
  const decision = body.decision;
  const queries: { itemId: string | null; body: string }[] = [];
  const problems: Problem[] = [];
  const general = field(body, 'query-general').trim();
  if (general) queries.push({ itemId: null, body: general });
  for (const s of sections) {
    for (const item of s.items) {
      const text = field(body, `query-${item.id}`);
      if (text.trim()) {
        if (text.length > 4000)
          problems.push({
            field: `query-${item.id}`,
            text: 'A query must be 4,000 characters or fewer',
          });
        queries.push({ itemId: item.id, body: text.trim() });
      }
    }
  }
  if (decision !== 'approve' && decision !== 'return')
    problems.push({
      field: 'decision',
      text: 'Select whether to approve the return or return it with queries',
    });
  if (decision === 'return' && queries.length === 0)
    problems.push({
      field: 'query-general',
      text: 'Write at least one query to return this for changes',
    });
  if (decision === 'approve' && queries.length > 0)
    problems.push({
      field: 'decision',
      text: 'To approve, remove your queries; to ask about them, return it with queries',
    });
  if (problems.length || (decision !== 'approve' && decision !== 'return'))
    return { ok: false, problems };
  return { ok: true, data: { decision, queries } };
}

/** The figures confirmed on the template preview, as rows of the template to check again. */
export function readConfirmedRows(body: Record<string, unknown>) {
  const ids = ([] as unknown[])
    .concat(body.item ?? [])
    .filter((v): v is string => typeof v === 'string');
  return ids.map((id, i) => ({
    line: i + 2,
    cells: {
      item_id: id,
      value: field(body, `value-${id}`),
      note: field(body, `note-${id}`),
      confidence: field(body, `confidence-${id}`),
    },
  }));
}
