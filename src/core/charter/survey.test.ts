import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DECILE_BANDS,
  answerField,
  decileBand,
  readAnswers,
  readQuestion,
  tallySurvey,
  type SurveyQuestion,
} from './survey.js';

const single: SurveyQuestion = {
  id: 'a',
  kind: 'single',
  prompt: 'How did you hear about the charter?',
  options: ['A leaflet', 'A friend', 'Online'],
  required: true,
};
const multiple: SurveyQuestion = {
  id: 'b',
  kind: 'multiple',
  prompt: 'Which matter most to you?',
  options: ['Jobs', 'Local spending', 'Air quality'],
  required: false,
};
const scale: SurveyQuestion = {
  id: 'c',
  kind: 'scale',
  prompt: 'How much do you trust the partnership?',
  options: ['Not at all', 'Completely'],
  required: false,
};
const free: SurveyQuestion = {
  id: 'd',
  kind: 'text',
  prompt: 'Anything else?',
  options: [],
  required: false,
};
const questions = [single, multiple, scale, free];

const fieldsOf = (r: ReturnType<typeof readQuestion> | ReturnType<typeof readAnswers>) =>
  r.ok ? [] : r.problems.map((p) => p.field);

describe('reading a question', () => {
  it('reads a single choice question with its answers one a line', () => {
    const r = readQuestion({
      kind: 'single',
      prompt: '  How did you hear? ',
      options: 'A leaflet\r\n\r\n  A friend \nOnline',
      required: 'yes',
    });
    expect(r).toEqual({
      ok: true,
      values: {
        kind: 'single',
        prompt: 'How did you hear?',
        options: ['A leaflet', 'A friend', 'Online'],
        required: true,
      },
    });
  });

  it('drops the answers of a free-text question', () => {
    const r = readQuestion({
      kind: 'text',
      prompt: 'Anything else?',
      options: 'x',
      required: 'no',
    });
    expect(r.ok && r.values.options).toEqual([]);
  });

  it('names each problem', () => {
    expect(fieldsOf(readQuestion({}))).toEqual(['kind', 'prompt', 'required']);
    expect(
      fieldsOf(readQuestion({ kind: 'single', prompt: 'Q', options: 'One', required: 'no' })),
    ).toEqual(['options']);
    const eleven = Array.from({ length: 11 }, (_, i) => `Answer ${i}`).join('\n');
    expect(
      fieldsOf(readQuestion({ kind: 'multiple', prompt: 'Q', options: eleven, required: 'no' })),
    ).toEqual(['options']);
    expect(
      fieldsOf(readQuestion({ kind: 'scale', prompt: 'Q', options: 'Low', required: 'no' })),
    ).toEqual(['options']);
    expect(
      fieldsOf(readQuestion({ kind: 'single', prompt: 'Q', options: 'Yes\nyes', required: 'no' })),
    ).toEqual(['options']);
    expect(
      fieldsOf(
        readQuestion({ kind: 'single', prompt: 'x'.repeat(301), options: 'a\nb', required: 'no' }),
      ),
    ).toEqual(['prompt']);
    expect(
      fieldsOf(readQuestion({ kind: 'single', prompt: 'Q', options: 'a\tb\nc', required: 'no' })),
    ).toEqual(['options']);
  });
});

