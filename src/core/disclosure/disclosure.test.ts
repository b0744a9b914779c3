import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  otherValue,
  possibleValues,
  unrounded,
  type BruteForce,
} from '../../../test/helpers/disclosure-attacker.js';
import {
  DISCLOSURE_RULES_TEXT,
  DISCLOSURE_THRESHOLD,
  MIN_POSSIBLE_VALUES,
  protectList,
  protectTable,
  publishedText,
  ROUNDING_BASE,
  roundToBase,
  SUPPRESSED_TEXT,
  type EarlierList,
  type Published,
} from './disclosure.js';

const shown = (value: number): Published => ({ shown: true, value });
const small: Published = { shown: false, reason: 'fewer-than-threshold' };
const secondary: Published = { shown: false, reason: 'secondary' };
const corrected: Published = { shown: false, reason: 'corrected' };

describe('roundToBase', () => {
  it('rounds to the nearest 5', () => {
    expect(roundToBase(0)).toBe(0);
    expect(roundToBase(10)).toBe(10);
    expect(roundToBase(12)).toBe(10);
    expect(roundToBase(13)).toBe(15);
    expect(roundToBase(17)).toBe(15);
    expect(roundToBase(18)).toBe(20);
    expect(roundToBase(1_002)).toBe(1_000);
  });

  it('refuses negative and fractional counts', () => {
    expect(() => roundToBase(-1)).toThrow(RangeError);
    expect(() => roundToBase(2.5)).toThrow(RangeError);
    expect(() => roundToBase(Number.NaN)).toThrow(RangeError);
  });

  it('is a multiple of the base within half of it', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), (n) => {
        const r = roundToBase(n);
        expect(r % ROUNDING_BASE).toBe(0);
        expect(Math.abs(r - n)).toBeLessThanOrEqual(ROUNDING_BASE / 2);
      }),
    );
  });
});

describe('publishedText', () => {
  it('says the rounded figure, or why it is hidden', () => {
    expect(publishedText(shown(15))).toBe('15');
    expect(publishedText(shown(0))).toBe('0');
    expect(publishedText(shown(12_345))).toBe('12,345');
    expect(publishedText(small)).toBe('Fewer than 10');
    expect(publishedText(secondary)).toBe('Hidden to protect another figure');
  });
});

describe('the rules in words', () => {
  it('states the threshold, the rounding base and what hidden figures say', () => {
    const text = DISCLOSURE_RULES_TEXT.join(' ');
    expect(text).toContain(`fewer than ${DISCLOSURE_THRESHOLD} people`);
    expect(text).toContain(`nearest ${ROUNDING_BASE}`);
    expect(text).toContain(SUPPRESSED_TEXT['fewer-than-threshold']);
    expect(text).toContain(SUPPRESSED_TEXT.secondary);
    expect(text).toContain(SUPPRESSED_TEXT.corrected);
  });
});

