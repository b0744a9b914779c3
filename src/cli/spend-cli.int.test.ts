/**
 * The `anchorage import spend` contract, the way automated monthly loads run it: a PGlite folder
 * (or, when the suite runs against a server, this file's own PostgreSQL database), prepared with
 * `partnership create` and `org create`. The first test runs the command as a separate program, as
 * those loads do (its standard output, standard error and exit code); the others call the same
 * entry point in this process, with the same output, which is much quicker than starting Node.js
 * for each command.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareCommandDatabase } from '../../test/helpers/db.js';
import { runCli } from './main.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test/fixtures/spend');
const KEYS = [
  'file',
  'rows',
  'accepted',
  'rejected',
  'duplicates',
  'amountAccepted',
  'amountRejected',
  'amountDuplicates',
];

let dataDir: string;
let database: Awaited<ReturnType<typeof prepareCommandDatabase>> | undefined;
const savedEnv = { ...process.env };

/** The environment the command runs with. */
function commandEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...savedEnv, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
  delete env.DATABASE_URL;
  return { ...env, ...database!.env };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-spend-cli-'));
  database = await prepareCommandDatabase(dataDir);
  const p = await cli([
    'partnership',
    'create',
    '--slug',
    'spend-cli',
    '--name',
    'Spend CLI',
    '--area',
    'E08000012',
  ]);
  expect(p.code, p.stderr).toBe(0);
  const o = await cli([
    'org',
    'create',
    '--partnership',
    'spend-cli',
    '--code',
    'RBQ',
    '--name',
    'Liverpool Heart and Chest',
    '--type',
    'nhs-trust',
  ]);
  expect(o.code, o.stderr).toBe(0);
}, 240_000);

afterAll(async () => {
  process.env = { ...savedEnv };
  await database?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The command in this process: what it writes, as the program would write it, and its exit code. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  process.env = commandEnv();
  try {
    const code = await runCli(args, {
      out: (t) => (stdout += line(t)),
      err: (t) => (stderr += line(t)),
      readStdin: async () => '',
    });
    return { code, stdout, stderr };
  } finally {
    process.env = { ...savedEnv };
  }
}

/** The command as its own program. */
function cliProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/anchorage.mjs'), ...args],
      { cwd: ROOT, env: commandEnv(), timeout: 110_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Pounds and pence summed from the file's amount column, independently of the product. */
function totalPounds(file: string, amountHeader: string): string {
  const [header, ...rows] = parse(fs.readFileSync(file, 'utf8').replace(/^\ufeff/, ''), {
    relax_column_count: true,
  });
  const a = header!.indexOf(amountHeader);
  let pence = 0n;
  for (const r of rows) {
    if (!r.some((f) => f.trim() !== '')) continue;
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(r[a]!.replace(/,/g, ''))!;
    const p = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
    pence += m[1] ? -p : p;
  }
  const abs = pence < 0n ? -pence : pence;
  return `${pence < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  const lines = stdout.split('\n').filter((l) => l !== '');
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

const IMPC = path.join(FIXTURES, 'impc-2020-05-first120.csv');

describe('anchorage import spend --json', { timeout: 240_000 }, () => {
  it('as a program: prints one object per file with exactly the agreed keys, and exits 0 with rejected rows', async () => {
    const withRejects = path.join(dataDir, 'with-rejects.csv');
    fs.writeFileSync(
      withRejects,
      [
        'Date Paid,Supplier Name,Amount',
        '01/04/2025,Bywest Ltd,"1,000.00"',
        '31/02/2025,Reed,250.00',
        '02/04/2025,Care Providers Ltd,not known',
        '03/04/2025,Reed,(99.99)',
        '',
      ].join('\r\n'),
    );
    const r = await cliProcess([
      'import',
      'spend',
      '--partnership',
      'spend-cli',
      '--org',
      'RBQ',
      '--json',
      IMPC,
      withRejects,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out).toHaveLength(2);
    for (const o of out) expect(Object.keys(o)).toEqual(KEYS);
    expect(out[0]).toEqual({
      file: IMPC,
      rows: 120,
      accepted: 120,
      rejected: 0,
      duplicates: 0,
      amountAccepted: totalPounds(IMPC, 'Amount'),
      amountRejected: '0.00',
      amountDuplicates: '0.00',
    });
    expect(out[1]).toEqual({
      file: withRejects,
      rows: 4,
      accepted: 2,
      rejected: 2,
      duplicates: 0,
      amountAccepted: '900.01',
      amountRejected: '250.00',
      amountDuplicates: '0.00',
    });
  });

  it('reports a file imported before as duplicates, and exits 0', async () => {
    const r = await cli([
      'import',
      'spend',
      '--partnership',
      'spend-cli',
      '--org',
      'RBQ',
      '--json',
      IMPC,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      {
        file: IMPC,
        rows: 120,
        accepted: 0,
        rejected: 0,
        duplicates: 120,
        amountAccepted: '0.00',
        amountRejected: '0.00',
        amountDuplicates: totalPounds(IMPC, 'Amount'),
      },
    ]);
  });

  it('without --json, says what happened in words and shows each step of the saving (a small file has no reading progress)', async () => {
    const april = path.join(dataDir, 'april-words.csv');
    fs.writeFileSync(
      april,
      ['Date Paid,Supplier Name,Amount', '01/04/2026,Bywest Ltd,"1,234,567.50"', ''].join('\r\n'),
    );
    const r = await cli(['import', 'spend', '--partnership', 'spend-cli', '--org', 'RBQ', april]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^april-words\.csv: 1 rows: 1 added \(£1,234,567\.50\), 0 rejected \(£0\.00\), 0 already loaded \(£0\.00\) in \d+\.\d s\n$/,
    );
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'april-words.csv: saving',
      'april-words.csv: matching suppliers to the register',
      'april-words.csv: adding the lines',
      'april-words.csv: reconciling',
    ]);
  });

  it('exits non-zero with a clear message for a file it cannot read, still reporting the others', async () => {
    const binary = path.join(dataDir, 'spend.csv');
    fs.writeFileSync(
      binary,
      Buffer.concat([Buffer.from('PK\u0001\u0002'), Buffer.alloc(64), Buffer.from([1, 2, 3])]),
    );
    const noColumns = path.join(dataDir, 'notes.csv');
    fs.writeFileSync(noColumns, 'Supplier Name,Notes\r\nReed,paid\r\n');
    const chwe = path.join(FIXTURES, 'chwe-2020-06.csv');
    const r = await cli([
      'import',
      'spend',
      '--partnership',
      'spend-cli',
      '--org',
      'RBQ',
      '--json',
      binary,
      chwe,
      noColumns,
      path.join(dataDir, 'missing.csv'),
    ]);
    expect(r.code).not.toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      expect.objectContaining({ file: chwe, rows: 120, accepted: 120 }) as unknown,
    ]);
    expect(r.stderr).toContain(`anchorage: ${binary}: The file is not a CSV or XLSX spreadsheet`);
    expect(r.stderr).toMatch(
      /anchorage: \S*notes\.csv: Could not find the payment date, amount \(£\) columns/,
    );
    expect(r.stderr).toMatch(/anchorage: \S*missing\.csv: no such file/);
  });

  it('exits non-zero when the partnership or organisation does not exist', async () => {
    const noOrg = await cli([
      'import',
      'spend',
      '--partnership',
      'spend-cli',
      '--org',
      'NOPE',
      '--json',
      IMPC,
    ]);
    expect(noOrg.code).not.toBe(0);
    expect(noOrg.stderr).toContain('No organisation with code NOPE');
    expect(noOrg.stdout).toBe('');
  });
});
