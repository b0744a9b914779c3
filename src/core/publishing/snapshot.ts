/**
 * A published snapshot: a financial year's figures as the partnership published them, taken
 * from the figures read model (features/figures) at the moment of publishing and never worked
 * out again. Public pages, open data, the API and the annual report read snapshots, so what the
 * public sees only changes when the partnership publishes again, and a correction is a new
 * revision that says why (features/publishing).
 *
 * This module turns the read model's figures for one year into the snapshot: it keeps the
 * year's periods (the year and its quarters), applies each organisation's choice of whether its
 * own figure is shown (where the framework allows organisation figures at all), and passes every
 * figure that counts people through disclosure control (core/publishing/people.ts), together
 * with the earlier revisions of the year when it corrects them. The status of a figure that
 * counts people is worked out from the figures as published, so it says nothing they do not.
 * Pure: the input is plain data, and so is the output (it is stored as JSON).
 */
import { SUPPRESSED_TEXT, type EarlierState } from '../disclosure/disclosure.js';
import { formatValue } from '../framework/format.js';
import { totalUnit, YES_COUNT_AXIS, YES_COUNT_NOTE, yesCountText } from '../framework/rollup.js';
import {
  chooseTarget,
  longDate,
  STATUS_LABELS,
  statusOf,
  type Dated,
} from '../framework/status.js';
import type { Direction, Frequency, Unit } from '../framework/types.js';
import type { PublicInitiative } from '../registers/initiative-public.js';
import {
  PARTS_NOT_KNOWN_TEXT,
  SMALL_SHARE_TEXT,
  peopleKind,
  protectPeople,
  type EarlierPeople,
  type PeopleFigure,
  type PeopleKind,
  type ProtectedFigure,
} from './people.js';

/** Raised when the shape of a snapshot changes; readers handle every version stored. */
export const SNAPSHOT_SCHEMA = 1;

/** A figure as published: its value (null when none or hidden) and how it reads. */
export interface PublishedFigure {
  readonly value: number | null;
  /** "48.0%", "No data", "Not known", "Fewer than 10". */
  readonly text: string;
  /** What it covers, or why it is not shown. */
  readonly note: string;
  /** True when disclosure control hid it. */
  readonly hidden?: boolean;
}

export interface PublishedPeriod {
  readonly label: string;
  readonly kind: 'year' | 'quarter';
  readonly startsOn: string;
  readonly endsOn: string;
  readonly total: PublishedFigure;
  /** Like for like, in words; null for the first period or where there is nothing to compare. */
  readonly change: string | null;
  /**
   * Each organisation's figure, by organisation id: only for organisations whose figure is
   * published; null where it reported none.
   */
  readonly organisations: Readonly<Record<string, PublishedFigure | null>>;
  /**
   * For a figure that counts people: how many organisations have a figure in the total (as the
   * note beside it says). A correction reads it to tell whether the organisations showing only
   * the total had one.
   */
  readonly reporting?: number;
}

export interface PublishedIndicator {
  readonly id: string;
  readonly pillar: string;
  readonly name: string;
  readonly description: string;
  readonly unit: Unit;
  readonly direction: Direction;
  readonly frequency: Frequency;
  readonly methodology: string;
  readonly source: string;
  /** How the figure is worked out, in words. */
  readonly computation: string;
  /** Whether (and how) it counts people, so disclosure control applied. */
  readonly people: PeopleKind | null;
  /** A figure of the partnership as a whole, which no organisation reports (C3). */
  readonly partnershipWide: boolean;
  /** Organisations whose own figure is published (by id). */
  readonly organisationsShown: readonly string[];
  readonly status: {
    readonly status: string;
    readonly label: string;
    readonly reason: string;
    readonly target: {
      readonly value: number;
      readonly date: string;
      readonly text: string;
    } | null;
  };
  /** The year's periods, oldest first (a year, or its four quarters). */
  readonly periods: readonly PublishedPeriod[];
}

