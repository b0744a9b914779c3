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
