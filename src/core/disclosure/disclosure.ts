/**
 * Statistical disclosure control for published counts of people: how many residents took part in
 * a consultation, broken down by area, deprivation decile, age band and so on. A published table
 * must not let anyone work out something about one person, so small counts are hidden, every
 * figure shown is rounded, and further figures are hidden where a small one could otherwise be
 * worked out from the totals.
 *
 * The rules, in order:
 * 1. Threshold: a count of 1 to DISCLOSURE_THRESHOLD − 1 is hidden ("primary" suppression). A
 *    count of 0 is shown as 0.
 * 2. Rounding: every figure shown, cells and totals alike, is rounded to the nearest
 *    ROUNDING_BASE. Totals are rounded from the true total, not added up from rounded cells.
 * 3. Secondary suppression: no hidden figure may be worked out exactly from the figures shown,
 *    even by someone who knows the shown figures before rounding and knows these rules (the
 *    strongest attacker). A table is a set of lines (a list and its total; each row and each
 *    column of a two-way table with its total; the row totals and the column totals, each with
 *    the grand total), and each line says "these parts add up to this total". So in any line with
 *    a hidden figure at least one more must be hidden, and more may be needed once lines are
 *    combined or the reader uses what a hidden figure could be (1 to 9 if small, otherwise at
 *    least 10). Further figures are hidden ("secondary" suppression), smallest first, until no
 *    hidden figure can be pinned down.
 * 4. What is published says whether a figure is hidden because it is small or to protect another
 *    one, so the two read differently on the page.
 *
 * Publishing the same table again for a later period, and what the difference between the two
 * publications says, is for the publishing step (step 9): this module protects one table at a
 * time. Pure.
 */

/**
 * No count of people below this is published. A count of 1 to 9 could point to a person someone
 * could recognise (the only resident of a small area in an age band, say), so it is hidden and
 * shown as "Fewer than 10". The same goes for a total.
 *
 * A count of 0 is shown as 0, not hidden: it says nobody in that group took part, which tells no
 * one anything about a particular person that the totals would not. For the same reason a 0 is
 * never hidden to protect another figure: hiding it would add nothing to that protection.
 */
export const DISCLOSURE_THRESHOLD = 10;

/**
 * Every figure that is shown, totals included, is rounded to the nearest multiple of this. With
 * an odd base no whole number lies exactly halfway; for any value that did, half rounds up.
 * A shown figure can be up to 2 away from the true count.
 */
export const ROUNDING_BASE = 5;

/** Why a figure is not shown. */
export type SuppressionReason = 'fewer-than-threshold' | 'secondary';

/** A figure as published: its rounded value, or that it is hidden and why. */
export type Published =
  | { readonly shown: true; readonly value: number }
  | { readonly shown: false; readonly reason: SuppressionReason };

/** What the page says in place of a hidden figure, by reason. */
export const SUPPRESSED_TEXT: Readonly<Record<SuppressionReason, string>> = {
  'fewer-than-threshold': `Fewer than ${DISCLOSURE_THRESHOLD}`,
  secondary: 'Hidden to protect another figure',
};

/** The rules as the methodology page states them, one sentence (or two) each. */
export const DISCLOSURE_RULES_TEXT: readonly string[] = [
  `To protect the people counted, we never publish a count of fewer than ` +
    `${DISCLOSURE_THRESHOLD} people: a count of 1 to ${DISCLOSURE_THRESHOLD - 1} is shown as ` +
    `“${SUPPRESSED_TEXT['fewer-than-threshold']}”. Totals follow the same rule.`,
  `A count of 0 is shown as 0, because it is about no one.`,
  `Every figure we show, totals included, is rounded to the nearest ${ROUNDING_BASE} ` +
    `(12 is shown as 10, 13 as 15). Each total is rounded from the true total, not added up ` +
    `from the rounded figures, so the figures in a table may not add up exactly to its totals.`,
  `Hiding a small figure is not enough if it could be worked out from the others: for example ` +
    `by taking the rest of its row from the row total. Where that could happen we hide one or ` +
    `more other figures too, the smallest first, and show them as ` +
    `“${SUPPRESSED_TEXT.secondary}”.`,
  `We check that no hidden figure can be worked out exactly by adding and subtracting the ` +
    `figures we show, even by someone who knew them before rounding and knew that a figure ` +
    `shown as “${SUPPRESSED_TEXT['fewer-than-threshold']}” is between 1 and ` +
    `${DISCLOSURE_THRESHOLD - 1} and that any other hidden figure is at least ` +
    `${DISCLOSURE_THRESHOLD}.`,
];

