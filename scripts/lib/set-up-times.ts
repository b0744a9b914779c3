/**
 * How long the integration tests' apps took to start (test/helpers/app.ts writes one JSON line
 * per app to ANCHORAGE_TEST_TIMES): the median and the slowest, per step, for `npm test`'s
 * summary. The target is under 10 s for a file's set-up on a quiet 2-core machine.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve('test-output', 'set-up-times');

function fileOf(step: string): string {
  return path.join(ROOT, `${step.replace(/[^A-Za-z0-9-]+/g, '-')}.jsonl`);
}

/** The environment for an integration run: an empty file for its set-up times. */
export function setUpTimesEnv(step: string): { ANCHORAGE_TEST_TIMES: string } {
  const file = fileOf(step);
  fs.rmSync(file, { force: true });
  return { ANCHORAGE_TEST_TIMES: file };
}

interface SetUp {
  readonly file: string;
  readonly ms: number;
}

/** "apps started in 1.4 s (median), slowest 3.2 s (a file), 61 apps", or why there is nothing. */
export function summariseSetUpTimes(step: string): string {
  const file = fileOf(step);
  if (!fs.existsSync(file)) return 'no set-up times were written';
  const times: SetUp[] = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SetUp)
    .sort((a, b) => a.ms - b.ms);
  const slowest = times.at(-1);
  if (!slowest) return 'no set-up times were written';
  const median = times[Math.floor((times.length - 1) / 2)]!.ms;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `test apps started in ${s(median)} (median), slowest ${s(slowest.ms)} (${slowest.file}), ${times.length} apps`;
}
