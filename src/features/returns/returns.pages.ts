/**
 * What each returns page shows: reporting periods, the returns across a partnership and of one
 * organisation, a return's task list and sections, review, corrections, revisions and template
 * uploads. Each is built in one place from the service's data (and, for a form sent back, what
 * was typed and what was wrong), for the GET and the failed POST alike. What a person may see and
 * do comes from the returns policy (core/policies/returns.ts).
 */
import { formatValue, formInputValue } from '../../core/framework/format.js';
import type { Section } from '../../core/framework/sections.js';
import { isoDate } from '../../core/periods.js';
import { isOverdue, RETURN_STATES, returnTags, type Tag } from '../../core/return-states.js';
import { PILLARS } from '../../core/pillars.js';
import {
  isEditable,
  mayEditSection,
  returnActions,
  visibleSections,
  type ReturnTarget,
} from '../../core/policies/returns.js';
import type { Actor } from '../../core/roles.js';
import type {
  Organisation,
  Partnership,
  ReportingPeriod,
  ReturnRevision,
} from '../../db/schema.js';
import { field, formErrors, noErrors, type FormErrors } from '../../http/form-errors.js';
import type { BulkProblem, checkTemplate } from './bulk.js';
import { returnPath } from './return-context.js';
import {
  ReturnsService,
  type ReturnContext,
  type ReturnState,
  type ValueRow,
} from './returns.service.js';

export const V = 'features/returns/views';

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

/** The words and colours for a return's state: one vocabulary (core/return-states.ts). */
export const STATUS_TAGS: Readonly<Record<string, Tag>> = RETURN_STATES;

type Comments = Awaited<ReturnType<ReturnsService['listComments']>>;

const base = (p: Partnership) => `/manage/${p.slug}`;
export const periodsPath = (p: Partnership) => `${base(p)}/periods`;
export const returnsPath = (p: Partnership) => `${base(p)}/returns`;
export const organisationReturnsPath = (p: Partnership, o: { id: string }) =>
  `${base(p)}/organisations/${o.id}/returns`;

/** A figure as shown: formatted in its unit, or "Not entered". */
const shown = (v: ValueRow | undefined, unit: Section['items'][number]['unit']) =>
  v?.value == null ? 'Not entered' : formatValue(Number(v.value), unit);

// ----- Periods -----

export function periodsPage(
  partnership: Partnership,
  periods: readonly ReportingPeriod[],
  canManage: boolean,
) {
  return {
    title: 'Reporting periods',
    periods,
    today: isoDate(new Date()),
    canManage,
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}

export function periodFormPage(partnership: Partnership, form: FormState) {
  const thisYear = new Date().getUTCFullYear();
  const currentFy = String(
    thisYear - (new Date().getUTCMonth() + 1 < partnership.fy_start_month ? 1 : 0),
  );
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({
    value: String(y),
    text: `${y}/${String((y + 1) % 100).padStart(2, '0')}`,
    selected: (field(form.values, 'fyStartYear') || currentFy) === String(y),
  }));
  return {
    title: 'Open a reporting period',
    ...form,
    years,
    back: { href: periodsPath(partnership), text: 'Back to reporting periods' },
  };
}

// ----- Returns across the partnership, and of one organisation -----

