/**
 * Property tests: published counts of people cannot be worked back to a small count by someone
 * who has everything public (issue 13). Small tables of organisations × periods are published
 * the way the product publishes them (buildSnapshot: the organisations' choices, the partnership
 * total of each period, the status), and then attacked with everything public:
 *
 * - every cell, every total and every period of a year, and the status said of it;
 * - every revision of the year (a correction changes one organisation's count);
 * - two years published one after the other.
 * Every public view of published figures (the year, pillar and organisation pages, the CSV and
 * JSON downloads, the annual report) is made from the snapshot alone, so the snapshot is
 * everything public.
 *
 * Three attacks, each on everything public:
 * - differencing: adding and subtracting published figures taken as exact (the strongest reader,
 *   who knows the figures before rounding);
 * - brute force on the figures: every table in a bounded range that agrees with the published
 *   figures taken as exact, and with what each hidden figure could be;
 * - brute force on the page: every table in a bounded range that, re-published with the same
 *   code, gives exactly the same snapshot (status and all), reading figures as published
 *   (rounded). The service is open source, so this reader knows which figures the rules hide.
 * No small count (1 to 9) may come out with only one value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  otherValue,
  solvedByDifferencing,
  unrounded,
  type BruteForce,
  type Equation,
  type Range,
  type SumConstraint,
} from '../../../test/helpers/disclosure-attacker.js';
import { DISCLOSURE_THRESHOLD, SUPPRESSED_TEXT } from '../disclosure/disclosure.js';
import { statusOf } from '../framework/status.js';
import {
  buildSnapshot,
  peopleCounts,
  type EarlierRevision,
  type IndicatorIn,
  type SnapshotIn,
  type PublishedFigure,
  type PublishedIndicator,
  type Snapshot,
} from './snapshot.js';

/** The true table: [organisation][period], null where it reported nothing. */
type Table = readonly (readonly (number | null)[])[];

interface Case {
  readonly table: Table;
  /** Whether each organisation's own figure is published (otherwise only the total is). */
  readonly shown: readonly boolean[];
  /** A partnership target for the status, or none. */
  readonly target: { baseline: number; value: number } | null;
}

/** The largest count a brute-forced cell is given; every count generated is well below it. */
const CAP = 45;

const QUARTERS = [
  { label: 'Q1 2025/26', startsOn: '2025-04-01', endsOn: '2025-06-30' },
  { label: 'Q2 2025/26', startsOn: '2025-07-01', endsOn: '2025-09-30' },
  { label: 'Q3 2025/26', startsOn: '2025-10-01', endsOn: '2025-12-31' },
  { label: 'Q4 2025/26', startsOn: '2026-01-01', endsOn: '2026-03-31' },
];
const YEAR = { fyStartYear: 2025, label: '2025/26', startsOn: '2025-04-01', endsOn: '2026-03-31' };
const ORGS = ['a', 'b', 'c'].map((id) => ({ id, name: `Org ${id}`, type: 'council' }));

