/**
 * Someone trying to undo disclosure control, for the property tests (core/disclosure,
 * core/publishing, the survey breakdowns). They have everything public: every figure of every
 * view (every period, total, revision and breakdown), and they know the rules and the code that
 * applies them (the service is open source). Two ways of attacking are modelled:
 *
 * - differencing: adding and subtracting published figures, taken as exact, to isolate a hidden
 *   one (total less the other cells, one period or revision less another, one breakdown less
 *   another): `solvedByDifferencing`;
 * - brute force: every true table in a bounded range that fits what is published, where "fits"
 *   can be re-publishing it with the same code and getting exactly the same output:
 *   `otherValue` and `pinnedDown`.
 *
 * Problems are written over variables (the true counts: one per cell, and one more for each
 * value a correction changed). Pure and small: for tables of a few cells only.
 */

/** The values a variable could take, as far as the published figures say. */
export interface Range {
  readonly lo: number;
  readonly hi: number;
}

/** A published total: the variables it adds up, and what it could be. */
export interface SumConstraint {
  readonly vars: readonly number[];
  readonly lo: number;
  readonly hi: number;
}

export interface BruteForce {
  /** The true value of each variable. */
  readonly truth: readonly number[];
  /** What each variable could be, from what is published of it on its own. */
  readonly ranges: readonly Range[];
  /** What each published total says. */
  readonly sums: readonly SumConstraint[];
  /** Whether a candidate fits everything published (for example: re-published, it is the same). */
  readonly fits?: (candidate: readonly number[]) => boolean;
  /** The most candidates tried before the search gives up (it then throws). */
  readonly budget?: number;
}

/** Whether a candidate is within every range and total (not yet whether it re-publishes the same). */
function withinBounds(p: BruteForce, candidate: readonly number[]): boolean {
  return (
    candidate.every((v, i) => v >= (p.ranges[i]?.lo ?? 0) && v <= (p.ranges[i]?.hi ?? 0)) &&
    p.sums.every((s) => {
      const total = s.vars.reduce((a, v) => a + (candidate[v] ?? 0), 0);
      return total >= s.lo && total <= s.hi;
    })
  );
}

/**
 * The tables next to the true one first: the target a little more or less, alone or with one
 * variable that shares a total with it taking any value in its range; then with any two others a
 * little more or less; then with any three others one more or less (as when two totals each keep
 * their sum). Most hidden counts have another value that fits among these, so the full search,
 * which can spend its budget deep in one corner, is rarely needed.
 */
function nearby(p: BruteForce, target: number): number[] | null {
  const partners = [
    ...new Set(p.sums.filter((s) => s.vars.includes(target)).flatMap((s) => s.vars)),
  ].filter((v) => v !== target);
  const truth = p.truth[target] ?? 0;
  const fits = (candidate: number[]) =>
    withinBounds(p, candidate) && (p.fits ? p.fits(candidate) : true);
  for (let d = 1; d <= 3; d++)
    for (const sign of [1, -1]) {
      const candidate = [...p.truth];
      candidate[target] = truth + sign * d;
      if (fits(candidate)) return candidate;
      for (const w of partners) {
        const range = p.ranges[w] ?? { lo: 0, hi: 0 };
        for (let x = range.lo; x <= range.hi; x++) {
          if (x === p.truth[w]) continue;
          const moved = [...candidate];
          moved[w] = x;
          if (fits(moved)) return moved;
        }
      }
    }
  // Then the target a little more or less with any two others a little more or less.
  const others = p.truth.map((_, v) => v).filter((v) => v !== target);
  const steps = [1, -1, 2, -2, 3, -3];
  for (const d of steps)
    for (const [k, u] of others.entries())
      for (const w of others.slice(k + 1))
        for (const du of steps)
          for (const dw of steps) {
            const candidate = [...p.truth];
            candidate[target] = truth + d;
            candidate[u] = (candidate[u] ?? 0) + du;
            candidate[w] = (candidate[w] ?? 0) + dw;
            if (fits(candidate)) return candidate;
          }
  // Then with any three others one more or less: two totals each keeping their sum, say.
  for (const d of steps)
    for (const [k, u] of others.entries())
      for (const [l, w] of others.slice(k + 1).entries())
        for (const x of others.slice(k + l + 2))
          for (const du of [1, -1])
            for (const dw of [1, -1])
              for (const dx of [1, -1]) {
                const candidate = [...p.truth];
                candidate[target] = truth + d;
                candidate[u] = (candidate[u] ?? 0) + du;
                candidate[w] = (candidate[w] ?? 0) + dw;
                candidate[x] = (candidate[x] ?? 0) + dx;
                if (fits(candidate)) return candidate;
              }
  return null;
}

/**
 * A candidate that fits what is published and gives variable `target` a value other than its
 * true one; null when there is none (the variable is pinned down). First the tables next to the
 * true one; then depth first, each variable trying the values nearest its true one first,
 * pruned by the published totals.
 */