/** The nearest multiple of ROUNDING_BASE to a count (half rounds up): 12 → 10, 13 → 15. */
export function roundToBase(n: number): number {
  checkCount(n);
  return Math.floor((n + ROUNDING_BASE / 2) / ROUNDING_BASE) * ROUNDING_BASE;
}

/** A published figure in words: "1,215", "Fewer than 10", "Hidden to protect another figure". */
export function publishedText(p: Published): string {
  return p.shown ? COUNT_FORMAT.format(p.value) : SUPPRESSED_TEXT[p.reason];
}

/** A one-way table: counts and their total, protected. */
export interface ProtectedList {
  readonly cells: Published[];
  readonly total: Published;
}

/** A two-way table (rows × columns) with its row, column and grand totals, protected. */
export interface ProtectedTable {
  readonly cells: Published[][];
  readonly rowTotals: Published[];
  readonly columnTotals: Published[];
  readonly grandTotal: Published;
}

/**
 * Protects a list of counts and its total (people by age band, say). Throws a RangeError when a
 * count is negative or not a whole number.
 */
export function protectList(counts: readonly number[]): ProtectedList {
  counts.forEach(checkCount);
  const n = counts.length;
  const entries = [...counts, sum(counts)];
  // Two nodes: each count runs from the first to the second, and the total back again.
  const edges: Edge[] = [...counts.map(() => ({ from: 0, to: 1 })), { from: 1, to: 0 }];
  const states = protect(entries, n, edges);
  const at = (i: number) => published(entries, states, i);
  return { cells: counts.map((_, i) => at(i)), total: at(n) };
}

/**
 * Protects a two-way table of counts (rows × columns: areas by deprivation decile, say) with its
 * row totals, column totals and grand total, all of which are published. Every row must have the
 * same number of columns. Throws a RangeError when a count is negative or not a whole number, or
 * the rows differ in length.
 */
export function protectTable(counts: readonly (readonly number[])[]): ProtectedTable {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== columns) {
      throw new RangeError(`Every row must have ${columns} columns; one has ${row.length}`);
    }
    row.forEach(checkCount);
  }
  const cells = counts.flatMap((row) => [...row]);
  const rowIndexes = Array.from({ length: rows }, (_, i) => i);
  const columnIndexes = Array.from({ length: columns }, (_, j) => j);
  const rowTotals = counts.map(sum);
  const columnTotals = columnIndexes.map((j) => sum(counts.map((row) => row[j] ?? 0)));
  const entries = [...cells, ...rowTotals, ...columnTotals, sum(cells)];
  // Entries by position: the cells row by row, the row totals, the column totals, the grand total.
  const cell = (i: number, j: number) => i * columns + j;
  const rowTotal = (i: number) => cells.length + i;
  const columnTotal = (j: number) => cells.length + rows + j;
  const grandTotal = cells.length + rows + columns;
  // Nodes (one for each line): the row totals' line, each row, each column, the column totals'
  // line. The grand total runs into the row totals' line, each row total from there into its
  // row, each cell from its row into its column, each column total from its column into the
  // column totals' line, and the grand total from there back to the start.
  const rowTotalsNode = 0;
  const rowNode = (i: number) => 1 + i;
  const columnNode = (j: number) => 1 + rows + j;
  const columnTotalsNode = 1 + rows + columns;
  const edges: Edge[] = [
    ...rowIndexes.flatMap((i) =>
      columnIndexes.map((j) => ({ from: rowNode(i), to: columnNode(j) })),
    ),
    ...rowIndexes.map((i) => ({ from: rowTotalsNode, to: rowNode(i) })),
    ...columnIndexes.map((j) => ({ from: columnNode(j), to: columnTotalsNode })),
    { from: columnTotalsNode, to: rowTotalsNode },
  ];
  const states = protect(entries, cells.length, edges);
  const at = (i: number) => published(entries, states, i);
  return {
    cells: rowIndexes.map((i) => columnIndexes.map((j) => at(cell(i, j)))),
    rowTotals: rowIndexes.map((i) => at(rowTotal(i))),
    columnTotals: columnIndexes.map((j) => at(columnTotal(j))),
    grandTotal: at(grandTotal),
  };
}

