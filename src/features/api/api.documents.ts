/**
 * What the JSON API answers, built in one place from the services' data: for published figures,
 * the same document as the figures.json download (core/publishing/open-data.ts); for returns,
 * what the token's person may see of them, as the returns policy says (core/policies/returns.ts).
 * The shapes are the schemas of api.schemas.ts, which the tests hold every answer to.
 */
import { periodKey, yearKey } from '../../core/api/addresses.js';
import { tokenAllows, type TokenScope } from '../../core/api/tokens.js';
import { pillarOfItem, type Section } from '../../core/framework/sections.js';
import { isoDate } from '../../core/periods.js';
import {
  isEditable,
  mayEditSection,
  maySeeFigure,
  returnActions,
  visibleSections,
  type ReturnTarget,
} from '../../core/policies/returns.js';
import { figureDocument } from '../../core/publishing/open-data.js';
import type { Snapshot } from '../../core/publishing/snapshot.js';
import { can, type Actor } from '../../core/roles.js';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { publicYearPath } from '../publishing/publishing.pages.js';
import { returnPath } from '../returns/return-context.js';
import {
  ReturnsService,
  type ReturnContext,
  type ReturnState,
} from '../returns/returns.service.js';

/** The API's own address of a partnership. */
export const apiPartnershipPath = (slug: string) => `/api/v1/partnerships/${slug}`;

// ----- Published figures -------------------------------------------------------------------

interface PublishedHeader {
  readonly fyStartYear: number;
  readonly revision: number;
  readonly publishedAt: Date;
  readonly correctionReason: string | null;
}

/** A partnership and the years it has published (latest first), with where to read each. */
export function partnershipDocument(
  baseUrl: string,
  partnership: Pick<Partnership, 'name' | 'slug'>,
  years: readonly PublishedHeader[],
) {
  const api = `${baseUrl}${apiPartnershipPath(partnership.slug)}`;
  return {
    name: partnership.name,
    slug: partnership.slug,
    years: years.map((y) => {
      const key = yearKey(y.fyStartYear);
      const page = `${baseUrl}${publicYearPath(partnership.slug, y.fyStartYear)}`;
      return {
        year: `${y.fyStartYear}/${key.slice(5)}`,
        key,
        revision: y.revision,
        published: isoDate(y.publishedAt),
        correction: y.correctionReason,
        links: {
          self: `${api}/figures/${key}`,
          revision: `${api}/figures/${key}/revisions/{revision}`,
          page,
          json: `${page}/figures.json`,
          csv: `${page}/figures.csv`,
        },
      };
    }),
    links: {
      self: api,
      page: `${baseUrl}/p/${partnership.slug}`,
      dictionary: `${baseUrl}/p/${partnership.slug}/figures/data-dictionary`,
    },
  };
}

/**
 * A publication's figures: the document its figures.json download serves at the same address
 * (the latest revision's, or the revision asked for), links and all.
 */
export function publishedFiguresDocument(
  baseUrl: string,
  slug: string,
  publication: PublishedHeader & { readonly snapshot: Snapshot },
  revisionAsked?: number,
) {
  const page = publicYearPath(slug, publication.fyStartYear, revisionAsked);
  return figureDocument(
    publication.snapshot,
    {
      revision: publication.revision,
      published: isoDate(publication.publishedAt),
      correctionReason: publication.correctionReason,
    },
    {
      self: `${baseUrl}${page}/figures.json`,
      page: `${baseUrl}${page}`,
      dictionary: `${baseUrl}/p/${slug}/figures/data-dictionary`,
    },
  );
}

// ----- Returns -----------------------------------------------------------------------------

const returnApiPath = (
  p: Pick<Partnership, 'slug'>,
  o: { code: string },
  period: ReportingPeriod,
) => `${apiPartnershipPath(p.slug)}/organisations/${o.code}/returns/${periodKey(period)}`;

function periodOf(p: ReportingPeriod) {
  return {
    key: periodKey(p),
    label: p.label,
    kind: p.kind,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    dueOn: p.due_on,
  };
}

/** The period an address names among the partnership's, or undefined. */
export function periodNamed(
  periods: readonly ReportingPeriod[],
  key: { kind: string; fyStartYear: number; quarter: number | null },
): ReportingPeriod | undefined {
  return periods.find(
    (p) =>
      p.kind === key.kind &&
      p.fy_start_year === key.fyStartYear &&
      (p.quarter ?? null) === key.quarter,
  );
}

