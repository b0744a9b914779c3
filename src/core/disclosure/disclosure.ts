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
 * 3. Secondary suppression: no hidden figure may be worked out from the figures shown, even by
 *    someone who knows the shown figures before rounding and knows these rules (the strongest
 *    attacker): every hidden figure must still have at least MIN_POSSIBLE_VALUES values it could
 *    be. A table is a set of lines (a list and its total; each row and each column of a two-way
 *    table with its total; the row totals and the column totals, each with the grand total), and
 *    each line says "these parts add up to this total". So in any line with a hidden figure at
 *    least one more must be hidden, and more may be needed once lines are combined or the reader
 *    uses what a hidden figure could be (1 to 9 if small, otherwise at least 10). Further
 *    figures are hidden ("secondary" suppression), each the next one along from the figure it
 *    protects, until every hidden figure has that many values it could be. The service is open
 *    source, so someone can re-run these rules on every table that could be behind a page:
 *    which figure is hidden next therefore never depends on the counts (were it the smallest,
 *    hiding it would say it was no larger than the others), and three values rather than two,
 *    because the fact that a further figure had to be hidden says that, before it was, a hidden
 *    one had fewer than three.
 * 4. What is published says whether a figure is hidden because it is small or to protect another
 *    one, so the two read differently on the page.
 * 5. Figures already public elsewhere are taken as known. A correction of a table is protected
 *    together with the publications it corrects (`earlier`): every figure one of them hid stays
 *    hidden (unless it is now 0), and a figure one of them showed cannot protect another (its
 *    value is public). Where a figure changes and is not shown in both (shown then hidden,
 *    hidden then 0, or a hidden figure whose count changed), the totals it is in are hidden
 *    too, since the difference between the two publications' totals would say how much it
 *    changed. They are hidden as "corrected", which says nothing of their size: "Fewer than 10"
 *    would bound the new total, and with the earlier total bound the figure that changed. Where
 *    an earlier publication's counts are not known, a figure it hid and that is hidden again is
 *    taken to have changed. A breakdown whose total is published elsewhere (another breakdown
 *    of the same people) is protected with that total known (`totalPublished`).
 *
 * Pure.
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

/**
 * Every hidden figure must be left with at least this many values it could be, given everything
 * shown. Two would be enough to stop it being worked out exactly from the figures alone; three
 * also covers someone who re-runs these rules on every table that could be behind a page: the
 * fact that a further figure had to be hidden says that, before it was, the hidden one had
 * fewer than three values it could be, and that must not narrow it down to one.
 */
export const MIN_POSSIBLE_VALUES = 3;

/** Why a figure is not shown. */
export type SuppressionReason = 'fewer-than-threshold' | 'secondary' | 'corrected';

/** A figure as published: its rounded value, or that it is hidden and why. */
export type Published =
  | { readonly shown: true; readonly value: number }
  | { readonly shown: false; readonly reason: SuppressionReason };

/** What the page says in place of a hidden figure, by reason. */
export const SUPPRESSED_TEXT: Readonly<Record<SuppressionReason, string>> = {
  'fewer-than-threshold': `Fewer than ${DISCLOSURE_THRESHOLD}`,
  secondary: 'Hidden to protect another figure',
  corrected: 'Hidden because a figure in it was corrected',
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
    `more other figures too, and show them as “${SUPPRESSED_TEXT.secondary}”. Which ones ` +
    `depends only on where they are in the table (the next along), never on their size, so ` +
    `that which figure we hid says nothing about it.`,
  `We check that no hidden figure can be worked out by adding and subtracting the figures we ` +
    `show: each could still be any of at least ${MIN_POSSIBLE_VALUES} values, even to someone ` +
    `who knew the figures before rounding and knew that a figure shown as ` +
    `“${SUPPRESSED_TEXT['fewer-than-threshold']}” is between 1 and ` +
    `${DISCLOSURE_THRESHOLD - 1} and that any other hidden figure is at least ` +
    `${DISCLOSURE_THRESHOLD}. At least ${MIN_POSSIBLE_VALUES}, not 2, because these rules are ` +
    `public: the fact that we had to hide a further figure must not give one away either.`,
  `A correction is protected together with the figures it corrects, which stay published: a ` +
    `figure hidden before stays hidden, and a figure already published is not used to protect ` +
    `another. Where a figure that is hidden in either changes, the totals it is in are hidden ` +
    `too, as “${SUPPRESSED_TEXT.corrected}”, which says nothing about their size, so that the ` +
    `difference between the two publications does not give it away.`,
  `Where the same people are counted in more than one way (by area and by answer, say), each ` +
    `breakdown is protected with its total known, and one that could only be protected by ` +
    `hiding its total is not shown at all.`,
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
  /**
   * Present when no hiding could protect every hidden figure, because figures already public
   * (the total published elsewhere) give one away: the list must not be published at all.
   */
  readonly cannotProtect?: true;
}