// ---- How it is done --------------------------------------------------------------------------
//
// A table with its totals is a network. Each line (a list and its total, a row and its total, a
// column and its total, the row totals and the grand total, the column totals and the grand
// total) is a node, and each entry (a cell or a total) is an edge between the two lines it is in,
// carrying its count, so that at every node what comes in equals what goes out: that is exactly
// "the parts add up to the total" for that line. Someone trying to undo the protection knows the
// shown entries (we assume exactly, before rounding) and, for each hidden one, what it could be:
// 1 to 9 when it is "Fewer than 10"; at least 10 when it is hidden to protect another figure
// (it would be called small if it were 1 to 9, and a 0 is never hidden).
//
// A hidden entry can be pinned down exactly when no other table fits what they know with a
// different value for it. Another table that fits differs from the true one by flows round
// loops of hidden entries; so a hidden entry could be one more than it is exactly when there is
// a loop through it in which each other entry can move by one the way the loop needs (up if it
// is below its largest possible value, down if it is above its smallest), and likewise one less.
// That is a search for a path, so the check is exact and quick, and it covers every way of
// combining lines (adding and subtracting rows and columns) and of using what the hidden entries
// could be.

const COUNT_FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** Whether an entry (a cell or a total) is shown, or hidden and why. */
type State = 'shown' | SuppressionReason;

/** An entry as an edge of the table's network, from one line's node to another's. */
interface Edge {
  readonly from: number;
  readonly to: number;
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`A count must be a whole number of 0 or more, not ${n}`);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function published(entries: readonly number[], states: readonly State[], i: number): Published {
  const state = states[i] ?? 'shown';
  return state === 'shown'
    ? { shown: true, value: roundToBase(entries[i] ?? 0) }
    : { shown: false, reason: state };
}

/**
 * Which entries to hide. Entries are the table's cells then its totals (the first cellCount are
 * the cells), each an edge of the network. Small entries are hidden first. Then, until nothing
 * changes:
 * - every line with just one hidden entry has another hidden, going round the lines until none
 *   has just one: the line's smallest shown, non-zero cell, or if it has none left, its smallest
 *   shown, non-zero total (ties by position);
 * - if a hidden entry can still be pinned down (the first such by position), one more entry is
 *   hidden: the first shown, non-zero entry whose hiding stops that, looking first in the lines
 *   it is in and then anywhere, cells before totals and smallest first (then by position); if
 *   no single entry does, the first of those in its lines (or anywhere), and it is looked at
 *   again.
 * Each step hides one more entry, so it ends.
 */
