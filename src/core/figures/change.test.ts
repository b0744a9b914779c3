import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Computation, Unit } from '../framework/types.js';
import { CHANGE_RULE, changeBetween, type PeriodReported, type ReportedFigure } from './change.js';
import { dataCoverage } from './coverage.js';

const RATIO = {
  unit: '%' as Unit,
  computation: { kind: 'ratio', numerator: 'n', denominator: 'd' } as Computation,
};
const SUM = { unit: 'count' as Unit, computation: { kind: 'value', item: 'x' } as Computation };

const part = (id: string, numerator: number, denominator: number): ReportedFigure => ({
  organisationId: id,
  figure: {
    value: (numerator / denominator) * 100,
    numerator,
    denominator,
    missing: [],
    source: 'items',
    coverage: null,
  },
});
const none = (id: string): ReportedFigure => ({ organisationId: id, figure: null });
const period = (label: string, figures: ReportedFigure[]): PeriodReported => ({ label, figures });

describe('change between two periods, like for like', () => {
  it('compares only the organisations that reported in both: a large organisation dropping out is not a rise', () => {
    // W1: a trust (96.2% of 1,000) and a university at about 90% of 4,200 in 2024/25; the
    // university did not report in 2025/26, so the total "rose" from 91.2% to 96.2%.
    const before = period('2024/25', [part('trust', 962, 1000), part('uni', 3780, 4200)]);
    const after = period('2025/26', [part('trust', 962, 1000), none('uni')]);
    const c = changeBetween(RATIO, before, after);
    expect(c).toMatchObject({
      kind: 'change',
      from: 96.2,
      to: 96.2,
      direction: 'same',
      organisations: 1,
      sameOrganisations: false,
    });
    expect(c.text).toBe(
      'No change from 2024/25 (96.2%), for the 1 organisation that reported in both (coverage changed: 2 organisations in 2024/25, 1 in 2025/26)',
    );
  });

  it('recomputes sums over the common set', () => {
    const v = (id: string, value: number): ReportedFigure => ({
      organisationId: id,
      figure: { value, missing: [], source: 'items', coverage: null },
    });
    const c = changeBetween(
      SUM,
      period('2024/25', [v('a', 10), v('b', 100)]),
      period('2025/26', [v('a', 12), v('c', 5)]),
    );
    expect(c).toMatchObject({ kind: 'change', from: 10, to: 12, direction: 'rise' });
    expect(c.text).toBe(
      'Up from 10 in 2024/25 to 12 in 2025/26, for the 1 organisation that reported in both (coverage changed: 2 organisations in 2024/25, 2 in 2025/26)',
    );
  });

  it('says plainly that coverage changed when no organisation reported in both', () => {
    const c = changeBetween(
      RATIO,
      period('2024/25', [part('a', 1, 2), part('b', 1, 2), none('c')]),
      period('2025/26', [none('a'), none('b'), part('c', 2, 2)]),
    );
    expect(c).toEqual({
      kind: 'coverage-changed',
      before: { label: '2024/25', organisations: 2 },
      after: { label: '2025/26', organisations: 1 },
      text: 'Coverage changed: 2 organisations in 2024/25, 1 in 2025/26',
    });
    expect(c.text).not.toMatch(/up|down|rose|fell/i);
  });

  it('uses the plain words when the same organisations reported', () => {
    const c = changeBetween(
      RATIO,
      period('2024/25', [part('a', 90, 100)]),
      period('2025/26', [part('a', 95, 100)]),
    );
    expect(c.text).toBe('Up from 90.0% in 2024/25 to 95.0% in 2025/26');
  });

  it('calls figures that read the same no change, and does not compare what is not known', () => {
    expect(
      changeBetween(
        RATIO,
        period('2024/25', [part('a', 9618, 10000)]),
        period('2025/26', [part('a', 9620, 10000)]),
      ),
    ).toMatchObject({ kind: 'change', direction: 'same' });
    const share = (id: string, known: number): ReportedFigure => ({
      organisationId: id,
      figure: {
        value: null,
        numerator: 2,
        denominator: 100,
        missing: [],
        source: 'calculator',
        coverage: dataCoverage(known, 100, { known: 'supplier type', of: 'spend' }),
      },
    });
    expect(
      changeBetween(RATIO, period('Q1', [share('a', 5)]), period('Q2', [share('a', 90)])),
    ).toEqual({ kind: 'none', text: 'Change not known: too little of the data is known in Q1' });
    expect(
      changeBetween(RATIO, period('Q1', [none('a')]), period('Q2', [part('a', 1, 2)])),
    ).toEqual({
      kind: 'none',
      text: 'No figure to compare with Q1',
    });
  });
});