const sum = (xs: readonly (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

/**
 * The year as the product publishes it: apprenticeship starts (W7) by quarter, each
 * organisation's figure where it lets it be shown, the status worked out as the service works it
 * out (from the figures it reads), and the earlier revisions of the year where it corrects them.
 */
function inputOf(
  c: Case,
  table: Table,
  earlier: readonly EarlierRevision[] = [],
  year: { readonly previous?: Table } = {},
): SnapshotIn {
  const periods = table[0]?.length ?? 0;
  const rows = ORGS.slice(0, table.length);
  const quarters = QUARTERS.slice(0, periods);
  const totalsOf = (t: Table) =>
    (t[0] ?? []).map((_, j) => {
      const column = t.map((r) => r[j] ?? null);
      return column.every((v) => v === null) ? null : sum(column);
    });
  const totals = totalsOf(table);
  const dated = (value: number, date: string) => ({ value, date });
  // The latest figure as the service reads it: this year's, or failing that the year before's.
  const read = [
    ...totalsOf(year.previous ?? []).map((t) => (t === null ? null : dated(t, '2025-03-31'))),
    ...totals.map((t, j) => (t === null ? null : dated(t, quarters[j]?.endsOn ?? ''))),
  ].filter((x) => x !== null);
  const latest = read.at(-1);
  const statusInputs = c.target
    ? {
        baseline: dated(c.target.baseline, '2024-03-31'),
        targets: [dated(c.target.value, '2027-03-31')],
      }
    : { targets: [] };
  // As the service does: the status of the figures as read, before disclosure control.
  const status = statusOf({
    direction: 'higher',
    unit: 'count',
    ...statusInputs,
    ...(latest ? { latest } : {}),
  });
  const indicator: IndicatorIn = {
    id: 'W7',
    pillar: 'workforce',
    name: 'Apprenticeship starts',
    description: '',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    methodology: '',
    source: '',
    computation: '',
    publishOrganisationLevel: true,
    partnershipWide: false,
    status: {
      status: status.status,
      label: status.status,
      reason: status.reason,
      target: c.target ? { value: c.target.value, date: '2027-03-31', text: 'x' } : null,
    },
    statusInputs,
    periods: quarters.map((q, j) => {
      const reporting = table.filter((r) => r[j] != null).length;
      const total = totals[j] ?? null;
      return {
        ...q,
        kind: 'quarter' as const,
        total: {
          value: total,
          known: true,
          note: `${reporting} of ${rows.length} organisations`,
        },
        change: null,
        organisations: Object.fromEntries(
          rows.map((o, i) => {
            const v = table[i]?.[j] ?? null;
            return [o.id, v === null ? null : { value: v, known: true, note: 'From a return' }];
          }),
        ),
      };
    }),
  };
  return {
    partnership: { name: 'P', slug: 'p' },
    year: YEAR,
    figuresAsOf: '2026-06-01',
    organisations: rows,
    indicators: [indicator],
    showsOwn: (org) => c.shown[ORGS.findIndex((o) => o.id === org)] ?? true,
    earlier,
  };
}

/** The year published. */
const publish = (...args: Parameters<typeof inputOf>): Snapshot => buildSnapshot(inputOf(...args));

/** Everything public about the indicator, as one string to compare. */
const seen = (s: Snapshot) => JSON.stringify(s.indicators);
const people = (s: Snapshot): PublishedIndicator => {
  const i = s.indicators[0];
  if (!i) throw new Error('no indicator');
  return i;
};

/**
 * What a published figure says its true value could be. `exact`: a figure shown is taken as its
 * true value (the strongest reader, who knows the figures before rounding); otherwise as the
 * values that round to it.
 */
function rangeOf(f: PublishedFigure, truth: number, exact: boolean, cap: number): Range {
  if (f.hidden) {
    if (f.text === SUPPRESSED_TEXT['fewer-than-threshold'])
      return { lo: 1, hi: DISCLOSURE_THRESHOLD - 1 };
    if (f.text === SUPPRESSED_TEXT.corrected) return { lo: 1, hi: cap };
    return { lo: DISCLOSURE_THRESHOLD, hi: cap };
  }
  if (exact) return { lo: truth, hi: truth };
  return unrounded(f.value ?? 0);
}

const meet = (a: Range, b: Range): Range => ({
  lo: Math.max(a.lo, b.lo),
  hi: Math.min(a.hi, b.hi),
});

/**
 * One publication of the sequence attacked: a year's table, and whether it corrects the
 * publication before it (a later revision of the same year) or is the next year's.
 */
interface View {
  readonly table: Table;
  readonly corrects: boolean;
}

/**
 * Publishes the sequence: each correction with the revisions of its year before it, and the
 * counts they were protected with (as the service keeps them), or without (`legacy`: revisions
 * published before those were kept).
 */
function publishAll(c: Case, views: readonly View[], legacy = false): Snapshot[] {
  const out: EarlierRevision[] = [];
  let yearStart = 0;
  let previous: Table | undefined;
  views.forEach((v, r) => {
    if (!v.corrects && r > 0) {
      previous = views[r - 1]?.table;
      yearStart = r;
    }
    const input = inputOf(c, v.table, out.slice(yearStart), previous ? { previous } : {});
    out.push({ snapshot: buildSnapshot(input), counts: legacy ? null : peopleCounts(input) });
  });
  return out.map((e) => e.snapshot);
}

/**
 * The attack on a sequence of publications. The variables are the cells' true counts; a cell a
 * correction leaves as it was keeps its variable, one it changes gets another (the attacker
 * knows which cells a correction changed), and each year has its own.
 */
function attack(
  c: Case,
  views: readonly View[],
  options: { exact: boolean; legacy?: boolean },
): {
  problem: BruteForce;
  equations: Equation[];
  small: number[];
} {
  const truth: number[] = [];
  /** The variable of each cell in each publication (undefined where it reported nothing). */
  const varOf: (number | undefined)[][][] = [];
  views.forEach((view, r) => {
    varOf.push(
      view.table.map((row, i) =>
        row.map((v, j) => {
          if (v === null) return undefined;
          const before = views[r - 1]?.table[i]?.[j];
          if (view.corrects && before === v) return varOf[r - 1]?.[i]?.[j];
          return truth.push(v) - 1;
        }),
      ),
    );
  });
  const published = publishAll(c, views, options.legacy);
  const ranges: Range[] = truth.map(() => ({ lo: 0, hi: CAP }));
  const sums: SumConstraint[] = [];
  const equations: Equation[] = [];
  published.forEach((s, r) => {
    const ind = people(s);
    const rows = views[r]?.table.length ?? 0;
    ind.periods.forEach((p, j) => {
      const vars: number[] = [];
      for (let i = 0; i < rows; i++) {
        const v = varOf[r]?.[i]?.[j];
        if (v === undefined) continue;
        vars.push(v);
        const org = ORGS[i]?.id ?? '';
        const f = p.organisations[org];
        if (!ind.organisationsShown.includes(org) || !f) continue;
        const range = rangeOf(f, truth[v] ?? 0, options.exact, CAP);
        ranges[v] = meet(ranges[v] ?? { lo: 0, hi: CAP }, range);
        if (!f.hidden) equations.push(new Map([[v, 1]]));
      }
      if (vars.length === 0) return;
      const total = vars.reduce((a, v) => a + (truth[v] ?? 0), 0);
      sums.push({ vars, ...rangeOf(p.total, total, options.exact, CAP * rows) });
      if (!p.total.hidden) equations.push(new Map(vars.map((v) => [v, 1])));
    });
  });
  const small = truth.flatMap((v, k) => (v >= 1 && v < DISCLOSURE_THRESHOLD ? [k] : []));
  const expected = published.map(seen).join('\n');
  const fits = (candidate: readonly number[]) => {
    const again = views.map((view, r) => ({
      ...view,
      table: view.table.map((row, i) =>
        row.map((_, j) => {
          const v = varOf[r]?.[i]?.[j];
          return v === undefined ? null : (candidate[v] ?? 0);
        }),
      ),
    }));
    return publishAll(c, again, options.legacy).map(seen).join('\n') === expected;
  };
  return { problem: { truth, ranges, sums, fits, budget: 50_000 }, equations, small };
}

// ---- Generators --------------------------------------------------------------------------------

/** A count: often small, sometimes 0, sometimes larger. */
const count = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 13, max: 30 }) },
  { weight: 1, arbitrary: fc.constant(0) },
);
const cell = fc.oneof({ weight: 9, arbitrary: count }, { weight: 1, arbitrary: fc.constant(null) });

