/**
 * What each environment page shows, built in one place for the GET and for a form sent back:
 * an organisation's emissions by year and source (the factor beside each figure) and its net-zero
 * paths; the manual entry form for a year; the partnership's page; and the platform's factor sets.
 */
import {
  ACTIVITIES,
  ACTIVITY_GROUPS,
  activityByCode,
  type ActivityGroup,
} from '../../core/carbon/activities.js';
import type { Emissions, EmissionLine } from '../../core/carbon/emissions.js';
import {
  NHS_TRAJECTORIES,
  reductionSince,
  type Baseline,
  type Trajectory,
} from '../../core/carbon/trajectory.js';
import { trajectoryChartSvg, trajectoryRows } from '../../core/charts/trajectory.js';
import { formatValue } from '../../core/framework/format.js';
import { fyLabel, fyStartYearOf, isoDate } from '../../core/periods.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import { field, type FormErrors } from '../../http/form-errors.js';
import type { FactorSetRow } from './carbon.repo.js';
import {
  quantityField,
  type OrganisationEnvironment,
  type PartnershipEnvironment,
  type SeriesPoint,
} from './environment.service.js';
import { HAND_ENTERED_FACTORS } from './factors.service.js';

export const V = 'features/carbon/views';

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

const base = (p: Partnership) => `/manage/${p.slug}`;
export const organisationPath = (p: Partnership, o: { id: string }) =>
  `${base(p)}/organisations/${o.id}/environment`;
export const activityPath = (p: Partnership, o: { id: string }) =>
  `${organisationPath(p, o)}/activity`;
export const partnershipPath = (p: Partnership) => `${base(p)}/environment`;
export const FACTORS_PATH = '/admin/factors';

export const currentYear = (p: Partnership) => fyStartYearOf(isoDate(new Date()), p.fy_start_month);

/**
 * How many financial years back environment data reaches, this one included: back to 2007/08,
 * the first year of the NHS factor series. The pages, the form and the imports offer the same.
 */
export const ENVIRONMENT_YEARS = 20;

/** A financial year asked for, if within ENVIRONMENT_YEARS; otherwise `fallback` or last year. */
export function yearFrom(p: Partnership, raw: string | undefined, fallback?: number): number {
  const now = currentYear(p);
  const y = Number(raw);
  return Number.isInteger(y) && y > now - ENVIRONMENT_YEARS && y <= now ? y : (fallback ?? now - 1);
}

/** The comparison basis from the query: "own" (default) or a factor year some set holds. */
export function basisFrom(raw: string | undefined, factorYears: readonly number[]): number | null {
  const y = Number(raw);
  return Number.isInteger(y) && factorYears.includes(y) ? y : null;
}

const t = (v: number | null) => formatValue(v, 'tCO2e');
const tText = (v: string | null) => (v === null ? 'Not known' : t(Number(v)));
const quantityText = (q: string) => Number(q).toLocaleString('en-GB', { maximumFractionDigits: 3 });

function basisLinks(
  path: string,
  factorYears: readonly number[],
  factorYear: number | null,
  extra = '',
) {
  return [
    {
      text: 'Each year’s own factors',
      href: `${path}${extra ? `?${extra}` : ''}`,
      current: factorYear === null,
    },
    ...factorYears
      .filter((y) => y >= 2019)
      .map((y) => ({
        text: `At ${y}’s factors`,
        href: `${path}?basis=${y}${extra ? `&${extra}` : ''}`,
        current: factorYear === y,
      })),
  ];
}

function basisText(factorYear: number | null) {
  return factorYear === null
    ? 'each year’s own conversion factors'
    : `${factorYear}’s conversion factors for every year (a change here is a change in activity, not in the factors)`;
}

function factorText(l: EmissionLine, year: number) {
  if (!l.factor) return 'No factor loaded for this year or any year before';
  const f = l.factor;
  const note = f.year !== year ? ` (no ${year} factor: ${f.year}’s used)` : '';
  // "per cubic metre", not "per cubic metres".
  const per = f.uom.replace(/^(litre|tonne|cubic metre|mile|kilometre)s$/i, '$1');
  return `${Number(f.kgCO2ePerUnit).toLocaleString('en-GB', { maximumFractionDigits: 6 })} kg CO2e per ${per}, ${f.year}${note}`;
}