/**
 * The partnership's periods and the return of each organisation whose returns the person can
 * see, for each period (latest first).
 */
export function returnListDocument(
  baseUrl: string,
  actor: Actor,
  partnership: Partnership,
  periods: readonly ReportingPeriod[],
  organisations: readonly Organisation[],
  statuses: readonly {
    organisation_id: string;
    period_id: string;
    status: 'draft' | 'submitted' | 'returned' | 'approved';
    number: number;
  }[],
) {
  const seen = organisations.filter((o) =>
    can(actor, 'return.view', { partnershipId: partnership.id, organisationId: o.id }),
  );
  const byKey = new Map(statuses.map((s) => [`${s.organisation_id} ${s.period_id}`, s]));
  return {
    partnership: { name: partnership.name, slug: partnership.slug },
    periods: periods.map(periodOf),
    returns: periods.flatMap((period) =>
      seen.map((o) => {
        const s = byKey.get(`${o.id} ${period.id}`);
        return {
          organisation: { code: o.code, name: o.name },
          period: periodKey(period),
          status: s?.status ?? ('not-started' as const),
          revision: s?.number ?? null,
          links: { self: `${baseUrl}${returnApiPath(partnership, o, period)}` },
        };
      }),
    ),
  };
}

type Comments = Awaited<ReturnType<ReturnsService['listComments']>>;

/** One return as the person may see it, and what this token may do with it now. */
export function returnDocument(
  baseUrl: string,
  ctx: ReturnContext,
  state: ReturnState,
  comments: Comments,
  actor: Actor,
  scope: TokenScope,
) {
  const target: ReturnTarget = {
    partnershipId: ctx.partnership.id,
    organisationId: ctx.organisation.id,
  };
  const status = state.revision.status;
  const self = `${baseUrl}${returnApiPath(ctx.partnership, ctx.organisation, ctx.period)}`;
  const problems = ReturnsService.submissionProblems(state);
  return {
    organisation: { code: ctx.organisation.code, name: ctx.organisation.name },
    period: periodOf(ctx.period),
    revision: state.revision.number,
    status,
    canSubmit:
      returnActions(actor, target, status).submit &&
      tokenAllows(scope, 'return.submit') &&
      problems.length === 0,
    problems,
    sections: visibleSections(actor, target, state.sections).map((section) => ({
      pillar: section.pillar,
      title: section.title,
      status: ReturnsService.taskStatus(state.revision, state.values, section),
      canEdit:
        isEditable(status) &&
        mayEditSection(actor, target, section.pillar) &&
        tokenAllows(scope, 'return.edit'),
      figures: section.items.map((item) => {
        const v = state.values.get(item.id);
        return {
          item: item.id,
          label: item.label,
          unit: item.unit,
          required: item.required === true,
          wholeNumber: item.integer === true,
          value: v?.value == null ? null : Number(v.value),
          note: v?.note ?? null,
          confidence: v?.confidence ?? null,
        };
      }),
      links: { self: `${self}/sections/${section.pillar}` },
    })),
    queries: comments
      .filter((c) =>
        maySeeFigure(
          actor,
          target,
          c.item_id ? pillarOfItem(state.sections, c.item_id) : undefined,
        ),
      )
      .map((c) => ({
        item: c.item_id,
        from: c.author_side,
        text: c.body,
        at: c.created_at.toISOString(),
      })),
    links: {
      self,
      submit: `${self}/submit`,
      page: `${baseUrl}${returnPath(ctx)}`,
    },
  };
}

/**
 * The section's figures from a request, item by item, as its form would send them (a figure left
 * out is empty); or the items sent that the section does not have.
 */
export function sectionInput(
  section: Section,
  values: Readonly<Record<string, number | string | boolean | null>>,
):
  | { ok: true; raw: Record<string, number | string | boolean | null> }
  | { ok: false; problems: { item: string; message: string }[] } {
  const known = new Set(section.items.map((i) => i.id));
  const unknown = Object.keys(values).filter((k) => !known.has(k));
  if (unknown.length > 0)
    return {
      ok: false,
      problems: unknown.map((item) => ({
        item,
        message: `${section.title} has no figure ${item} in this return`,
      })),
    };
  return {
    ok: true,
    raw: Object.fromEntries(
      section.items.map((i) => [i.id, Object.hasOwn(values, i.id) ? (values[i.id] ?? null) : null]),
    ),
  };
}
