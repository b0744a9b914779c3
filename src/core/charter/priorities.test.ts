import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUGGESTION_STATES } from './consultation.js';
import {
  PRIORITIES_ANSWERED_RULE,
  WHOLE_AREA,
  prioritiesAnswered,
  prioritiesAnsweredText,
  readPriority,
  readPriorityAnswer,
  type PriorityFact,
} from './priorities.js';

const AREAS = new Set(['E08000015', 'E06000050']);

const good = {
  title: 'A safe crossing by the school on Park Road',
  description: 'Children cross four lanes of traffic.\nThe hospital’s car park adds to it.',
  area: 'E08000015',
  pillar: 'infrastructure',
  showAs: 'anonymous',
};

const fields = (body: Record<string, unknown>) => {
  const read = readPriority(body, AREAS);
  return read.ok ? [] : read.problems.map((p) => p.field);
};

describe('reading a priority', () => {
  it('reads a good priority, trimmed, anonymously', () => {
    expect(readPriority({ ...good, title: `  ${good.title} ` }, AREAS)).toEqual({
      ok: true,
      values: {
        title: good.title,
        description: good.description,
        area: 'E08000015',
        pillar: 'infrastructure',
        displayName: null,
      },
    });
  });

  it('takes the whole area as no district, and a chosen name', () => {
    const read = readPriority(
      { ...good, area: WHOLE_AREA, showAs: 'name', displayName: 'Park Road Residents' },
      AREAS,
    );
    expect(read.ok && read.values).toMatchObject({
      area: null,
      displayName: 'Park Road Residents',
    });
  });

  it('names every problem of an empty form', () => {
    expect(fields({})).toEqual(['title', 'description', 'area', 'pillar', 'showAs']);
    const read = readPriority({}, AREAS);
    expect(read.ok ? [] : read.problems.map((p) => p.text)).toEqual([
      'Enter a short title for the priority',
      'Enter what the priority is and why it matters',
      'Select the area it is about',
      'Select the part of the charter it is about',
      'Select how your priority is shown',
    ]);
  });

  it.each([
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 'Two\nlines' }, 'title'],
    [{ description: 'x'.repeat(2001) }, 'description'],
    [{ description: 'a\u0000b' }, 'description'],
    [{ area: 'E09000001' }, 'area'],
    [{ area: '' }, 'area'],
    [{ pillar: 'health' }, 'pillar'],
    [{ showAs: 'name', displayName: '' }, 'displayName'],
    [{ showAs: 'name', displayName: 'ada@example.org' }, 'displayName'],
    [{ showAs: 'name', displayName: 'x'.repeat(61) }, 'displayName'],
  ])('refuses %j', (change, field) => {
    expect(fields({ ...good, ...change })).toEqual([field]);
  });

  it('keeps to the limits exactly', () => {
    expect(fields({ ...good, title: 'x'.repeat(200), description: 'y'.repeat(2000) })).toEqual([]);
  });

  it('speaks of the priority when it refuses an email address as a name', () => {
    const read = readPriority({ ...good, showAs: 'name', displayName: 'a@b.example' }, AREAS);
    expect(read.ok ? '' : read.problems[0]?.text).toMatch(/reads the priorities/);
  });

  it('never throws, whatever is sent', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (body) => {
        const read = readPriority(body, AREAS);
        expect(typeof read.ok).toBe('boolean');
      }),
    );
  });
});

describe('reading the answer to a priority', () => {
  const known = {
    commitments: new Set(['C1']),
    indicators: new Set(['W1', 'C3']),
    initiatives: new Set(['i-1']),
  };

  it('reads the answer with what it led to', () => {
    expect(
      readPriorityAnswer(
        {
          kind: 'accepted',
          reason: 'The crossing is in the 2026 works.',
          commitments: ['C1', 'C9'],
          indicators: 'c3',
          initiatives: 'i-1',
        },
        known,
      ),
    ).toEqual({
      ok: true,
      values: {
        kind: 'accepted',
        reason: 'The crossing is in the 2026 works.',
        commitmentKeys: ['C1'],
        indicatorCodes: ['C3'],
        initiativeIds: ['i-1'],
      },
    });
  });

  it('speaks of the priority in its problems', () => {
    const read = readPriorityAnswer({ kind: '', reason: '' }, known);
    expect(read.ok ? [] : read.problems.map((p) => p.text)).toEqual([
      'Select how the priority was answered',
      'Enter the reason for this answer',
    ]);
  });
});