/** A two-way table (rows × columns) with its row, column and grand totals, protected. */
export interface ProtectedTable {
  readonly cells: Published[][];
  readonly rowTotals: Published[];
  readonly columnTotals: Published[];
  readonly grandTotal: Published;
  /** As for a list: every figure not already public is then hidden, and that is still not enough. */
  readonly cannotProtect?: true;
}

/**
 * What an earlier publication of the same table (one that this one corrects, and which stays
 * public) did with an entry: showed it, hid it, or did not publish it at all (an entry that this
 * module treats as shown to be safe, though the page does not show it, like a total it leaves
 * out or the figure of an organisation that shows only the partnership total).
 */
export type EarlierState = 'shown' | 'hidden' | 'unpublished';

/** An earlier publication of a list, entry by entry. */
export interface EarlierList {
  readonly cells: readonly EarlierState[];
  readonly total: EarlierState;
  /** The counts it was protected with, where known (never published): which cells changed. */
  readonly counts?: readonly number[];
}

/** An earlier publication of a two-way table, entry by entry. */
export interface EarlierTable {
  readonly cells: readonly (readonly EarlierState[])[];
  readonly rowTotals: readonly EarlierState[];
  readonly columnTotals: readonly EarlierState[];
  readonly grandTotal: EarlierState;
  /** The counts it was protected with, where known (never published): which cells changed. */
  readonly counts?: readonly (readonly number[])[];
}

export interface ListOptions {
  /** Earlier publications of the list that this one corrects; they stay public. */
  readonly earlier?: readonly EarlierList[];
  /**
   * The total is published elsewhere (another breakdown of the same people, or on its own), so
   * it is known: it is never hidden to protect a figure, and the cells alone must do it.
   */
  readonly totalPublished?: boolean;
}

export interface TableOptions {
  /** Earlier publications of the table that this one corrects; they stay public. */
  readonly earlier?: readonly EarlierTable[];
}

/**
 * Protects a list of counts and its total (people by age band, say). Throws a RangeError when a
 * count is negative or not a whole number.
 */
export function protectList(counts: readonly number[], options: ListOptions = {}): ProtectedList {
  counts.forEach(checkCount);
  const n = counts.length;
  const entries = [...counts, sum(counts)];
  // Two nodes: each count runs from the first to the second, and the total back again.
  const edges: Edge[] = [...counts.map(() => ({ from: 0, to: 1 })), { from: 1, to: 0 }];
  const earlier: Earlier[] = (options.earlier ?? []).map((e) => ({
    states: [...counts.map((_, i) => e.cells[i] ?? 'unpublished'), e.total],
    ...(e.counts ? { counts: e.counts } : {}),
  }));
  // Published elsewhere, with the same counts.
  if (options.totalPublished)
    earlier.push({
      states: [...counts.map((): EarlierState => 'unpublished'), 'shown'],
      counts,
    });
  // A change in a cell shows in the total.
  const totalsOf = (i: number) => (i < n ? [n] : []);
  const { states, safe } = protect(entries, n, edges, { earlier, totalsOf });
  const at = (i: number) => published(entries, states, i);
  return {
    cells: counts.map((_, i) => at(i)),
    total: at(n),
    ...(safe ? {} : { cannotProtect: true as const }),
  };
}

/**
 * Protects a two-way table of counts (rows × columns: areas by deprivation decile, say) with its
 * row totals, column totals and grand total, all of which are published. Every row must have the
 * same number of columns. Throws a RangeError when a count is negative or not a whole number, or
 * the rows differ in length.
 */