export interface Snapshot {
  readonly schema: typeof SNAPSHOT_SCHEMA;
  readonly partnership: { readonly name: string; readonly slug: string };
  readonly year: {
    readonly fyStartYear: number;
    readonly label: string;
    readonly startsOn: string;
    readonly endsOn: string;
  };
  /** The day the figures were read (A1 and C3 count as of it). */
  readonly figuresAsOf: string;
  readonly organisations: readonly {
    readonly id: string;
    readonly name: string;
    readonly type: string;
  }[];
  readonly indicators: readonly PublishedIndicator[];
  /**
   * The joint initiatives as the register recorded them when the year was published (their
   * public facts; the money pooled is published in L2). Absent from publications made before
   * the snapshot held them.
   */
  readonly initiatives?: readonly PublishedInitiative[];
}

/** A joint initiative's public facts, as published with a year's figures (its money is in L2). */
export type PublishedInitiative = Omit<PublicInitiative, 'pooled' | 'updatedAt'>;

// ----- Input: the read model's figures, as plain data ---------------------------------------

export interface FigureIn {
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  /** The total of a yes/no indicator: how many organisations answered (yes or no). */
  readonly answered?: number;
  readonly known: boolean;
  /** What it covers (a total) or rests on (an organisation's), in words. */
  readonly note: string;
}

export interface PeriodIn {
  readonly label: string;
  readonly kind: 'year' | 'quarter';
  readonly startsOn: string;
  readonly endsOn: string;
  readonly total: FigureIn;
  readonly change: string | null;
  /** Every organisation's figure, by id: null when it reported none. */
  readonly organisations: Readonly<Record<string, FigureIn | null>>;
}

export interface IndicatorIn {
  readonly id: string;
  readonly pillar: string;
  readonly name: string;
  readonly description: string;
  readonly unit: Unit;
  readonly direction: Direction;
  readonly frequency: Frequency;
  readonly methodology: string;
  readonly source: string;
  readonly computation: string;
  readonly publishOrganisationLevel: boolean;
  readonly partnershipWide: boolean;
  /** The status of the figures as read (used as it is unless the figures count people). */
  readonly status: PublishedIndicator['status'];
  /**
   * The partnership's baseline and targets, from which the status of a figure that counts people
   * is worked out again from its published figures. None: no target.
   */
  readonly statusInputs?: { readonly baseline?: Dated; readonly targets: readonly Dated[] };
  /** The year's periods of the indicator's frequency, oldest first. */
  readonly periods: readonly PeriodIn[];
}

export interface SnapshotIn {
  readonly partnership: Snapshot['partnership'];
  readonly year: Snapshot['year'];
  readonly figuresAsOf: string;
  readonly organisations: Snapshot['organisations'];
  readonly indicators: readonly IndicatorIn[];
  /** Whether an organisation has chosen to show its own figure for an indicator (default yes). */
  readonly showsOwn: (organisationId: string, indicatorId: string) => boolean;
  /** The revisions of the year already published, when this one corrects them (they stay public). */
  readonly earlier?: readonly EarlierRevision[];
  readonly initiatives?: readonly PublishedInitiative[];
}

/**
 * The figures a revision's counts of people were protected with, by indicator, organisation and
 * period label. Kept with the revision and never published: a correction compares its own with
 * them to know which figures it changes (core/disclosure).
 */
export type PeopleCounts = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, PeopleFigure>>>>>
>;

/** A revision of the year already published: what it published, and what it was protected with. */
export interface EarlierRevision {
  readonly snapshot: Snapshot;
  /** Null for a revision published before these were kept: taken as changed where hidden. */
  readonly counts: PeopleCounts | null;
}

const NOT_KNOWN = 'Not known';

/** An organisation's figure as counted by disclosure control; null where it has none. */
function asPeople(f: FigureIn | null | undefined): PeopleFigure | null {
  return f && f.known && f.value !== null
    ? {
        value: f.value,
        ...(f.numerator !== undefined ? { numerator: f.numerator } : {}),
        ...(f.denominator !== undefined ? { denominator: f.denominator } : {}),
      }
    : null;
}

