import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPounds,
  MAX_EXACT_PENCE,
  parseAmount,
  penceToPounds,
  withinSpendBound,
} from './amounts.js';
import { readCsv } from './csv.js';

/** The largest amount accepted: £9 trillion. */
const MAX_PENCE = 900_000_000_000_000;

/** Pounds with thousands separators: 1234567 → "1,234,567". */
function withSeparators(pounds: bigint): string {
  return pounds.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Writes pence as a spend file might: separators or not, £ or not, minus or brackets or CR. */
function format(
  pence: number,
  style: {
    separators: boolean;
    pound: boolean;
    negative: 'minus' | 'brackets' | 'minus-before-pound' | 'cr';
    decimals: 'two' | 'short';
    pad: string;
  },
): string {
  const abs = BigInt(Math.abs(pence));
  const pounds = abs / 100n;
  const rest = abs % 100n;
  let fraction = `.${rest.toString().padStart(2, '0')}`;
  if (style.decimals === 'short') {
    if (rest === 0n) fraction = '';
    else if (rest % 10n === 0n) fraction = `.${rest / 10n}`;
  }
  const number = (style.separators ? withSeparators(pounds) : pounds.toString()) + fraction;
  const money = style.pound ? `£${number}` : number;
  let text = money;
  if (pence < 0) {
    if (style.negative === 'brackets') text = `(${money})`;
    else if (style.negative === 'cr') text = `${money} CR`;
    else if (style.negative === 'minus-before-pound' || !style.pound) text = `-${money}`;
    else text = `£-${number}`;
  }
  return `${style.pad}${text}${style.pad}`;
}

const styles = fc.record({
  separators: fc.boolean(),
  pound: fc.boolean(),
  negative: fc.constantFrom<'minus' | 'brackets' | 'minus-before-pound' | 'cr'>(
    'minus',
    'brackets',
    'minus-before-pound',
    'cr',
  ),
  decimals: fc.constantFrom<'two' | 'short'>('two', 'short'),
  pad: fc.constantFrom('', ' ', '  '),
});

const pence = fc.oneof(
  fc.integer({ min: -10_000_000, max: 10_000_000 }),
  fc.integer({ min: -MAX_PENCE, max: MAX_PENCE }),
);

describe('parseAmount', { timeout: 30_000 }, () => {
  it.each([
    ['67,132.60', 6713260],
    ['"67,132.60"', null],
    ['1,874,708.40', 187470840],
    ['29412.25', 2941225],
    ['84780.6', 8478060],
    ['81360', 8136000],
    ['-195.75', -19575],
    ['(250.00)', -25000],
    ['£1,234', 123400],
    ['-£1,234.50', -123450],
    ['£-1,234.50', -123450],
    ['(£1,234.50)', -123450],
    ['12.30 CR', -1230],
    ['12.30CR', -1230],
    ['12.30 DR', 1230],
    ['GBP 12.30', 1230],
    ['+12.30', 1230],
    ['\u221212.30', -1230],
    ['.5', 50],
    ['12.', 1200],
    ['12.345', 1235],
    ['12.344', 1234],
    ['-12.345', -1235],
    ['0.00', 0],
    ['-0.00', 0],
    [' 12.30 ', 1230],
  ])('%j → %s pence', (text, expected) => {
    const r = parseAmount(text);
    if (expected === null) expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, pence: expected });
  });

  it.each([
    '',
    '   ',
    '£',
    '()',
    '-',
    'abc',
    'N/A',
    '1,23',
    '12,34.5',
    '1,2345',
    '1.2.3',
    '1 234,56',
    '1 234.56',
    '12e3',
    '0x10',
    'Infinity',
    'NaN',
    '--5',
    '-£-5',
    '£12£',
    '12-',
    '(12',
    '12)',
    '£ 12 CR CR',
    '99,999,999,999,999.00',
    '99999999999999',
    '9999999999999.00',
  ])('%j is not an amount', (text) => {
    const r = parseAmount(text);
    expect(r.ok, JSON.stringify(r)).toBe(false);
  });
});

