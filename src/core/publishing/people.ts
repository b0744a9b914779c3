/**
 * Disclosure control for the published figures that count people (issue 13, SPEC §2.9): which
 * indicators count people, and their figures as they may be published, through the one module
 * that protects every people-count (core/disclosure).
 *
 * - A count of people (W7 apprenticeship starts, W8 people from priority groups, C2 residents
 *   taking part) is protected as a table: the organisations as rows, the periods of the year as
 *   columns, with each organisation's total over the year, each period's partnership total and
 *   the year's total. No count of 1–9 is shown, the rest are rounded to 5, and further figures
 *   are hidden where a hidden one could be worked out from the totals.
 * - A share of people (W1 staff paid the Real Living Wage, W4–W6 staff living locally) rests on
 *   two counts: the people it is about (the numerator) and the rest (denominator − numerator).
 *   Each is protected as a table in the same way, and the share is worked out again from the
 *   published, rounded counts, as SPEC §2.9 says. A share whose counts are not known (a figure
 *   typed in as a percentage) is not published: it could not be checked.
 * - A correction (a later revision of the year, while the earlier ones stay public) is protected
 *   together with them (core/disclosure, `earlier`): what they hid stays hidden, what they showed
 *   is known and protects nothing, and a figure that changes and is hidden in either takes its
 *   period's total with it, hidden as corrected. Which figures changed comes from the counts each
 *   earlier revision was protected with (kept, never published); where those are not known, a
 *   figure hidden in both is taken to have changed. For a share, what they showed was a
 *   proportion, not its counts: a share they hid stays hidden.
 *
 * Pure.
 */
import {
  DISCLOSURE_THRESHOLD,
  protectTable,
  type EarlierState,
  type EarlierTable,
  type ProtectedTable,
  type Published,
  type SuppressionReason,
} from '../disclosure/disclosure.js';

/** How an indicator counts people, by catalogue id. Others do not count people. */
export const PEOPLE_INDICATORS: Readonly<Record<string, 'count' | 'share'>> = {
  W1: 'share',
  W2: 'share',
  W4: 'share',
  W5: 'share',
  W6: 'share',
  W7: 'count',
  W8: 'count',
  C2: 'count',
};

export type PeopleKind = 'count' | 'share';

export function peopleKind(indicatorId: string): PeopleKind | null {
  return Object.hasOwn(PEOPLE_INDICATORS, indicatorId)
    ? (PEOPLE_INDICATORS[indicatorId] ?? null)
    : null;
}

/** One organisation's (or the partnership's) figure in a period, before protection. */
export interface PeopleFigure {
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
}

/** A figure as it may be published. */
export type ProtectedFigure =
  | { readonly shown: true; readonly value: number }
  | {
      readonly shown: false;
      readonly reason: 'fewer-than-threshold' | 'secondary' | 'corrected' | 'parts-not-known';
    };

/** What the page says in place of a share that could not be checked. */
export const PARTS_NOT_KNOWN_TEXT = 'Not published: the counts behind it are not known';

/** What the page says in place of a share hidden because a group behind it is small. */
export const SMALL_SHARE_TEXT = 'Not shown: fewer than 10 people one way or the other';

export interface PeopleTable {
  /** [organisation][period]: null where the organisation has no figure. */
  readonly cells: readonly (readonly (PeopleFigure | null)[])[];
}

export interface ProtectedPeopleTable {
  readonly cells: (ProtectedFigure | null)[][];
  /** Each period's partnership total. */
  readonly periodTotals: ProtectedFigure[];
}

/**
 * What an earlier revision published of the same table, figure by figure: shown, hidden, or not
 * published (an organisation that showed only the partnership total, or had no figure).
 */
export interface EarlierPeople {
  /** [organisation][period], the organisations and periods in the same order as the table's. */
  readonly cells: readonly (readonly EarlierState[])[];
  readonly periodTotals: readonly EarlierState[];
  /**
   * The figures it was protected with, [organisation][period] as `cells`, where known (they are
   * kept with each revision and never published): which of them a correction changes.
   */
  readonly figures?: readonly (readonly (PeopleFigure | null)[])[];
}

/**
 * The earlier revision as the table protected: the organisations' year totals are not published;
 * `count` takes a figure to the table's count (0 where there is none).
 */
function earlierTable(
  e: EarlierPeople,
  count: (f: PeopleFigure | null) => number,
  cells: readonly (readonly EarlierState[])[] = e.cells,
  periodTotals: readonly EarlierState[] = e.periodTotals,
): EarlierTable {
  return {
    cells,
    rowTotals: cells.map(() => 'unpublished' as const),
    columnTotals: periodTotals,
    grandTotal: 'unpublished',
    ...(e.figures ? { counts: e.figures.map((r) => r.map(count)) } : {}),
  };
}

/**
 * The table protected; where even hiding every figure not already public could not protect a
 * hidden one (possible only in a correction), every figure is hidden.
 */