function sourceRows(e: Emissions, askedYear: number) {
  return e.lines.map((l) => [
    {
      text:
        (activityByCode(l.activity)?.parts.length ?? 0) > 1 ? `${l.label} (${l.part})` : l.label,
    },
    { text: `Scope ${l.scope}` },
    { text: `${quantityText(l.quantity)} ${l.unit}`, format: 'numeric' },
    { text: factorText(l, askedYear) },
    { text: l.factor?.setName ?? '—' },
    { text: tText(l.tCO2e), format: 'numeric' },
  ]);
}

function chart(
  id: string,
  who: string,
  trajectory: Trajectory,
  baseline: Baseline | null,
  series: readonly SeriesPoint[],
) {
  const rows = trajectoryRows(trajectory, baseline, series);
  const known = series.some((s) => s.tCO2e !== null);
  return {
    id,
    name: trajectory.name,
    covers: trajectory.covers.charAt(0).toUpperCase() + trajectory.covers.slice(1),
    heading: `${who}: ${trajectory.name} path`,
    svg: known
      ? trajectoryChartSvg({
          id,
          title: `${who}: ${trajectory.covers} against the ${trajectory.name} path`,
          trajectory,
          rows,
        })
      : null,
    baselineText: baseline
      ? `Baseline: ${fyLabel(baseline.year)}, ${t(baseline.tCO2e)}, the earliest year with these emissions known, standing in for the 1990-equivalent baseline.`
      : 'No baseline yet: no year has these emissions known.',
    tableRows: rows
      .filter(
        (r) =>
          r.tCO2e !== null ||
          r.year % 5 === 0 ||
          r.year === trajectory.netZeroYear ||
          r.year === trajectory.interim.to,
      )
      .map((r) => [
        { text: r.label },
        { text: r.tCO2e === null ? '—' : t(r.tCO2e), format: 'numeric' },
        { text: r.pathTCO2e === null ? '—' : t(r.pathTCO2e), format: 'numeric' },
        { text: r.onTrack === null ? '—' : r.onTrack ? 'Yes' : 'No' },
      ]),
  };
}

function methodology(sets: readonly FactorSetRow[]) {
  return {
    sets: sets.map((s) => ({
      name: s.name,
      years:
        s.years.length > 1
          ? `${s.years[0]} to ${s.years[s.years.length - 1]}`
          : String(s.years[0] ?? ''),
      factors: s.factor_count.toLocaleString('en-GB'),
      source:
        s.source === 'manual'
          ? 'entered by hand'
          : s.source === 'nhs-sdu-series'
            ? 'NHS Sustainable Development Unit series'
            : 'UK Government flat file',
    })),
  };
}

/** E2 for a year: its reduction in E1 since the baseline (the earliest year with E1 known). */
function e2Text(env: OrganisationEnvironment, year: number): string {
  const baseline = env.baselines.footprint;
  if (baseline?.year === year) return 'Baseline';
  const e1 = env.footprint.find((p) => p.year === year)?.tCO2e ?? null;
  const r = reductionSince(baseline, e1);
  return r === null ? 'Not known' : formatValue(r, '%');
}