/** The figures the counts of people of a snapshot are protected with (kept, never published). */
export function peopleCounts(
  input: Pick<SnapshotIn, 'indicators' | 'organisations'>,
): PeopleCounts {
  return Object.fromEntries(
    input.indicators
      .filter((ind) => peopleKind(ind.id) !== null)
      .map((ind) => [
        ind.id,
        Object.fromEntries(
          input.organisations.map((o) => [
            o.id,
            Object.fromEntries(
              ind.periods.flatMap((p) => {
                const f = asPeople(p.organisations[o.id]);
                return f ? [[p.label, f]] : [];
              }),
            ),
          ]),
        ),
      ]),
  );
}

function plain(f: FigureIn, unit: Unit): PublishedFigure {
  if (!f.known) return { value: null, text: NOT_KNOWN, note: f.note };
  return { value: f.value, text: formatValue(f.value, unit), note: f.note };
}

/**
 * A partnership total as published. The total of a yes/no indicator is not a yes or a no but
 * how many organisations answered yes, of those that answered: "2 of 6 organisations".
 */
function plainTotal(f: FigureIn, unit: Unit): PublishedFigure {
  if (unit !== 'yes/no' || !f.known || f.value === null) return plain(f, totalUnit(unit));
  return {
    value: f.value,
    text: yesCountText(f.value, f.answered ?? f.value),
    note: `${YES_COUNT_NOTE} (${f.note})`,
  };
}

function protectedFigure(
  p: ProtectedFigure,
  unit: Unit,
  kind: PeopleKind,
  note: string,
): PublishedFigure {
  if (p.shown) {
    const value = p.value;
    return {
      value,
      text: formatValue(value, unit),
      note:
        kind === 'count'
          ? `${note}; rounded to the nearest 5 to protect the people counted`
          : `${note}; worked out from counts rounded to the nearest 5`,
    };
  }
  const text =
    p.reason === 'parts-not-known'
      ? PARTS_NOT_KNOWN_TEXT
      : kind === 'share' && p.reason === 'fewer-than-threshold'
        ? SMALL_SHARE_TEXT
        : SUPPRESSED_TEXT[p.reason];
  return { value: null, text, note, hidden: true };
}

/**
 * How a chart of the partnership's figures of an indicator reads: in the unit of its totals, and,
 * for a yes/no indicator, with the axis counting the organisations answering yes (each figure
 * reads "2 of 6 organisations", as the table beside it does).
 */
export function totalChart(i: Pick<PublishedIndicator, 'unit'>): {
  unit: Unit;
  axisLabel?: string;
} {
  return i.unit === 'yes/no'
    ? { unit: totalUnit(i.unit), axisLabel: YES_COUNT_AXIS }
    : { unit: totalUnit(i.unit) };
}

/** Builds the snapshot of a year from the read model's figures and the organisations' choices. */
export function buildSnapshot(input: SnapshotIn): Snapshot {
  const indicators = input.indicators.map((ind): PublishedIndicator => {
    const shown = ind.partnershipWide
      ? []
      : input.organisations
          .map((o) => o.id)
          .filter((id) => ind.publishOrganisationLevel && input.showsOwn(id, ind.id));
    const people = peopleKind(ind.id);
    const periods = people
      ? protectedPeriods(ind, people, input.organisations, shown, input.earlier ?? [])
      : ind.periods.map((p) => ({
          label: p.label,
          kind: p.kind,
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          total: plainTotal(p.total, ind.unit),
          change: p.change,
          organisations: Object.fromEntries(
            shown.map((id) => {
              const f = p.organisations[id];
              return [id, f ? plain(f, ind.unit) : null];
            }),
          ),
        }));
    return {
      id: ind.id,
      pillar: ind.pillar,
      name: ind.name,
      description: ind.description,
      unit: ind.unit,
      direction: ind.direction,
      frequency: ind.frequency,
      methodology: ind.methodology,
      source: ind.source,
      computation: ind.computation,
      people,
      partnershipWide: ind.partnershipWide,
      organisationsShown: shown,
      status: people ? publishedStatus(ind, periods) : ind.status,
      periods,
    };
  });
  return {
    schema: SNAPSHOT_SCHEMA,
    partnership: input.partnership,
    year: input.year,
    figuresAsOf: input.figuresAsOf,
    organisations: input.organisations,
    indicators,
    ...(input.initiatives ? { initiatives: input.initiatives } : {}),
  };
}

