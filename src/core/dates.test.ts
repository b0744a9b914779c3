import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './dates.js';

describe('dates as people read them', () => {
  it('shows a calendar date as that day, in words', () => {
    expect(formatDate('2027-02-28')).toBe('28 February 2027');
    expect(formatDate('2026-01-01')).toBe('1 January 2026');
  });

  it('shows a moment as the day it was in the UK', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).toBe('31 December 2026');
  });

  it('shows nothing for nothing', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDateTime(null)).toBe('');
  });

  it('shows a time in the UK with the short month', () => {
    expect(formatDateTime(new Date('2026-06-30T13:05:00Z'))).toBe('30 Jun 2026, 14:05');
  });
});