describe('protectList', () => {
  it('shows a list with no small counts, rounded, and the total rounded from the true total', () => {
    // 12 + 12 + 12 = 36: the rounded cells add up to 30, but the total shown is 36 rounded.
    expect(protectList([12, 12, 12])).toEqual({
      cells: [shown(10), shown(10), shown(10)],
      total: shown(35),
    });
  });

  it('worked example: a small count and the next count after it that protects it', () => {
    // 4 is fewer than 10. With the total (58) and the other cells shown it could be worked out,
    // so another is hidden too: the next non-zero count after it (0 is never used: it would add
    // nothing), whatever its size, so that which one was hidden says nothing about the counts.
    // Then 4 and 27 are known only to add up to 31: the small one could be 1 to 9.
    expect(protectList([12, 4, 0, 27, 15])).toEqual({
      cells: [shown(10), small, shown(0), secondary, shown(15)],
      total: shown(60),
    });
  });

  it('hides more when the only split of a sum would give the small count away', () => {
    // The 10 is hidden to protect the 1, but then the two add up to 11 (the total less nothing);
    // "Fewer than 10" is 1 to 9 and a figure hidden to protect another is at least 10, so only
    // 1 + 10 fits. The total is hidden too: then the 1 could be anything from 1 to 9.
    expect(protectList([1, 10])).toEqual({ cells: [small, secondary], total: secondary });
    // Two cells of fewer than 10 that add up to 2 must both be 1, so a third is hidden.
    expect(protectList([1, 1, 50])).toEqual({
      cells: [small, small, secondary],
      total: shown(50),
    });
  });

  it('hides a total of fewer than 10, and shows zeros', () => {
    expect(protectList([3, 4])).toEqual({ cells: [small, small], total: small });
    expect(protectList([0, 0, 0])).toEqual({
      cells: [shown(0), shown(0), shown(0)],
      total: shown(0),
    });
    expect(protectList([])).toEqual({ cells: [], total: shown(0) });
  });

  it('refuses negative and fractional counts', () => {
    expect(() => protectList([1, -1])).toThrow(RangeError);
    expect(() => protectList([1.5])).toThrow(RangeError);
    expect(() => protectList([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

describe('protectTable', () => {
  it('worked example: two areas by three deciles', () => {
    //            decile 1  decile 2  decile 3 | total
    //   area A        12         0         3 |    15
    //   area B        20        30        40 |    90
    //   total         32        30        43 |   105
    // 3 is fewer than 10. In its row the next non-zero count after it (going round) is 12, so it
    // is hidden (3 + 12 = 15 leaves the 3 anywhere from 1 to 5). In its column the only other
    // count is 40. Then 12 is alone in its column, so the 20 below it is hidden; row B now has two
    // hidden cells (20 and 40) and every line with a hidden cell has at least two.
    expect(
      protectTable([
        [12, 0, 3],
        [20, 30, 40],
      ]),
    ).toEqual({
      cells: [
        [secondary, shown(0), small],
        [secondary, shown(30), secondary],
      ],
      rowTotals: [shown(15), shown(90)],
      columnTotals: [shown(30), shown(30), shown(45)],
      grandTotal: shown(105),
    });
  });

  it('hides every cell and margin that is fewer than 10', () => {
    expect(
      protectTable([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual({
      cells: [
        [small, small],
        [small, small],
      ],
      rowTotals: [small, small],
      columnTotals: [small, small],
      grandTotal: shown(10),
    });
  });

  it('hides a total that equals a hidden cell', () => {
    // One column: each row total is its cell, so a cell hidden to protect another must take
    // its row total with it.
    const result = protectTable([[4], [20], [30]]);
    expect(result.cells).toEqual([[small], [secondary], [shown(30)]]);
    expect(result.rowTotals).toEqual([small, secondary, shown(30)]);
    expect(result.columnTotals).toEqual([shown(55)]);
    expect(result.grandTotal).toEqual(shown(55));
  });

  it('handles empty tables', () => {
    expect(protectTable([])).toEqual({
      cells: [],
      rowTotals: [],
      columnTotals: [],
      grandTotal: shown(0),
    });
    expect(protectTable([[], []])).toEqual({
      cells: [[], []],
      rowTotals: [shown(0), shown(0)],
      columnTotals: [],
      grandTotal: shown(0),
    });
  });

  it('refuses negative and fractional counts and rows of different lengths', () => {
    expect(() => protectTable([[1, -2]])).toThrow(RangeError);
    expect(() => protectTable([[0.5]])).toThrow(RangeError);
    expect(() => protectTable([[1, 2], [3]])).toThrow(RangeError);
  });
});

// ---- What an attacker can do with a published table -------------------------------------------

/**
 * A published table as its entries (the cells, then the totals), with the true count of each,
 * what was published for it, the lines (these parts add up to this total) and, for each entry,
 * the cells it adds up.
 */
interface Model {
  readonly truth: readonly number[];
  readonly published: readonly Published[];
  readonly cellCount: number;
  readonly lines: readonly { readonly parts: readonly number[]; readonly total: number }[];
  readonly cellsOf: readonly (readonly number[])[];
}

function listModel(counts: readonly number[], result = protectList(counts)): Model {
  const n = counts.length;
  const cells = counts.map((_, i) => i);
  return {
    truth: [...counts, counts.reduce((a, b) => a + b, 0)],
    published: [...result.cells, result.total],
    cellCount: n,
    lines: [{ parts: cells, total: n }],
    cellsOf: [...cells.map((i) => [i]), cells],
  };
}

function tableModel(counts: readonly (readonly number[])[], result = protectTable(counts)): Model {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const cells = counts.flat();
  const n = cells.length;
  const rowCells = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => i * columns + j),
  );
  const columnCells = Array.from({ length: columns }, (_, j) =>
    Array.from({ length: rows }, (_, i) => i * columns + j),
  );
  const all = cells.map((_, k) => k);
  const add = (ks: readonly number[]) => ks.reduce((a, k) => a + (cells[k] ?? 0), 0);
  const rowTotal = (i: number) => n + i;
  const columnTotal = (j: number) => n + rows + j;
  const grand = n + rows + columns;
  return {
    truth: [...cells, ...rowCells.map(add), ...columnCells.map(add), add(all)],
    published: [
      ...result.cells.flat(),
      ...result.rowTotals,
      ...result.columnTotals,
      result.grandTotal,
    ],
    cellCount: n,
    lines: [
      ...rowCells.map((parts, i) => ({ parts, total: rowTotal(i) })),
      ...columnCells.map((parts, j) => ({ parts, total: columnTotal(j) })),
      { parts: rowCells.map((_, i) => rowTotal(i)), total: grand },
      { parts: columnCells.map((_, j) => columnTotal(j)), total: grand },
    ],
    cellsOf: [...all.map((k) => [k]), ...rowCells, ...columnCells, all],
  };
}

const hiddenEntries = (m: Model) => m.published.flatMap((p, i) => (p.shown ? [] : [i]));

/**
 * The hidden entries someone can work out by taking a line with only one hidden entry and
 * solving it, again and again (each one solved becomes known), knowing the shown entries exactly
 * (before rounding).
 */
function solvedLineByLine(m: Model): number[] {
  const known = m.published.map((p) => p.shown);
  const solved: number[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const line of m.lines) {
      const unknown = [...line.parts, line.total].filter((i) => !known[i]);
      const [only] = unknown;
      if (unknown.length === 1 && only !== undefined) {
        known[only] = true;
        solved.push(only);
        progress = true;
      }
    }
  }
  return solved;
}

/** The rank of a small matrix, by Gaussian elimination. */
function rank(matrix: readonly (readonly number[])[]): number {
  const rows = matrix.map((r) => [...r]);
  const width = rows[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let k = r; k < rows.length; k++) {
      if (Math.abs(rows[k]?.[c] ?? 0) > Math.abs(rows[best]?.[c] ?? 0)) best = k;
    }
    const pivot = rows[best];
    if (pivot === undefined || Math.abs(pivot[c] ?? 0) < 1e-9) continue;
    rows[best] = rows[r] ?? pivot;
    rows[r] = pivot;
    for (let k = r + 1; k < rows.length; k++) {
      const row = rows[k];
      if (row === undefined) continue;
      const f = (row[c] ?? 0) / (pivot[c] ?? 1);
      for (let x = c; x < width; x++) row[x] = (row[x] ?? 0) - f * (pivot[x] ?? 0);
    }
    r++;
  }
  return r;
}

/**
 * The hidden entries someone can work out exactly by adding and subtracting any lines (knowing
 * the shown entries exactly): those whose unit vector is in the span of the lines written over
 * the hidden entries alone.
 */
function solvedByCombiningLines(m: Model): number[] {
  const hidden = hiddenEntries(m);
  const equations = m.lines.map((line) =>
    hidden.map((h) => (line.parts.includes(h) ? 1 : 0) - (line.total === h ? 1 : 0)),
  );
  const base = rank(equations);
  return hidden.filter((_, k) => {
    const unit = hidden.map((_, c) => (c === k ? 1 : 0));
    return rank([...equations, unit]) === base;
  });
}

/**
 * The hidden entries that have only one possible value, by brute force: is there a way of
 * filling the hidden cells that fits the shown entries (taken exactly, before rounding) and what
 * each hidden entry could be, and gives the entry another value? What a hidden entry could be is
 * what a reader who knows the rules knows: 1 to 9 when it is "Fewer than 10", otherwise 10 or
 * more (a 0 is never hidden), up to a cap. The cap can only make an entry easier to pin down, so
 * it never lets a badly protected table pass. For small tables only.
 */
function pinnedDown(m: Model): number[] {
  const hidden = hiddenEntries(m);
  const hiddenCells = hidden.filter((i) => i < m.cellCount);
  const cap = 2 * (m.truth.at(-1) ?? 0) + 2 * DISCLOSURE_THRESHOLD;
  const range = (i: number): [number, number] => {
    const p = m.published[i];
    if (p === undefined || p.shown) return [m.truth[i] ?? 0, m.truth[i] ?? 0];
    return p.reason === 'fewer-than-threshold' ? [1, DISCLOSURE_THRESHOLD - 1] : [10, cap];
  };
  const totals = m.cellsOf.flatMap((cells, t) => (t >= m.cellCount ? [{ t, cells }] : []));
  const totalsOf = m.cellsOf.map((_, k) => totals.filter(({ cells }) => cells.includes(k)));
  const value = new Map<number, number>();
  /** The values cell k can still take, given the cells filled in so far and every total. */
  const bounds = (k: number): [number, number] => {
    let [from, to] = range(k);
    for (const { t, cells } of totalsOf[k] ?? []) {
      const [low, high] = range(t);
      let fixed = 0;
      let least = 0;
      let most = 0;
      for (const c of cells) {
        if (c === k) continue;
        const v = value.get(c);
        const [l, h] = range(c);
        fixed += v ?? 0;
        least += v === undefined ? l : 0;
        most += v === undefined ? h : 0;
      }
      from = Math.max(from, low - fixed - most);
      to = Math.min(to, high - fixed - least);
    }
    return [from, to];
  };
  const entryValue = (e: number) =>
    (m.cellsOf[e] ?? []).reduce((a, k) => a + (value.get(k) ?? m.truth[k] ?? 0), 0);
  const fits = () =>
    totals.every(({ t }) => {
      const [low, high] = range(t);
      const v = entryValue(t);
      return low <= v && v <= high;
    });
  /** Whether some filling of the cells from position `at` on gives entry e another value. */
  const otherValue = (e: number, at: number): boolean => {
    const k = hiddenCells[at];
    if (k === undefined) return fits() && entryValue(e) !== m.truth[e];
    const [from, to] = bounds(k);
    const truth = m.truth[k] ?? 0;
    // Nearest the true value first: another table that fits usually differs by a little.
    const tries: number[] = [];
    for (let v = from; v <= to; v++) tries.push(v);
    tries.sort((a, b) => Math.abs(a - truth) - Math.abs(b - truth) || a - b);
    for (const v of tries) {
      if (k === e && v === truth) continue;
      value.set(k, v);
      const found = otherValue(e, at + 1);
      value.delete(k);
      if (found) return true;
    }
    return false;
  };
  return hidden.filter((e) => !otherValue(e, 0));
}

describe('the checks used below', () => {
  it('catch a lone hidden figure in a line', () => {
    const m = listModel([4, 20], { cells: [small, shown(20)], total: shown(25) });
    expect(solvedLineByLine(m)).toEqual([0]);
    expect(solvedByCombiningLines(m)).toEqual([0]);
    expect(pinnedDown(m)).toEqual([0]);
  });

  it('catch a figure given away only by combining lines', () => {
    // Two separate loops of hidden cells (top left and bottom right) joined by one hidden cell
    // at row 0, column 2: every line has none or at least two hidden, but rows 0 and 1 less
    // columns 0 and 1 leave that cell alone.
    const counts = [0, 1, 2, 3].map(() => [20, 20, 20, 20]);
    const hidden = new Set(['0,0', '0,1', '1,0', '1,1', '2,2', '2,3', '3,2', '3,3', '0,2']);
    const m = tableModel(counts, {
      cells: counts.map((row, i) =>
        row.map((c, j) => (hidden.has(`${i},${j}`) ? secondary : shown(c))),
      ),
      rowTotals: counts.map(() => shown(80)),
      columnTotals: counts.map(() => shown(80)),
      grandTotal: shown(320),
    });
    expect(solvedLineByLine(m)).toEqual([]);
    expect(solvedByCombiningLines(m)).toEqual([2]);
  });

  it('catch a figure given away by what hidden figures could be', () => {
    //   10   0  <1 | [11]
    //  [10]  0   0 | [10]
    //  [20]  0  <1 |  21
    // Combining lines, the 1 and the hidden 10 add up to 11; one is 1 to 9, the other at least
    // 10, so they can only be 1 and 10.
    const m = tableModel(
      [
        [10, 0, 1],
        [10, 0, 0],
      ],
      {
        cells: [
          [shown(10), shown(0), small],
          [secondary, shown(0), shown(0)],
        ],
        rowTotals: [secondary, secondary],
        columnTotals: [secondary, shown(0), small],
        grandTotal: shown(20),
      },
    );
    expect(solvedLineByLine(m)).toEqual([]);
    expect(solvedByCombiningLines(m)).toEqual([]);
    expect(pinnedDown(m)).toContain(2);
  });
});

// ---- Properties --------------------------------------------------------------------------------

/** Counts, often small, so that plenty of cells are hidden. */
const count = (max: number) =>
  fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max }), fc.constant(0));
const lists = (maxLength: number, max: number) => fc.array(count(max), { maxLength });
const tables = (maxSide: number, max: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 1, max: maxSide }))
    .chain(([rows, columns]) =>
      fc.array(fc.array(count(max), { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
    );

/** Both kinds of table, as models. */
const models = fc.oneof(
  lists(12, 200).map(listModel),
  tables(6, 200).map((t) => tableModel(t)),
);

describe('protection properties', { timeout: 30_000 }, () => {
  it('shows no figure below 10 but 0, and every shown figure is the true one rounded', () => {
    fc.assert(
      fc.property(models, (m) => {
        m.published.forEach((p, i) => {
          if (!p.shown) return;
          expect(p.value === 0 || p.value >= DISCLOSURE_THRESHOLD).toBe(true);
          expect(p.value % ROUNDING_BASE).toBe(0);
          expect(p.value).toBe(roundToBase(m.truth[i] ?? NaN));
        });
      }),
    );
  });

  it('hides every count of 1 to 9 as fewer than 10, never a 0, and nothing else as small', () => {
    fc.assert(
      fc.property(models, (m) => {
        m.published.forEach((p, i) => {
          const truth = m.truth[i] ?? NaN;
          if (truth >= 1 && truth < DISCLOSURE_THRESHOLD) expect(p).toEqual(small);
          else if (truth === 0) expect(p).toEqual(shown(0));
          else if (!p.shown) expect(p).toEqual(secondary);
        });
      }),
    );
  });

  it('leaves no line with a single hidden entry, so solving line by line gives nothing', () => {
    fc.assert(
      fc.property(models, (m) => {
        expect(solvedLineByLine(m)).toEqual([]);
      }),
    );
  });

  it('lets no hidden entry be worked out by adding and subtracting lines', () => {
    fc.assert(
      fc.property(models, (m) => {
        expect(solvedByCombiningLines(m)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every hidden entry of a list at least two possible values (brute force)', () => {
    fc.assert(
      fc.property(lists(5, 40).map(listModel), (m) => {
        expect(pinnedDown(m)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every hidden entry of a small table at least two possible values (brute force)', () => {
    fc.assert(
      fc.property(
        tables(3, 40).map((t) => tableModel(t)),
        (m) => {
          expect(pinnedDown(m)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is the same every time for the same counts, and leaves the counts alone', () => {
    fc.assert(
      fc.property(lists(12, 200), tables(5, 200), (list, table) => {
        const listCopy = [...list];
        const tableCopy = table.map((row) => [...row]);
        expect(protectList(list)).toEqual(protectList(listCopy));
        expect(protectTable(table)).toEqual(protectTable(tableCopy));
        expect(list).toEqual(listCopy);
        expect(table).toEqual(tableCopy);
      }),
    );
  });
});

// ---- Someone who re-runs the rules ------------------------------------------------------------

/**
 * A brute force on a published list or table that also re-runs these rules (they are public):
 * every table in a bounded range that agrees with the published figures as published (rounded)
 * and, protected again, gives exactly the same publication.
 */
function rerun(m: Model, again: (cells: readonly number[]) => readonly Published[]): BruteForce {
  const cap = 45;
  const cells = m.truth.slice(0, m.cellCount);
  const range = (p: Published | undefined) =>
    p === undefined || p.shown
      ? unrounded(p?.value ?? 0)
      : p.reason === 'fewer-than-threshold'
        ? { lo: 1, hi: DISCLOSURE_THRESHOLD - 1 }
        : { lo: DISCLOSURE_THRESHOLD, hi: cap * m.cellCount };
  const expected = JSON.stringify(m.published);
  return {
    truth: cells,
    ranges: cells.map((_, k) => {
      const r = range(m.published[k]);
      return { lo: r.lo, hi: Math.min(r.hi, cap) };
    }),
    sums: m.cellsOf.flatMap((vars, t) =>
      t >= m.cellCount ? [{ vars, ...range(m.published[t]) }] : [],
    ),
    fits: (candidate) => JSON.stringify(again(candidate)) === expected,
    budget: 50_000,
  };
}

const smallHidden = (m: Model) =>
  m.truth.flatMap((v, k) => (k < m.cellCount && v >= 1 && v < DISCLOSURE_THRESHOLD ? [k] : []));

describe('against someone who re-runs the rules on every table that could be behind a page', () => {
  it('worked example: hiding a further figure does not say that a small one was 1', () => {
    // 1 and 10 hidden leave the 1 with one value (1 + 10 = 11, and 10 is at least 10), so 30 is
    // hidden too. Someone re-running the rules learns that, before 30 was hidden, the small one
    // had fewer than three values: with 1 + 10 or 1 + 11 or 2 + 10, so it is 1 or 2, not 1.
    const m = listModel([1, 10, 30]);
    expect(m.published).toEqual([small, secondary, secondary, shown(40)]);
    const p = rerun(m, (c) => {
      const r = protectList(c);
      return [...r.cells, r.total];
    });
    expect(otherValue(p, 0)).not.toBeNull();
  });

  it('leaves every small count of a list more than one value (brute force)', () => {
    fc.assert(
      fc.property(lists(4, 30), (counts) => {
        const m = listModel(counts);
        const p = rerun(m, (c) => {
          const r = protectList(c);
          return [...r.cells, r.total];
        });
        expect(smallHidden(m).filter((k) => otherValue(p, k) === null)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves every small count of a small table more than one value (brute force)', () => {
    fc.assert(
      fc.property(tables(3, 30), (t) => {
        const m = tableModel(t);
        const columns = t[0]?.length ?? 0;
        const p = rerun(m, (c) => {
          const r = protectTable(t.map((row, i) => row.map((_, j) => c[i * columns + j] ?? 0)));
          return [...r.cells.flat(), ...r.rowTotals, ...r.columnTotals, r.grandTotal];
        });
        expect(smallHidden(m).filter((k) => otherValue(p, k) === null)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it(`leaves every hidden entry at least ${MIN_POSSIBLE_VALUES} possible values, figures taken as exact`, () => {
    fc.assert(
      fc.property(lists(5, 40), (counts) => {
        const m = listModel(counts);
        const cells = m.truth.slice(0, m.cellCount);
        const p: BruteForce = {
          truth: cells,
          ranges: cells.map((v, k) => {
            const q = m.published[k];
            if (!q || q.shown) return { lo: v, hi: v };
            return q.reason === 'fewer-than-threshold'
              ? { lo: 1, hi: DISCLOSURE_THRESHOLD - 1 }
              : { lo: DISCLOSURE_THRESHOLD, hi: 200 };
          }),
          sums: m.published.at(-1)?.shown
            ? [{ vars: cells.map((_, k) => k), lo: m.truth.at(-1) ?? 0, hi: m.truth.at(-1) ?? 0 }]
            : [],
        };
        for (const k of hiddenEntries(m).filter((k) => k < m.cellCount))
          expect(possibleValues(p, k, MIN_POSSIBLE_VALUES)).toBe(MIN_POSSIBLE_VALUES);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a breakdown whose total is published elsewhere', () => {
  it('protects with the cells alone, never by hiding the total', () => {
    // On its own the total would be hidden: 1 + 10 = 11 gives the 1 away.
    expect(protectList([1, 10])).toEqual({ cells: [small, secondary], total: secondary });
    expect(protectList([1, 10, 30], { totalPublished: true })).toEqual({
      cells: [small, secondary, secondary],
      total: shown(40),
    });
  });

  it('says when the cells alone cannot protect a small count', () => {
    expect(protectList([1, 10], { totalPublished: true })).toMatchObject({
      cells: [small, secondary],
      total: shown(10),
      cannotProtect: true,
    });
  });

  it('property: the total is never hidden unless it is small, and it is safe whenever it says so', () => {
    fc.assert(
      fc.property(lists(6, 60), (counts) => {
        const r = protectList(counts, { totalPublished: true });
        const total = counts.reduce((a, b) => a + b, 0);
        if (total >= DISCLOSURE_THRESHOLD || total === 0) expect(r.total.shown).toBe(true);
        if (!r.cannotProtect) {
          const m = listModel(counts, r);
          expect(solvedByCombiningLines(m)).toEqual([]);
          expect(pinnedDown(m)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('a correction, protected with the publication it corrects', () => {
  const states = (r: { cells: Published[]; total: Published }): EarlierList => ({
    cells: r.cells.map((p) => (p.shown ? 'shown' : 'hidden')),
    total: r.total.shown ? 'shown' : 'hidden',
  });

  it('does not protect with a figure the earlier one showed, and hides the total a change shows in', () => {
    const before = protectList([4, 12, 13]);
    expect(before).toEqual({ cells: [small, secondary, shown(15)], total: shown(30) });
    // Corrected, the 12 is 0. On its own, the correction would hide the 13 to protect the 4:
    // but the 13 was published, so 17 − 13 = 4.
    expect(protectList([4, 0, 13])).toEqual({
      cells: [small, shown(0), secondary],
      total: shown(15),
    });
    // The 12 hidden before and 0 now changed in a way the total would show: the total is hidden,
    // as corrected (which bounds it neither way), though it is 17.
    expect(protectList([4, 0, 13], { earlier: [states(before)] })).toEqual({
      cells: [small, shown(0), shown(15)],
      total: corrected,
    });
  });

  it('hides again what the earlier one hid', () => {
    // 50 was hidden to protect the 3; corrected, the 3 is 20, and the 50 stays hidden.
    const before = protectList([3, 50, 40]);
    expect(before).toEqual({ cells: [small, secondary, shown(40)], total: shown(95) });
    expect(protectList([20, 50, 40], { earlier: [states(before)] }).cells[1]).toEqual(secondary);
  });

  it('hides the total when a figure it showed is now small', () => {
    const before = protectList([0, 11]);
    expect(before).toEqual({ cells: [shown(0), shown(10)], total: shown(10) });
    // Shown, the total (12) less the 11 published before would give the 1 away.
    expect(protectList([1, 11], { earlier: [states(before)] })).toEqual({
      cells: [small, shown(10)],
      total: corrected,
    });
  });

  it('worked example: a total hidden as small would bound the figure that changed', () => {
    // Before: 2 and 9 hidden, the total 11 shown (as 10). Corrected, the 9 is 0 and the total 2.
    // Hidden as "Fewer than 10", the total would say the 9 was at least 11 − 9 = 2 more than the
    // 0: with a larger first total, or a figure only in the total, that pins it (see
    // disclosure-attack.test.ts). Hidden as corrected, it says nothing of its size.
    const before = protectList([2, 9]);
    expect(before).toEqual({ cells: [small, small], total: shown(10) });
    const after = protectList([2, 0], { earlier: [states(before)] });
    expect(after).toEqual({ cells: [small, shown(0)], total: corrected });
  });

  it('hides the total when a hidden figure’s count changed, as the counts it was protected with say', () => {
    const before = protectList([3, 40, 50]);
    expect(before).toEqual({ cells: [small, secondary, shown(50)], total: shown(95) });
    const known = { ...states(before), counts: [3, 40, 50] };
    // The 3 is 8 now: both hidden, but the totals (93 and 98) would say it went up by 5.
    expect(protectList([8, 40, 50], { earlier: [known] }).total).toEqual(corrected);
    // Only a shown figure changed (50 to 55): both totals and both figures are public anyway.
    expect(protectList([3, 40, 55], { earlier: [known] }).total).toEqual(shown(100));
    // Nothing changed: published as before.
    expect(protectList([3, 40, 50], { earlier: [known] })).toEqual(before);
    // Not known which counts changed: a figure hidden in both may have.
    expect(protectList([3, 40, 50], { earlier: [states(before)] }).total).toEqual(corrected);
  });

  it('hides the total when a figure it hid is now 0', () => {
    const before = protectList([3, 12, 30]);
    expect(before.cells[0]).toEqual(small);
    const after = protectList([0, 12, 30], { earlier: [states(before)] });
    expect(after.cells[0]).toEqual(shown(0));
    expect(after.cells[1]).toEqual(secondary);
    expect(after.total.shown).toBe(false);
  });
});

/**
 * Two versions of a list that differ by one person, as when the same table is published for
 * consecutive periods. Whether comparing the two publications gives that person away is left to
 * the publishing step (step 9), which decides what is published for consecutive periods; it is
 * not tested here, and nothing here claims this module prevents it. All this checks is how far
 * the shown figures of the two versions can differ: by at most one rounding step for the cell
 * that changed and for the total, and not at all for a cell that did not change.
 */
describe('two lists that differ by one person', () => {
  it('show figures that differ by at most one rounding step, and only where the person was', () => {
    fc.assert(
      fc.property(fc.array(count(200), { minLength: 1, maxLength: 10 }), fc.nat(), (counts, at) => {
        const changed = at % counts.length;
        const later = counts.map((c, i) => (i === changed ? c + 1 : c));
        const before = protectList(counts);
        const after = protectList(later);
        const steps = (a: Published | undefined, b: Published | undefined) =>
          a?.shown && b?.shown ? Math.abs(a.value - b.value) : 0;
        counts.forEach((_, i) => {
          const d = steps(before.cells[i], after.cells[i]);
          expect(d).toBeLessThanOrEqual(i === changed ? ROUNDING_BASE : 0);
        });
        expect(steps(before.total, after.total)).toBeLessThanOrEqual(ROUNDING_BASE);
      }),
    );
  });
});
