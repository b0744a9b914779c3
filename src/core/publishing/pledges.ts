/**
 * How a pledge went, as published: judged only on the figures the partnership's publications
 * show for the pledging organisation (its own figure where the publication shows it), never on
 * figures not yet published. The annual report and the public charter page both read this.
 * Pure.
 */
import { pledgeProgress, type PledgeFigure, type PledgeState } from '../charter/pledges.js';
import type { PublishedIndicator, Snapshot } from './snapshot.js';

export interface PublishedYear {
  readonly fyStartYear: number;
  readonly snapshot: Snapshot;
}

export interface PledgeIn {
  readonly organisationId: string;
  readonly indicatorCode: string | null;
  readonly targetValue: number | null;
  readonly dueOn: string;
  readonly withdrawnOn: string | null;
}

export interface PublishedPledge {
  readonly state: PledgeState;
  /** The published figure it rests on. */
  readonly latest: PledgeFigure | null;
  /** Its indicator as published, when the publication shows the organisation's own figure. */
  readonly indicator: PublishedIndicator | undefined;
  /** Whether it was withdrawn by `asOf`. */
  readonly withdrawn: boolean;
}

/**
 * A pledge judged on `asOf` by `latest` (the publication that decides it) and the years
 * published up to it: its organisation's figures in each year that shows them.
 */
export function publishedPledge(
  p: PledgeIn,
  latest: Snapshot,
  years: readonly PublishedYear[],
  asOf: string,
): PublishedPledge {
  const found = p.indicatorCode
    ? latest.indicators.find((i) => i.id === p.indicatorCode)
    : undefined;
  const shown = found !== undefined && found.organisationsShown.includes(p.organisationId);
  const withdrawnOn = p.withdrawnOn !== null && p.withdrawnOn <= asOf ? p.withdrawnOn : null;
  const series: PledgeFigure[] = [];
  if (found && shown)
    for (const y of [...years].sort((a, b) => a.fyStartYear - b.fyStartYear)) {
      if (y.fyStartYear > latest.year.fyStartYear) continue;
      const same = y.snapshot.indicators.find((x) => x.id === found.id);
      if (!same || !same.organisationsShown.includes(p.organisationId)) continue;
      for (const period of same.periods)
        series.push({
          value: period.organisations[p.organisationId]?.value ?? null,
          label: period.label,
          endsOn: period.endsOn,
        });
    }
  const progress = pledgeProgress(
    { targetValue: shown ? p.targetValue : null, dueOn: p.dueOn, withdrawnOn },
    shown ? found : null,
    series,
    asOf,
  );
  return {
    state: found && !shown && withdrawnOn === null ? 'not-published' : progress.state,
    latest: shown ? progress.latest : null,
    indicator: shown ? found : undefined,
    withdrawn: withdrawnOn !== null,
  };
}
