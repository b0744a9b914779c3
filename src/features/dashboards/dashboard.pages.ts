/**
 * What each dashboard page shows, from the figures read model (FiguresService.read): the
 * partnership's dashboard, an organisation's, and one indicator drilled down to each organisation.
 */
import { registersOf } from '../../core/registers/registers.js';
import { lineChartSvg } from '../../core/charts/svg.js';
import { formatValue } from '../../core/framework/format.js';
import { longDate, STATUS_COLOURS, STATUS_LABELS } from '../../core/framework/status.js';
import { PILLARS_AND_ACCOUNTABILITY } from '../../core/pillars.js';
import { pillarSummary, type IndicatorLine } from '../../core/figures/summary.js';
import { isPartnershipWide } from '../../core/figures/registry.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import {
  dataCoverageText,
  figureBasisText,
  figureText,
  KNOWN_THRESHOLD_PERCENT,
  NOT_REPORTED,
  PARTNERSHIP_WIDE_TEXT,
  totalCoverageText,
  totalNoteText,
} from '../../core/figures/coverage.js';
import {
  FiguresService,
  type IndicatorFigures,
  type PartnershipFigures,
  type TotalFigure,
} from '../figures/figures.service.js';

export const V = 'features/dashboards/views';
const ALL_PILLARS = PILLARS_AND_ACCOUNTABILITY;

/** "4 of 6 organisations; supplier location known for 62.0% of spend". */
function coverage(total: TotalFigure): string {
  const once = total.countedOnce
    ? `; ${total.countedOnce.things.toLocaleString('en-GB')} from the register, each counted once however many members share it`
    : '';
  return `${totalNoteText(total.coverage)}${once}`;
}

function card(
  f: IndicatorFigures,
  targets: PartnershipFigures['targets'],
  organisationId: string | null,
  href: string,
) {
  const unit = f.indicator.unit;
  const figureOf = (p: IndicatorFigures['periods'][number]) =>
    organisationId === null ? p.total : (p.byOrganisation.get(organisationId) ?? null);
  const points = f.periods.map((p) => ({
    label: p.period.label,
    value: figureOf(p)?.value ?? null,
  }));
  // The latest period with a figure, shown or not known.
  const latestIndex = f.periods
    .map((p) => {
      const x = figureOf(p);
      return x !== null && (x.value !== null || !x.known);
    })
    .lastIndexOf(true);
  const latest = latestIndex >= 0 ? f.periods[latestIndex] : undefined;
  const status = FiguresService.status(f, targets, organisationId);
  const targetText = status.target
    ? `${formatValue(status.target.value, unit)} by ${longDate(status.target.date)}`
    : undefined;
  const id = `chart-${f.indicator.id}${organisationId ? '-org' : ''}`;
  return {
    indicator: f.indicator,
    href,
    latest: latest
      ? {
          label: latest.period.label,
          text: figureText(figureOf(latest), unit),
          known: figureOf(latest)?.known ?? true,
          change: FiguresService.change(f, latestIndex, organisationId)?.text,
          threshold: formatValue(KNOWN_THRESHOLD_PERCENT, '%'),
          coverage: organisationId === null ? totalCoverageText(latest.total.coverage) : undefined,
          dataCoverage: dataCoverageText(
            organisationId === null
              ? latest.total.coverage.data
              : latest.byOrganisation.get(organisationId)?.coverage,
          ),
          complete: organisationId === null ? latest.total.complete : true,
          distribution: organisationId === null ? latest.total.distribution : undefined,
        }
      : undefined,
    status: {
      text: STATUS_LABELS[status.status],
      colour: STATUS_COLOURS[status.status],
      reason: status.reason,
    },
    // The target, unless the reason has already said it.
    target: targetText && !status.reason.includes(targetText) ? targetText : undefined,
    chart: points.some((p) => p.value !== null)
      ? lineChartSvg({
          id,
          title: `${f.indicator.id} ${f.indicator.name}`,
          points,
          unit,
          target: status.target?.value ?? null,
        })
      : null,
    hasCoverage:
      organisationId === null ||
      f.periods.some((p) => p.byOrganisation.get(organisationId)?.coverage),
    table: f.periods.map((p) => ({
      period: p.period.label,
      value: figureText(figureOf(p), unit),
      // Never empty: the organisations and data it covers, or what the figure rests on.
      coverage:
        organisationId === null
          ? coverage(p.total)
          : figureBasisText(p.byOrganisation.get(organisationId)),
    })),
  };
}