describe('parseAmount: properties', { timeout: 30_000 }, () => {
  it('reads back every amount however it is written', () => {
    fc.assert(
      fc.property(pence, styles, (p, style) => {
        const text = format(p, style);
        expect(parseAmount(text), text).toEqual({ ok: true, pence: p });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back an amount quoted in a CSV line, as spend files quote them', () => {
    fc.assert(
      fc.property(pence, styles, (p, style) => {
        const text = format(p, { ...style, pad: '' });
        const line = `Supplier Ltd,"${text}",02/04/2020\r\n`;
        const [record] = readCsv(line);
        expect(record?.fields[1]).toBe(text);
        expect(parseAmount(record!.fields[1]!)).toEqual({ ok: true, pence: p });
      }),
      { numRuns: 500 },
    );
  });

  it('penceToPounds and parseAmount are inverse', () => {
    fc.assert(
      fc.property(pence, (p) => {
        const pounds = penceToPounds(p);
        expect(pounds).toMatch(/^-?\d+\.\d{2}$/);
        expect(parseAmount(pounds)).toEqual({ ok: true, pence: p });
        expect(penceToPounds(BigInt(p))).toBe(pounds);
      }),
      { numRuns: 2000 },
    );
  });

  it('thousands separators do not change the amount, and too large is too large either way', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 100_000_000_000_000n }), (pounds) => {
        const plain = parseAmount(pounds.toString());
        const separated = parseAmount(withSeparators(pounds));
        expect(separated.ok).toBe(plain.ok);
        if (separated.ok && plain.ok) expect(separated.pence).toBe(plain.pence);
        expect(plain.ok).toBe(pounds * 100n <= BigInt(MAX_PENCE));
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects text with letters or stray symbols in it', () => {
    const junk = fc.constantFrom(...'abcdefghijklmnopqstuvwxyz$€%#@!?*/\\;:=_'.split(''));
    fc.assert(
      fc.property(pence, styles, junk, fc.nat(), (p, style, ch, at) => {
        const text = format(p, { ...style, pad: '' });
        const i = at % (text.length + 1);
        const broken = text.slice(0, i) + ch + text.slice(i);
        expect(parseAmount(broken).ok, broken).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts anything outside the grammar of amounts', () => {
    const grammar =
      /^\s*\(?\s*[-+\u2212]?\s*(?:£|GBP)?\s*[-\u2212]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?\s*(?:CR|DR)?\s*\)?\s*$/i;
    const chars = fc.constantFrom(...'0123456789,.£-()+ CRDGBPx'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 14 }).map((a) => a.join('')),
        (text) => {
          const r = parseAmount(text);
          if (r.ok) {
            expect(text, text).toMatch(grammar);
            expect(Number.isSafeInteger(r.pence)).toBe(true);
            expect(/\d/.test(text)).toBe(true);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('formatPounds', () => {
  it('writes pounds for people, with separators and a true minus sign', () => {
    expect(formatPounds(125050)).toBe('£1,250.50');
    expect(formatPounds(-9999)).toBe('−£99.99');
    expect(formatPounds(0)).toBe('£0.00');
    expect(formatPounds(5)).toBe('£0.05');
    expect(formatPounds(123456789012n)).toBe('£1,234,567,890.12');
    expect(formatPounds(125050, { whole: true })).toBe('£1,251');
    expect(formatPounds(125049, { whole: true })).toBe('£1,250');
    expect(formatPounds(-150, { whole: true })).toBe('−£2');
    expect(formatPounds(-49, { whole: true })).toBe('£0');
  });

  it('takes worked-out amounts with fractions of a penny to the nearest penny', () => {
    expect(formatPounds(8764385007.74)).toBe('£87,643,850.08');
    expect(formatPounds(8764385007.74, { whole: true })).toBe('£87,643,850');
    expect(formatPounds(0.4)).toBe('£0.00');
  });

  it('reads back as the same amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_PENCE, max: MAX_PENCE }), (pence) => {
        const text = formatPounds(pence).replace('−', '-');
        expect(parseAmount(text)).toEqual({ ok: true, pence });
      }),
    );
  });

  it('rounds to the nearest pound, halves away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_PENCE, max: MAX_PENCE }), (pence) => {
        const whole = formatPounds(pence, { whole: true }).replace('−', '-');
        const r = parseAmount(whole);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(Math.abs(r.pence - pence)).toBeLessThanOrEqual(50);
        expect(Math.abs(r.pence % 100)).toBe(0);
        if (Math.abs(pence) % 100 === 50)
          expect(Math.abs(r.pence)).toBeGreaterThan(Math.abs(pence));
      }),
    );
  });
});

describe('the bound on a partnership’s spend', () => {
  it('is the largest whole number of pence a number holds exactly: £90,071,992,547,409.91', () => {
    expect(formatPounds(MAX_EXACT_PENCE)).toBe('£90,071,992,547,409.91');
    expect(Number(MAX_EXACT_PENCE)).toBe(Number.MAX_SAFE_INTEGER);
    expect(Number.isSafeInteger(Number(MAX_EXACT_PENCE) + 1)).toBe(false);
  });

  it('takes what is stored, what the file adds and what it rejects, up to the bound and no further', () => {
    const third = MAX_EXACT_PENCE / 3n;
    const rest = MAX_EXACT_PENCE - 2n * third;
    expect(withinSpendBound(third, third, rest)).toBe(true);
    expect(withinSpendBound(third, third, rest + 1n)).toBe(false);
    expect(withinSpendBound(third + 1n, third, rest)).toBe(false);
    expect(withinSpendBound(third, third + 1n, rest)).toBe(false);
    expect(withinSpendBound(0n, 0n, 0n)).toBe(true);
  });

  it('keeps every sum of parts within it exact as a number', () => {
    // Any amounts whose sizes add up to at most the bound: every running total is exact.
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(2n ** 50n), max: 2n ** 50n }), { maxLength: 12 }),
        (amounts) => {
          const size = amounts.reduce((n, a) => n + (a < 0n ? -a : a), 0n);
          fc.pre(withinSpendBound(size, 0n, 0n));
          let asNumber = 0;
          let exact = 0n;
          for (const a of amounts) {
            asNumber += Number(a);
            exact += a;
            expect(BigInt(asNumber)).toBe(exact);
          }
        },
      ),
    );
  });
});