describe('C3: local priorities answered', () => {
  const p = (state: PriorityFact['state'], answered: boolean, createdOn = '2025-06-01') => ({
    state,
    answered,
    createdOn,
  });

  it('is nothing, not 0%, when there are no published priorities', () => {
    expect(prioritiesAnswered([])).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(prioritiesAnswered([p('hidden', true), p('pending', false)])).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
    });
    expect(prioritiesAnsweredText(prioritiesAnswered([]))).toBe('No priorities yet');
  });

  it('counts published priorities answered, whatever the answer, leaving hidden ones out', () => {
    const c3 = prioritiesAnswered([
      p('published', true),
      p('published', false),
      p('hidden', true),
      p('hidden', false),
      p('pending', false),
    ]);
    expect(c3).toEqual({ numerator: 1, denominator: 2, value: 50 });
    expect(prioritiesAnsweredText(c3)).toBe(
      '1 of 2 published priorities has a public answer (50.0%)',
    );
  });

  it('says it in words for one, for none answered and for all', () => {
    expect(prioritiesAnsweredText(prioritiesAnswered([p('published', false)]))).toBe(
      '0 of 1 published priority has a public answer (0.0%)',
    );
    expect(
      prioritiesAnsweredText(
        prioritiesAnswered([p('published', true), p('published', true), p('published', true)]),
      ),
    ).toBe('3 of 3 published priorities have a public answer (100.0%)');
    expect(
      prioritiesAnsweredText(
        prioritiesAnswered([p('published', true), p('published', false), p('published', false)]),
      ),
    ).toBe('1 of 3 published priorities has a public answer (33.3%)');
  });

  it('counts, as of a day, the priorities raised by then', () => {
    const list = [
      p('published', true, '2025-03-31'),
      p('published', false, '2025-03-31'),
      p('published', true, '2025-04-01'),
    ];
    expect(prioritiesAnswered(list, '2025-03-31')).toEqual({
      numerator: 1,
      denominator: 2,
      value: 50,
    });
    expect(prioritiesAnswered(list, '2025-04-01').denominator).toBe(3);
    expect(prioritiesAnswered(list, '2025-01-01').value).toBeNull();
  });

  it('states its rule in words', () => {
    expect(PRIORITIES_ANSWERED_RULE).toMatch(/hidden by a moderator are left out/);
    expect(PRIORITIES_ANSWERED_RULE).toMatch(/whatever the answer says/);
  });

  it('always has 0 ≤ numerator ≤ denominator, and no value exactly when nothing is published', () => {
    const fact = fc.record({
      state: fc.constantFrom(...SUGGESTION_STATES),
      answered: fc.boolean(),
      createdOn: fc
        .date({ min: new Date('2024-01-01'), max: new Date('2028-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    });
    const day = fc
      .date({ min: new Date('2024-01-01'), max: new Date('2028-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fact), fc.option(day, { nil: undefined }), (list, asOf) => {
        const c3 = prioritiesAnswered(list, asOf);
        expect(c3.numerator).toBeGreaterThanOrEqual(0);
        expect(c3.numerator).toBeLessThanOrEqual(c3.denominator);
        expect(c3.value === null).toBe(c3.denominator === 0);
        if (c3.value !== null) {
          expect(c3.value).toBeGreaterThanOrEqual(0);
          expect(c3.value).toBeLessThanOrEqual(100);
        }
        // Hiding or holding back a priority never adds to the count.
        const hidden = list.map((f) => ({ ...f, state: 'hidden' as const }));
        expect(prioritiesAnswered(hidden, asOf).denominator).toBe(0);
        expect(prioritiesAnswered(list, asOf).denominator).toBeLessThanOrEqual(
          prioritiesAnswered(list).denominator,
        );
      }),
    );
  });
});