type Figures = PartnershipFigures;

const base = (p: Partnership) => `/manage/${p.slug}`;

type Scope = { partnership: Partnership; organisation: Organisation | null };

const dashboardPath = (scope: Scope) =>
  scope.organisation
    ? `${base(scope.partnership)}/organisations/${scope.organisation.id}/dashboard`
    : `${base(scope.partnership)}/dashboard`;

/**
 * The pillars that have indicators, each with its indicators' figures. An organisation's have no
 * partnership-wide indicators (C3): no organisation has a figure for them.
 */
function pillarsWithFigures(figures: Figures, organisation: Organisation | null) {
  return ALL_PILLARS.map((pillar) => ({
    pillar,
    indicators: figures.indicators.filter(
      (f) => f.indicator.pillar === pillar.id && !(organisation && isPartnershipWide(f.indicator)),
    ),
  })).filter((p) => p.indicators.length > 0);
}

/** One indicator's latest figure and status, as a line of the overview counts it. */
function indicatorLine(
  f: IndicatorFigures,
  targets: Figures['targets'],
  organisationId: string | null,
): IndicatorLine {
  const figureOf = (p: IndicatorFigures['periods'][number]) =>
    organisationId === null ? p.total : (p.byOrganisation.get(organisationId) ?? null);
  const latest = [...f.periods].reverse().find((p) => {
    const x = figureOf(p);
    return x !== null && (x.value !== null || !x.known);
  });
  const figure = latest ? figureOf(latest) : null;
  return {
    status: FiguresService.status(f, targets, organisationId).status,
    shown: figure !== null && figure.value !== null,
    notKnown: figure !== null && !figure.known,
    organisations:
      organisationId === null && !isPartnershipWide(f.indicator)
        ? (latest?.total.coverage.organisations ?? {
            reporting: 0,
            expected: expectedOf(f),
          })
        : null,
  };
}

const expectedOf = (f: IndicatorFigures) => f.periods[0]?.total.expected ?? 0;

/** The overview: one line per pillar, linking to the pillar's page. */
function overview(scope: Scope, figures: Figures) {
  const organisationId = scope.organisation?.id ?? null;
  return pillarsWithFigures(figures, scope.organisation).map(({ pillar, indicators }) => {
    const summary = pillarSummary(
      indicators.map((f) => indicatorLine(f, figures.targets, organisationId)),
    );
    return {
      id: pillar.id,
      title: pillar.title,
      href: `${dashboardPath(scope)}/pillars/${pillar.id}`,
      lines: [summary.figuresText, summary.statusText, summary.coverageText].filter(
        (x): x is string => Boolean(x),
      ),
    };
  });
}

export function partnershipDashboardPage(partnership: Partnership, figures: Figures) {
  return {
    title: `${partnership.name} dashboard`,
    heading: 'Partnership dashboard',
    scope: 'partnership',
    organisations: figures.organisations,
    pillars: overview({ partnership, organisation: null }, figures),
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}

export function organisationDashboardPage(
  partnership: Partnership,
  organisation: Organisation,
  figures: Figures,
) {
  return {
    title: `${organisation.name} dashboard`,
    heading: organisation.name,
    scope: 'organisation',
    organisation,
    pillars: overview({ partnership, organisation }, figures),
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      {
        href: `${base(partnership)}/organisations/${organisation.id}`,
        text: organisation.name,
      },
    ],
  };
}

