/**
 * `npm run bench:spend [-- --lines N --postcodes N --suppliers N --seed N --keep]`
 *
 * Generates a postcode directory (2.7 million rows), a supplier register (60,000) and a spend file
 * (1,000,000 lines) from a fixed seed into a temporary folder; loads the reference data into each
 * contender before the clock starts; then times
 *   (a) the product's import of the spend file through the command line on PGlite,
 *   (b) the same on a PostgreSQL server (when the server binaries are installed),
 *   (c) DuckDB reading the same CSVs and computing the same per-organisation-per-month totals,
 * checks that all three agree on the totals, prints each time, its ratio to DuckDB and peak
 * memory, and (at the full size only) writes the table into docs/performance.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseTarget } from '../src/db/client.js';
import { findPostgresBin, startPgServer, type PgServer } from '../scripts/lib/pg-server.js';
import {
  LOCAL_AREA,
  maxPostcodes,
  MONTHS,
  ORGANISATIONS,
  writePostcodeDirectory,
  writeSpendFile,
  writeSupplierRegister,
  type Sizes,
} from './generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'anchorage.mjs');
const DOCS = path.join(ROOT, 'docs', 'performance.md');
const FULL: Sizes = { postcodes: 2_700_000, suppliers: 60_000, lines: 1_000_000 };
const SLUG = 'bench';
const EDITION = 2025;
/** The heading of the hand-written part of docs/performance.md, kept when the table is rewritten. */
const ANALYSIS = '## Where the time goes';
const TARGETS = { postgres: 3.0, pglite: 5.0, memoryMb: 1024 };

interface Options extends Sizes {
  readonly seed: number;
  readonly keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const options = { ...FULL, seed: 20_251_201, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--keep') {
      options.keep = true;
      continue;
    }
    const key = {
      '--lines': 'lines',
      '--postcodes': 'postcodes',
      '--suppliers': 'suppliers',
      '--seed': 'seed',
    }[arg] as 'lines' | 'postcodes' | 'suppliers' | 'seed' | undefined;
    const value = Number((argv[++i] ?? '').replace(/_/g, ''));
    if (!key || !Number.isInteger(value) || value < 1) {
      throw new Error(
        `Unknown or invalid option ${arg}. Use --lines N, --postcodes N, --suppliers N, --seed N, --keep.`,
      );
    }
    options[key] = value;
  }
  if (options.postcodes > maxPostcodes())
    throw new Error(`--postcodes can be at most ${maxPostcodes()}`);
  if (options.suppliers > 100_000) throw new Error('--suppliers can be at most 100000');
  return options;
}

// Running commands ---------------------------------------------------------------------------------

