/**
 * Today's date (UTC) for a test that puts it in a form the server checks against its own clock.
 *
 * A date worked out once when a file loads is yesterday's to a server that has passed midnight,
 * so a run that crosses midnight was refused "must be today or later". Taken before each test
 * instead, it is waited for: in the last `seconds` of a day this waits until the next day has
 * begun, so the test and the server agree on the day for at least that long.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isoDate } from '../../src/core/periods.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds to wait, at `now`, so that at least `seconds` remain of the day it returns. */
export function waitForSteadyDay(now: number, seconds: number): number {
  const left = DAY_MS - (now % DAY_MS);
  return left < seconds * 1000 ? left + 1 : 0;
}

/** Today's date, with at least `seconds` of it left (waiting for tomorrow when fewer are). */
export async function steadyToday(seconds = 60): Promise<string> {
  const wait = waitForSteadyDay(Date.now(), seconds);
  if (wait > 0) await sleep(wait);
  return isoDate(new Date());
}
