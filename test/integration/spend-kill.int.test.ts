/**
 * Killing `anchorage import spend` part-way through a large file (SIGKILL: no clean-up code runs)
 * leaves the database exactly as it was before that import, and running the import again then
 * succeeds with the file's totals. On PGlite the process dies in the middle of writing its data
 * folder, which must be survivable; on a server, the connection drops mid-transaction.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { prepareCommandDatabase } from '../helpers/db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'test/fixtures/spend/chwe-2020-06.csv');
const LINES = 80_000;

let dataDir: string;
let bigFile: string;
let expectedPence = 0n;
let prepared: Awaited<ReturnType<typeof prepareCommandDatabase>> | undefined;
/** On a server: this file's own database. */
let serverUrl: string | undefined;
const children = new Set<ChildProcess>();
const savedEnv = { ...process.env };

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...savedEnv, ANCHORAGE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (serverUrl) e.DATABASE_URL = serverUrl;
  else delete e.DATABASE_URL;
  return e;
}

/** The command in this process (for preparing the database quickly). */
async function cliHere(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  process.env = env();
  try {
    const code = await runCli(args, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      readStdin: async () => '',
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env = { ...savedEnv };
  }
}

/** The command as its own process; `killWhen` sees its standard error and may kill it. */
function cliProcess(
  args: string[],
  killWhen?: (stderr: string) => boolean,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/anchorage.mjs'), ...args], {
      cwd: ROOT,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (killWhen && child.exitCode === null && killWhen(stderr)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = serverUrl
    ? await openDatabase({ kind: 'postgres', url: serverUrl })
    : await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function snapshot() {
  return withDatabase(async ({ db }) => {
    const count = async (
      table: 'spend_lines' | 'spend_batches' | 'suppliers' | 'spend_rejected_rows',
    ) =>
      Number(
        (await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
      );
    const sum = await db
      .selectFrom('spend_lines')
      .select(db.fn.sum('amount_pence').as('s'))
      .executeTakeFirstOrThrow();
    return {
      lines: await count('spend_lines'),
      batches: await count('spend_batches'),
      suppliers: await count('suppliers'),
      rejected: await count('spend_rejected_rows'),
      pence: BigInt(sum.s ?? 0),
    };
  });
}

/** A large spend file from a fixed seed: quoted names with commas, separators, some credits. */
function writeBigFile(file: string) {
  // mulberry32
  let seed = 20_250_401;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return (x ^ (x >>> 14)) >>> 0;
  };
  const out = fs.openSync(file, 'w');
  let chunk = 'Date Paid,Supplier Name,Expense Type,Transaction Reference,Amount\r\n';
  for (let i = 0; i < LINES; i++) {
    const day = (next() % 28) + 1;
    const month = (next() % 12) + 1;
    const year = month >= 4 ? 2025 : 2026;
    const supplier = `Supplier ${next() % 2000}, Trading Ltd`;
    let pence = BigInt((next() % 5_000_000) + 1);
    if (next() % 50 === 0) pence = -pence;
    const abs = pence < 0n ? -pence : pence;
    const pounds = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const text = `${pounds}.${(abs % 100n).toString().padStart(2, '0')}`;
    const amount = pence < 0n ? `(${text})` : text;
    expectedPence += pence;
    chunk += `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year},"${supplier}",Goods,K${i},"${amount}"\r\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-kill-'));
  prepared = await prepareCommandDatabase(dataDir);
  serverUrl = prepared.env.DATABASE_URL;
  bigFile = path.join(dataDir, 'large-spend.csv');
  writeBigFile(bigFile);
  const steps = [
    ['partnership', 'create', '--slug', 'kill', '--name', 'Kill Test', '--area', 'E08000012'],
    [
      'org',
      'create',
      '--partnership',
      'kill',
      '--code',
      'RBQ',
      '--name',
      'Heart',
      '--type',
      'nhs-trust',
    ],
    ['import', 'spend', '--partnership', 'kill', '--org', 'RBQ', '--json', FIXTURE],
  ];
  for (const args of steps) {
    const r = await cliHere(args);
    expect(r.code, r.err).toBe(0);
  }
}, 180_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  process.env = { ...savedEnv };
  await prepared?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a killed spend import', () => {
  it('leaves the database as it was, and running it again succeeds', async () => {
    const before = await snapshot();
    expect(before.lines).toBe(120);

    const args = ['import', 'spend', '--partnership', 'kill', '--org', 'RBQ', '--json', bigFile];
    // Killed while rows are being staged (after the first progress report) …
    const staged = await cliProcess(args, (stderr) => /\d+% read/.test(stderr));
    expect(staged.signal, staged.stderr).toBe('SIGKILL');
    expect(staged.stdout).toBe('');
    expect(await snapshot()).toEqual(before);
    // On a server, the killed import's own tables stay until they are cleaned up; the server's
    // background vacuum leaves them alone (so dropping them never waits for it).
    if (serverUrl) {
      const options = await withDatabase(
        async ({ db }) =>
          (
            await sql<{ relname: string; reloptions: string[] | null }>`SELECT relname, reloptions
              FROM pg_class WHERE relkind = 'r' AND relname LIKE 'spend\\_staging\\_%'`.execute(db)
          ).rows,
      );
      expect(options).toHaveLength(2);
      for (const table of options)
        expect(table.reloptions ?? []).toContain('autovacuum_enabled=false');
    }

    // … and killed while saving (inside the merge transaction).
    const saving = await cliProcess(args, (stderr) => /: saving/.test(stderr));
    expect(saving.signal, saving.stderr).toBe('SIGKILL');
    expect(saving.stdout).toBe('');
    expect(await snapshot()).toEqual(before);

    const again = await cliProcess(args);
    expect(again.code, again.stderr).toBe(0);
    const abs = expectedPence < 0n ? -expectedPence : expectedPence;
    const pounds = `${expectedPence < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
    expect(JSON.parse(again.stdout)).toEqual({
      file: bigFile,
      rows: LINES,
      accepted: LINES,
      rejected: 0,
      duplicates: 0,
      amountAccepted: pounds,
      amountRejected: '0.00',
      amountDuplicates: '0.00',
    });
    const after = await snapshot();
    expect(after).toEqual({
      lines: before.lines + LINES,
      batches: before.batches + 1,
      suppliers: before.suppliers + 2000,
      rejected: before.rejected,
      pence: before.pence + expectedPence,
    });
    // The embedded database belongs to one process, so the next start knows the killed imports
    // stopped: they are marked interrupted and their staged rows removed.
    if (!serverUrl) {
      const left = await withDatabase(async ({ db }) => ({
        running: await db
          .selectFrom('jobs')
          .select('status')
          .where('status', '=', 'running')
          .execute(),
        interrupted: await db
          .selectFrom('jobs')
          .select('status')
          .where('status', '=', 'interrupted')
          .execute(),
        staged: Number(
          (
            await sql<{ n: string }>`SELECT count(*) AS n FROM pg_class
              WHERE relkind = 'r' AND relname LIKE 'spend\\_staging\\_%'`.execute(db)
          ).rows[0]?.n,
        ),
      }));
      expect(left.running).toEqual([]);
      expect(left.interrupted.length).toBe(2);
      expect(left.staged).toBe(0);
    }
  }, 300_000);
});