/** What the status says when the latest figure is hidden. */
export const HIDDEN_STATUS_LABEL = 'Not shown';

/**
 * The status of a figure that counts people, from its figures as published: the latest period
 * with a figure, at its published (rounded) value, against the partnership's baseline and
 * targets. When that figure is hidden, so is its status: saying whether it is on track would say
 * something about it. The status worked out from the figures as read is kept only when it says
 * there is no figure, or that it is not known (which gives no count away).
 */
function publishedStatus(
  ind: IndicatorIn,
  periods: readonly PublishedPeriod[],
): PublishedIndicator['status'] {
  const latest = [...periods]
    .reverse()
    .find((p) => p.total.hidden || (p.total.value !== null && p.total.text !== NOT_KNOWN));
  const notKnown = periods.at(-1)?.total.text === NOT_KNOWN;
  if (!latest || notKnown)
    return ind.status.status === 'no-data'
      ? ind.status
      : {
          status: 'no-data',
          label: STATUS_LABELS['no-data'],
          reason: 'No figure published for this year',
          target: null,
        };
  const inputs = ind.statusInputs ?? { targets: [] };
  const target = chooseTarget(inputs.targets, latest.endsOn);
  // With no target there is nothing to say about the figure, hidden or not.
  if (!target)
    return {
      status: 'no-target',
      label: STATUS_LABELS['no-target'],
      reason: 'No target set',
      target: null,
    };
  const targetOut = target
    ? {
        value: target.value,
        date: target.date,
        text: `${formatValue(target.value, ind.unit)} by ${longDate(target.date)}`,
      }
    : null;
  if (latest.total.hidden || latest.total.value === null)
    return {
      status: 'no-data',
      label: HIDDEN_STATUS_LABEL,
      reason: `Not shown, because the latest figure (${latest.label}) is hidden to protect the people counted`,
      target: targetOut,
    };
  const s = statusOf({
    direction: ind.direction,
    unit: ind.unit,
    ...(inputs.baseline ? { baseline: inputs.baseline } : {}),
    targets: inputs.targets,
    latest: { value: latest.total.value, date: latest.endsOn },
  });
  return { status: s.status, label: STATUS_LABELS[s.status], reason: s.reason, target: targetOut };
}

/**
 * What an earlier revision published of a people indicator, figure by figure, in the order of
 * this one's organisations and periods (matched by id and by label).
 */
