/**
 * The registers of the infrastructure and community pillars (SPEC §2.5): what each one records,
 * which pillar it belongs to and which indicator it feeds. Each organisation keeps its own lists;
 * joint initiatives are the partnership's (core/registers/initiatives.ts).
 *
 * Every entry has a date, and counts in the reporting period that contains it: a quarterly
 * indicator's figure is the sum of the entries dated in the quarter, an annual one's the sum of
 * those dated in the financial year (periodTotals). Pure: no database, no I/O.
 */
import type { PillarId } from '../pillars.js';
import { formatPounds, MAX_EXACT_PENCE } from '../spend/amounts.js';

export const REGISTER_IDS = [
  'community-use',
  'land',
  'capital',
  'engagement',
  'volunteering',
  'grants',
] as const;

export type RegisterId = (typeof REGISTER_IDS)[number];

export function isRegisterId(id: string): id is RegisterId {
  return (REGISTER_IDS as readonly string[]).includes(id);
}

/** The kinds of box a register's form has, and how each is read. */
export type FieldKind =
  | 'text'
  | 'longtext'
  | 'date'
  | 'hours'
  | 'count'
  | 'money'
  | 'postcode'
  | 'yes-no'
  | 'released-for';

/** The stored columns an entry's fields fill (one table for every organisation register). */
export type EntryColumn =
  | 'title'
  | 'detail'
  | 'occurredOn'
  | 'endsOn'
  | 'hours'
  | 'homes'
  | 'amountPence'
  | 'contractorPostcode'
  | 'localStated'
  | 'releasedFor'
  | 'participants'
  | 'participantsDeprived';

export interface RegisterField {
  /** The form field's name and id. */
  readonly name: string;
  readonly column: EntryColumn;
  readonly kind: FieldKind;
  readonly label: string;
  readonly hint?: string;
  readonly required: boolean;
}

export interface RegisterDefinition {
  readonly id: RegisterId;
  readonly pillar: Extract<PillarId, 'infrastructure' | 'community'>;
  /** Plural, for headings: "Community use of the estate". */
  readonly title: string;
  /** One entry, for buttons and banners: "a booking". */
  readonly entryName: string;
  /** What the register is for, said on its empty page. */
  readonly purpose: string;
  /** The indicator it feeds, and what it adds up. */
  readonly indicator: string;
  readonly feeds: string;
  /** The name of the entry's id in its URLs (each register its own, so routes are distinct). */
  readonly param: string;
  readonly fields: readonly RegisterField[];
}

const date = (label: string, hint: string): RegisterField => ({
  name: 'occurredOn',
  column: 'occurredOn',
  kind: 'date',
  label,
  hint,
  required: true,
});