interface Run {
  readonly seconds: number;
  readonly peakRssMb: number | null;
  /** User + system CPU seconds of the command (null when /usr/bin/time is missing). */
  readonly cpuSeconds: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command to the end; its wall time, and its peak resident memory (/usr/bin/time, else /proc). */
async function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  label: string,
): Promise<Run> {
  const memFile = path.join(os.tmpdir(), `anchorage-bench-mem-${process.pid}-${Date.now()}`);
  const [cmd, argv] = TIME
    ? [TIME, ['-f', '%M %U %S', '-o', memFile, command, ...args]]
    : [command, [...args]];
  const started = performance.now();
  const child = spawn(cmd, argv, { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let polledKb = 0;
  const poll = TIME
    ? undefined
    : setInterval(() => {
        try {
          const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
          polledKb = Math.max(polledKb, kb);
        } catch {
          // the process has ended
        }
      }, 50);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  let peakKb = polledKb;
  let cpuSeconds: number | null = null;
  if (TIME) {
    const text = fs.existsSync(memFile) ? fs.readFileSync(memFile, 'utf8') : '';
    fs.rmSync(memFile, { force: true });
    const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(text.trim());
    if (m) {
      peakKb = Number(m[1]);
      cpuSeconds = Number(m[2]) + Number(m[3]);
    }
  }
  if (code !== 0) {
    throw new Error(
      `${label} failed (exit ${code}):\n${stderr.slice(-4000)}${stdout.slice(-2000)}`,
    );
  }
  return { seconds, peakRssMb: peakKb ? peakKb / 1024 : null, cpuSeconds, stdout, stderr };
}

function anchorage(args: readonly string[], env: NodeJS.ProcessEnv, label: string): Promise<Run> {
  return run(process.execPath, [CLI, ...args], env, label);
}

function log(text: string) {
  process.stderr.write(`${text}\n`);
}

// Totals -----------------------------------------------------------------------------------------

interface Total {
  readonly org: string;
  readonly month: string;
  readonly lines: number;
  readonly total: string;
  readonly local: string;
  readonly deprived: string;
  readonly unmatched: string;
}

interface Result {
  readonly name: string;
  readonly seconds: number;
  readonly peakRssMb: number | null;
  readonly cpuSeconds: number | null;
  /** The machine's load average (1 minute) when the timed part started. */
  readonly load: number;
  readonly note: string;
  /** Importing the same lines again (Anchorage only). */
  readonly again?: { seconds: number; first: number; peakRssMb: number | null; added: number };
  /** Importing the same lines with a month's more lines (Anchorage only). */
  readonly monthMore?: {
    seconds: number;
    peakRssMb: number | null;
    added: number;
    duplicates: number;
    newLines: number;
  };
  readonly totals: Total[];
}

const TOTALS_SQL = `
  SELECT o.code AS org, to_char(l.payment_date, 'YYYY-MM') AS month,
    count(*)::int AS lines,
    sum(l.amount_pence)::text AS total,
    coalesce(sum(l.amount_pence) FILTER (WHERE s.lad = ANY (p.local_area)), 0)::text AS local,
    coalesce(sum(l.amount_pence) FILTER (WHERE d.decile <= 2), 0)::text AS deprived,
    coalesce(sum(l.amount_pence) FILTER (WHERE s.lad IS NULL), 0)::text AS unmatched
  FROM spend_lines l
  JOIN partnerships p ON p.id = l.partnership_id
  JOIN organisations o ON o.id = l.organisation_id
  JOIN suppliers s ON s.id = l.supplier_id
  LEFT JOIN ref_imd d ON d.edition = p.imd_edition
    AND d.lsoa = CASE WHEN p.imd_edition = 2019 THEN s.lsoa11 ELSE s.lsoa21 END
  WHERE l.partnership_id = (SELECT id FROM partnerships WHERE slug = $1)
  GROUP BY 1, 2
  ORDER BY 1, 2`;

/**
 * A server vacuums and analyses a freshly loaded table by itself, in the background, a little
 * after the load: without this, that work on the 2,700,000 postcodes just loaded would run during
 * the timed import. Done here, untimed, as it would have been long before a real partnership's
 * spend import. The embedded database has no background vacuum, so it needs none.
 */
async function settle(target: DatabaseTarget): Promise<void> {
  const database = await openDatabase(target);
  try {
    await database.withRawConnection(async (conn) => {
      await conn.exec('VACUUM (ANALYZE)');
      await conn.exec('CHECKPOINT');
    });
  } finally {
    await database.close();
  }
}

/** The product's totals, read back from its database with one query (timed, and added to its time). */
async function productTotals(
  target: DatabaseTarget,
): Promise<{ totals: Total[]; seconds: number }> {
  const database = await openDatabase(target);
  try {
    return await database.withRawConnection(async (conn) => {
      const started = performance.now();
      const r = await conn.query<Total>(TOTALS_SQL, [SLUG]);
      const seconds = (performance.now() - started) / 1000;
      return { totals: r.rows.map((t) => ({ ...t, lines: Number(t.lines) })), seconds };
    });
  } finally {
    await database.close();
  }
}

function compare(reference: Result, other: Result): string[] {
  const key = (t: Total) => `${t.org} ${t.month}`;
  const theirs = new Map(other.totals.map((t) => [key(t), t]));
  const problems: string[] = [];
  for (const t of reference.totals) {
    const o = theirs.get(key(t));
    theirs.delete(key(t));
    if (!o) {
      problems.push(`${key(t)}: ${reference.name} has it, ${other.name} does not`);
      continue;
    }
    for (const field of ['lines', 'total', 'local', 'deprived', 'unmatched'] as const) {
      if (String(t[field]) !== String(o[field])) {
        problems.push(
          `${key(t)} ${field}: ${reference.name} ${t[field]}, ${other.name} ${o[field]}`,
        );
      }
    }
  }
  for (const k of theirs.keys())
    problems.push(`${k}: ${other.name} has it, ${reference.name} does not`);
  return problems;
}

// The contenders ---------------------------------------------------------------------------------

interface Files {
  readonly dir: string;
  readonly postcodes: string;
  readonly suppliers: string;
  readonly spend: string;
  /** Lines of the month after the file's last (no header), to add to it. */
  readonly month: string;
  readonly monthLines: number;
}

async function prepareProduct(env: NodeJS.ProcessEnv, files: Files, label: string) {
  const started = performance.now();
  await anchorage(
    [
      'partnership',
      'create',
      '--slug',
      SLUG,
      '--name',
      'Benchmark Partnership',
      '--area',
      LOCAL_AREA.join(','),
    ],
    env,
    `${label}: partnership create`,
  );
  for (const o of ORGANISATIONS) {
    await anchorage(
      [
        'org',
        'create',
        '--partnership',
        SLUG,
        '--code',
        o.code,
        '--name',
        o.name,
        '--type',
        'nhs-trust',
        '--postcode',
        'L1 8JQ',
      ],
      env,
      `${label}: org create ${o.code}`,
    );
  }
  await anchorage(
    ['reference', 'import-postcodes', files.postcodes],
    env,
    `${label}: reference import-postcodes`,
  );
  await anchorage(
    ['suppliers', 'import', '--partnership', SLUG, files.suppliers],
    env,
    `${label}: suppliers import`,
  );
  log(
    `  ${label}: reference data loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

interface ImportSummary {
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

async function timeProduct(
  name: string,
  env: NodeJS.ProcessEnv,
  target: DatabaseTarget,
  files: Files,
  keep: boolean,
): Promise<Result> {
  await prepareProduct(env, files, name);
  if (target.kind === 'postgres') await settle(target);
  const load = os.loadavg()[0]!;
  if (keep && target.kind === 'pglite') {
    // A copy with the reference data loaded, to import into again (bench/profile-import.ts).
    fs.cpSync(target.dataDir, `${target.dataDir}-reference`, { recursive: true });
  }
  // One spend file through the command line, as a person would import it, and what it reports.
  const importSpend = async (file: string, what: string) => {
    const r = await anchorage(
      ['import', 'spend', '--partnership', SLUG, '--org', ORGANISATIONS[0]!.code, '--json', file],
      env,
      `${name}: ${what}`,
    );
    const reported = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as ImportSummary;
    return { ...r, summary: reported };
  };
  const imported = await importSpend(files.spend, 'import spend');
  const summary = imported.summary;
  const readBack = await productTotals(target);
  const seconds = imported.seconds + readBack.seconds;
  log(
    `  ${name}: import ${imported.seconds.toFixed(1)} s + totals query ${readBack.seconds.toFixed(2)} s; ` +
      `${summary.rows} rows: ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.duplicates} duplicates`,
  );
  // The same lines again under another name, with a blank line added so that the file is not
  // recognised by its hash: every line goes through the set-based check, and none is added.
  const again = path.join(files.dir, 'spend-again.csv');
  fs.copyFileSync(files.spend, again);
  fs.appendFileSync(again, '\n');
  const reimported = await importSpend(again, 'import spend again');
  fs.rmSync(again, { force: true });
  const second = reimported.summary;
  const afterAgain = await productTotals(target);
  if (
    second.accepted !== 0 ||
    JSON.stringify(afterAgain.totals) !== JSON.stringify(readBack.totals)
  )
    throw new Error(`${name}: importing the same lines again added ${second.accepted} lines`);
  log(
    `  ${name}: the same lines again in ${reimported.seconds.toFixed(1)} s: ${second.accepted} accepted, ${second.duplicates} already loaded`,
  );
  // The same lines with a month after them (a year's file after its months were loaded one by
  // one, and a new month): every line of the new month is added, and none of the others.
  const monthMore = path.join(files.dir, 'spend-month-more.csv');
  fs.copyFileSync(files.spend, monthMore);
  fs.appendFileSync(monthMore, fs.readFileSync(files.month));
  const third = await importSpend(monthMore, 'import spend with a month more');
  fs.rmSync(monthMore, { force: true });
  const withMonth = third.summary;
  const afterMonth = await productTotals(target);
  const newMonth = afterMonth.totals.filter(
    (t) => !readBack.totals.some((r) => r.org === t.org && r.month === t.month),
  );
  const newLines = newMonth.reduce((n, t) => n + t.lines, 0);
  if (
    withMonth.duplicates !== summary.accepted ||
    withMonth.accepted !== newLines ||
    withMonth.accepted + withMonth.rejected !== files.monthLines + summary.rejected ||
    JSON.stringify(afterMonth.totals.filter((t) => !newMonth.includes(t))) !==
      JSON.stringify(readBack.totals)
  )
    throw new Error(
      `${name}: the same lines with a month more added ${withMonth.accepted} lines (${newLines} in the new month, ${withMonth.duplicates} already loaded)`,
    );
  log(
    `  ${name}: the same lines with a month more in ${third.seconds.toFixed(1)} s: ${withMonth.accepted} accepted, ${withMonth.duplicates} already loaded`,
  );
  return {
    name,
    seconds,
    peakRssMb: imported.peakRssMb,
    cpuSeconds: imported.cpuSeconds,
    load,
    note: `import ${imported.seconds.toFixed(1)} s + totals query ${readBack.seconds.toFixed(1)} s`,
    again: {
      seconds: reimported.seconds,
      first: imported.seconds,
      peakRssMb: reimported.peakRssMb,
      added: second.accepted,
    },
    monthMore: {
      seconds: third.seconds,
      peakRssMb: third.peakRssMb,
      added: withMonth.accepted,
      duplicates: withMonth.duplicates,
      newLines: files.monthLines,
    },
    totals: readBack.totals,
  };
}

async function timeDuckDb(files: Files): Promise<Result> {
  const args = {
    dir: files.dir,
    localArea: LOCAL_AREA,
    edition: EDITION,
    orgs: ORGANISATIONS.map((o) => o.code),
    defaultOrg: ORGANISATIONS[0]!.code,
  };
  const r = await run(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench', 'spend-duckdb.ts'), JSON.stringify(args)],
    process.env,
    'DuckDB',
  );
  const out = JSON.parse(r.stdout) as {
    seconds: number;
    cpuSeconds: number;
    load: number;
    referenceSeconds: number;
    rows: Total[];
  };
  log(
    `  DuckDB: reference data loaded in ${out.referenceSeconds.toFixed(1)} s; totals in ${out.seconds.toFixed(2)} s`,
  );
  return {
    name: 'DuckDB',
    seconds: out.seconds,
    peakRssMb: r.peakRssMb,
    cpuSeconds: out.cpuSeconds,
    load: out.load,
    note: `totals query (reference data loaded in ${out.referenceSeconds.toFixed(1)} s before)`,
    totals: out.rows,
  };
}

// The report ---------------------------------------------------------------------------------------

function fmtMb(mb: number | null): string {
  return mb === null ? 'n/a' : `${Math.round(mb)} MB`;
}

function table(results: Result[], duck: Result, skipped: string[], lineCount: number): string {
  const target = (name: string) =>
    name.includes('PostgreSQL')
      ? `≤ ${TARGETS.postgres.toFixed(1)}`
      : name.includes('PGlite')
        ? `≤ ${TARGETS.pglite.toFixed(1)}`
        : '';
  const lines = [
    '| Contender | Time | Of which | Ratio to DuckDB | Target | Peak memory (RSS) | CPU time | Load average at start |',
    '| --- | ---: | --- | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const ratio = r === duck ? '1.00' : (r.seconds / duck.seconds).toFixed(2);
    lines.push(
      `| ${r.name} | ${r.seconds.toFixed(1)} s | ${r.note} | ${ratio} | ${target(r.name)} | ${fmtMb(r.peakRssMb)} | ${r.cpuSeconds === null ? 'n/a' : `${r.cpuSeconds.toFixed(1)} s`} | ${r.load.toFixed(1)} |`,
    );
  }
  for (const s of skipped) lines.push(`| ${s} | not run | | | | | | |`);
  lines.push(
    '',
    `The same ${lineCount.toLocaleString('en-GB')} lines imported again, in a file with another name and one blank line added (so that its hash differs and its lines are compared with the stored ones):`,
    '',
    '| Contender | Time | Lines added | Against the first import | Peak memory (RSS) |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const r of results) {
    if (!r.again) continue;
    lines.push(
      `| ${r.name} | ${r.again.seconds.toFixed(1)} s | ${r.again.added} | ${(r.again.seconds / r.again.first).toFixed(2)} × | ${fmtMb(r.again.peakRssMb)} |`,
    );
  }
  const withMonth = results.find((r) => r.monthMore)?.monthMore;
  if (withMonth)
    lines.push(
      '',
      `The same ${lineCount.toLocaleString('en-GB')} lines with ${withMonth.newLines.toLocaleString('en-GB')} lines of the month after them (a year's file after its months were loaded, and a new month): the new month's lines are added, and none of the others:`,
      '',
      '| Contender | Time | Lines added | Already loaded | Against the first import | Peak memory (RSS) |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
  for (const r of results) {
    if (!r.monthMore || !r.again) continue;
    lines.push(
      `| ${r.name} | ${r.monthMore.seconds.toFixed(1)} s | ${r.monthMore.added.toLocaleString('en-GB')} | ${r.monthMore.duplicates.toLocaleString('en-GB')} | ${(r.monthMore.seconds / r.again.first).toFixed(2)} × | ${fmtMb(r.monthMore.peakRssMb)} |`,
    );
  }
  return lines.join('\n');
}

function writeDocs(body: string, options: Options, pgVersion: string | undefined) {
  const date = new Date().toISOString().slice(0, 10);
  const text = `# Performance

## Importing spend: \`npm run bench:spend\`

What is measured: importing one spend file of 1,000,000 lines (6 organisations, 24 months, quoted
fields with commas, supplier names that match the register only after normalisation) into a
partnership whose reference data is already loaded: a postcode directory of 2,700,000 postcodes
in the NSPL shape and a supplier register of 60,000 suppliers (1% with invalid postcodes, 1% with
well-formed postcodes missing from the directory). All of it is generated from a fixed seed
(${options.seed}) into a temporary folder, deleted at the end.

- **Anchorage on PGlite** and **Anchorage on PostgreSQL**: \`anchorage import spend --partnership
  SLUG --org CODE --json FILE\` as a child process (wall time from start to exit, so it includes
  starting Node and opening the database), plus one SQL query reading the per-organisation,
  per-month totals back. Peak memory is the command's peak resident set size (\`/usr/bin/time
  -f %M\`); on PostgreSQL the server's own memory is not included. The server is a throwaway one
  (scripts/lib/pg-server.ts) with durable settings (fsync on, synchronous commit).
- **DuckDB** (\`@duckdb/node-api\`, in memory, both cores), the reference: reads the same spend
  CSV and computes the same totals with the product's definitions (rows the product rejects are
  left out, supplier names normalised the same way, suppliers placed the same way). Time is the
  totals query alone; peak memory is the whole process's.
- CPU time: user + system seconds of the import command (on PostgreSQL, not the server's),
  and of the DuckDB process during its totals query. The machine is shared, so wall times
  depend on what else runs: the table gives the load average when each timed part started.
- Before the clock, for every contender alike: the partnership, its 6 organisations, the
  postcode directory (\`anchorage reference import-postcodes\`) and the supplier register
  (\`anchorage suppliers import\`), or for DuckDB the same CSVs loaded into tables. On the
  server, then \`VACUUM (ANALYZE)\` and \`CHECKPOINT\`, which it would otherwise start by itself on
  the tables just loaded while the import is timed.
- Per organisation and month, all contenders must agree exactly on: lines, total amount, local
  amount (the supplier's district in the partnership's local area), deprived amount (the
  supplier's LSOA in IMD deciles 1–2 of the partnership's IMD edition), and unmatched amount
  (supplier not in the register, or its location unknown). The run fails otherwise.

Command: \`npm run bench:spend\` (\`-- --lines 100000\` for a quicker run; only the full size is
written here).

Machine: 2 cores, 24 GB memory, shared with other work at the time; Node ${process.version}${pgVersion ? `, ${pgVersion}` : ''}, DuckDB 1.5.6.

## Targets

- Anchorage / DuckDB ≤ 3.0 on a PostgreSQL server, ≤ 5.0 on PGlite, for the 1,000,000-line import.
- Peak memory under 1 GB.

## Measured on ${date}

${body}
`;
  // A hand-written analysis after the measurements is kept as it is.
  const previous = fs.existsSync(DOCS) ? fs.readFileSync(DOCS, 'utf8') : '';
  const kept = previous.indexOf(`\n${ANALYSIS}`);
  fs.writeFileSync(DOCS, kept >= 0 ? `${text}${previous.slice(kept)}` : text);
  log(`Wrote ${path.relative(ROOT, DOCS)}`);
}

// Main -----------------------------------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const full =
    options.lines === FULL.lines &&
    options.postcodes === FULL.postcodes &&
    options.suppliers === FULL.suppliers;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-bench-'));
  const files: Files = {
    dir,
    postcodes: path.join(dir, 'postcodes.csv'),
    suppliers: path.join(dir, 'suppliers.csv'),
    spend: path.join(dir, 'spend.csv'),
    month: path.join(dir, 'month.csv'),
    // A month's share of the lines, as the file's 24 months have on average.
    monthLines: Math.round(options.lines / MONTHS),
  };
  let server: PgServer | undefined;
  try {
    log(
      `Generating ${options.postcodes.toLocaleString('en-GB')} postcodes, ${options.suppliers.toLocaleString('en-GB')} suppliers, ` +
        `${options.lines.toLocaleString('en-GB')} spend lines (seed ${options.seed}) in ${dir}`,
    );
    const generated = performance.now();
    await writePostcodeDirectory(files.postcodes, options.postcodes, options.seed);
    await writeSupplierRegister(files.suppliers, options, options.seed);
    await writeSpendFile(files.spend, options, options.seed);
    // The month after the last, its header taken off.
    await writeSpendFile(
      files.month,
      { ...options, lines: files.monthLines },
      options.seed + 1,
      MONTHS,
    );
    const monthText = fs.readFileSync(files.month, 'utf8');
    fs.writeFileSync(files.month, monthText.slice(monthText.indexOf('\n') + 1));
    const mb = (f: string) => (fs.statSync(f).size / 1e6).toFixed(0);
    log(
      `  in ${((performance.now() - generated) / 1000).toFixed(1)} s: postcodes ${mb(files.postcodes)} MB, ` +
        `suppliers ${mb(files.suppliers)} MB, spend ${mb(files.spend)} MB`,
    );

    const baseEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    delete baseEnv.DATABASE_URL;
    const results: Result[] = [];
    const skipped: string[] = [];

    log('DuckDB (reference)');
    const duck = await timeDuckDb(files);

    log('Anchorage on PGlite');
    const dataDir = path.join(dir, 'pglite');
    results.push(
      await timeProduct(
        'Anchorage on PGlite',
        { ...baseEnv, ANCHORAGE_DATA_DIR: dataDir },
        { kind: 'pglite', dataDir },
        files,
        options.keep,
      ),
    );
    fs.rmSync(dataDir, { recursive: true, force: true });

    let pgVersion: string | undefined;
    if (findPostgresBin()) {
      log('Anchorage on PostgreSQL server');
      server = await startPgServer({ durable: true });
      pgVersion = server.version;
      results.push(
        await timeProduct(
          'Anchorage on PostgreSQL server',
          { ...baseEnv, DATABASE_URL: server.url },
          { kind: 'postgres', url: server.url },
          files,
          false,
        ),
      );
    } else {
      skipped.push('Anchorage on PostgreSQL server (no server binaries under /usr/lib/postgresql)');
    }
    results.push(duck);

    const problems = results.filter((r) => r !== duck).flatMap((r) => compare(duck, r));
    if (problems.length) {
      log(`\nThe totals differ (${problems.length} differences):`);
      for (const p of problems.slice(0, 40)) log(`  ${p}`);
      process.exitCode = 1;
      return;
    }
    const groups = duck.totals.length;
    const linesCounted = duck.totals.reduce((n, t) => n + t.lines, 0);
    log(
      `\nAll contenders agree: ${groups} organisation-months, ${linesCounted.toLocaleString('en-GB')} lines.`,
    );
    const body = `${options.lines.toLocaleString('en-GB')} spend lines; the totals of all contenders agree exactly (${groups} organisation-months, ${linesCounted.toLocaleString('en-GB')} lines accepted).\n\n${table(results, duck, skipped, options.lines)}`;
    process.stdout.write(`\n${table(results, duck, skipped, options.lines)}\n\n`);
    const misses: string[] = [];
    for (const r of results) {
      const ratio = r.seconds / duck.seconds;
      if (r.name.startsWith('Anchorage on PostgreSQL') && ratio > TARGETS.postgres)
        misses.push(`${r.name}: ratio ${ratio.toFixed(2)} > ${TARGETS.postgres}`);
      if (r.name.startsWith('Anchorage on PGlite') && ratio > TARGETS.pglite)
        misses.push(`${r.name}: ratio ${ratio.toFixed(2)} > ${TARGETS.pglite}`);
      if (r.again && r.again.seconds > r.again.first)
        misses.push(
          `${r.name}: importing the same lines again took ${r.again.seconds.toFixed(1)} s, longer than the first import's ${r.again.first.toFixed(1)} s`,
        );
      if (r !== duck && r.peakRssMb !== null && r.peakRssMb >= TARGETS.memoryMb)
        misses.push(`${r.name}: peak memory ${fmtMb(r.peakRssMb)} ≥ 1 GB`);
    }
    if (misses.length)
      process.stdout.write(`Targets missed:\n${misses.map((m) => `- ${m}`).join('\n')}\n`);
    else process.stdout.write('All targets met.\n');
    const verdict = misses.length
      ? `Targets missed:\n\n${misses.map((m) => `- ${m}`).join('\n')}`
      : 'All targets met.';
    if (full) writeDocs(`${body}\n\n${verdict}`, options, pgVersion);
    else log('(Not the full size: docs/performance.md left as it is.)');
  } finally {
    server?.stop();
    if (options.keep) log(`Kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
