import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_THEME_LENGTH,
  MAX_THEMES,
  isValidTheme,
  normaliseTheme,
  readThemes,
  splitThemes,
  themeProblem,
  uniqueThemes,
} from './themes.js';

describe('tidying a theme', () => {
  it.each([
    ['fair pay', 'Fair pay'],
    ['  Fair   pay  ', 'Fair pay'],
    ['fair\tpay\r\nfor all', 'Fair pay for all'],
    ['NHS jobs', 'NHS jobs'],
    ['cleaners’ contracts', 'Cleaners’ contracts'],
    ['élan', 'Élan'],
    ['e\u0301lan', 'Élan'],
    ['2027 targets', '2027 targets'],
    ['   ', ''],
    ['', ''],
  ])('%j becomes %j', (raw, tidy) => {
    expect(normaliseTheme(raw)).toBe(tidy);
  });
});

describe('the problem with a theme', () => {
  it.each([
    ['Fair pay', null],
    ['Cleaners’ contracts', null],
    ["Children's services", null],
    ['Locally-owned firms', null],
    ['A', null],
    ['x'.repeat(MAX_THEME_LENGTH), null],
    ['X'.repeat(MAX_THEME_LENGTH + 1), /must be 40 characters or fewer/],
    ['Pay & conditions', /only letters, numbers, spaces, hyphens and apostrophes/],
    ['Jobs!', /only letters/],
    ['Pay\u0000', /only letters/],
    ['--', /only letters/],
    ["'", /only letters/],
    ['', /Enter a theme/],
  ] as const)('%j: %s', (theme, expected) => {
    const problem = themeProblem(theme);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('quotes no more than 40 characters of a long theme, and no control characters', () => {
    expect(themeProblem('X'.repeat(1000))).toBe(
      `The theme “${'X'.repeat(40)}…” must be 40 characters or fewer`,
    );
    expect(themeProblem('Pay\u0000day')).toBe(
      'The theme “Payday” must use only letters, numbers, spaces, hyphens and apostrophes',
    );
  });
});

describe('splitting and de-duplicating', () => {
  it('splits on commas, tidies, and leaves out empty ones', () => {
    expect(splitThemes(' fair pay,, local jobs ,  ,cleaners')).toEqual([
      'Fair pay',
      'Local jobs',
      'Cleaners',
    ]);
    expect(splitThemes('')).toEqual([]);
  });

  it('keeps the first spelling of a theme whatever its capitals', () => {
    expect(uniqueThemes(['Fair pay', 'FAIR PAY', 'Local jobs', 'fair pay'])).toEqual([
      'Fair pay',
      'Local jobs',
    ]);
  });
});

describe('reading the themes form', () => {
  const known = ['Fair pay', 'Local jobs', 'NHS jobs'];

  it.each([
    ['nothing ticked or typed', {}, []],
    ['ticked boxes', { themes: ['Local jobs', 'Fair pay'] }, ['Local jobs', 'Fair pay']],
    ['one ticked box', { themes: 'NHS jobs' }, ['NHS jobs']],
    ['a box for a theme not used', { themes: ['Made up', 'Fair pay'] }, ['Fair pay']],
    [
      'typed themes after ticked ones',
      { themes: ['Fair pay'], newThemes: 'cleaners, green spaces' },
      ['Fair pay', 'Cleaners', 'Green spaces'],
    ],
    [
      'a typed theme already ticked',
      { themes: ['Fair pay'], newThemes: 'FAIR PAY, fair pay' },
      ['Fair pay'],
    ],
    ['a typed theme already used takes its spelling', { newThemes: 'nhs JOBS' }, ['NHS jobs']],
    ['a box sent twice', { themes: ['Fair pay', 'Fair pay'] }, ['Fair pay']],
    ['a box that is not text', { themes: [1, { a: 1 }], newThemes: ['pay', 'jobs'] }, ['Pay']],
  ] as const)('%s', (_, body, themes) => {
    expect(readThemes(body as Record<string, unknown>, known)).toEqual({
      ok: true,
      values: { themes },
    });
  });

  it('names the problems with typed themes', () => {
    const read = readThemes({ newThemes: 'Fair pay, Pay & conditions, ' + 'x'.repeat(41) }, []);
    expect(read).toEqual({
      ok: false,
      problems: [
        {
          field: 'newThemes',
          text: 'The theme “Pay & conditions” must use only letters, numbers, spaces, hyphens and apostrophes',
        },
        {
          field: 'newThemes',
          text: `The theme “X${'x'.repeat(39)}…” must be 40 characters or fewer`,
        },
      ],
    });
  });

  it('refuses more than 10 themes', () => {
    const many = Array.from({ length: MAX_THEMES + 2 }, (_, i) => `Theme ${i + 1}`).join(', ');
    expect(readThemes({ newThemes: many }, [])).toEqual({
      ok: false,
      problems: [
        { field: 'newThemes', text: 'A response can have 10 themes or fewer: you chose 12' },
      ],
    });
    const ten = Array.from({ length: MAX_THEMES }, (_, i) => `Theme ${i + 1}`).join(', ');
    expect(readThemes({ newThemes: ten }, [])).toMatchObject({ ok: true });
  });

  it('names a ticked theme that cannot be saved (one stored before these rules)', () => {
    expect(readThemes({ themes: ['Pay & conditions'] }, ['Pay & conditions'])).toEqual({
      ok: false,
      problems: [
        {
          field: 'themes',
          text: 'The theme “Pay & conditions” must use only letters, numbers, spaces, hyphens and apostrophes',
        },
      ],
    });
  });
});

describe('properties', () => {
  // Text of every kind, and text made mostly of what themes are made of, so both paths are tried.
  const word = fc.constantFrom(
    'fair',
    'Pay',
    'LOCAL',
    'jobs',
    'nhs',
    'élan',
    'cleaners’',
    '2027',
    'co-op',
  );
  const likely = fc
    .array(word, { minLength: 1, maxLength: 4 })
    .map((words) => ` ${words.join('  ')} `);
  const piece = fc.oneof(
    { arbitrary: likely, weight: 3 },
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc
      .array(
        fc.constantFrom(
          'a',
          'B',
          'é',
          'e\u0301',
          'ß',
          'ǆ',
          'İ',
          '7',
          ' ',
          '  ',
          '\t',
          '\n',
          '-',
          "'",
          '’',
          ',',
          '&',
          '\u0000',
        ),
        { maxLength: 50 },
      )
      .map((a) => a.join('')),
  );
  const known = fc.array(piece, { maxLength: 12 });
  // The themes used in a version, and a form sent with some of them ticked (or anything else).
  const form = known.chain((k) =>
    fc.tuple(
      fc.record({
        themes: fc.oneof(piece, fc.subarray(k), fc.array(piece, { maxLength: 12 })),
        newThemes: fc.array(piece, { maxLength: 14 }).map((a) => a.join(',')),
      }),
      fc.constant(k),
    ),
  );

  it('tidying is idempotent', () => {
    fc.assert(
      fc.property(piece, (raw) => {
        const once = normaliseTheme(raw);
        expect(normaliseTheme(once)).toBe(once);
      }),
    );
  });

  it('gives only valid themes, at most 10, without repeats, or names a problem', () => {
    fc.assert(
      fc.property(form, ([b, k]) => {
        const read = readThemes(b, k);
        if (!read.ok) {
          expect(read.problems.length).toBeGreaterThan(0);
          for (const p of read.problems) expect(['themes', 'newThemes']).toContain(p.field);
          return;
        }
        const { themes } = read.values;
        expect(themes.length).toBeLessThanOrEqual(MAX_THEMES);
        for (const t of themes) {
          expect(isValidTheme(t)).toBe(true);
          expect([...t].length).toBeGreaterThanOrEqual(1);
          expect([...t].length).toBeLessThanOrEqual(MAX_THEME_LENGTH);
        }
        expect(new Set(themes.map((t) => t.toLowerCase())).size).toBe(themes.length);
      }),
    );
  });

  it('reading what it gave gives the same again, typed or ticked', () => {
    fc.assert(
      fc.property(form, ([b, k]) => {
        const read = readThemes(b, k);
        if (!read.ok) return;
        const { themes } = read.values;
        expect(readThemes({ newThemes: themes.join(', ') }, [])).toEqual(read);
        expect(readThemes({ themes }, themes)).toEqual(read);
      }),
    );
  });
});