export function overviewPage(
  partnership: Partnership,
  data: Awaited<ReturnType<ReturnsService['partnershipOverview']>>,
) {
  const statusOf = new Map(data.statuses.map((s) => [`${s.organisation_id}:${s.period_id}`, s]));
  const today = isoDate(new Date());
  return {
    title: 'Returns',
    queue: data.queue.map((q) => ({
      ...q,
      // Overdue while it waits for the organisation's answers after its due date.
      tags: returnTags(q.status, q.status === 'returned' && today > q.due_on),
      href: `${organisationReturnsPath(partnership, { id: q.organisation_id })}/${q.period_id}${q.status === 'submitted' ? '/review' : ''}`,
    })),
    grid: data.periods.slice(0, 8).map((p) => ({
      period: p,
      cells: data.organisations.map((o) => {
        const s = statusOf.get(`${o.id}:${p.id}`);
        const overdue = isOverdue(p, s?.status, today);
        return {
          organisation: o,
          tags: returnTags(s?.status, overdue),
          href: `${organisationReturnsPath(partnership, o)}/${p.id}`,
        };
      }),
    })),
    organisations: data.organisations,
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}

export function organisationReturnsPage(
  partnership: Partnership,
  organisation: Organisation,
  periods: readonly ReportingPeriod[],
  statuses: Awaited<ReturnType<ReturnsService['returnsOverview']>>,
) {
  const byPeriod = new Map(
    statuses.filter((s) => s.organisation_id === organisation.id).map((s) => [s.period_id, s]),
  );
  const today = isoDate(new Date());
  return {
    title: `Returns for ${organisation.name}`,
    organisation,
    periods: periods.map((p) => {
      const s = byPeriod.get(p.id);
      const overdue = isOverdue(p, s?.status, today);
      return {
        ...p,
        tags: returnTags(s?.status, overdue),
        href: `${organisationReturnsPath(partnership, organisation)}/${p.id}`,
      };
    }),
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      {
        href: `${base(partnership)}/organisations/${organisation.id}`,
        text: organisation.name,
      },
    ],
  };
}

// ----- One return -----

/** The return's task list: a task per section the person may see, with its figures. */
export function taskListPage(
  ctx: ReturnContext,
  state: ReturnState,
  comments: Comments,
  actor: Actor,
  target: ReturnTarget,
) {
  const sections = visibleSections(actor, target, state.sections);
  const path = returnPath(ctx);
  const may = returnActions(actor, target, state.revision.status);
  const today = isoDate(new Date());
  return {
    title: `${ctx.period.label} return`,
    ctx,
    state,
    path,
    statusTag: STATUS_TAGS[state.revision.status],
    overdue: isOverdue(ctx.period, state.revision.status, today),
    tasks: sections.map((s) => {
      const status = ReturnsService.taskStatus(state.revision, state.values, s);
      return {
        title: s.title,
        pillar: s.pillar,
        href:
          may.edit && mayEditSection(actor, target, s.pillar)
            ? `${path}/sections/${s.pillar}`
            : undefined,
        tag: STATUS_TAGS[status],
        count: s.items.length,
        rows: s.items.map((item) => {
          const v = state.values.get(item.id);
          return {
            item,
            value: shown(v, item.unit),
            note: v?.note,
            confidence: v?.confidence,
            href: `${path}/items/${item.id}`,
          };
        }),
      };
    }),
    hiddenSections: state.sections.length - sections.length,
    queries: comments.map((c) => ({
      ...c,
      itemLabel: state.sections.flatMap((sec) => sec.items).find((item) => item.id === c.item_id)
        ?.label,
    })),
    canSubmit: may.submit,
    canReview: may.review,
    canCorrect: may.correct,
    canAnswer: may.answer,
    problems: ReturnsService.submissionProblems(state),
    breadcrumbs: [
      { href: base(ctx.partnership), text: ctx.partnership.name },
      {
        href: organisationReturnsPath(ctx.partnership, ctx.organisation),
        text: `${ctx.organisation.name} returns`,
      },
    ],
  };
}

/**
 * A section's form values from the figures saved (yes/no items as "yes" or "no"), and "Have you
 * finished this section?" answered as it stands: a completed section reopened stays complete
 * unless the person says otherwise.
 */
export function sectionValues(state: ReturnState, section: Section): Record<string, string> {
  const values: Record<string, string> = {};
  if (state.revision.pillar_status[section.pillar] === 'completed') values.complete = 'yes';
  for (const item of section.items) {
    const v = state.values.get(item.id)?.value;
    if (v != null)
      values[item.id] =
        item.unit === 'yes/no'
          ? Number(v) === 1
            ? 'yes'
            : 'no'
          : formInputValue(Number(v), item.unit);
  }
  return values;
}

