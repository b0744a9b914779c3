/**
 * What the public sees of a joint initiative (issue 13, decision 037): the facts of the
 * partnership's register that are safe to publish, field by field, and the words the public pages
 * and the annual report say them in. Pure: no database, no I/O.
 *
 * Published: the title, what it is for (outcomes), status, dates, pillars, the member
 * organisations taking part, the VCSE partner (an organisation's name), the milestones and when
 * the entry last changed. Not published: the evidence link and note (staff's own records, which
 * may point to internal systems or name people), who added or changed it, and the money each
 * partner pooled (an organisation's own L2 figure is published only as it chooses: decision 033).
 * The money pooled in all is published only where no member's own L2 figure is withheld.
 */
import { formatDate } from '../dates.js';
import { pillarTitle } from '../pillars.js';
import { formatPounds } from '../spend/amounts.js';
import {
  INITIATIVE_STATUSES,
  INITIATIVE_STATUS_LABELS,
  type InitiativeStatus,
} from './initiatives.js';

/** An initiative as the register holds it (features/registers InitiativesService). */
export interface InitiativeRecord {
  readonly id: string;
  readonly title: string;
  readonly outcomes: string;
  readonly status: InitiativeStatus;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly pillars: readonly string[];
  readonly vcsePartner: string | null;
  readonly partners: readonly { readonly organisationId: string; readonly pooledPence: number }[];
  readonly milestones: readonly {
    readonly title: string;
    readonly dueOn: string;
    readonly done: boolean;
  }[];
  readonly updatedAt: Date;
}

/** The money pooled, when it may be published: in all, and how many partners it is recorded for. */
export interface PooledMoney {
  readonly pence: number;
  readonly recordedFor: number;
}

export interface PublicInitiative {
  readonly id: string;
  readonly title: string;
  readonly outcomes: string;
  readonly status: InitiativeStatus;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly pillars: readonly string[];
  readonly partnerIds: readonly string[];
  readonly vcsePartner: string | null;
  readonly milestones: readonly { title: string; dueOn: string; done: boolean }[];
  /** Null when the money may not be published (see moneyPublished). */
  readonly pooled: PooledMoney | null;
  readonly updatedAt: Date;
}

/**
 * Whether an initiative's money pooled in all may be published: the framework publishes L2 by
 * organisation, and no member has chosen to publish only the partnership total of L2. Otherwise an
 * initiative with one paying partner (or the partnership total less the others) would give away
 * a figure its organisation chose not to publish.
 */
export function moneyPublished(l2: {
  readonly byOrganisation: boolean;
  readonly withheldBy: number;
}): boolean {
  return l2.byOrganisation && l2.withheldBy === 0;
}

/** The public facts of a register entry; `money` from moneyPublished. */
export function publicInitiative(i: InitiativeRecord, money: boolean): PublicInitiative {
  return {
    id: i.id,
    title: i.title,
    outcomes: i.outcomes,
    status: i.status,
    startsOn: i.startsOn,
    endsOn: i.endsOn,
    pillars: [...i.pillars],
    partnerIds: i.partners.map((p) => p.organisationId),
    vcsePartner: i.vcsePartner,
    milestones: i.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn, done: m.done })),
    pooled: money
      ? {
          pence: i.partners.reduce((sum, p) => sum + p.pooledPence, 0),
          recordedFor: i.partners.filter((p) => p.pooledPence > 0).length,
        }
      : null,
    updatedAt: i.updatedAt,
  };
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "2 of 3 milestones done", or "No milestones recorded". */
export function milestonesText(milestones: readonly { readonly done: boolean }[]): string {
  if (milestones.length === 0) return 'No milestones recorded';
  return `${milestones.filter((m) => m.done).length} of ${count(milestones.length, 'milestone')} done`;
}

/** "From 1 May 2025" or "From 1 May 2025 to 31 March 2026". */
export function whenText(i: { readonly startsOn: string; readonly endsOn: string | null }) {
  return i.endsOn
    ? `From ${formatDate(i.startsOn)} to ${formatDate(i.endsOn)}`
    : `From ${formatDate(i.startsOn)}`;
}

/**
 * The money pooled, in words: never £0 for money nobody recorded. A partner's empty box is kept
 * as nothing pooled, so a total of nothing is "Not recorded".
 */
export function pooledText(i: Pick<PublicInitiative, 'pooled' | 'partnerIds'>): string {
  if (!i.pooled) return 'Not published';
  if (i.pooled.pence <= 0) return 'Not recorded';
  const amount = formatPounds(i.pooled.pence);
  return i.pooled.recordedFor < i.partnerIds.length
    ? `${amount} (recorded for ${i.pooled.recordedFor} of ${count(i.partnerIds.length, 'partner')})`
    : amount;
}

/**
 * The facts of an initiative as key and value, in the order the annual report and the public
 * page show them. `partnerName` names a member organisation by id.
 */
export function initiativeFacts(
  i: Pick<
    PublicInitiative,
    | 'status'
    | 'startsOn'
    | 'endsOn'
    | 'pillars'
    | 'partnerIds'
    | 'vcsePartner'
    | 'outcomes'
    | 'milestones'
  >,
  partnerName: (organisationId: string) => string,
): { key: string; value: string }[] {
  return [
    { key: 'Status', value: INITIATIVE_STATUS_LABELS[i.status] },
    { key: 'When', value: whenText(i) },
    { key: 'Pillars', value: listInWords(i.pillars.map(pillarTitle)) || 'None given' },
    { key: 'Partners', value: listInWords(i.partnerIds.map(partnerName)) },
    ...(i.vcsePartner ? [{ key: 'Voluntary sector partner', value: i.vcsePartner }] : []),
    { key: 'Outcomes sought', value: i.outcomes || 'None given' },
    {
      key: 'Milestones',
      value: i.milestones.length
        ? `${i.milestones.filter((m) => m.done).length} of ${i.milestones.length} done`
        : 'None recorded',
    },
  ];
}

/** Whether an initiative was running at some time in a span of days (a planned one was not yet). */
export function ranIn(
  i: Pick<PublicInitiative, 'status' | 'startsOn' | 'endsOn'>,
  startsOn: string,
  endsOn: string,
): boolean {
  return (
    i.status !== 'planned' && i.startsOn <= endsOn && (i.endsOn === null || i.endsOn >= startsOn)
  );
}

/** The order the public list groups initiatives in: what is happening first. */
const PUBLIC_ORDER: readonly InitiativeStatus[] = ['active', 'planned', 'completed', 'stopped'];

/** Initiatives grouped by status (running, planned, completed, stopped), empty groups left out. */
export function byStatus<T extends { readonly status: InitiativeStatus }>(
  initiatives: readonly T[],
): { status: InitiativeStatus; label: string; initiatives: T[] }[] {
  const order = [...PUBLIC_ORDER, ...INITIATIVE_STATUSES.filter((s) => !PUBLIC_ORDER.includes(s))];
  return order
    .map((status) => ({
      status,
      label: INITIATIVE_STATUS_LABELS[status],
      initiatives: initiatives.filter((i) => i.status === status),
    }))
    .filter((g) => g.initiatives.length > 0);
}