export function otherValue(
  p: BruteForce,
  target: number,
  besides: ReadonlySet<number> = new Set(),
): number[] | null {
  const near = besides.size === 0 ? nearby(p, target) : null;
  if (near) return near;
  const n = p.truth.length;
  const value: number[] = [...p.truth];
  const assigned: boolean[] = Array.from({ length: n }, () => false);
  const sumsOf: SumConstraint[][] = Array.from({ length: n }, () => []);
  for (const s of p.sums) for (const v of s.vars) sumsOf[v]?.push(s);
  // The target first, then the others in order.
  const order = [target, ...Array.from({ length: n }, (_, i) => i).filter((i) => i !== target)];
  let tried = 0;
  const budget = p.budget ?? 200_000;

  /** The bounds of variable v left by the totals, given the variables assigned so far. */
  const bounds = (v: number): [number, number] => {
    const r = p.ranges[v] ?? { lo: 0, hi: 0 };
    let lo = r.lo;
    let hi = r.hi;
    for (const s of sumsOf[v] ?? []) {
      let fixed = 0;
      let least = 0;
      let most = 0;
      for (const w of s.vars) {
        if (w === v) continue;
        if (assigned[w]) fixed += value[w] ?? 0;
        else {
          least += p.ranges[w]?.lo ?? 0;
          most += p.ranges[w]?.hi ?? 0;
        }
      }
      lo = Math.max(lo, s.lo - fixed - most);
      hi = Math.min(hi, s.hi - fixed - least);
    }
    return [lo, hi];
  };

  const search = (k: number): boolean => {
    const v = order[k];
    if (v === undefined) {
      if (++tried > budget) throw new Error(`The brute force tried more than ${budget} tables`);
      return p.fits ? p.fits(value) : true;
    }
    const [lo, hi] = bounds(v);
    const truth = p.truth[v] ?? 0;
    const tries: number[] = [];
    for (let x = lo; x <= hi; x++)
      if (!(v === target && (x === truth || besides.has(x)))) tries.push(x);
    tries.sort((a, b) => Math.abs(a - truth) - Math.abs(b - truth) || a - b);
    for (const x of tries) {
      value[v] = x;
      assigned[v] = true;
      if (search(k + 1)) return true;
    }
    value[v] = truth;
    assigned[v] = false;
    return false;
  };
  return search(0) ? [...value] : null;
}

/**
 * How many values variable `target` could have (its true one included), counting no further
 * than `enough`.
 */
export function possibleValues(p: BruteForce, target: number, enough: number): number {
  const found = new Set<number>();
  while (found.size + 1 < enough) {
    const other = otherValue(p, target, found);
    if (other === null) break;
    found.add(other[target] ?? 0);
  }
  return found.size + 1;
}

/** The variables among `targets` that only one value fits (brute force). */
export function pinnedDown(p: BruteForce, targets: readonly number[]): number[] {
  return targets.filter((t) => otherValue(p, t) === null);
}

/** An equation: these variables (with these coefficients) add up to a published figure. */
export type Equation = ReadonlyMap<number, number>;

/**
 * The variables among `targets` that adding and subtracting the equations isolates (their unit
 * vector is in the span of the equations written over the unknown variables). Exact arithmetic
 * is not needed: coefficients are small whole numbers and the systems are small.
 */
export function solvedByDifferencing(
  equations: readonly Equation[],
  targets: readonly number[],
): number[] {
  const vars = [...new Set([...equations.flatMap((e) => [...e.keys()]), ...targets])];
  const column = new Map(vars.map((v, i) => [v, i]));
  const rows = equations.map((e) => {
    const row = vars.map(() => 0);
    for (const [v, c] of e) row[column.get(v) ?? 0] = (row[column.get(v) ?? 0] ?? 0) + c;
    return row;
  });
  const base = rank(rows);
  return targets.filter((t) => {
    const unit = vars.map((v) => (v === t ? 1 : 0));
    return rank([...rows, unit]) === base;
  });
}

function rank(matrix: readonly (readonly number[])[]): number {
  const rows = matrix.map((r) => [...r]);
  const width = rows[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let k = r; k < rows.length; k++)
      if (Math.abs(rows[k]?.[c] ?? 0) > Math.abs(rows[best]?.[c] ?? 0)) best = k;
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
 * What a figure published as rounded to the nearest 5 could have been, knowing the rules: 0 is
 * 0 (1 and 2 would be hidden), 10 is 10 to 12 (8 and 9 would be hidden), otherwise 2 either way.
 */
export function unrounded(shown: number): Range {
  if (shown === 0) return { lo: 0, hi: 0 };
  if (shown === 10) return { lo: 10, hi: 12 };
  return { lo: shown - 2, hi: shown + 2 };
}
