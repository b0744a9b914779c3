/**
 * What each maturity page shows: an organisation's self-assessment for a year (the form, or the
 * ratings to read), the partnership's grid, and a reviewer's page, each built in one place for the
 * GET and for a form sent back with problems.
 */
import { MATURITY_STATEMENTS } from '../../core/framework/maturity.js';
import { MATURITY_LEVEL_NAMES } from '../../core/framework/types.js';
import { fyLabel, fyStartYearOf, isoDate } from '../../core/periods.js';
import { PILLARS } from '../../core/pillars.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import { field, type FormErrors } from '../../http/form-errors.js';
import type { MaturityService } from './maturity.service.js';

export const V = 'features/maturity/views';

type Rows = Awaited<ReturnType<MaturityService['list']>>;

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

export const MATURITY_TAGS: Record<string, { text: string; colour: string }> = {
  submitted: { text: 'Waiting for review', colour: 'blue' },
  agreed: { text: 'Agreed', colour: 'green' },
  queried: { text: 'Queried', colour: 'orange' },
};

const base = (p: Partnership) => `/manage/${p.slug}`;
export const organisationPath = (p: Partnership, o: { id: string }) =>
  `${base(p)}/organisations/${o.id}/maturity`;
export const gridPath = (p: Partnership) => `${base(p)}/maturity`;

export const currentYear = (p: Partnership) => fyStartYearOf(isoDate(new Date()), p.fy_start_month);

/** The financial year asked for, if it is one that can be rated (ten years back to next year). */
export function yearFrom(p: Partnership, raw: string | undefined): number {
  const now = currentYear(p);
  const y = Number(raw);
  return Number.isInteger(y) && y >= now - 10 && y <= now + 1 ? y : now;
}

/** The form's values from saved ratings. */
export const valuesFrom = (rows: Rows) =>
  Object.fromEntries(
    rows.flatMap((r) => [
      [`level-${r.pillar}`, String(r.level)],
      [`evidence-${r.pillar}`, r.evidence],
    ]),
  );

export function organisationPage(
  partnership: Partnership,
  organisation: Organisation,
  year: number,
  rows: Rows,
  form: FormState,
  canEdit: boolean,
) {
  const path = organisationPath(partnership, organisation);
  const now = currentYear(partnership);
  return {
    title: `Maturity self-assessment ${fyLabel(year, partnership.fy_start_month)}`,
    organisation,
    year,
    yearLabel: fyLabel(year, partnership.fy_start_month),
    years: [now - 3, now - 2, now - 1, now].map((y) => ({
      year: y,
      label: fyLabel(y, partnership.fy_start_month),
      href: `${path}?year=${y}`,
      current: y === year,
    })),
    canEdit,
    action: `${path}?year=${year}`,
    pillars: PILLARS.map((p) => {
      const row = rows.find((r) => r.pillar === p.id);
      const statements = MATURITY_STATEMENTS.find((m) => m.pillar === p.id)?.levels ?? [
        [],
        [],
        [],
        [],
      ];
      return {
        ...p,
        row,
        tag: row ? MATURITY_TAGS[row.status] : undefined,
        levels: statements.map((s, i) => ({
          value: String(i + 1),
          text: `Level ${i + 1}: ${MATURITY_LEVEL_NAMES[i]}`,
          statements: s,
          checked: field(form.values, `level-${p.id}`) === String(i + 1),
        })),
      };
    }),
    ...form,
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      { href: `${base(partnership)}/organisations/${organisation.id}`, text: organisation.name },
    ],
  };
}

export function gridPage(
  partnership: Partnership,
  grid: Awaited<ReturnType<MaturityService['grid']>>,
) {
  const now = currentYear(partnership);
  const years = [now - 3, now - 2, now - 1, now];
  return {
    title: 'Maturity across the partnership',
    years: years.map((y) => ({ year: y, label: fyLabel(y, partnership.fy_start_month) })),
    pillars: PILLARS.map((p) => ({
      ...p,
      rows: grid.organisations.map((o) => ({
        organisation: o,
        cells: years.map((y) => {
          const r = grid.ratings.find(
            (x) => x.organisation_id === o.id && x.fy_start_year === y && x.pillar === p.id,
          );
          return {
            level: r?.level,
            tag: r ? MATURITY_TAGS[r.status] : undefined,
            href: `${organisationPath(partnership, o)}/review?year=${y}`,
            needsReview: r?.status === 'submitted',
          };
        }),
      })),
    })),
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}

export function reviewPage(
  partnership: Partnership,
  organisation: Organisation,
  year: number,
  rows: Rows,
  form: FormState,
) {
  return {
    title: `Review ${organisation.name}’s ${fyLabel(year, partnership.fy_start_month)} self-assessment`,
    organisation,
    year,
    yearLabel: fyLabel(year, partnership.fy_start_month),
    rows: rows.map((r) => ({
      ...r,
      pillarTitle: PILLARS.find((p) => p.id === r.pillar)?.title,
      levelName: MATURITY_LEVEL_NAMES[r.level - 1],
      tag: MATURITY_TAGS[r.status],
    })),
    ...form,
    action: `${organisationPath(partnership, organisation)}/review?year=${year}`,
    back: { href: gridPath(partnership), text: 'Back to the maturity grid' },
  };
}