describe('a yes/no indicator', () => {
  const YES_NO = {
    unit: 'yes/no' as Unit,
    computation: { kind: 'value', item: 'x' } as Computation,
  };
  const answer = (id: string, value: number): ReportedFigure => ({
    organisationId: id,
    figure: { value, missing: [], source: 'items', coverage: null },
  });
  const before = period('2024/25', [answer('a', 0), answer('b', 1)]);
  const after = period('2025/26', [answer('a', 1), answer('b', 1)]);

  it('says the partnership’s total as a count of organisations answering yes, not Yes or No', () => {
    // One organisation said yes, then two: not "Up from Yes to 2".
    expect(changeBetween(YES_NO, before, after, { total: true }).text).toBe(
      'Up from 1 in 2024/25 to 2 in 2025/26',
    );
  });

  it('says an organisation’s own answer as yes or no', () => {
    const own = (p: PeriodReported) => period(p.label, p.figures.slice(0, 1));
    expect(changeBetween(YES_NO, own(before), own(after)).text).toBe(
      'Up from No in 2024/25 to Yes in 2025/26',
    );
  });
});

describe('the rule', () => {
  it('is stated for the methodology page', () => {
    expect(CHANGE_RULE).toContain('organisations that reported in both periods');
    expect(CHANGE_RULE).toContain('coverage changed');
  });
});

describe('change properties', () => {
  const orgs = ['a', 'b', 'c', 'd', 'e'];
  const figure = fc.option(
    fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 })),
    { nil: null },
  );
  const periodArb = (label: string) =>
    fc.array(figure, { minLength: orgs.length, maxLength: orgs.length }).map((fs) =>
      period(
        label,
        fs.map((f, i) => {
          const id = orgs[i] ?? '';
          return f === null ? none(id) : part(id, Math.min(f[0], f[1]), f[1]);
        }),
      ),
    );

  it('an organisation that reported in only one period never moves the change', () => {
    fc.assert(
      fc.property(
        periodArb('before'),
        periodArb('after'),
        fc.integer({ min: 0, max: 1000 }),
        (b, a, n) => {
          const base = changeBetween(RATIO, b, a);
          fc.pre(base.kind === 'change');
          if (base.kind !== 'change') return;
          // A newcomer with any figure in the later period only.
          const joined = changeBetween(
            RATIO,
            period('before', [...b.figures, none('z')]),
            period('after', [...a.figures, part('z', n, 1000)]),
          );
          expect(joined).toMatchObject({
            kind: 'change',
            from: base.from,
            to: base.to,
            direction: base.direction,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('swapping the periods swaps rise and fall, and never calls equal figures a rise or fall', () => {
    fc.assert(
      fc.property(periodArb('before'), periodArb('after'), (b, a) => {
        const forward = changeBetween(RATIO, b, a);
        const back = changeBetween(RATIO, a, b);
        expect(back.kind).toBe(forward.kind);
        if (forward.kind === 'change' && back.kind === 'change') {
          const flip = { rise: 'fall', fall: 'rise', same: 'same' } as const;
          expect(back.direction).toBe(flip[forward.direction]);
          if (forward.from === forward.to) expect(forward.direction).toBe('same');
        }
      }),
      { numRuns: 300 },
    );
  });
});