const cases = (maxOrgs: number, maxPeriods: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxOrgs }), fc.integer({ min: 1, max: maxPeriods }))
    .chain(([orgs, periods]) =>
      fc.record({
        table: fc.array(fc.array(cell, { minLength: periods, maxLength: periods }), {
          minLength: orgs,
          maxLength: orgs,
        }),
        shown: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)), {
          minLength: orgs,
          maxLength: orgs,
        }),
        target: fc.option(
          fc.record({ baseline: fc.nat({ max: 40 }), value: fc.nat({ max: 80 }) }),
          { nil: null },
        ),
      }),
    );

/** A case and a correction of one of its cells to another count. */
const corrected = (maxOrgs: number, maxPeriods: number) =>
  cases(maxOrgs, maxPeriods).chain((c) =>
    fc
      .record({ at: fc.nat(), to: count })
      .map(({ at, to }) => {
        const periods = c.table[0]?.length ?? 1;
        const i = Math.floor(at / periods) % c.table.length;
        const j = at % periods;
        const later = c.table.map((row, r) => row.map((v, k) => (r === i && k === j ? to : v)));
        return { c, later };
      })
      .filter(({ c, later }) => JSON.stringify(c.table) !== JSON.stringify(later)),
  );

const failing = (found: readonly number[], truth: readonly number[]) =>
  found.map((v) => `variable ${v} (true value ${truth[v]})`);

