/**
 * One line per pillar for a dashboard's overview: how many indicators have a figure, their
 * statuses counted, and how many organisations the latest figures cover. Pure.
 */
import { STATUS_LABELS, type Status } from '../framework/status.js';

export interface IndicatorLine {
  readonly status: Status;
  /** The latest figure is shown (false: no figure yet, or not known). */
  readonly shown: boolean;
  /** The latest figure exists but too little of its data is known. */
  readonly notKnown: boolean;
  /** Organisations in the latest figure, of those expected (partnership figures only). */
  readonly organisations: { readonly reporting: number; readonly expected: number } | null;
}

export interface PillarSummary {
  readonly indicators: number;
  readonly shown: number;
  readonly notKnown: number;
  readonly statuses: Readonly<Record<Status, number>>;
  /** "2 on track, 1 at risk, 3 no target". */
  readonly statusText: string;
  /** "7 of 9 indicators with a figure; 1 not known". */
  readonly figuresText: string;
  /** "Latest figures from 2 to 5 of 6 organisations"; undefined for one organisation's figures. */
  readonly coverageText: string | undefined;
}

const ORDER: readonly Status[] = ['on-track', 'at-risk', 'off-track', 'no-target', 'no-data'];

export function pillarSummary(lines: readonly IndicatorLine[]): PillarSummary {
  const statuses = Object.fromEntries(ORDER.map((s) => [s, 0])) as Record<Status, number>;
  for (const l of lines) statuses[l.status] += 1;
  const statusText = ORDER.filter((s) => statuses[s] > 0)
    .map((s) => `${statuses[s]} ${STATUS_LABELS[s].toLowerCase()}`)
    .join(', ');
  const shown = lines.filter((l) => l.shown).length;
  const notKnown = lines.filter((l) => l.notKnown).length;
  const figuresText =
    `${shown} of ${lines.length} ${lines.length === 1 ? 'indicator' : 'indicators'} with a figure` +
    (notKnown > 0 ? `; ${notKnown} not known` : '');
  const covered = lines
    .filter((l) => l.shown || l.notKnown)
    .map((l) => l.organisations)
    .filter((o): o is NonNullable<IndicatorLine['organisations']> => o !== null);
  let coverageText: string | undefined;
  if (lines.some((l) => l.organisations !== null)) {
    if (covered.length === 0) coverageText = 'No figures yet';
    else {
      const low = Math.min(...covered.map((o) => o.reporting));
      const high = Math.max(...covered.map((o) => o.reporting));
      const expected = Math.max(...covered.map((o) => o.expected));
      const noun = expected === 1 ? 'organisation' : 'organisations';
      coverageText =
        low === high
          ? `Latest figures from ${low} of ${expected} ${noun}`
          : `Latest figures from ${low} to ${high} of ${expected} ${noun}`;
    }
  }
  return {
    indicators: lines.length,
    shown,
    notKnown,
    statuses,
    statusText,
    figuresText,
    coverageText,
  };
}
