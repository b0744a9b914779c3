/**
 * Where directly employed staff live, kept as counts only: how many people (and how many new
 * starters) live in each district with each pair of IMD deciles (2019 and 2025 editions). A home
 * postcode is placed, counted here and then dropped (decision 026), so no one's postcode or
 * neighbourhood is stored; yet a change of the partnership's local area or of its edition of the
 * index is applied to the figures without the extract being imported again. Pure.
 */
import type { Placement, PayrollCounts } from './aggregate.js';

/** One cell of the count: people whose home is in this district with these deciles. */
export interface HomeCell {
  /** Local authority district code; null when the postcode could not be placed. */
  readonly district: string | null;
  readonly decile2019: number | null;
  readonly decile2025: number | null;
  /** Directly employed staff. */
  readonly staff: number;
  /** Of them, those who started in the period. */
  readonly starters: number;
}

/** Where a home postcode was placed, in both editions of the index (before the edition is chosen). */
export interface HomePlace {
  readonly district: string | null;
  readonly decile2019: number | null;
  readonly decile2025: number | null;
}

/** Counts people by home cell (directly employed staff only; the caller passes them). */
export function countHomes(
  people: Iterable<{ readonly place: HomePlace | null; readonly starter: boolean }>,
): HomeCell[] {
  const cells = new Map<string, { place: HomePlace; staff: number; starters: number }>();
  for (const { place, starter } of people) {
    const p = place ?? { district: null, decile2019: null, decile2025: null };
    const key = `${p.district ?? ''}|${p.decile2019 ?? ''}|${p.decile2025 ?? ''}`;
    const cell = cells.get(key) ?? { place: p, staff: 0, starters: 0 };
    cell.staff += 1;
    if (starter) cell.starters += 1;
    cells.set(key, cell);
  }
  return [...cells.values()]
    .map((c) => ({ ...c.place, staff: c.staff, starters: c.starters }))
    .sort((a, b) => (cellKey(a) < cellKey(b) ? -1 : cellKey(a) > cellKey(b) ? 1 : 0));
}

/** Districts in code order, the unplaced last. */
const cellKey = (c: HomePlace) =>
  `${c.district ?? '\uffff'}|${c.decile2019 ?? ''}|${c.decile2025 ?? ''}`;

/** The placement of a home cell for a partnership's local area and edition of the index. */
export function placementOf(
  cell: HomePlace,
  localArea: readonly string[],
  edition: 2019 | 2025,
): Placement | null {
  if (!cell.district) return null;
  return {
    district: cell.district,
    lsoa: null,
    decile: edition === 2019 ? cell.decile2019 : cell.decile2025,
    local: localArea.includes(cell.district),
  };
}

/**
 * The counts with where people live worked out for this local area and edition: residence and
 * the new starters' places from the home cells; pay, apprentices and priority groups as counted.
 */
export function withHomes(
  counts: PayrollCounts,
  homes: readonly HomeCell[],
  localArea: readonly string[],
  edition: 2019 | 2025,
): PayrollCounts {
  const residence = { staff: 0, placed: 0, local: 0, decileKnown: 0, deprived: 0 };
  let startersPlaced = 0;
  let startersLocal = 0;
  let startersDeprived = 0;
  for (const cell of homes) {
    residence.staff += cell.staff;
    const place = placementOf(cell, localArea, edition);
    if (!place) continue;
    const deprived = place.decile !== null && place.decile <= 2;
    residence.placed += cell.staff;
    startersPlaced += cell.starters;
    if (place.local) {
      residence.local += cell.staff;
      startersLocal += cell.starters;
    }
    if (place.decile !== null) residence.decileKnown += cell.staff;
    if (deprived) {
      residence.deprived += cell.staff;
      startersDeprived += cell.starters;
    }
  }
  return {
    ...counts,
    residence,
    starters: {
      ...counts.starters,
      placed: startersPlaced,
      local: startersLocal,
      deprived: startersDeprived,
    },
  };
}
