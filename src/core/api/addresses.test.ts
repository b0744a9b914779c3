import { describe, expect, it } from 'vitest';
import { parsePeriodKey, periodKey, yearKey } from './addresses.js';

describe('period keys in API addresses', () => {
  it('names a year as 2025-26 and a quarter as 2025-26-q2, and reads them back', () => {
    expect(yearKey(2025)).toBe('2025-26');
    expect(yearKey(1999)).toBe('1999-00');
    expect(periodKey({ kind: 'year', fy_start_year: 2025, quarter: null })).toBe('2025-26');
    expect(periodKey({ kind: 'quarter', fy_start_year: 2026, quarter: 2 })).toBe('2026-27-q2');
    expect(parsePeriodKey('2025-26')).toEqual({ kind: 'year', fyStartYear: 2025, quarter: null });
    expect(parsePeriodKey('2026-27-q2')).toEqual({
      kind: 'quarter',
      fyStartYear: 2026,
      quarter: 2,
    });
    expect(parsePeriodKey('2026-27-Q4')).toEqual({
      kind: 'quarter',
      fyStartYear: 2026,
      quarter: 4,
    });
    expect(parsePeriodKey('2099-00')).toEqual({ kind: 'year', fyStartYear: 2099, quarter: null });
  });

  it('names nothing with anything else', () => {
    for (const key of ['2025-27', '2025-26-q5', '2025-26-q0', '2025', '25-26', '2025-26-', 'x'])
      expect(parsePeriodKey(key), key).toBeNull();
  });
});
