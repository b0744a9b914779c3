import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePostcode } from './postcodes.js';

describe('normalisePostcode', () => {
  it.each([
    ['l18jq', 'L1 8JQ'],
    [' ch49 5pe ', 'CH49 5PE'],
    ['L1 8JQ', 'L1 8JQ'],
    ['L1  8JQ', 'L1 8JQ'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['m13 9wl', 'M13 9WL'],
    ['\tl14 3pe\n', 'L14 3PE'],
  ])('%j → %s', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each(['', '   ', 'hello', 'L1', '8JQ', 'L1-8JQ', 'L1 8J', '123 456', 'L1 8JQQ'])(
    '%j is not a postcode',
    (input) => {
      expect(normalisePostcode(input)).toBeNull();
    },
  );
});

describe('normalisePostcode: properties', () => {
  const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
  const digit = fc.constantFrom(...'0123456789'.split(''));
  const outward = fc.oneof(
    fc.tuple(letter, digit).map((p) => p.join('')), // A9
    fc.tuple(letter, digit, digit).map((p) => p.join('')), // A99
    fc.tuple(letter, letter, digit).map((p) => p.join('')), // AA9
    fc.tuple(letter, letter, digit, digit).map((p) => p.join('')), // AA99
    fc.tuple(letter, digit, letter).map((p) => p.join('')), // A9A
    fc.tuple(letter, letter, digit, letter).map((p) => p.join('')), // AA9A
  );
  const inward = fc.tuple(digit, letter, letter).map((p) => p.join(''));
  const spacing = fc.constantFrom('', ' ', '  ');
  /** Postcode-shaped text in any case and spacing; some of it the library will still reject. */
  const postcodeLike = fc
    .tuple(spacing, outward, spacing, inward, spacing, fc.boolean())
    .map(([a, o, b, i, c, lower]) => {
      const text = `${a}${o}${b}${i}${c}`;
      return lower ? text.toLowerCase() : text;
    });

  it('normalising a normalised postcode returns it unchanged', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(postcodeLike, fc.string()), (text) => {
        const once = normalisePostcode(text);
        if (once === null) return;
        valid++;
        expect(normalisePostcode(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
    expect(valid).toBeGreaterThan(100);
  });

  it('a normalised postcode is upper case with one space before the inward code', () => {
    fc.assert(
      fc.property(postcodeLike, (text) => {
        const n = normalisePostcode(text);
        if (n === null) return;
        expect(n).toMatch(/^[A-Z0-9]{2,4} [0-9][A-Z]{2}$/);
        expect(n.replace(' ', '')).toBe(text.replace(/\s+/g, '').toUpperCase());
      }),
      { numRuns: 1000 },
    );
  });

  it('case and spacing do not matter', () => {
    fc.assert(
      fc.property(postcodeLike, spacing, (text, pad) => {
        const n = normalisePostcode(text);
        if (n === null) return;
        expect(normalisePostcode(n.toLowerCase())).toBe(n);
        expect(normalisePostcode(n.replace(' ', ''))).toBe(n);
        expect(normalisePostcode(`${pad}${n}${pad}`)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalisePostcode: real postcodes in every format', () => {
  /** From the shipped ONSPD sample (data/reference/onspd-sample.csv.gz), in its 7-character form. */
  const REAL: [string, string][] = [
    ['W3  7QP', 'W3 7QP'], // A9 9AA
    ['M9  4WW', 'M9 4WW'],
    ['M10 0SY', 'M10 0SY'], // A99 9AA
    ['N16 5HQ', 'N16 5HQ'],
    ['BH9 2LE', 'BH9 2LE'], // AA9 9AA
    ['FK2 7ZA', 'FK2 7ZA'],
    ['CA110FP', 'CA11 0FP'], // AA99 9AA
    ['IV438RA', 'IV43 8RA'],
    ['W1K 3RH', 'W1K 3RH'], // A9A 9AA
    ['W1S 3BL', 'W1S 3BL'],
    ['EC2M5NX', 'EC2M 5NX'], // AA9A 9AA
    ['SW1X9XA', 'SW1X 9XA'],
    ['L8  8AW', 'L8 8AW'], // Liverpool, and the suppliers of the spend tests
    ['L16 9LE', 'L16 9LE'],
    ['L32 6SE', 'L32 6SE'],
    ['SK9 7BL', 'SK9 7BL'],
  ];

  it.each(REAL)('%j → %s', (pcd, expected) => {
    expect(normalisePostcode(pcd)).toBe(expected);
    expect(normalisePostcode(expected)).toBe(expected);
    expect(normalisePostcode(expected.toLowerCase().replace(' ', ''))).toBe(expected);
  });

  it('accepts every real postcode however it is spaced or cased, and keeps it distinct', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REAL),
        fc.constantFrom('', ' ', '  ', '\t'),
        fc.boolean(),
        ([, expected], gap, lower) => {
          const [out, inw] = expected.split(' ') as [string, string];
          const text = `${out}${gap}${inw}`;
          expect(normalisePostcode(lower ? text.toLowerCase() : text)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
    expect(new Set(REAL.map(([p]) => normalisePostcode(p))).size).toBe(REAL.length);
  });
});
