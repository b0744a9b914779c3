/**
 * Pledges with how each is going, judged by core/charter/pledges.ts: for staff, on the pledging
 * organisation's figures in the figures read model (FiguresService.read); in public, only on what
 * the partnership has published (core/publishing/pledges.ts), never on figures not yet published.
 */
import { pledgeProgress, type PledgeFigure } from '../../core/charter/pledges.js';
import { publishedPledge, type PublishedYear } from '../../core/publishing/pledges.js';
import type { PartnershipFigures } from '../figures/figures.service.js';
import type { Indicator } from '../framework/framework.repo.js';
import type { CharterItem, CharterPledge } from './charter.service.js';
import { pledgeView, type PledgeView } from './charter.pages.js';

export function pledgeViews(
  pledges: readonly (CharterPledge & { organisation_name: string })[],
  commitments: readonly CharterItem[],
  figures: PartnershipFigures,
  today: string,
  options: { hrefs?: (p: CharterPledge) => { change: string; withdraw: string } } = {},
): PledgeView[] {
  const byCode = new Map<string, Indicator>(
    figures.indicators.map((f) => [f.indicator.id, f.indicator]),
  );
  const byKey = new Map(commitments.map((c) => [c.key, c]));
  return pledges.map((p) => {
    const found = p.indicator_code
      ? figures.indicators.find((f) => f.indicator.id === p.indicator_code)
      : undefined;
    const series: PledgeFigure[] = found
      ? found.periods.map((period) => {
          const figure = period.byOrganisation.get(p.organisation_id);
          return {
            value: figure && figure.known ? figure.value : null,
            label: period.period.label,
            endsOn: period.period.ends_on,
          };
        })
      : [];
    const progress = pledgeProgress(
      {
        targetValue: p.target_value !== null ? Number(p.target_value) : null,
        dueOn: p.due_on,
        withdrawnOn: p.withdrawn_on,
      },
      found ? found.indicator : null,
      series,
      today,
    );
    return pledgeView(p, byKey, byCode, progress, options.hrefs?.(p));
  });
}

/**
 * The public charter's pledges: each judged today on the latest publication and the years
 * published up to it; with nothing published, none has a figure.
 */
export function publishedPledgeViews(
  pledges: readonly (CharterPledge & { organisation_name: string })[],
  commitments: readonly CharterItem[],
  years: readonly PublishedYear[],
  today: string,
): PledgeView[] {
  const byKey = new Map(commitments.map((c) => [c.key, c]));
  const latest = [...years].sort((a, b) => b.fyStartYear - a.fyStartYear)[0]?.snapshot;
  return pledges.map((p) => {
    const judged = latest
      ? publishedPledge(
          {
            organisationId: p.organisation_id,
            indicatorCode: p.indicator_code,
            targetValue: p.target_value === null ? null : Number(p.target_value),
            dueOn: p.due_on,
            withdrawnOn: p.withdrawn_on,
          },
          latest,
          years,
          today,
        )
      : undefined;
    const indicator = judged?.indicator;
    const state =
      p.withdrawn_on !== null
        ? 'withdrawn'
        : (judged?.state ??
          (p.indicator_code && p.target_value !== null ? 'no-figure' : 'in-words'));
    return pledgeView(p, byKey, new Map(indicator ? [[indicator.id, indicator]] : []), {
      state,
      latest: judged?.latest ?? null,
    });
  });
}
