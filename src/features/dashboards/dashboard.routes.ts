/** Internal dashboards: the partnership's, an organisation's, and one indicator drilled down to each organisation and its evidence. */
import type { FastifyInstance } from 'fastify';
import { lineChartSvg } from '../../core/charts/svg.js';
import { formatValue } from '../../core/framework/format.js';
import { longDate, STATUS_COLOURS, STATUS_LABELS } from '../../core/framework/status.js';
import { PILLARS } from '../../core/pillars.js';
import { can, type Actor } from '../../core/roles.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../core/errors.js';
import type { DataCoverage } from '../../core/figures/coverage.js';
import {
  FiguresService,
  type IndicatorFigures,
  type PartnershipFigures,
  type TotalFigure,
} from '../figures/figures.service.js';

const V = 'features/dashboards/views';
const ALL_PILLARS = [
  ...PILLARS,
  { id: 'accountability', title: 'Accountability and transparency', summary: '' },
];

function coverage(total: TotalFigure): string {
  const { reporting, expected } = total.coverage.organisations;
  const data = dataKnown(total.coverage.data);
  return `${reporting} of ${expected} organisations${data ? `; ${data}` : ''}`;
}

/** "spend with a known supplier location: 62.4%", or undefined when the figure reports none. */
function dataKnown(data: DataCoverage | null | undefined): string | undefined {
  return data && data.percent !== null
    ? `${data.describes}: ${formatValue(data.percent, '%')}`
    : undefined;
}

function card(
  f: IndicatorFigures,
  targets: PartnershipFigures['targets'],
  organisationId: string | null,
  href: string,
) {
  const unit = f.indicator.unit;
  const points = f.periods.map((p) => ({
    label: p.period.label,
    value:
      organisationId === null
        ? p.total.value
        : (p.byOrganisation.get(organisationId)?.value ?? null),
  }));
  const latestIndex = points.map((p) => p.value !== null).lastIndexOf(true);
  const latest = latestIndex >= 0 ? f.periods[latestIndex] : undefined;
  const status = FiguresService.status(f, targets, organisationId);
  const id = `chart-${f.indicator.id}${organisationId ? '-org' : ''}`;
  return {
    indicator: f.indicator,
    href,
    latest: latest
      ? {
          label: latest.period.label,
          text: formatValue(points[latestIndex]?.value ?? null, unit),
          coverage: organisationId === null ? coverage(latest.total) : undefined,
          dataCoverage: capitalise(
            dataKnown(
              organisationId === null
                ? latest.total.coverage.data
                : latest.byOrganisation.get(organisationId)?.coverage,
            ),
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
    target: status.target
      ? `${formatValue(status.target.value, unit)} by ${longDate(status.target.date)}`
      : undefined,
    chart: points.some((p) => p.value !== null)
      ? lineChartSvg({
          id,
          title: `${f.indicator.id} ${f.indicator.name}`,
          points,
          unit,
          target: status.target?.value ?? null,
        })
      : null,
    table: f.periods.map((p, i) => ({
      period: p.period.label,
      value: formatValue(points[i]?.value ?? null, unit),
      coverage: organisationId === null ? coverage(p.total) : undefined,
    })),
  };
}

function capitalise(s: string | undefined): string | undefined {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : undefined;
}

export function registerDashboardRoutes(app: FastifyInstance, deps: Deps) {
  const figuresOf = (partnershipId: string) => deps.figures.read(partnershipId);
  const base = (p: Partnership) => `/manage/${p.slug}`;

  app.get<{ Params: { slug: string } }>(
    '/manage/:slug/dashboard',
    { config: { access: 'dashboard.partnership.view' } },
    async function partnershipDashboardGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const figures = await figuresOf(partnership.id);
      return reply.page(`${V}/dashboard.njk`, {
        title: `${partnership.name} dashboard`,
        heading: 'Partnership dashboard',
        scope: 'partnership',
        organisations: figures.organisations,
        pillars: ALL_PILLARS.map((pillar) => ({
          ...pillar,
          cards: figures.indicators
            .filter((f) => f.indicator.pillar === pillar.id)
            .map((f) =>
              card(f, figures.targets, null, `${base(partnership)}/dashboard/${f.indicator.id}`),
            ),
        })).filter((p) => p.cards.length),
        breadcrumbs: [{ href: base(partnership), text: partnership.name }],
      });
    },
  );

  app.get<{ Params: { slug: string; code: string } }>(
    '/manage/:slug/dashboard/:code',
    { config: { access: 'dashboard.partnership.view' } },
    async function indicatorDrilldownGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const figures = await figuresOf(partnership.id);
      const f = figures.indicators.find((i) => i.indicator.id === request.params.code);
      if (!f) throw notFound();
      const unit = f.indicator.unit;
      const actor = request.actor as Actor;
      return reply.page(`${V}/drilldown.njk`, {
        title: `${f.indicator.id} ${f.indicator.name}`,
        card: card(f, figures.targets, null, ''),
        periods: [...f.periods].reverse().map((p) => ({
          label: p.period.label,
          total: formatValue(p.total.value, unit),
          coverage: coverage(p.total),
          complete: p.total.complete,
          method: p.total.method,
          parts:
            p.total.numerator !== undefined && p.total.denominator !== undefined
              ? `${p.total.numerator.toLocaleString('en-GB')} ÷ ${p.total.denominator.toLocaleString('en-GB')}`
              : undefined,
          organisations: figures.organisations.map((o) => {
            const r = p.byOrganisation.get(o.id);
            return {
              name: o.name,
              value: r ? formatValue(r.value, unit) : 'Not reported',
              parts:
                [
                  r?.numerator !== undefined && r.denominator !== undefined
                    ? `${r.numerator.toLocaleString('en-GB')} ÷ ${r.denominator.toLocaleString('en-GB')}`
                    : undefined,
                  dataKnown(r?.coverage),
                ]
                  .filter(Boolean)
                  .join('; ') || undefined,
              href: can(actor, 'return.view', {
                partnershipId: partnership.id,
                organisationId: o.id,
              })
                ? `${base(partnership)}/organisations/${o.id}/returns/${p.period.id}`
                : undefined,
            };
          }),
        })),
        breadcrumbs: [
          { href: base(partnership), text: partnership.name },
          { href: `${base(partnership)}/dashboard`, text: 'Dashboard' },
        ],
      });
    },
  );

  app.get<{ Params: { slug: string; orgId: string } }>(
    '/manage/:slug/organisations/:orgId/dashboard',
    { config: { access: 'dashboard.organisation.view' } },
    async function organisationDashboardGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const figures = await figuresOf(partnership.id);
      return reply.page(`${V}/dashboard.njk`, {
        title: `${organisation.name} dashboard`,
        heading: organisation.name,
        scope: 'organisation',
        organisation,
        pillars: ALL_PILLARS.map((pillar) => ({
          ...pillar,
          cards: figures.indicators
            .filter((f) => f.indicator.pillar === pillar.id)
            .map((f) =>
              card(
                f,
                figures.targets,
                organisation.id,
                `${base(partnership)}/organisations/${organisation.id}/targets`,
              ),
            ),
        })).filter((p) => p.cards.length),
        breadcrumbs: [
          { href: base(partnership), text: partnership.name },
          {
            href: `${base(partnership)}/organisations/${organisation.id}`,
            text: organisation.name,
          },
        ],
      });
    },
  );
}