describe('reading answers', () => {
  const good = {
    [answerField(single)]: 'A friend',
    [answerField(multiple)]: ['Air quality', 'Jobs'],
    [answerField(scale)]: '4',
    [answerField(free)]: '  More buses, please.\r\nAnd trees. ',
    postcode: ' l8 8aw ',
  };

  it('reads every kind, keeping the options in the order asked', () => {
    expect(readAnswers(good, questions)).toEqual({
      ok: true,
      values: {
        answers: {
          a: 'A friend',
          b: ['Jobs', 'Air quality'],
          c: 4,
          d: 'More buses, please.\r\nAnd trees.',
        },
        postcode: 'l8 8aw',
      },
    });
  });

  it('takes one checkbox sent on its own, and no postcode', () => {
    const r = readAnswers(
      { [answerField(single)]: 'Online', [answerField(multiple)]: 'Jobs' },
      questions,
    );
    expect(r).toEqual({
      ok: true,
      values: { answers: { a: 'Online', b: ['Jobs'] }, postcode: null },
    });
  });

  it('asks for the required answers and refuses what is not listed', () => {
    expect(fieldsOf(readAnswers({}, questions))).toEqual(['q-a']);
    const r = readAnswers(
      {
        [answerField(single)]: 'Television',
        [answerField(multiple)]: ['Jobs', 'Parking'],
        [answerField(scale)]: '6',
        [answerField(free)]: 'x'.repeat(2001),
        postcode: 'NOT A POSTCODE',
      },
      questions,
    );
    expect(fieldsOf(r)).toEqual(['q-a', 'q-b', 'q-c', 'q-d', 'postcode']);
    expect(fieldsOf(readAnswers({ ...good, [answerField(free)]: 'a\u0000b' }, questions))).toEqual([
      'q-d',
    ]);
    expect(
      fieldsOf(readAnswers({ ...good, [answerField(single)]: ['Online', 'A friend'] }, questions)),
    ).toEqual(['q-a']);
  });

  it('needs at least one answer when none is required', () => {
    const r = readAnswers({ postcode: 'L8 8AW' }, [multiple, free]);
    expect(r.ok ? [] : r.problems).toEqual([
      { field: 'q-b', text: 'Answer at least one question' },
    ]);
  });

  it('never throws, and accepts only listed options, 1 to 5 and bounded text', () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(...single.options, ...multiple.options, '1', '5', '0', '6', ''),
      fc.array(fc.oneof(fc.string(), fc.constantFrom(...multiple.options))),
      fc.integer(),
      fc.constant(null),
      fc.object(),
    );
    const body = fc.dictionary(
      fc.constantFrom('q-a', 'q-b', 'q-c', 'q-d', 'postcode', 'other'),
      value,
    );
    fc.assert(
      fc.property(body, (b) => {
        const r = readAnswers(b, questions);
        if (!r.ok) return;
        for (const [id, v] of Object.entries(r.values.answers)) {
          const q = questions.find((x) => x.id === id);
          expect(q).toBeDefined();
          if (q?.kind === 'single') expect(q.options).toContain(v);
          if (q?.kind === 'multiple') for (const o of v as string[]) expect(q.options).toContain(o);
          if (q?.kind === 'scale') expect([1, 2, 3, 4, 5]).toContain(v);
          if (q?.kind === 'text') expect((v as string).length).toBeLessThanOrEqual(2000);
        }
        expect(r.values.answers.a).toBeDefined();
      }),
    );
  });

  it('reading a question never throws', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))), (b) => {
        const r = readQuestion(b);
        if (r.ok) expect(r.values.prompt.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('counting the answers', () => {
  it('bands deciles in pairs, with a band for not placed', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null].map(decileBand)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5,
    ]);
    expect(decileBand(0)).toBe(DECILE_BANDS.length - 1);
  });

  it('counts people per option, per area and per band', () => {
    const t = tallySurvey(
      questions,
      [
        {
          answers: { a: 'Online', b: ['Jobs', 'Air quality'], c: 5, d: 'Trees' },
          area: 'E08000012',
          imd_decile: 1,
        },
        { answers: { a: 'Online', b: ['Jobs'] }, area: 'E08000011', imd_decile: 10 },
        { answers: { a: 'A friend', c: 1 }, area: null, imd_decile: null },
      ],
      ['E08000012', 'E08000015'],
    );
    expect(t.received).toBe(3);
    expect(t.placed).toBe(2);
    expect(t.questions.map((q) => [q.respondents, q.counts])).toEqual([
      [3, [0, 1, 2]],
      [2, [2, 0, 1]],
      [2, [1, 0, 0, 0, 1]],
      [1, []],
    ]);
    expect(t.questions[3]?.texts).toEqual(['Trees']);
    expect(t.areas).toEqual([1, 0, 1, 1]);
    expect(t.bands).toEqual([1, 0, 0, 0, 1, 1]);
  });
});
