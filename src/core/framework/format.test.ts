import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue, formInputValue, parseNumber } from './format.js';
import type { Unit } from './types.js';

const UNITS: readonly Unit[] = [
  '%',
  'count',
  '£',
  'hours',
  'tCO2e',
  'kWh',
  'tonnes',
  'm³',
  'ratio',
  'yes/no',
  'level',
];

describe('formatValue', () => {
  it.each<[number, Unit, string]>([
    [12.34, '%', '12.3%'],
    [12, '%', '12.0%'],
    [99.96, '%', '100.0%'],
    [1234.5, '%', '1,234.5%'],
    [1234567.8, '£', '£1,234,567.80'],
    [1275000.5, '£', '£1,275,000.50'],
    [1275000, '£', '£1,275,000'],
    [0.4, '£', '£0.40'],
    [999.5, '£', '£999.50'],
    [-1234, '£', '−£1,234'],
    [1234, 'count', '1,234'],
    [-1234, 'count', '−1,234'],
    [1234.5, 'hours', '1,234.5 hours'],
    [12, 'hours', '12 hours'],
    [12.04, 'hours', '12 hours'],
    [1, 'hours', '1 hour'],
    [12.34, 'tCO2e', '12.3 tCO2e'],
    [1234.56, 'tCO2e', '1,234.6 tCO2e'],
    [1234.4, 'kWh', '1,234 kWh'],
    [12.34, 'tonnes', '12.3 tonnes'],
    [12.34, 'm³', '12.3 m³'],
    [1.449, 'ratio', '1.45'],
    [2, 'ratio', '2.00'],
    [1, 'yes/no', 'Yes'],
    [0, 'yes/no', 'No'],
    [3, 'level', 'Level 3'],
    [2.5, 'level', 'Level 2.5'],
  ])('formats %s in %s as %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  it('says "No data" for null, NaN and ±Infinity, in every unit', () => {
    for (const unit of UNITS) {
      expect(formatValue(null, unit)).toBe('No data');
      expect(formatValue(NaN, unit)).toBe('No data');
      expect(formatValue(Infinity, unit)).toBe('No data');
      expect(formatValue(-Infinity, unit)).toBe('No data');
    }
  });

  it('uses a true minus sign, and never shows −0', () => {
    expect(formatValue(-12.34, '%')).toBe('−12.3%');
    expect(formatValue(-0.04, '%')).toBe('0.0%');
    expect(formatValue(-0, 'count')).toBe('0');
    expect(formatValue(-0.004, '£')).toBe('£0');
    expect(formatValue(-0.001, 'ratio')).toBe('0.00');
  });

  it('groups thousands the en-GB way (commas, a full stop for decimals)', () => {
    expect(formatValue(1234567.25, 'tonnes')).toBe('1,234,567.3 tonnes');
    expect(formatValue(1e9, 'count')).toBe('1,000,000,000');
  });

  it('is deterministic', () => {
    expect(formatValue(1234.5, 'hours')).toBe(formatValue(1234.5, 'hours'));
  });
});

describe('parseNumber', () => {
  it.each<[string, number]>([
    ['1,234.5', 1234.5],
    [' 12 ', 12],
    ['£1,234', 1234],
    ['£ 1,234.56', 1234.56],
    ['12%', 12],
    ['12 %', 12],
    ['-5', -5],
    ['+5', 5],
    ['−5', -5],
    ['(5)', -5],
    ['(£1,234)', -1234],
    ['-£5', -5],
    ['£-5', -5],
    ['0', 0],
    ['.5', 0.5],
    ['0.25', 0.25],
    ['1234567', 1234567],
    ['1e3', 1000],
    ['1.5e-7', 1.5e-7],
    ['1e+21', 1e21],
  ])('reads %j as %s', (text, n) => {
    expect(parseNumber(text)).toBe(n);
  });

  it.each([
    '',
    '   ',
    'abc',
    '1.2.3',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e400',
    '-1e400',
    '12abc',
    '1,23',
    '1234,567',
    '12,34.5',
    '1 234',
    '0x10',
    '£',
    '%',
    '-',
    '()',
    '(-5)',
    '--5',
    '-£-5',
    '£12%',
    '5.',
    'e5',
    '1e',
    '12£',
  ])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeNull();
  });

  it('never gives −0', () => {
    expect(Object.is(parseNumber('-0'), 0)).toBe(true);
    expect(Object.is(parseNumber('(0)'), 0)).toBe(true);
  });
});

describe('properties', () => {
  it('parseNumber(String(n)) === n for every finite number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(parseNumber(String(n)) === n).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        expect(parseNumber(String(n))).toBe(n);
      }),
    );
  });

  it('reads back what formatValue writes for counts (grouped thousands, minus sign)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseNumber(formatValue(n, 'count'))).toBe(n);
        expect(parseNumber(formatValue(n, '£'))).toBe(n);
      }),
    );
  });

  it('formatValue never returns NaN or Infinity, and never throws', () => {
    fc.assert(
      fc.property(fc.option(fc.double(), { nil: null }), fc.constantFrom(...UNITS), (v, unit) => {
        const text = formatValue(v, unit);
        expect(text).not.toMatch(/NaN|Infinity|∞/);
        expect(text.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseNumber never returns NaN or ±Infinity for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const n = parseNumber(text);
        expect(n === null || Number.isFinite(n)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formInputValue', () => {
  it('puts money back in a form box with its pence, and other figures as typed', () => {
    expect(formInputValue(1275000.5, '£')).toBe('1275000.50');
    expect(formInputValue(1275000, '£')).toBe('1275000');
    expect(formInputValue(-50.1, '£')).toBe('-50.10');
    expect(formInputValue(96.18, '%')).toBe('96.18');
    expect(formInputValue(1e21, 'count')).toBe('1000000000000000000000');
    expect(formInputValue(null, '£')).toBe('');
  });

  it('reads back, through parseNumber, as the same figure (money to the penny)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (pence) => {
        expect(parseNumber(formInputValue(pence / 100, '£'))).toBe(pence / 100);
      }),
    );
    fc.assert(
      fc.property(
        fc
          .double({ min: -1e12, max: 1e12, noNaN: true })
          .filter((v) => v === 0 || Math.abs(v) >= 1e-9),
        (v) => {
          expect(parseNumber(formInputValue(v, 'count'))).toBe(v === 0 ? 0 : v);
        },
      ),
    );
  });
});