export function organisationPage(
  partnership: Partnership,
  organisation: Organisation,
  env: OrganisationEnvironment,
  options: { factorYear: number | null; year: number; canEdit: boolean },
) {
  const path = organisationPath(partnership, organisation);
  const withData = env.years.filter((y) => y.emissions !== null);
  const selected = env.years.find((y) => y.fyStartYear === options.year);
  const basis = options.factorYear === null ? '' : `basis=${options.factorYear}`;
  return {
    title: `Environment: ${organisation.name}`,
    organisation,
    basisLinks: basisLinks(path, env.factorYears, options.factorYear, `year=${options.year}`),
    basisText: basisText(options.factorYear),
    summaryRows: withData.map((y) => {
      const e = y.emissions as Emissions;
      return [
        {
          html: `<a href="${path}?year=${y.fyStartYear}${basis ? `&${basis}` : ''}">${fyLabel(y.fyStartYear, partnership.fy_start_month)}</a>`,
        },
        { text: tText(e.byScope[1].tCO2e), format: 'numeric' },
        { text: tText(e.byScope[2].tCO2e), format: 'numeric' },
        { text: tText(e.byIndicator.E1.tCO2e), format: 'numeric' },
        { text: e2Text(env, y.fyStartYear), format: 'numeric' },
        {
          text: e.byIndicator.E5.sources ? tText(e.byIndicator.E5.tCO2e) : 'No data',
          format: 'numeric',
        },
        {
          text: e.byIndicator.E6.sources ? tText(e.byIndicator.E6.tCO2e) : 'No data',
          format: 'numeric',
        },
        {
          text: y.renewable
            ? `${formatValue(y.renewable.percent, '%')} of ${quantityText(y.renewable.whole)} kWh`
            : 'No data',
        },
        {
          text: y.recycled
            ? `${formatValue(y.recycled.percent, '%')} of ${quantityText(y.recycled.whole)} tonnes`
            : 'No data',
        },
      ];
    }),
    years: env.years.map((y) => ({
      label: fyLabel(y.fyStartYear, partnership.fy_start_month),
      href: `${path}?year=${y.fyStartYear}${basis ? `&${basis}` : ''}`,
      current: y.fyStartYear === options.year,
    })),
    yearLabel: fyLabel(options.year, partnership.fy_start_month),
    sources: selected?.emissions
      ? sourceRows(selected.emissions, options.factorYear ?? options.year)
      : [],
    missing: selected?.emissions
      ? [
          ...new Set([
            ...selected.emissions.byIndicator.E1.missing,
            ...selected.emissions.byIndicator.E6.missing,
          ]),
        ]
      : [],
    recorded: selected ? recordedText(selected.rows) : null,
    editHref: options.canEdit
      ? `${activityPath(partnership, organisation)}?year=${options.year}`
      : null,
    imports: options.canEdit
      ? {
          template: `/manage/${partnership.slug}/organisations/${organisation.id}/environment/template.csv`,
          activity: `/manage/${partnership.slug}/organisations/${organisation.id}/environment/template/import`,
          eric: `/manage/${partnership.slug}/organisations/${organisation.id}/environment/eric/import`,
        }
      : null,
    charts: [
      chart(
        'footprint',
        organisation.name,
        NHS_TRAJECTORIES['carbon-footprint'],
        env.baselines.footprint,
        env.footprint,
      ),
      chart(
        'footprint-plus',
        organisation.name,
        NHS_TRAJECTORIES['carbon-footprint-plus'],
        env.baselines.footprintPlus,
        env.footprintPlus,
      ),
    ],
    methodology: methodology(env.factorSets),
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      { href: `${base(partnership)}/organisations/${organisation.id}`, text: organisation.name },
    ],
  };
}

export function activityFormValues(env: OrganisationEnvironment, year: number) {
  const y = env.years.find((x) => x.fyStartYear === year);
  return Object.fromEntries(
    [...(y?.rows.values() ?? [])]
      .filter((r) => r.quantity !== null)
      .map((r) => [quantityField(r.activity), r.quantity]),
  );
}

export function activityPage(
  partnership: Partnership,
  organisation: Organisation,
  year: number,
  form: FormState,
) {
  const now = currentYear(partnership);
  const path = activityPath(partnership, organisation);
  return {
    title: `Activity data ${fyLabel(year, partnership.fy_start_month)}: ${organisation.name}`,
    organisation,
    yearLabel: fyLabel(year, partnership.fy_start_month),
    // The last six years, and the year asked for when it is older.
    years: [
      ...(year < now - 5 ? [year] : []),
      ...Array.from({ length: 6 }, (_, i) => now - 5 + i),
    ].map((y) => ({
      label: fyLabel(y, partnership.fy_start_month),
      href: `${path}?year=${y}`,
      current: y === year,
    })),
    action: `${path}?year=${year}`,
    groups: (Object.keys(ACTIVITY_GROUPS) as ActivityGroup[]).map((g) => ({
      legend: ACTIVITY_GROUPS[g],
      fields: ACTIVITIES.filter((a) => a.group === g).map((a) => ({
        id: quantityField(a.code),
        label: a.label,
        hint: a.hint,
        unit: a.unit,
        value: field(form.values, quantityField(a.code)),
        error: form.errors.byField[quantityField(a.code)],
      })),
    })),
    ...form,
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      { href: `${base(partnership)}/organisations/${organisation.id}`, text: organisation.name },
      { href: `${organisationPath(partnership, organisation)}?year=${year}`, text: 'Environment' },
    ],
  };
}

