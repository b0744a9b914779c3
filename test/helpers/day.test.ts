import { describe, expect, it } from 'vitest';
import { waitForSteadyDay } from './day.js';

const at = (iso: string) => Date.parse(iso);

describe('waitForSteadyDay', () => {
  it('does not wait while enough of the day is left', () => {
    expect(waitForSteadyDay(at('2026-12-04T00:00:00Z'), 60)).toBe(0);
    expect(waitForSteadyDay(at('2026-12-04T12:00:00Z'), 60)).toBe(0);
    expect(waitForSteadyDay(at('2026-12-04T23:59:00Z'), 60)).toBe(0);
  });

  it('waits until just past midnight in the last seconds of a day', () => {
    const now = at('2026-12-04T23:59:30.250Z');
    const wait = waitForSteadyDay(now, 60);
    expect(wait).toBe(29_751);
    expect(new Date(now + wait).toISOString()).toBe('2026-12-05T00:00:00.001Z');
    expect(waitForSteadyDay(at('2026-12-04T23:59:59.999Z'), 60)).toBe(2);
  });
});
