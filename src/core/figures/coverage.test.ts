import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDataCoverage,
  dataCoverage,
  dataCoverageText,
  figureBasisText,
  figureText,
  FROM_RETURN,
  isKnownEnough,
  KNOWN_THRESHOLD_PERCENT,
  KNOWN_THRESHOLD_RULE,
  NOT_KNOWN,
  NOT_REPORTED,
  organisationsText,
  totalNoteText,
  WORKED_OUT,
} from './coverage.js';
import { CALCULATORS } from './registry.js';

const LOCATION = { known: 'supplier location', of: 'spend' };
const TYPE = { known: 'supplier type', of: 'spend' };

describe('data coverage', () => {
  it('is the known part over the whole, as a percentage', () => {
    expect(dataCoverage(250, 1000, LOCATION)).toEqual({
      known: 250,
      total: 1000,
      percent: 25,
      describes: 'spend with a known supplier location',
      meaning: LOCATION,
    });
  });

  it('has no percentage when there is nothing to cover (a zero or net negative total)', () => {
    expect(dataCoverage(0, 0, LOCATION).percent).toBeNull();
    expect(dataCoverage(-10, -20, LOCATION).percent).toBeNull();
  });

  it('adds the parts across organisations rather than averaging their percentages', () => {
    // 90% of £1,000 and 10% of £9,000: 1,800 of 10,000 known, not (90 + 10) / 2 = 50%.
    const total = addDataCoverage([
      dataCoverage(900, 1000, TYPE),
      null,
      dataCoverage(900, 9000, TYPE),
      undefined,
    ]);
    expect(total).toEqual({
      known: 1800,
      total: 10000,
      percent: 18,
      describes: 'spend with a known supplier type',
      meaning: TYPE,
      organisations: 2,
    });
  });

  it('is nothing when no organisation reports any', () => {
    expect(addDataCoverage([null, undefined])).toBeNull();
    expect(addDataCoverage([])).toBeNull();
  });
});

describe('coverage in words', () => {
  it('counts organisations of those expected', () => {
    expect(organisationsText({ reporting: 4, expected: 6 })).toBe('4 of 6 organisations');
    expect(organisationsText({ reporting: 1, expected: 1 })).toBe('1 of 1 organisation');
    expect(organisationsText({ reporting: 0, expected: 1200 })).toBe('0 of 1,200 organisations');
  });

  it('says what is known of what whole', () => {
    expect(dataCoverageText(dataCoverage(62, 100, LOCATION))).toBe(
      'Supplier location known for 62.0% of spend',
    );
    expect(dataCoverageText(dataCoverage(0, 0, LOCATION))).toBeUndefined();
    expect(dataCoverageText(null)).toBeUndefined();
  });

  it('adds the known and whole amounts when asked and they are money, in one wording', () => {
    const money = { ...LOCATION, unit: 'pence' as const };
    expect(dataCoverageText(dataCoverage(85_000_050, 100_000_000, money), { amounts: true })).toBe(
      'Supplier location known for 85.0% of spend (£850,000.50 of £1,000,000.00)',
    );
    // Not asked, or not money: the sentence alone.
    expect(dataCoverageText(dataCoverage(85, 100, money))).toBe(
      'Supplier location known for 85.0% of spend',
    );
    expect(dataCoverageText(dataCoverage(85, 100, LOCATION), { amounts: true })).toBe(
      'Supplier location known for 85.0% of spend',
    );
  });

  it('declares every spend calculator’s coverage in pence, so its amounts can be shown', () => {
    const spend = (
      Object.values(CALCULATORS) as { inputs: readonly string[]; coverage?: { unit?: string } }[]
    ).filter((c) => c.coverage && c.inputs.includes('spend-lines'));
    expect(spend.length).toBe(5);
    for (const c of spend) expect(c.coverage?.unit).toBe('pence');
  });
});

describe('unknown is not zero', () => {
  it('sets the threshold once, and the methodology states it', () => {
    expect(KNOWN_THRESHOLD_PERCENT).toBe(50);
    expect(KNOWN_THRESHOLD_RULE).toContain('at least 50% of the spend');
    expect(KNOWN_THRESHOLD_RULE).toContain(NOT_KNOWN);
  });

  it('shows a share only when enough of its data is known, judged as shown', () => {
    // SME spend with 1,319 of 1,383 suppliers' type unknown: 4.6% of the spend known.
    const sme = dataCoverage(46, 1000, TYPE);
    expect(isKnownEnough(sme)).toBe(false);
    expect(figureText({ value: null, known: false }, '%')).toBe('Not known');
    expect(isKnownEnough(dataCoverage(50, 100, TYPE))).toBe(true);
    // 49.96% reads "50.0%": it is not called "Not known" beside a coverage that reads 50.0%.
    expect(isKnownEnough(dataCoverage(4996, 10000, TYPE))).toBe(true);
    expect(isKnownEnough(dataCoverage(4994, 10000, TYPE))).toBe(false);
    // Figures with no data coverage (entered by hand, or P5) are known.
    expect(isKnownEnough(null)).toBe(true);
    expect(figureText({ value: 2, known: true }, '%')).toBe('2.0%');
    expect(figureText(null, '%')).toBe('No data');
  });

  it('never reads 0.0% when none of the data is known', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (total) => {
        const none = dataCoverage(0, total, TYPE);
        expect(isKnownEnough(none)).toBe(false);
        expect(figureText({ value: 0, known: isKnownEnough(none) }, '%')).toBe(NOT_KNOWN);
      }),
    );
  });

  it('is known exactly when the coverage as shown reaches the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (a, b) => {
        const [known, total] = a <= b ? [a, b] : [b, a];
        const c = dataCoverage(known, total, TYPE);
        const shown = Number((dataCoverageText(c) ?? '').match(/([\d.]+)%/)?.[1]);
        expect(isKnownEnough(c)).toBe(shown >= KNOWN_THRESHOLD_PERCENT);
      }),
    );
  });
});

describe('what a figure rests on', () => {
  it('says something true for every figure: its coverage, or where it came from', () => {
    const spend = dataCoverage(62, 100, LOCATION);
    expect(figureBasisText({ source: 'calculator', coverage: spend })).toBe(
      'Supplier location known for 62.0% of spend',
    );
    expect(figureBasisText({ source: 'items', coverage: null })).toBe(FROM_RETURN);
    expect(figureBasisText({ source: 'calculator', coverage: null })).toBe(WORKED_OUT);
    expect(figureBasisText(null)).toBe(NOT_REPORTED);
    for (const text of [FROM_RETURN, WORKED_OUT, NOT_REPORTED]) expect(text).not.toBe('');
  });
});

describe('what a total covers, in one line', () => {
  const meaning = { known: 'supplier location', of: 'spend', unit: 'pence' } as const;
  const worked = addDataCoverage([
    dataCoverage(800, 1000, meaning),
    dataCoverage(952, 1000, meaning),
  ]);
  it('says the known share is of all the organisations counted when each was worked out', () => {
    expect(totalNoteText({ organisations: { reporting: 2, expected: 3 }, data: worked })).toBe(
      '2 of 3 organisations; supplier location known for 87.6% of spend',
    );
  });
  it('says whose it is when the others typed their figure in', () => {
    expect(totalNoteText({ organisations: { reporting: 6, expected: 6 }, data: worked })).toBe(
      '6 of 6 organisations; supplier location known for 87.6% of spend, for the 2 of them whose figure the service worked out',
    );
    expect(totalNoteText({ organisations: { reporting: 6, expected: 6 }, data: null })).toBe(
      '6 of 6 organisations',
    );
  });
});