export function partnershipPage(
  partnership: Partnership,
  env: PartnershipEnvironment,
  options: { factorYear: number | null },
) {
  const path = partnershipPath(partnership);
  const label = (y: number) => fyLabel(y, partnership.fy_start_month);
  return {
    title: `Environment across ${partnership.name}`,
    basisLinks: basisLinks(path, env.factorYears, options.factorYear),
    basisText: basisText(options.factorYear),
    head: [
      { text: 'Organisation' },
      ...env.years.map((y) => ({ text: label(y), format: 'numeric' })),
    ],
    rows: [
      ...env.organisations.map((o) => [
        { html: `<a href="${organisationPath(partnership, o)}">${escapeHtml(o.name)}</a>` },
        ...o.footprint.map((p) => ({
          text: p.tCO2e === null ? '—' : t(p.tCO2e),
          format: 'numeric',
        })),
      ]),
      [
        { html: '<strong>Partnership</strong>' },
        ...env.footprint.map((p) => ({
          html:
            p.organisations === 0
              ? '—'
              : `<strong>${escapeHtml(p.tCO2e === null ? 'Not known' : t(p.tCO2e))}</strong> (${p.organisations} ${p.organisations === 1 ? 'organisation' : 'organisations'})`,
          format: 'numeric',
        })),
      ],
    ],
    charts: [
      chart(
        'p-footprint',
        partnership.name,
        NHS_TRAJECTORIES['carbon-footprint'],
        env.baselines.footprint,
        env.footprint,
      ),
      chart(
        'p-footprint-plus',
        partnership.name,
        NHS_TRAJECTORIES['carbon-footprint-plus'],
        env.baselines.footprintPlus,
        env.footprintPlus,
      ),
    ],
    methodology: methodology(env.factorSets),
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}

export function factorsPage(sets: readonly FactorSetRow[], form: FormState) {
  return {
    title: 'Conversion factors',
    rows: sets.map((s) => [
      { text: String(s.version) },
      { text: s.name },
      {
        text:
          s.years.length > 1
            ? `${s.years[0]} to ${s.years[s.years.length - 1]}`
            : String(s.years[0] ?? ''),
      },
      { text: s.factor_count.toLocaleString('en-GB'), format: 'numeric' },
      { text: isoDate(new Date(s.created_at)) },
    ]),
    fields: HAND_ENTERED_FACTORS.filter((f) => f.scope !== 3).map((f) => ({
      id: `f-${f.key.replace('.', '-')}`,
      label: f.label,
      unit: `kg CO2e per ${f.unit}`,
      value: field(form.values, `f-${f.key.replace('.', '-')}`),
      error: form.errors.byField[`f-${f.key.replace('.', '-')}`],
    })),
    ...form,
    breadcrumbs: [{ href: '/admin', text: 'Platform' }],
  };
}

/** How a year's figures were recorded, in one sentence: "18 entered by hand; 2 from an ERIC return". */
function recordedText(
  rows: ReadonlyMap<
    string,
    { quantity: string | null; source: string; source_detail: string | null }
  >,
) {
  const counts = new Map<string, number>();
  for (const r of rows.values()) {
    if (r.quantity === null) continue;
    const how =
      r.source === 'manual'
        ? 'entered by hand'
        : r.source === 'eric'
          ? `from an ERIC return${r.source_detail ? ` (${r.source_detail})` : ''}`
          : `from a template${r.source_detail ? ` (${r.source_detail})` : ''}`;
    counts.set(how, (counts.get(how) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  return `Activity figures recorded: ${[...counts].map(([how, n]) => `${n} ${how}`).join('; ')}.`;
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
