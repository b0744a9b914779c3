import { describe, expect, it } from 'vitest';
import { evidencedShare, maturityLevel, onTimeShare } from './accountability.js';

describe('A1: returns on time, as of a day', () => {
  const returns = [
    { dueOn: '2025-07-31', firstSubmittedOn: '2025-07-31' }, // on the day: on time
    { dueOn: '2025-10-31', firstSubmittedOn: '2025-11-01' }, // a day late
    { dueOn: '2026-01-31', firstSubmittedOn: null }, // never sent
  ];

  it('counts only the returns that had fallen due by that day', () => {
    expect(onTimeShare(returns, '2025-07-30')).toBeNull();
    expect(onTimeShare(returns, '2025-07-31')).toEqual({
      value: 100,
      numerator: 1,
      denominator: 1,
    });
    expect(onTimeShare(returns, '2025-12-31')).toEqual({ value: 50, numerator: 1, denominator: 2 });
  });

  it('makes a return never sent late once its due date has passed, with no other change', () => {
    const r = onTimeShare(returns, '2026-02-01');
    expect(r).toMatchObject({ numerator: 1, denominator: 3 });
    expect(r?.value).toBeCloseTo(100 / 3, 10);
  });
});

describe('A2: approved figures with evidence', () => {
  it('is a share of the approved figures, and nothing when there are none', () => {
    expect(evidencedShare(8, 2)).toEqual({ value: 25, numerator: 2, denominator: 8 });
    expect(evidencedShare(0, 0)).toBeNull();
  });
});

describe('A3: maturity level', () => {
  it('is the middle level, the lower of the two middle ones for an even count', () => {
    expect(maturityLevel([3, 1, 2])).toBe(2);
    expect(maturityLevel([4, 1, 2, 3])).toBe(2);
    expect(maturityLevel([4])).toBe(4);
    expect(maturityLevel([])).toBeNull();
  });
});
