import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  otherValue,
  solvedByDifferencing,
  unrounded,
  type BruteForce,
  type Equation,
} from '../../../test/helpers/disclosure-attacker.js';
import { tallySurvey, type AnswerRecord, type SurveyQuestion } from '../../core/charter/survey.js';
import { DISCLOSURE_THRESHOLD } from '../../core/disclosure/disclosure.js';
import {
  protectedRows,
  resultsPage,
  surveyDemographics,
  TOO_FEW_TO_BREAK_DOWN,
  WOULD_GIVE_AWAY,
} from './survey.pages.js';

describe('survey demographics', () => {
  it('does not break down fewer than 10 people at all: a 0 beside a hidden count would give them away', () => {
    const d = surveyDemographics(
      { received: 1, placed: 1, areas: [1, 0, 0], bands: [0, 1, 0, 0, 0, 0] },
      ['E08000012'],
      () => 'Liverpool',
    );
    expect(d.areas.rows.map((r) => r.value)).toEqual([
      TOO_FEW_TO_BREAK_DOWN,
      TOO_FEW_TO_BREAK_DOWN,
      TOO_FEW_TO_BREAK_DOWN,
    ]);
    expect(d.areas.total).toBe('Fewer than 10');
    expect(d.bands.rows.every((r) => r.value === TOO_FEW_TO_BREAK_DOWN)).toBe(true);
  });

  it('breaks down 10 or more through disclosure control', () => {
    const d = surveyDemographics(
      { received: 30, placed: 30, areas: [20, 10, 0], bands: [20, 10, 0, 0, 0, 0] },
      ['E08000012'],
      () => 'Liverpool',
    );
    expect(d.areas.rows.map((r) => r.value)).toEqual(['20', '10', '0']);
    expect(d.areas.total).toBe('30');
  });
});

// ---- Every breakdown of the same people, attacked together ------------------------------------

/**
 * The survey's results page breaks the same people down several ways: by area, by deprivation
 * and by their answer to each question. Someone with the page (and the number who answered,
 * which staff pages give exactly) adds and subtracts breakdowns, or tries every set of counts
 * that re-publishes the same page. No small count may come out with only one value.
 */
