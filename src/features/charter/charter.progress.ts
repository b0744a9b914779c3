/**
 * Pledges with how each is going: its indicator's figures for the pledging organisation, from the
 * figures read model (FiguresService.read), judged by core/charter/pledges.ts.
 */
import { pledgeProgress, type PledgeFigure } from '../../core/charter/pledges.js';
import type { PartnershipFigures } from '../figures/figures.service.js';
import type { Indicator } from '../framework/framework.repo.js';
import type { CharterItem, CharterPledge } from './charter.service.js';
import { pledgeView, type PledgeView } from './charter.pages.js';

export function pledgeViews(
  pledges: readonly (CharterPledge & { organisation_name: string })[],
  commitments: readonly CharterItem[],
  figures: PartnershipFigures,
  today: string,
  options: {
    /** The public pages: figures only of indicators published at organisation level. */
    publicOnly?: boolean;
    hrefs?: (p: CharterPledge) => { change: string; withdraw: string };
  } = {},
): PledgeView[] {
  const byCode = new Map<string, Indicator>(
    figures.indicators.map((f) => [f.indicator.id, f.indicator]),
  );
  const byKey = new Map(commitments.map((c) => [c.key, c]));
  return pledges.map((p) => {
    const found = p.indicator_code
      ? figures.indicators.find((f) => f.indicator.id === p.indicator_code)
      : undefined;
    const shown = found && (!options.publicOnly || found.indicator.publishOrganisationLevel);
    const series: PledgeFigure[] = shown
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
        targetValue: shown && p.target_value !== null ? Number(p.target_value) : null,
        dueOn: p.due_on,
        withdrawnOn: p.withdrawn_on,
      },
      shown ? found.indicator : null,
      series,
      today,
    );
    const hidden = found !== undefined && !shown && p.withdrawn_on === null;
    return pledgeView(
      p,
      byKey,
      shown ? byCode : new Map(),
      hidden ? { state: 'not-published', latest: null } : progress,
      options.hrefs?.(p),
    );
  });
}
