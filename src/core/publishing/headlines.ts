/**
 * The headline of a published year: for each pillar (and accountability), how many of its
 * indicators are on track, at risk, off track, without a target or without data, as the
 * publication says. Counts of indicators, not of people: nothing here needs disclosure control.
 */
import { STATUS_LABELS, type Status } from '../framework/status.js';
import { PILLARS_AND_ACCOUNTABILITY } from '../pillars.js';
import type { Snapshot } from './snapshot.js';

export const HEADLINE_STATUSES: readonly Status[] = [
  'on-track',
  'at-risk',
  'off-track',
  'no-target',
  'no-data',
];

export interface PillarHeadline {
  readonly id: string;
  readonly title: string;
  readonly indicators: number;
  readonly counts: Readonly<Record<Status, number>>;
  /** "3 on track, 1 at risk and 2 without a target", in words. */
  readonly text: string;
}

const WORDS: Record<Status, string> = {
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
  'no-target': 'without a target',
  'no-data': 'without data',
};

function isStatus(value: string): value is Status {
  return value in STATUS_LABELS;
}

/** Each pillar with at least one indicator published, in the pillars' order. */
export function pillarHeadlines(snapshot: Pick<Snapshot, 'indicators'>): PillarHeadline[] {
  return PILLARS_AND_ACCOUNTABILITY.flatMap((pillar) => {
    const own = snapshot.indicators.filter((i) => i.pillar === pillar.id);
    if (own.length === 0) return [];
    const counts = Object.fromEntries(HEADLINE_STATUSES.map((s) => [s, 0])) as Record<
      Status,
      number
    >;
    for (const i of own) {
      const status = isStatus(i.status.status) ? i.status.status : 'no-data';
      counts[status] += 1;
    }
    const parts = HEADLINE_STATUSES.filter((s) => counts[s] > 0).map(
      (s) => `${counts[s]} ${WORDS[s]}`,
    );
    const text =
      parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
    return [{ id: pillar.id, title: pillar.title, indicators: own.length, counts, text }];
  });
}