// ---- Properties ----------------------------------------------------------------------------------

const one = (c: Case): View[] => [{ table: c.table, corrects: false }];
const pinnedIn = (
  c: Case,
  views: readonly View[],
  exact: boolean,
  withPage: boolean,
  legacy = false,
) => {
  const { problem, small } = attack(c, views, { exact, legacy });
  const p = withPage ? problem : { ...problem, fits: undefined };
  return failing(
    small.filter((v) => otherValue(p, v) === null),
    problem.truth,
  );
};
const differenced = (c: Case, views: readonly View[]) => {
  const { equations, small, problem } = attack(c, views, { exact: true });
  return failing(solvedByDifferencing(equations, small), problem.truth);
};

describe('a year of counts of people, attacked with everything public', { timeout: 30_000 }, () => {
  it('no small count can be isolated by subtracting published figures (totals, periods, organisations)', () => {
    fc.assert(
      fc.property(cases(3, 4), (c) => {
        expect(differenced(c, one(c))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('no small count has only one value that fits the published figures taken as exact (brute force)', () => {
    fc.assert(
      fc.property(cases(3, 3), (c) => {
        expect(pinnedIn(c, one(c), true, false)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('no small count has only one value that re-publishes to the same page, status included (brute force)', () => {
    fc.assert(
      fc.property(fc.oneof(cases(3, 2), cases(2, 3)), (c) => {
        expect(pinnedIn(c, one(c), false, true)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('worked example: the status of a hidden total says nothing about it', () => {
    // One organisation with 4 starts in the year's only quarter: the total is 4 too. Before,
    // the status said "4 against 30 expected".
    const c: Case = { table: [[4]], shown: [true], target: { baseline: 0, value: 30 } };
    const w7 = people(publish(c, c.table));
    expect(w7.periods[0]?.total.text).toBe(SUPPRESSED_TEXT['fewer-than-threshold']);
    expect(w7.status.label).toBe('Not shown');
    expect(JSON.stringify(w7)).not.toMatch(/\b4\b/);
    expect(pinnedIn(c, one(c), false, true)).toEqual([]);
  });
});

describe('a year and its correction, attacked with both revisions', { timeout: 30_000 }, () => {
  const both = ({ c, later }: { c: Case; later: Table }): View[] => [
    { table: c.table, corrects: false },
    { table: later, corrects: true },
  ];

  it('no small count of either revision can be isolated by subtracting one revision from the other', () => {
    fc.assert(
      fc.property(corrected(3, 4), (x) => {
        expect(differenced(x.c, both(x))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('no small count of either revision has only one value that re-publishes both revisions (brute force)', () => {
    fc.assert(
      fc.property(fc.oneof(corrected(2, 3), corrected(3, 2)), (x) => {
        expect(pinnedIn(x.c, both(x), false, true)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('no small count has only one value that re-publishes revisions published before their counts were kept (brute force)', () => {
    fc.assert(
      fc.property(fc.oneof(corrected(2, 3), corrected(3, 2)), (x) => {
        expect(pinnedIn(x.c, both(x), false, true, true)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('worked example: a total the correction hides says nothing of its size', () => {
    // The first organisation shows only the total. Revision 1's Q2: 7, 2 and 9, the total 18
    // shown as 20, the 2 and 9 as "Fewer than 10". The correction makes the 9 a 0, and the total
    // 9. Hidden as "Fewer than 10", it would say the 9 was at least 18 − 9 = 9, so 9.
    const c: Case = {
      table: [
        [28, 7],
        [15, 2],
        [30, 9],
      ],
      shown: [false, true, true],
      target: { baseline: 39, value: 66 },
    };
    const later: Table = [
      [28, 7],
      [15, 2],
      [30, 0],
    ];
    const [first, second] = publishAll(c, both({ c, later })).map(people);
    expect(first?.periods[1]?.total.text).toBe('20');
    expect(second?.periods[1]?.organisations.c?.text).toBe('0');
    expect(second?.periods[1]?.total.text).toBe(SUPPRESSED_TEXT.corrected);
    expect(pinnedIn(c, both({ c, later }), false, true)).toEqual([]);
  });

  it('worked example: a correction does not protect with a figure the revision before showed', () => {
    // Revision 1 hides 4, and the 12 after it to protect it; 13 is shown. The correction makes
    // the 12 a 0. Protected on its own, it would hide the 13 instead, and revision 2's total
    // less revision 1's 13 would give the 4 away. The total is hidden instead.
    const c: Case = { table: [[4], [12], [13]], shown: [true, true, true], target: null };
    const later: Table = [[4], [0], [13]];
    const [first, second] = publishAll(c, both({ c, later })).map(people);
    const hidden = (i: PublishedIndicator | undefined) =>
      ['a', 'b', 'c', 'total'].map((o) =>
        o === 'total' ? i?.periods[0]?.total.hidden : i?.periods[0]?.organisations[o]?.hidden,
      );
    expect(hidden(first)).toEqual([true, true, undefined, undefined]);
    expect(hidden(second)).toEqual([true, undefined, undefined, true]);
    expect(differenced(c, both({ c, later }))).toEqual([]);
  });

  it('worked example: a figure shown before and small now takes its period’s total with it', () => {
    // Revision 1 shows 0 for the first organisation and 11 for the second; the correction makes
    // the first 1. Were the total (12) shown, 12 − 11 would give the 1 away.
    const c: Case = { table: [[0], [11]], shown: [true, true], target: null };
    const later: Table = [[1], [11]];
    const second = people(publishAll(c, both({ c, later }))[1] as Snapshot);
    expect(second.periods[0]?.organisations.a?.text).toBe(SUPPRESSED_TEXT['fewer-than-threshold']);
    expect(second.periods[0]?.total.hidden).toBe(true);
    expect(differenced(c, both({ c, later }))).toEqual([]);
  });
});

describe('two years, attacked together', { timeout: 30_000 }, () => {
  it('no small count of either year has only one value that re-publishes both (brute force)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 2 })
          .chain((orgs) =>
            fc
              .tuple(cases(orgs, 2), cases(orgs, 2))
              .filter(([a, b]) => a.table.length === b.table.length),
          ),
        ([a, b]) => {
          const c: Case = { ...a, shown: a.shown };
          const views: View[] = [
            { table: a.table, corrects: false },
            { table: b.table, corrects: false },
          ];
          expect(pinnedIn(c, views, false, true)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