function earlierPeople(
  { snapshot: earlier, counts }: EarlierRevision,
  ind: IndicatorIn,
  ids: readonly string[],
): EarlierPeople | null {
  const before = earlier.indicators.find((x) => x.id === ind.id);
  if (!before) return null;
  // Shown: its value is public, and "No data" or "Not reported" says it is none. Not known: the
  // count is not public.
  const state = (f: PublishedFigure | null): EarlierState =>
    f === null ? 'shown' : f.hidden ? 'hidden' : f.text === NOT_KNOWN ? 'unpublished' : 'shown';
  const periodOf = (label: string) => before.periods.find((p) => p.label === label);
  const hasFigure = (f: PublishedFigure | null | undefined) =>
    !!f && (f.hidden === true || f.value !== null);
  const totalOnly = earlier.organisations.filter((o) => !before.organisationsShown.includes(o.id));
  /**
   * Whether the figures of the organisations showing only the total were public: known to be
   * none where some of them had none (how many had one is public), or the total less the others
   * where only one of them had one and nothing else in the period was hidden. Taken as public
   * when the earlier revision does not say how many had one.
   */
  const totalOnlyKnown = (p: PublishedPeriod) => {
    if (p.reporting === undefined) return true;
    const withFigure =
      p.reporting - before.organisationsShown.filter((id) => hasFigure(p.organisations[id])).length;
    const nothingElseHidden =
      state(p.total) === 'shown' &&
      before.organisationsShown.every((id) => state(p.organisations[id] ?? null) === 'shown');
    return withFigure < totalOnly.length || (withFigure === 1 && nothingElseHidden);
  };
  return {
    cells: ids.map((id) =>
      ind.periods.map((p) => {
        const period = periodOf(p.label);
        if (!period) return 'unpublished';
        if (before.organisationsShown.includes(id)) return state(period.organisations[id] ?? null);
        return totalOnlyKnown(period) ? 'shown' : 'unpublished';
      }),
    ),
    periodTotals: ind.periods.map((p) => {
      const period = periodOf(p.label);
      return period ? state(period.total) : 'unpublished';
    }),
    ...(counts
      ? {
          figures: ids.map((id) => ind.periods.map((p) => counts[ind.id]?.[id]?.[p.label] ?? null)),
        }
      : {}),
  };
}

/**
 * A people indicator's periods through disclosure control. The table protected is every
 * organisation's figure (shown or not: the total includes them all), so a hidden organisation's
 * figure cannot be worked out from the total and the others either. A change between periods is
 * not published for people figures: it could give away a hidden figure by differencing.
 */
function protectedPeriods(
  ind: IndicatorIn,
  kind: PeopleKind,
  organisations: SnapshotIn['organisations'],
  shown: readonly string[],
  earlier: readonly EarlierRevision[],
): PublishedPeriod[] {
  const ids = organisations.map((o) => o.id);
  const table = protectPeople(
    kind,
    { cells: ids.map((id) => ind.periods.map((p) => asPeople(p.organisations[id]))) },
    earlier.flatMap((e) => earlierPeople(e, ind, ids) ?? []),
  );
  return ind.periods.map((p, j) => {
    const total = p.total;
    const protectedTotal = table.periodTotals[j];
    return {
      label: p.label,
      kind: p.kind,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      total:
        total.value === null || !total.known || !protectedTotal
          ? plain(total, ind.unit)
          : protectedFigure(protectedTotal, ind.unit, kind, total.note),
      change: null,
      reporting: ids.filter((id) => asPeople(p.organisations[id]) !== null).length,
      organisations: Object.fromEntries(
        shown.map((id) => {
          const i = ids.indexOf(id);
          const f = p.organisations[id];
          const cell = table.cells[i]?.[j];
          if (!f) return [id, null];
          if (!f.known || f.value === null || !cell) return [id, plain(f, ind.unit)];
          return [id, protectedFigure(cell, ind.unit, kind, f.note)];
        }),
      ),
    };
  });
}

/**
 * The organisations of an indicator's "by organisation" table that are not in it, in words: those
 * that chose to show only the partnership total. Their figures count in the total; a reader of the
 * table must not take it for everyone. Undefined when every organisation is shown, or none is.
 */
export function totalOnlyOf(
  organisations: ReadonlyMap<string, string>,
  i: Pick<PublishedIndicator, 'partnershipWide' | 'organisationsShown'>,
): string | undefined {
  if (i.partnershipWide || i.organisationsShown.length === 0) return undefined;
  const names = [...organisations]
    .filter(([id]) => !i.organisationsShown.includes(id))
    .map(([, name]) => name);
  if (names.length === 0) return undefined;
  const one = names.length === 1;
  return `Not in this table: ${new Intl.ListFormat('en-GB').format(names)}, which chose to publish only the partnership total for this indicator. ${one ? 'Its figure counts' : 'Their figures count'} in the total.`;
}
