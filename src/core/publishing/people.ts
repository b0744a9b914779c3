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
 *
 * Pure.
 */
import { protectTable, type Published } from '../disclosure/disclosure.js';

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
      readonly reason: 'fewer-than-threshold' | 'secondary' | 'parts-not-known';
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
export function protectPeople(kind: PeopleKind, table: PeopleTable): ProtectedPeopleTable {
  const rows = table.cells;
  const periods = rows[0]?.length ?? 0;
  if (kind === 'count') {
    const counts = rows.map((r) =>
      r.map((f) => (f && isWhole(f.value ?? undefined) ? (f.value as number) : 0)),
    );
    const p = protectTable(counts);
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
  const about = rows.map((r) => r.map((f) => (hasParts(f) ? f.numerator : 0)));
  const rest = rows.map((r) => r.map((f) => (hasParts(f) ? f.denominator - f.numerator : 0)));
  const a = protectTable(about);
  const b = protectTable(rest);
  const share = (x: Published | undefined, y: Published | undefined): ProtectedFigure => {
    if (!x || !y) return { shown: false, reason: 'secondary' };
    if (!x.shown) return { shown: false, reason: x.reason };
    if (!y.shown) return { shown: false, reason: y.reason };
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