function protectOrWithhold(
  counts: readonly (readonly number[])[],
  earlier: readonly EarlierTable[],
): ProtectedTable {
  const p = protectTable(counts, { earlier });
  if (!p.cannotProtect) return p;
  const hide = (n: number): Published =>
    n === 0
      ? { shown: true, value: 0 }
      : { shown: false, reason: n < DISCLOSURE_THRESHOLD ? 'fewer-than-threshold' : 'secondary' };
  const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const columns = counts[0]?.length ?? 0;
  const columnTotals = Array.from({ length: columns }, (_, j) =>
    counts.reduce((a, r) => a + (r[j] ?? 0), 0),
  );
  return {
    cells: counts.map((r) => r.map(hide)),
    rowTotals: rowTotals.map(hide),
    columnTotals: columnTotals.map(hide),
    grandTotal: hide(rowTotals.reduce((a, b) => a + b, 0)),
  };
}

const isWhole = (n: number | undefined): n is number =>
  n !== undefined && Number.isInteger(n) && n >= 0;

function fromPublished(p: Published): ProtectedFigure {
  return p.shown ? { shown: true, value: p.value } : { shown: false, reason: p.reason };
}

/**
 * Protects one people indicator's figures for a year: organisations × periods, with the
 * partnership total of each period. A count takes its value; a share its numerator and
 * denominator. Figures that are not whole counts (or parts) cannot be checked and are withheld.
 */
export function protectPeople(
  kind: PeopleKind,
  table: PeopleTable,
  earlier: readonly EarlierPeople[] = [],
): ProtectedPeopleTable {
  const rows = table.cells;
  const periods = rows[0]?.length ?? 0;
  if (kind === 'count') {
    const countOf = (f: PeopleFigure | null) =>
      f && isWhole(f.value ?? undefined) ? (f.value as number) : 0;
    const counts = rows.map((r) => r.map(countOf));
    const p = protectOrWithhold(
      counts,
      earlier.map((e) => earlierTable(e, countOf)),
    );
    return {
      cells: rows.map((r, i) =>
        r.map((f, j) => {
          if (f === null || f.value === null) return null;
          if (!isWhole(f.value)) return { shown: false, reason: 'parts-not-known' };
          const cell = p.cells[i]?.[j];
          return cell ? fromPublished(cell) : null;
        }),
      ),
      periodTotals: Array.from({ length: periods }, (_, j) => {
        const t = p.columnTotals[j];
        return t ? fromPublished(t) : { shown: false, reason: 'secondary' };
      }),
    };
  }
  // A share: the people it is about and the rest, each protected as a table.
  const hasParts = (
    f: PeopleFigure | null,
  ): f is PeopleFigure & {
    numerator: number;
    denominator: number;
  } => f !== null && isWhole(f.numerator) && isWhole(f.denominator) && f.numerator <= f.denominator;
  const aboutOf = (f: PeopleFigure | null) => (hasParts(f) ? f.numerator : 0);
  const restOf = (f: PeopleFigure | null) => (hasParts(f) ? f.denominator - f.numerator : 0);
  const about = rows.map((r) => r.map(aboutOf));
  const rest = rows.map((r) => r.map(restOf));
  // A share hidden before stays hidden: its counts that are not 0 are hidden again. A share
  // shown before published a proportion, not its counts, so they are not known.
  const asCounts = (
    counts: readonly (readonly number[])[],
    count: (f: PeopleFigure | null) => number,
  ): EarlierTable[] =>
    earlier.map((e) => {
      const again = (x: EarlierState, n: number): EarlierState =>
        x === 'hidden' && n > 0 ? 'hidden' : 'unpublished';
      return earlierTable(
        e,
        count,
        e.cells.map((r, i) => r.map((x, j) => again(x, counts[i]?.[j] ?? 0))),
        e.periodTotals.map((x, j) =>
          again(
            x,
            counts.reduce((t, r) => t + (r[j] ?? 0), 0),
          ),
        ),
      );
    });
  const a = protectOrWithhold(about, asCounts(about, aboutOf));
  const b = protectOrWithhold(rest, asCounts(rest, restOf));
  const share = (x: Published | undefined, y: Published | undefined): ProtectedFigure => {
    if (!x || !y) return { shown: false, reason: 'secondary' };
    // Hidden: because fewer than 10 are on one side, if that is so; else because a figure in it
    // was corrected; else to protect another.
    const why = (r: SuppressionReason) =>
      (!x.shown && x.reason === r) || (!y.shown && y.reason === r);
    if (!x.shown || !y.shown)
      return {
        shown: false,
        reason: why('fewer-than-threshold')
          ? 'fewer-than-threshold'
          : why('corrected')
            ? 'corrected'
            : 'secondary',
      };
    const whole = x.value + y.value;
    // Both rounded to 0 (fewer than 3 people each): nothing to show a share of.
    if (whole === 0) return { shown: false, reason: 'fewer-than-threshold' };
    return { shown: true, value: (x.value / whole) * 100 };
  };
  return {
    cells: rows.map((r, i) =>
      r.map((f, j) => {
        if (f === null || f.value === null) return null;
        if (!hasParts(f)) return { shown: false, reason: 'parts-not-known' };
        return share(a.cells[i]?.[j], b.cells[i]?.[j]);
      }),
    ),
    periodTotals: Array.from({ length: periods }, (_, j) => {
      const anyParts = rows.some((r) => hasParts(r[j] ?? null));
      if (!anyParts) return { shown: false, reason: 'parts-not-known' };
      return share(a.columnTotals[j], b.columnTotals[j]);
    }),
  };
}
