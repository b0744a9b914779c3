/**
 * Joint initiatives between the partnership's anchors (SPEC §2.5), and the figures they feed for
 * each partner organisation: L1 (initiatives it takes part in), L2 (money it pooled) and L3 (of
 * those initiatives, the ones with a VCSE partner). Pure: no database, no I/O.
 *
 * An initiative counts in every financial year in which it was running: from its start date to
 * its end date, or without end while it has none. The money a partner pooled counts in the
 * financial year the initiative started (one figure per partner, not a payment schedule).
 */
import type { PeriodSpan } from './registers.js';

export const INITIATIVE_STATUSES = ['planned', 'active', 'completed', 'stopped'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export const INITIATIVE_STATUS_LABELS: Readonly<Record<InitiativeStatus, string>> = {
  planned: 'Planned',
  active: 'Running',
  completed: 'Completed',
  stopped: 'Stopped',
};

export function isInitiativeStatus(s: string): s is InitiativeStatus {
  return (INITIATIVE_STATUSES as readonly string[]).includes(s);
}

export interface InitiativeFacts {
  readonly id: string;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly status: InitiativeStatus;
  /** A VCSE organisation is a named partner. */
  readonly vcse: boolean;
  readonly partners: readonly { readonly organisationId: string; readonly pooledPence: number }[];
}

export interface InitiativeFigures {
  readonly organisationId: string;
  readonly periodId: string;
  /** L1: initiatives the organisation took part in during the period. */
  readonly initiatives: number;
  /** Their ids, so that a partnership total counts a shared initiative once. */
  readonly initiativeIds: readonly string[];
  /** L2: pence it pooled into initiatives that started in the period. */
  readonly pooledPence: number;
  /** L3: of its initiatives, those with a VCSE partner. */
  readonly vcseInitiatives: number;
  readonly vcseInitiativeIds: readonly string[];
}

/** Whether an initiative was running at some time in a period (a planned one was not yet). */
export function runningIn(i: InitiativeFacts, p: PeriodSpan): boolean {
  if (i.status === 'planned') return false;
  return i.startsOn <= p.endsOn && (i.endsOn === null || i.endsOn >= p.startsOn);
}

/** Each partner organisation's L1–L3 parts for each (annual) period in which it has any. */
export function initiativeFigures(
  initiatives: readonly InitiativeFacts[],
  periods: readonly PeriodSpan[],
): InitiativeFigures[] {
  const out = new Map<
    string,
    {
      -readonly [K in keyof InitiativeFigures]: InitiativeFigures[K] extends readonly string[]
        ? string[]
        : InitiativeFigures[K];
    }
  >();
  for (const p of periods) {
    for (const i of initiatives) {
      // Money is pooled in the year an initiative started, when it was running then.
      if (!runningIn(i, p)) continue;
      const startedIn = i.startsOn >= p.startsOn && i.startsOn <= p.endsOn;
      for (const partner of i.partners) {
        const k = `${partner.organisationId}:${p.id}`;
        const f = out.get(k) ?? {
          organisationId: partner.organisationId,
          periodId: p.id,
          initiatives: 0,
          initiativeIds: [],
          pooledPence: 0,
          vcseInitiatives: 0,
          vcseInitiativeIds: [],
        };
        f.initiatives += 1;
        f.initiativeIds.push(i.id);
        if (i.vcse) {
          f.vcseInitiatives += 1;
          f.vcseInitiativeIds.push(i.id);
        }
        if (startedIn) f.pooledPence += partner.pooledPence;
        out.set(k, f);
      }
    }
  }
  return [...out.values()];
}