export function protectTable(
  counts: readonly (readonly number[])[],
  options: TableOptions = {},
): ProtectedTable {
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
  const earlier: Earlier[] = (options.earlier ?? []).map((e) => ({
    states: [
      ...rowIndexes.flatMap((i) => columnIndexes.map((j) => e.cells[i]?.[j] ?? 'unpublished')),
      ...rowIndexes.map((i) => e.rowTotals[i] ?? 'unpublished'),
      ...columnIndexes.map((j) => e.columnTotals[j] ?? 'unpublished'),
      e.grandTotal,
    ],
    ...(e.counts
      ? { counts: rowIndexes.flatMap((i) => columnIndexes.map((j) => e.counts?.[i]?.[j] ?? -1)) }
      : {}),
  }));
  // A change in a cell shows in its row's total, its column's and the grand total; a change in
  // a row or column total, in the grand total.
  const totalsOf = (k: number): number[] =>
    k < cells.length
      ? [rowTotal(Math.floor(k / columns)), columnTotal(k % columns), grandTotal]
      : k < grandTotal
        ? [grandTotal]
        : [];
  const { states, safe } = protect(entries, cells.length, edges, { earlier, totalsOf });
  const at = (i: number) => published(entries, states, i);
  return {
    cells: rowIndexes.map((i) => columnIndexes.map((j) => at(cell(i, j)))),
    rowTotals: rowIndexes.map((i) => at(rowTotal(i))),
    columnTotals: columnIndexes.map((j) => at(columnTotal(j))),
    grandTotal: at(grandTotal),
    ...(safe ? {} : { cannotProtect: true as const }),
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
// The values a hidden entry could have are those it takes in the tables that fit what they know.
// Another table that fits differs from the true one by flows round loops of hidden entries; so
// a hidden entry could be one more than it is exactly when there is a loop through it in which
// each other entry can move by one the way the loop needs (up if it is below its largest
// possible value, down if it is above its smallest), and likewise one less. Moving along that
// loop and looking again gives the next value, and so on: augmenting paths, as for a maximum
// flow, so the check is exact and quick, and it covers every way of combining lines (adding and
// subtracting rows and columns) and of using what the hidden entries could be.

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
 * An earlier publication of the table: each entry's state (in the order of the entries) and,
 * where known, each cell's count (the first cellCount entries; −1 where a cell was not there).
 */
interface Earlier {
  readonly states: readonly EarlierState[];
  readonly counts?: readonly number[];
}

/** What a table is protected against besides its own figures. */
interface Context {
  /** Earlier publications of the table. */
  readonly earlier: readonly Earlier[];
  /** The totals a change in an entry shows in (its line's totals, and theirs). */
  readonly totalsOf: (i: number) => readonly number[];
}

/** The state of a count of 1 to 9, or of a larger one hidden to protect another. */
const hiddenState = (count: number): SuppressionReason =>
  count > 0 && count < DISCLOSURE_THRESHOLD ? 'fewer-than-threshold' : 'secondary';

/**
 * Whether entry i changed since an earlier publication in a way the two publications' totals
 * would show: shown then hidden, hidden then 0, or (a cell) hidden in either with another count.
 * Where the earlier counts are not known, a cell hidden in both is taken to have changed.
 */
function changedSince(
  e: Earlier,
  i: number,
  cellCount: number,
  entries: readonly number[],
  states: readonly State[],
): boolean {
  const before = e.states[i];
  if (before === 'shown' && states[i] !== 'shown') return true;
  if (before === 'hidden' && entries[i] === 0) return true;
  // A total changes with its cells, and is judged by them.
  if (i >= cellCount) return false;
  const old = e.counts?.[i];
  if (old === undefined) return before === 'hidden';
  return old !== entries[i] && !(before === 'shown' && states[i] === 'shown');
}

/**
 * Which entries to hide. Entries are the table's cells then its totals (the first cellCount are
 * the cells), each an edge of the network. Small entries are hidden first. Against earlier
 * publications: an entry one of them hid is hidden again unless it is now 0; an entry that has
 * changed since one of them in a way their totals would show (`changedSince`) has the totals it
 * is in that that one published hidden as corrected, whatever their size; and an entry one of them showed is known (it is
 * public), so it is never hidden to protect another. Then, until nothing changes:
 * - every line with just one hidden entry has another hidden, going round the lines until none
 *   has just one: of the line's shown, non-zero, not known entries, the next after the hidden
 *   one (cells before totals, and last any that would be left alone in another line with
 *   nothing there to hide with it);
 * - if a hidden entry still has fewer than MIN_POSSIBLE_VALUES values it could be (the first such
 *   by position), one more entry is hidden, chosen the same way from the lines it is in (or, if
 *   none is left there, from anywhere), and it is looked at again. If there is none left to
 *   hide, the table cannot be protected (`safe` is false): only figures already public
 *   elsewhere are left to give the hidden one away.
 * No choice depends on a count, only on where it is, whether it is 0 and whether it is known.
 * Each step hides one more entry, so it ends.
 */
function protect(
  entries: readonly number[],
  cellCount: number,
  edges: readonly Edge[],
  context: Context = { earlier: [], totalsOf: () => [] },
): { states: State[]; safe: boolean } {
  const states: State[] = entries.map((c) =>
    c > 0 && c < DISCLOSURE_THRESHOLD ? 'fewer-than-threshold' : 'shown',
  );
  const everything = entries.map((_, i) => i);
  const was = (i: number, state: EarlierState) =>
    context.earlier.some((e) => e.states[i] === state);
  // Hidden before: hidden again (a 0 is shown: it is about no one).
  for (const i of everything)
    if (was(i, 'hidden') && (entries[i] ?? 0) > 0) states[i] = hiddenState(entries[i] ?? 0);
  // Changed where the totals would show it: those totals are hidden as corrected (a reason that
  // says nothing of their size), and are not known any more (their value changed). A 0 is shown.
  // Only a total that publication published can show it: the period a correction publishes for
  // the first time is no correction.
  const changed = new Set<number>();
  for (const e of context.earlier)
    for (const i of everything) {
      if (!changedSince(e, i, cellCount, entries, states)) continue;
      for (const t of context.totalsOf(i)) {
        if (e.states[t] === 'unpublished') continue;
        changed.add(t);
        if ((entries[t] ?? 0) > 0) states[t] = 'corrected';
      }
    }
  const known = (i: number) => was(i, 'shown') && !changed.has(i);
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort((a, b) => a - b);
  const lineAt = new Map(
    nodes.map((node) => [
      node,
      everything.filter((i) => edges[i]?.from === node || edges[i]?.to === node),
    ]),
  );
  const lineOf = (node: number) => lineAt.get(node) ?? [];
  const lines = nodes.map(lineOf);
  const hideable = (i: number) => states[i] === 'shown' && (entries[i] ?? 0) > 0 && !known(i);
  // Hiding an entry that would then be alone in another line with nothing else there that could
  // be hidden (only known figures and zeros) cannot end well: such entries come last.
  const deadEnd = (i: number) => {
    const e = edges[i];
    return (
      e !== undefined &&
      [e.from, e.to].some((node) => {
        const line = lineOf(node);
        return (
          line.every((k) => states[k] === 'shown') && !line.some((k) => k !== i && hideable(k))
        );
      })
    );
  };
  // Which entry is hidden next never depends on the counts (only on where the entries are,
  // which are 0 and which are already public), so that knowing which was hidden says nothing
  // about what any of them is: the next one after the hidden one it protects, cells before
  // totals.
  const n = entries.length;
  const candidates = (among: readonly number[], after: number) =>
    [...new Set(among)]
      .filter(hideable)
      .sort(
        (a, b) =>
          Number(deadEnd(a)) - Number(deadEnd(b)) ||
          Number(a >= cellCount) - Number(b >= cellCount) ||
          ((a - after + n) % n) - ((b - after + n) % n),
      );
  for (;;) {
    hideSecondInEachLine(lines, states, candidates);
    const exposed = states.findIndex(
      (s, i) => s !== 'shown' && isExposed(i, entries, states, edges),
    );
    if (exposed < 0) return { states, safe: true };
    const edge = edges[exposed];
    const nearby = candidates(
      edge === undefined ? [] : [...lineOf(edge.from), ...lineOf(edge.to)],
      exposed,
    );
    const pick = nearby[0] ?? candidates(everything, exposed)[0];
    if (pick === undefined) return { states, safe: false };
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
  candidates: (among: readonly number[], after: number) => number[],
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter((i) => states[i] !== 'shown');
      const [only] = hidden;
      if (hidden.length !== 1 || only === undefined) continue;
      const [pick] = candidates(line, only);
      if (pick === undefined) continue;
      states[pick] = 'secondary';
      changed = true;
    }
  }
}

/** The smallest and largest value a hidden entry could have, as far as a reader knows. */
function possibleRange(state: SuppressionReason): readonly [number, number] {
  if (state === 'fewer-than-threshold') return [1, DISCLOSURE_THRESHOLD - 1];
  // Hidden as corrected whatever its size, and never when 0.
  if (state === 'corrected') return [1, Number.POSITIVE_INFINITY];
  return [DISCLOSURE_THRESHOLD, Number.POSITIVE_INFINITY];
}

/**
 * Whether hidden entry i could be fewer than MIN_POSSIBLE_VALUES values, given the shown entries
 * and the network: the room it has to be more than it is, and less, added up.
 */
function isExposed(
  i: number,
  entries: readonly number[],
  states: readonly State[],
  edges: readonly Edge[],
): boolean {
  const need = MIN_POSSIBLE_VALUES - 1;
  const up = room(i, 1, need, entries, states, edges);
  return up + room(i, -1, need - up, entries, states, edges) < need;
}

/**
 * How many steps (up to `most`) hidden entry i could be more (by 1) or less (by −1) than it is,
 * the others hidden moving with it: each step is a loop back through other hidden entries, each
 * able to move by one in the direction the loop takes it (up if below its largest possible
 * value, down if above its smallest), and moves them. Ford and Fulkerson's augmenting paths, so
 * the room found is all there is.
 */
function room(
  i: number,
  by: 1 | -1,
  most: number,
  entries: readonly number[],
  states: readonly State[],
  edges: readonly Edge[],
): number {
  const state = states[i];
  const edge = edges[i];
  if (state === undefined || state === 'shown' || edge === undefined || most <= 0) return 0;
  const [lowest, highest] = possibleRange(state);
  const values = [...entries];
  // One more along i needs a way back from its end to its start; one less, the other way.
  const [start, goal] = by === 1 ? [edge.to, edge.from] : [edge.from, edge.to];
  let moved = 0;
  while (moved < most) {
    const count = values[i] ?? 0;
    if (by === 1 ? count >= highest : count <= lowest) break;
    // Steps a loop can take: along a hidden entry that could be more, or against one that could
    // be less.
    const steps = new Map<number, { to: number; entry: number; by: 1 | -1 }[]>();
    const step = (from: number, to: number, entry: number, dir: 1 | -1) => {
      const next = steps.get(from);
      if (next === undefined) steps.set(from, [{ to, entry, by: dir }]);
      else next.push({ to, entry, by: dir });
    };
    states.forEach((s, k) => {
      const e = edges[k];
      if (k === i || s === 'shown' || e === undefined) return;
      const [low, high] = possibleRange(s);
      const value = values[k] ?? 0;
      if (value < high) step(e.from, e.to, k, 1);
      if (value > low) step(e.to, e.from, k, -1);
    });
    const cameBy = new Map<number, { from: number; entry: number; by: 1 | -1 }>();
    const seen = new Set([start]);
    const queue = [start];
    for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
      if (node === goal) break;
      for (const next of steps.get(node) ?? []) {
        if (seen.has(next.to)) continue;
        seen.add(next.to);
        cameBy.set(next.to, { from: node, entry: next.entry, by: next.by });
        queue.push(next.to);
      }
    }
    if (!seen.has(goal)) break;
    // Move every entry of the loop, then i itself.
    for (let node = goal; node !== start;) {
      const back = cameBy.get(node);
      if (back === undefined) break;
      values[back.entry] = (values[back.entry] ?? 0) + back.by;
      node = back.from;
    }
    values[i] = count + by;
    moved++;
  }
  return moved;
}