export function sectionPage(
  ctx: ReturnContext,
  state: ReturnState,
  section: Section,
  form: FormState,
) {
  const path = returnPath(ctx);
  return {
    title: `${section.title}: ${ctx.period.label}`,
    ctx,
    section,
    pillarTitle: PILLARS.find((p) => p.id === section.pillar)?.title,
    editable: isEditable(state.revision.status),
    ...form,
    path,
    action: `${path}/sections/${section.pillar}`,
    back: { href: path, text: 'Back to the return' },
  };
}

export function correctPage(ctx: ReturnContext, form: FormState) {
  const path = returnPath(ctx);
  return {
    title: 'Correct an approved return',
    ctx,
    ...form,
    action: `${path}/correct`,
    back: { href: path, text: 'Back to the return' },
  };
}

export function revisionPage(
  ctx: ReturnContext,
  state: ReturnState,
  revision: ReturnRevision,
  values: ReadonlyMap<string, ValueRow>,
  comments: Comments,
) {
  return {
    title: `Revision ${revision.number}: ${ctx.period.label}`,
    ctx,
    revision,
    statusTag: STATUS_TAGS[revision.status],
    sections: state.sections.map((s) => ({
      ...s,
      rows: s.items.map((item) => {
        const v = values.get(item.id);
        return { item, value: shown(v, item.unit), note: v?.note };
      }),
    })),
    comments,
    back: { href: returnPath(ctx), text: 'Back to the return' },
  };
}

// ----- Review -----

export function reviewPage(
  ctx: ReturnContext,
  state: ReturnState,
  data: {
    comments: Comments;
    files: readonly { id: string; item_id: string; original_name: string }[];
  },
  form: FormState,
) {
  const path = returnPath(ctx);
  return {
    title: `Review: ${ctx.organisation.name}, ${ctx.period.label}`,
    ctx,
    state,
    path,
    ...form,
    sections: state.sections.map((s) => ({
      ...s,
      rows: s.items.map((item) => {
        const v = state.values.get(item.id);
        return {
          item,
          value: shown(v, item.unit),
          note: v?.note,
          confidence: v?.confidence,
          links: v?.links ?? [],
          files: data.files.filter((f) => f.item_id === item.id),
          comments: data.comments.filter((c) => c.item_id === item.id),
        };
      }),
    })),
    generalComments: data.comments.filter((c) => c.item_id === null),
    back: { href: path, text: 'Back to the return' },
  };
}

// ----- Templates -----

export function uploadPage(
  ctx: ReturnContext,
  maxUploadBytes: number,
  problems: readonly BulkProblem[] = [],
) {
  const path = returnPath(ctx);
  return {
    title: 'Upload figures from a template',
    ctx,
    path,
    problems,
    errors: problems.length
      ? formErrors([
          {
            field: 'file',
            text:
              problems.length === 1
                ? 'The file has a problem: see below'
                : `The file has ${problems.length} problems: see below`,
          },
        ])
      : noErrors,
    maxUploadMb: Math.round(maxUploadBytes / 1024 / 1024),
    back: { href: path, text: 'Back to the return' },
  };
}

/** The figures read from a template beside those saved, to check before saving them. */
export function uploadPreviewPage(
  ctx: ReturnContext,
  state: ReturnState,
  entries: ReturnType<typeof checkTemplate>['entries'],
) {
  const path = returnPath(ctx);
  return {
    title: 'Check the figures before saving',
    ctx,
    path,
    entries: entries.map((e) => {
      const old = state.values.get(e.item.id);
      const oldValue = old?.value == null ? null : Number(old.value);
      return {
        ...e,
        field:
          e.item.unit === 'yes/no'
            ? e.value === null
              ? ''
              : e.value === 1
                ? 'yes'
                : 'no'
            : formInputValue(e.value, e.item.unit),
        before: oldValue === null ? 'Not entered' : formatValue(oldValue, e.item.unit),
        after: e.value === null ? 'Unchanged' : formatValue(e.value, e.item.unit),
        changed:
          (e.value !== null && e.value !== oldValue) ||
          (e.note !== null && e.note !== (old?.note ?? null)) ||
          (e.confidence !== null && e.confidence !== (old?.confidence ?? null)),
      };
    }),
    back: { href: `${path}/upload`, text: 'Upload a different file' },
  };
}