export const REGISTERS: Readonly<Record<RegisterId, RegisterDefinition>> = {
  'community-use': {
    id: 'community-use',
    pillar: 'infrastructure',
    title: 'Community use of the estate',
    entryName: 'a use of the estate',
    purpose:
      'Record each time community groups use your rooms, halls, grounds or sports facilities, free or at a reduced rate, and for how many hours.',
    indicator: 'I1',
    feeds: 'I1 Hours of community use of the estate: the hours of the uses dated in each quarter',
    param: 'useId',
    fields: [
      {
        name: 'title',
        column: 'title',
        kind: 'text',
        label: 'Space used',
        hint: 'For example, Main hall, Conference room 2, Sports pitch',
        required: true,
      },
      {
        name: 'detail',
        column: 'detail',
        kind: 'text',
        label: 'Groups using it',
        hint: 'For example, Walton Residents Association, Saturday youth football',
        required: true,
      },
      date('Date of use, or the first day of a run of bookings', 'For example, 15 3 2026'),
      {
        name: 'endsOn',
        column: 'endsOn',
        kind: 'date',
        label: 'Last day, for a run of bookings (optional)',
        hint: 'The hours count in the quarter of the first day',
        required: false,
      },
      {
        name: 'hours',
        column: 'hours',
        kind: 'hours',
        label: 'Hours of use',
        hint: 'The length of the bookings added up, not the number of people',
        required: true,
      },
    ],
  },
  land: {
    id: 'land',
    pillar: 'infrastructure',
    title: 'Land and buildings released',
    entryName: 'a site',
    purpose:
      'Record land and buildings you sold, leased or transferred for housing or community use, and how many homes they enabled.',
    indicator: 'I2',
    feeds: 'I2 Homes enabled on released land: the homes of the sites dated in each financial year',
    param: 'siteId',
    fields: [
      {
        name: 'title',
        column: 'title',
        kind: 'text',
        label: 'Site',
        hint: 'Its name or address',
        required: true,
      },
      {
        name: 'releasedFor',
        column: 'releasedFor',
        kind: 'released-for',
        label: 'Released for',
        required: true,
      },
      {
        name: 'homes',
        column: 'homes',
        kind: 'count',
        label: 'Homes enabled',
        hint: 'Homes granted planning permission on the site; 0 for community use',
        required: true,
      },
      date(
        'Date planning permission was granted (or the site was released for community use)',
        'For example, 15 3 2026',
      ),
      {
        name: 'detail',
        column: 'detail',
        kind: 'longtext',
        label: 'Who took it on, and how many of the homes are affordable (optional)',
        required: false,
      },
    ],
  },
  capital: {
    id: 'capital',
    pillar: 'infrastructure',
    title: 'Capital spend with contractors',
    entryName: 'a capital payment',
    purpose:
      'Record payments to contractors for building works and other capital projects, and where each contractor is based, to show how much of your capital spend stays local.',
    indicator: 'I3',
    feeds:
      'I3 Capital spend with local contractors: the share of the payments dated in each financial year that went to contractors in the partnership’s local area',
    param: 'paymentId',
    fields: [
      {
        name: 'title',
        column: 'title',
        kind: 'text',
        label: 'Project',
        hint: 'For example, Ward 4 refurbishment',
        required: true,
      },
      {
        name: 'detail',
        column: 'detail',
        kind: 'text',
        label: 'Contractor',
        required: true,
      },
      {
        name: 'contractorPostcode',
        column: 'contractorPostcode',
        kind: 'postcode',
        label: 'Contractor’s postcode (optional)',
        hint: 'Where the contractor trades from. It decides whether the contractor is local.',
        required: false,
      },
      {
        name: 'localStated',
        column: 'localStated',
        kind: 'yes-no',
        label: 'Is the contractor based in the partnership’s local area?',
        hint: 'Used only when the postcode is not given or cannot be placed',
        required: false,
      },
      {
        name: 'amount',
        column: 'amountPence',
        kind: 'money',
        label: 'Amount paid (£)',
        hint: 'For example, 125000.00',
        required: true,
      },
      date('Date paid', 'For example, 15 3 2026'),
    ],
  },
  engagement: {
    id: 'engagement',
    pillar: 'community',
    title: 'Engagement activities',
    entryName: 'an activity',
    purpose:
      'Record events, consultations, workshops and drop-ins held with residents, how many people took part, and how many of them live in the most deprived areas.',
    indicator: 'C1',
    feeds:
      'C1 Engagement activities held (the activities dated in each quarter) and C2 Residents taking part (their participants, of whom from IMD deciles 1–2)',
    param: 'activityId',
    fields: [
      {
        name: 'title',
        column: 'title',
        kind: 'text',
        label: 'Activity',
        hint: 'For example, Community health listening event',
        required: true,
      },
      date('Date held', 'For example, 15 3 2026'),
      {
        name: 'participants',
        column: 'participants',
        kind: 'count',
        label: 'Residents taking part',
        required: true,
      },
      {
        name: 'participantsDeprived',
        column: 'participantsDeprived',
        kind: 'count',
        label: 'Of whom from IMD deciles 1–2 (optional)',
        hint: 'Residents living in the most deprived fifth of neighbourhoods, if you know',
        required: false,
      },
      {
        name: 'detail',
        column: 'detail',
        kind: 'longtext',
        label: 'Areas they came from (optional)',
        hint: 'For example, the wards or postcode districts',
        required: false,
      },
    ],
  },
  volunteering: {
    id: 'volunteering',
    pillar: 'community',
    title: 'Staff volunteering',
    entryName: 'volunteering hours',
    purpose:
      'Record the hours your staff spent volunteering with community, voluntary or charitable organisations.',
    indicator: 'C4',
    feeds: 'C4 Staff volunteering hours: the hours dated in each quarter',
    param: 'volunteeringId',
    fields: [
      {
        name: 'title',
        column: 'title',
        kind: 'text',
        label: 'Organisation or activity volunteered with',
        required: true,
      },
      date('Date, or the last day of the period the hours cover', 'For example, 15 3 2026'),
      {
        name: 'hours',
        column: 'hours',
        kind: 'hours',
        label: 'Hours',
        required: true,
      },
      {
        name: 'detail',
        column: 'detail',
        kind: 'longtext',
        label: 'Notes (optional)',
        hint: 'For example, how many staff, paid leave or own time',
        required: false,
      },
    ],
  },
  grants: {
    id: 'grants',
    pillar: 'community',
    title: 'Grants and donations to the VCSE sector',
    entryName: 'a grant',
    purpose:
      'Record grants and donations to voluntary, community and social enterprise organisations, including from charitable funds. Payments for contracted services are procurement spend, not grants.',
    indicator: 'C5',
    feeds: 'C5 Grants and donations to the VCSE sector: the grants dated in each financial year',
    param: 'grantId',
    fields: [
      {
        name: 'title',
        column: 'title',
        kind: 'text',
        label: 'VCSE organisation',
        required: true,
      },
      {
        name: 'amount',
        column: 'amountPence',
        kind: 'money',
        label: 'Amount (£)',
        hint: 'For example, 2500.00',
        required: true,
      },
      date('Date paid', 'For example, 15 3 2026'),
      {
        name: 'detail',
        column: 'detail',
        kind: 'longtext',
        label: 'What it was for (optional)',
        required: false,
      },
    ],
  },
};

