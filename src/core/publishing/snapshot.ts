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
 * figure that counts people through disclosure control (core/publishing/people.ts). Pure: the
 * input is plain data, and so is the output (it is stored as JSON).
 */
import { SUPPRESSED_TEXT } from '../disclosure/disclosure.js';
import { formatValue } from '../framework/format.js';
import { totalUnit, YES_COUNT_AXIS, YES_COUNT_NOTE, yesCountText } from '../framework/rollup.js';
import type { Direction, Frequency, Unit } from '../framework/types.js';
import {
  PARTS_NOT_KNOWN_TEXT,
  SMALL_SHARE_TEXT,
  peopleKind,
  protectPeople,
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
}

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
  readonly status: PublishedIndicator['status'];
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
}

const NOT_KNOWN = 'Not known';

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
      ? protectedPeriods(ind, people, input.organisations, shown)
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
      status: ind.status,
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
): PublishedPeriod[] {
  const ids = organisations.map((o) => o.id);
  const asPeople = (f: FigureIn | null | undefined): PeopleFigure | null =>
    f && f.known && f.value !== null
      ? {
          value: f.value,
          ...(f.numerator !== undefined ? { numerator: f.numerator } : {}),
          ...(f.denominator !== undefined ? { denominator: f.denominator } : {}),
        }
      : null;
  const table = protectPeople(kind, {
    cells: ids.map((id) => ind.periods.map((p) => asPeople(p.organisations[id]))),
  });
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
