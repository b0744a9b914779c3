/**
 * The headline of a published year: for each pillar (and accountability), how many of its
 * indicators are on track, at risk, off track, without a target, without data or not shown (a
 * figure of people hidden by disclosure control hides its status too), as the publication says. Counts of indicators, not of people: nothing here needs disclosure control.
 */
import { STATUS_LABELS, type Status } from '../framework/status.js';
import { PILLARS_AND_ACCOUNTABILITY } from '../pillars.js';
import { HIDDEN_STATUS_LABEL, type Snapshot } from './snapshot.js';

/** The statuses, and "not shown" for a figure hidden to protect the people it counts. */
export type HeadlineStatus = Status | 'not-shown';

export const HEADLINE_STATUSES: readonly HeadlineStatus[] = [
  'on-track',
  'at-risk',
  'off-track',
  'no-target',
  'no-data',
  'not-shown',
];

export const HEADLINE_LABELS: Readonly<Record<HeadlineStatus, string>> = {
  ...STATUS_LABELS,
  'not-shown': HIDDEN_STATUS_LABEL,
};

export interface PillarHeadline {
  readonly id: string;
  readonly title: string;
  readonly indicators: number;
  readonly counts: Readonly<Record<HeadlineStatus, number>>;
  /** "3 on track, 1 at risk and 2 without a target", in words. */
  readonly text: string;
}

const WORDS: Record<HeadlineStatus, string> = {
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
  'no-target': 'without a target',
  'no-data': 'without data',
  'not-shown': 'not shown, to protect the people counted',
};

function headlineStatus(status: { status: string; label: string }): HeadlineStatus {
  if (status.label === HIDDEN_STATUS_LABEL) return 'not-shown';
  return status.status in STATUS_LABELS ? (status.status as Status) : 'no-data';
}

/** Each pillar with at least one indicator published, in the pillars' order. */
export function pillarHeadlines(snapshot: Pick<Snapshot, 'indicators'>): PillarHeadline[] {
  return PILLARS_AND_ACCOUNTABILITY.flatMap((pillar) => {
    const own = snapshot.indicators.filter((i) => i.pillar === pillar.id);
    if (own.length === 0) return [];
    const counts = Object.fromEntries(HEADLINE_STATUSES.map((s) => [s, 0])) as Record<
      HeadlineStatus,
      number
    >;
    for (const i of own) counts[headlineStatus(i.status)] += 1;
    const parts = HEADLINE_STATUSES.filter((s) => counts[s] > 0).map(
      (s) => `${counts[s]} ${WORDS[s]}`,
    );
    const text =
      parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
    return [{ id: pillar.id, title: pillar.title, indicators: own.length, counts, text }];
  });
}