export const REGISTER_LIST: readonly RegisterDefinition[] = REGISTER_IDS.map((id) => REGISTERS[id]);

/** The registers of a pillar. */
export function registersOf(pillar: string): RegisterDefinition[] {
  return REGISTER_LIST.filter((r) => r.pillar === pillar);
}

/** A period figures are worked out for: inclusive ISO dates. */
export interface PeriodSpan {
  readonly id: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

/** One dated amount (hours in hundredths, homes, pence, participants: whole numbers). */
export interface DatedAmount {
  readonly organisationId: string;
  readonly date: string;
  readonly amount: number;
}

export interface PeriodTotal {
  readonly organisationId: string;
  readonly periodId: string;
  /** The sum of the amounts dated in the period. */
  readonly total: number;
  /** How many entries it adds up. */
  readonly entries: number;
}

/**
 * The sum of each organisation's amounts dated within each period (inclusive dates). An
 * organisation with no entry in a period has no total for it (not zero: it may not keep the
 * register and report by hand instead). Amounts must be whole numbers, so sums are exact.
 */
export function periodTotals(
  amounts: readonly DatedAmount[],
  periods: readonly PeriodSpan[],
): PeriodTotal[] {
  const totals = new Map<
    string,
    { organisationId: string; periodId: string; total: number; entries: number }
  >();
  for (const p of periods) {
    for (const a of amounts) {
      if (a.date < p.startsOn || a.date > p.endsOn) continue;
      const k = `${a.organisationId}:${p.id}`;
      const t = totals.get(k) ?? {
        organisationId: a.organisationId,
        periodId: p.id,
        total: 0,
        entries: 0,
      };
      t.total += a.amount;
      t.entries += 1;
      totals.set(k, t);
    }
  }
  return [...totals.values()];
}

/**
 * Whether a contractor is local: by the district its postcode places it in, when it does; by
 * what the organisation stated otherwise; null (not known) when neither says.
 */
export function contractorIsLocal(
  placedDistrict: string | null,
  localArea: readonly string[],
  stated: boolean | null,
): boolean | null {
  if (placedDistrict) return localArea.includes(placedDistrict);
  return stated;
}

export interface CapitalPayment {
  readonly amountPence: number;
  readonly local: boolean | null;
}

export interface CapitalShare {
  /** Pence paid to local contractors. */
  readonly localPence: number;
  /** Pence paid in all, known or not. */
  readonly totalPence: number;
  /** Pence paid to contractors whose location is known. */
  readonly knownPence: number;
}

/**
 * I3's parts: spend with local contractors over all capital spend (payments to contractors of
 * unknown location stay in the total, as for P1), and how much of it has a known location.
 */
export function capitalShare(payments: readonly CapitalPayment[]): CapitalShare {
  let localPence = 0;
  let totalPence = 0;
  let knownPence = 0;
  for (const p of payments) {
    totalPence += p.amountPence;
    if (p.local !== null) knownPence += p.amountPence;
    if (p.local === true) localPence += p.amountPence;
  }
  return { localPence, totalPence, knownPence };
}

/** Hours as stored (two decimal places) to whole hundredths, so that sums are exact. */
export function hundredths(hours: number): number {
  return Math.round(hours * 100);
}

/**
 * Why a change to a partnership's registers or joint initiatives cannot be kept: the money they
 * record (register amounts and money pooled, every one of them more than or equal to £0) would
 * then come to more than MAX_EXACT_PENCE, past which their totals are no longer exact as numbers
 * (decision 052). Null when it may be kept.
 */
export function recordedMoneyProblem(partnershipName: string, totalPence: bigint): string | null {
  if (totalPence <= MAX_EXACT_PENCE) return null;
  return (
    `With this, the money recorded in ${partnershipName}’s registers and joint initiatives ` +
    `would come to ${formatPounds(totalPence)}. That is more than ` +
    `${formatPounds(MAX_EXACT_PENCE)}, the most this service adds up exactly, so nothing was ` +
    `saved. Check the amount.`
  );
}