/**
 * One pillar's indicators with their figures, coverage, status, change and trend, for the
 * partnership (organisation null) or one organisation; undefined for a pillar with no indicators.
 */
export function pillarDashboardPage(
  partnership: Partnership,
  organisation: Organisation | null,
  figures: Figures,
  pillarId: string,
) {
  const found = pillarsWithFigures(figures, organisation).find((p) => p.pillar.id === pillarId);
  if (!found) return undefined;
  const scope = { partnership, organisation };
  const organisationId = organisation?.id ?? null;
  const href = (f: IndicatorFigures) =>
    organisation
      ? `${base(partnership)}/organisations/${organisation.id}/targets`
      : `${base(partnership)}/dashboard/${f.indicator.id}`;
  const name = organisation ? organisation.name : 'Partnership dashboard';
  return {
    title: `${found.pillar.title}: ${organisation ? organisation.name : partnership.name} dashboard`,
    heading: found.pillar.title,
    caption: name,
    summary: found.pillar.summary,
    scope: organisation ? 'organisation' : 'partnership',
    organisation,
    cards: found.indicators.map((f) => card(f, figures.targets, organisationId, href(f))),
    registers: [
      ...(organisation
        ? registersOf(pillarId).map((r) => ({
            href: `${base(partnership)}/organisations/${organisation.id}/registers/${r.id}`,
            text: `${r.title} (register feeding ${r.indicator === 'C1' ? 'C1 and C2' : r.indicator})`,
          }))
        : []),
      ...(pillarId === 'partners'
        ? [
            {
              href: `${base(partnership)}/initiatives`,
              text: 'Joint initiatives (register feeding L1 to L3)',
            },
          ]
        : []),
    ],
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      ...(organisation
        ? [
            {
              href: `${base(partnership)}/organisations/${organisation.id}`,
              text: organisation.name,
            },
          ]
        : []),
      { href: dashboardPath(scope), text: 'Dashboard' },
    ],
  };
}

/**
 * One indicator by period, each organisation's figure beside the total; an organisation's figure
 * links to its return when the reader may see it.
 */
export function drilldownPage(
  partnership: Partnership,
  figures: Figures,
  f: IndicatorFigures,
  maySeeReturn: (organisationId: string) => boolean,
) {
  const unit = f.indicator.unit;
  return {
    title: `${f.indicator.id} ${f.indicator.name}`,
    card: card(f, figures.targets, null, ''),
    partnershipWide: isPartnershipWide(f.indicator) ? PARTNERSHIP_WIDE_TEXT : undefined,
    periods: [...f.periods].reverse().map((p) => ({
      label: p.period.label,
      change: p.change?.text,
      total: figureText(p.total, unit),
      coverage: coverage(p.total),
      complete: p.total.complete,
      method: p.total.method,
      parts:
        p.total.numerator !== undefined && p.total.denominator !== undefined
          ? `${p.total.numerator.toLocaleString('en-GB')} ÷ ${p.total.denominator.toLocaleString('en-GB')}`
          : undefined,
      organisations: (isPartnershipWide(f.indicator) ? [] : figures.organisations).map((o) => {
        const r = p.byOrganisation.get(o.id);
        return {
          name: o.name,
          value: r ? figureText(r, unit) : NOT_REPORTED,
          parts:
            [
              r?.numerator !== undefined && r.denominator !== undefined
                ? `${r.numerator.toLocaleString('en-GB')} ÷ ${r.denominator.toLocaleString('en-GB')}`
                : undefined,
              dataCoverageText(r?.coverage),
            ]
              .filter(Boolean)
              .join('; ') || undefined,
          href: maySeeReturn(o.id)
            ? `${base(partnership)}/organisations/${o.id}/returns/${p.period.id}`
            : undefined,
        };
      }),
    })),
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      { href: `${base(partnership)}/dashboard`, text: 'Dashboard' },
    ],
  };
}