function protect(entries: readonly number[], cellCount: number, edges: readonly Edge[]): State[] {
  const states: State[] = entries.map((c) =>
    c > 0 && c < DISCLOSURE_THRESHOLD ? 'fewer-than-threshold' : 'shown',
  );
  const everything = entries.map((_, i) => i);
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort((a, b) => a - b);
  const lineOf = (node: number) =>
    everything.filter((i) => edges[i]?.from === node || edges[i]?.to === node);
  const lines = nodes.map(lineOf);
  const candidates = (among: readonly number[]) =>
    among
      .filter((i) => states[i] === 'shown' && (entries[i] ?? 0) > 0)
      .sort(
        (a, b) =>
          Number(a >= cellCount) - Number(b >= cellCount) ||
          (entries[a] ?? 0) - (entries[b] ?? 0) ||
          a - b,
      );
  for (;;) {
    hideSecondInEachLine(lines, states, candidates);
    const exposed = states.findIndex(
      (s, i) => s !== 'shown' && isPinnedDown(i, entries, states, edges),
    );
    if (exposed < 0) return states;
    const edge = edges[exposed];
    const nearby = candidates(edge === undefined ? [] : [...lineOf(edge.from), ...lineOf(edge.to)]);
    const anywhere = candidates(everything);
    const protects = (i: number) => {
      states[i] = 'secondary';
      const protecting = !isPinnedDown(exposed, entries, states, edges);
      states[i] = 'shown';
      return protecting;
    };
    const pick = nearby.find(protects) ?? anywhere.find(protects) ?? nearby[0] ?? anywhere[0];
    if (pick === undefined) return states;
    states[pick] = 'secondary';
  }
}

/**
 * The simple rule first: a line with just one hidden entry gives it away (it is the total less
 * the rest), so another entry in it is hidden, going round the lines until none has just one.
 */
function hideSecondInEachLine(
  lines: readonly (readonly number[])[],
  states: State[],
  candidates: (among: readonly number[]) => number[],
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.filter((i) => states[i] !== 'shown').length !== 1) continue;
      const [pick] = candidates(line);
      if (pick === undefined) continue;
      states[pick] = 'secondary';
      changed = true;
    }
  }
}

/** The smallest and largest value a hidden entry could have, as far as a reader knows. */
function possibleRange(state: SuppressionReason): readonly [number, number] {
  return state === 'fewer-than-threshold'
    ? [1, DISCLOSURE_THRESHOLD - 1]
    : [DISCLOSURE_THRESHOLD, Number.POSITIVE_INFINITY];
}

/** Whether hidden entry i has only one value that fits the shown entries and the network. */
function isPinnedDown(
  i: number,
  entries: readonly number[],
  states: readonly State[],
  edges: readonly Edge[],
): boolean {
  return !canMove(i, 1, entries, states, edges) && !canMove(i, -1, entries, states, edges);
}

/**
 * Whether hidden entry i could be one more (by 1) or one less (by −1) than it is: whether it is
 * inside its possible range that way and there is a loop back through other hidden entries, each
 * able to move by one in the direction the loop takes it.
 */
function canMove(
  i: number,
  by: 1 | -1,
  entries: readonly number[],
  states: readonly State[],
  edges: readonly Edge[],
): boolean {
  const state = states[i];
  const edge = edges[i];
  if (state === undefined || state === 'shown' || edge === undefined) return false;
  const [lowest, highest] = possibleRange(state);
  const count = entries[i] ?? 0;
  if (by === 1 ? count >= highest : count <= lowest) return false;
  // Steps a loop can take: along a hidden entry that could be more, or against one that could be
  // less.
  const steps = new Map<number, number[]>();
  const step = (from: number, to: number) => {
    const next = steps.get(from);
    if (next === undefined) steps.set(from, [to]);
    else next.push(to);
  };
  states.forEach((s, k) => {
    const e = edges[k];
    if (k === i || s === 'shown' || e === undefined) return;
    const [low, high] = possibleRange(s);
    const value = entries[k] ?? 0;
    if (value < high) step(e.from, e.to);
    if (value > low) step(e.to, e.from);
  });
  // One more along i needs a way back from its end to its start; one less, the other way.
  const [start, goal] = by === 1 ? [edge.to, edge.from] : [edge.from, edge.to];
  const seen = new Set([start]);
  const queue = [start];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    if (node === goal) return true;
    for (const next of steps.get(node) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}
