/**
 * Open data from a published snapshot: one row per indicator, period and figure (the partnership
 * total, and each organisation whose own figure is published), the same figures and words the
 * public page shows, for CSV and JSON. The data dictionary describes every column, and every
 * download carries the Open Government Licence v3.0 attribution and when it was published.
 * Pure: the snapshot in, rows and words out.
 */
import { totalUnit } from '../framework/rollup.js';
import type { Snapshot } from './snapshot.js';

export const OGL_ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0.';
export const OGL_URL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** The columns, in order, with what each holds: the data dictionary. */
export const FIGURE_COLUMNS = [
  ['indicator_code', 'The indicator’s code in the framework, for example W1.'],
  ['indicator_name', 'The indicator’s name.'],
  ['pillar', 'The pillar the indicator belongs to.'],
  [
    'unit',
    'The unit of the value: %, count, £, hours, tCO2e, kWh, tonnes, m³, ratio, yes/no or level. An organisation’s yes/no figure is 1 (yes) or 0 (no); the partnership’s figure of a yes/no indicator is a count: how many organisations answered yes, of those that answered (value_text says of how many).',
  ],
  ['period', 'The reporting period: a financial year (2025/26) or a quarter of one (Q1 2025/26).'],
  ['period_start', 'The first day of the period (YYYY-MM-DD).'],
  ['period_end', 'The last day of the period (YYYY-MM-DD).'],
  ['level', '“partnership” for the partnership’s figure, “organisation” for one organisation’s.'],
  [
    'organisation_id',
    'The organisation’s identifier (empty for the partnership’s figure). It does not change.',
  ],
  [
    'organisation_name',
    'The organisation’s name as published (empty for the partnership’s figure).',
  ],
  [
    'value',
    'The figure as a number, in full precision; empty when there is none, it is not known, or it is hidden to protect the people counted.',
  ],
  [
    'value_text',
    'The figure as the page shows it, for example 95.4%, No data, Not known or Fewer than 10.',
  ],
  ['hidden', '“yes” when disclosure control hid the figure, otherwise “no”.'],
  ['note', 'What the figure covers or rests on, as the page says beside it.'],
  [
    'change',
    'The change from the period before, like for like, in words (partnership figures only); the page says it for the latest period of the year.',
  ],
  [
    'status',
    'On track, at risk, off track, no target or no data, against the partnership’s target (partnership figures only, on the year’s last period).',
  ],
  [
    'revision',
    'The revision of the publication these figures come from (1, then one more for each correction).',
  ],
  ['published', 'The day this revision was published (YYYY-MM-DD).'],
  [
    'licence',
    `The licence the figure is published under: Open Government Licence v3.0 (${OGL_URL}). ${OGL_ATTRIBUTION}`,
  ],
] as const;

/** What the licence column holds on every row. */
export const OGL_NAME = 'Open Government Licence v3.0';

export type FigureColumn = (typeof FIGURE_COLUMNS)[number][0];
export type FigureRow = Readonly<Record<FigureColumn, string | number | null>>;

export interface PublicationMeta {
  readonly revision: number;
  /** ISO date. */
  readonly published: string;
  readonly correctionReason: string | null;
}

/** Every published figure of the snapshot as a row, in the page's order. */
export function figureRows(snapshot: Snapshot, meta: PublicationMeta): FigureRow[] {
  const names = new Map(snapshot.organisations.map((o) => [o.id, o.name]));
  const rows: FigureRow[] = [];
  for (const i of snapshot.indicators) {
    i.periods.forEach((p, n) => {
      const base = {
        indicator_code: i.id,
        indicator_name: i.name,
        pillar: i.pillar,
        unit: i.unit,
        period: p.label,
        period_start: p.startsOn,
        period_end: p.endsOn,
        revision: meta.revision,
        published: meta.published,
        licence: OGL_NAME,
      };
      rows.push({
        ...base,
        // A yes/no indicator's partnership figure counts organisations answering yes.
        unit: totalUnit(i.unit),
        level: 'partnership',
        organisation_id: null,
        organisation_name: null,
        value: p.total.value,
        value_text: p.total.text,
        hidden: p.total.hidden ? 'yes' : 'no',
        note: p.total.note,
        change: p.change,
        status: n === i.periods.length - 1 ? i.status.label : null,
      });
      for (const id of i.organisationsShown) {
        const f = p.organisations[id];
        rows.push({
          ...base,
          level: 'organisation',
          organisation_id: id,
          organisation_name: names.get(id) ?? null,
          value: f ? f.value : null,
          value_text: f ? f.text : 'Not reported',
          hidden: f?.hidden ? 'yes' : 'no',
          note: f ? f.note : '',
          change: null,
          status: null,
        });
      }
    });
  }
  return rows;
}

/** The rows as CSV cells (header first), numbers written in full, empty for none. */
export function figureTable(rows: readonly FigureRow[]): string[][] {
  return [
    FIGURE_COLUMNS.map(([name]) => name),
    ...rows.map((r) =>
      FIGURE_COLUMNS.map(([name]) => {
        const v = r[name];
        return v === null ? '' : String(v);
      }),
    ),
  ];
}

/** The JSON document of a publication: what it is, its licence, its dictionary and its rows. */
export function figureDocument(
  snapshot: Snapshot,
  meta: PublicationMeta,
  links: { readonly self: string; readonly page: string; readonly dictionary: string },
) {
  return {
    title: `${snapshot.partnership.name}: figures for ${snapshot.year.label}`,
    publisher: snapshot.partnership.name,
    year: snapshot.year.label,
    revision: meta.revision,
    published: meta.published,
    correction: meta.correctionReason,
    figuresAsOf: snapshot.figuresAsOf,
    licence: { name: 'Open Government Licence v3.0', url: OGL_URL, attribution: OGL_ATTRIBUTION },
    links,
    columns: FIGURE_COLUMNS.map(([name, description]) => ({ name, description })),
    rows: figureRows(snapshot, meta),
  };
}
