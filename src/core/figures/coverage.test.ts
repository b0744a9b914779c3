import { describe, expect, it } from 'vitest';
import { addDataCoverage, dataCoverage } from './coverage.js';

describe('data coverage', () => {
  it('is the known part over the whole, as a percentage', () => {
    expect(dataCoverage(250, 1000, 'spend with a known supplier location')).toEqual({
      known: 250,
      total: 1000,
      percent: 25,
      describes: 'spend with a known supplier location',
    });
  });

  it('has no percentage when there is nothing to cover (a zero or net negative total)', () => {
    expect(dataCoverage(0, 0, 'x').percent).toBeNull();
    expect(dataCoverage(-10, -20, 'x').percent).toBeNull();
  });

  it('adds the parts across organisations rather than averaging their percentages', () => {
    // 90% of £1,000 and 10% of £9,000: 1,800 of 10,000 known, not (90 + 10) / 2 = 50%.
    const total = addDataCoverage([
      dataCoverage(900, 1000, 'spend with a known supplier type'),
      null,
      dataCoverage(900, 9000, 'spend with a known supplier type'),
      undefined,
    ]);
    expect(total).toEqual({
      known: 1800,
      total: 10000,
      percent: 18,
      describes: 'spend with a known supplier type',
    });
  });

  it('is nothing when no organisation reports any', () => {
    expect(addDataCoverage([null, undefined])).toBeNull();
    expect(addDataCoverage([])).toBeNull();
  });
});