describe('the survey results, attacked with every breakdown at once', () => {
  const questions: SurveyQuestion[] = [
    { id: 'q1', kind: 'single', prompt: 'Which?', options: ['A', 'B', 'C'], required: true },
    { id: 'q2', kind: 'scale', prompt: 'How much?', options: ['Not', 'Very'], required: false },
  ];
  const local = ['E1'];
  const partnership = {
    slug: 'p',
    name: 'P',
    local_area: local,
  } as unknown as Parameters<typeof resultsPage>[0];
  const version = { id: 'v', number: 1, title: 'One' } as unknown as Parameters<
    typeof resultsPage
  >[1];
  const record = fc.record({
    area: fc.oneof(
      { weight: 6, arbitrary: fc.constant('E1') },
      { weight: 2, arbitrary: fc.constant('X') },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    decile: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 10 }) }, fc.constant(null)),
    q1: fc.oneof(
      { weight: 6, arbitrary: fc.constant('A') },
      { weight: 2, arbitrary: fc.constant('B') },
      { weight: 1, arbitrary: fc.constant('C') },
    ),
    q2: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  });
  type Respondent = typeof record extends fc.Arbitrary<infer T> ? T : never;
  const rowsOf = (records: readonly Respondent[]): AnswerRecord[] =>
    records.map((r) => ({
      area: r.area,
      imd_decile: r.area ? r.decile : null,
      answers: { q1: r.q1, ...(r.q2 === undefined ? {} : { q2: r.q2 }) },
    }));

  /** Each breakdown of the page: its true counts, its total, and what each row says. */
  function breakdowns(records: readonly Respondent[]) {
    const tally = tallySurvey(questions, rowsOf(records), local);
    const page = resultsPage(partnership, version, tally, () => 'Local');
    const byQuestion = page.questions.map((q, i) => ({
      counts: tally.questions[i]?.counts ?? [],
      total: tally.questions[i]?.respondents ?? 0,
      shown: 'rows' in q ? (q.rows ?? []).map((r) => r.value) : [],
    }));
    return {
      page,
      tally,
      lists: [
        {
          counts: tally.areas,
          total: tally.received,
          shown: page.demographics.areas.rows.map((r) => r.value),
        },
        {
          counts: tally.bands,
          total: tally.received,
          shown: page.demographics.bands.rows.map((r) => r.value),
        },
        ...byQuestion,
      ],
    };
  }

  const rangeOf = (text: string, truth: number, total: number, exact: boolean) => {
    if (text === 'Fewer than 10') return { lo: 1, hi: DISCLOSURE_THRESHOLD - 1 };
    if (text === 'Hidden to protect another figure') return { lo: DISCLOSURE_THRESHOLD, hi: total };
    if (text === TOO_FEW_TO_BREAK_DOWN || text === WOULD_GIVE_AWAY) return { lo: 0, hi: total };
    const n = Number(text.replace(/,/g, ''));
    return exact ? { lo: truth, hi: truth } : unrounded(n);
  };

  it('no small count can be isolated by subtracting one breakdown from another', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const { lists, page, tally } = breakdowns(records);
        const equations: Equation[] = [];
        const truth: number[] = [];
        const vars = lists.map((l) => l.counts.map((c) => truth.push(c) - 1));
        lists.forEach((l, k) => {
          const mine = vars[k] ?? [];
          // Every breakdown's total is known: the people who answered (or answered its question).
          equations.push(new Map(mine.map((v) => [v, 1])));
          l.shown.forEach((text, i) => {
            if (/^[\d,]+$/.test(text)) equations.push(new Map([[mine[i] ?? 0, 1]]));
          });
        });
        // Anything else the page says in figures, such as how many gave a postcode placed to an
        // area (all the area rows but the last).
        if (page.demographics.coverage.includes(`${tally.placed} of them`))
          equations.push(new Map((vars[0] ?? []).slice(0, -1).map((v) => [v, 1])));
        const small = truth.flatMap((v, k) => (v >= 1 && v < DISCLOSURE_THRESHOLD ? [k] : []));
        expect(solvedByDifferencing(equations, small)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('no small count has only one value, the figures taken as exact or re-published (brute force)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const { lists } = breakdowns(records);
        for (const l of lists) {
          const small = l.counts.flatMap((v, k) => (v >= 1 && v < DISCLOSURE_THRESHOLD ? [k] : []));
          for (const exact of [true, false]) {
            const p: BruteForce = {
              truth: l.counts,
              ranges: l.shown.map((text, i) => rangeOf(text, l.counts[i] ?? 0, l.total, exact)),
              sums: [{ vars: l.counts.map((_, i) => i), lo: l.total, hi: l.total }],
              ...(exact
                ? {}
                : {
                    fits: (c: readonly number[]) =>
                      JSON.stringify(protectedRows(l.shown, c).rows) ===
                      JSON.stringify(protectedRows(l.shown, l.counts).rows),
                  }),
            };
            expect(small.filter((k) => otherValue(p, k) === null)).toEqual([]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('worked example: a breakdown that could only be protected by hiding its total is not shown', () => {
    // 11 people: 1 elsewhere, 10 in the area. Hiding the 1 and the 10 would leave 11 − 10 = 1,
    // since the total is known from the other breakdowns.
    const d = surveyDemographics(
      { received: 11, placed: 11, areas: [10, 1, 0], bands: [11, 0, 0, 0, 0, 0] },
      local,
      () => 'Local',
    );
    expect(d.areas.rows.map((r) => r.value)).toEqual([
      WOULD_GIVE_AWAY,
      WOULD_GIVE_AWAY,
      WOULD_GIVE_AWAY,
    ]);
    expect(d.areas.total).toBe('10');
    expect(d.coverage).not.toContain('11 of them');
  });
});
