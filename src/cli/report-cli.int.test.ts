/**
 * `anchorage report --partnership SLUG --year YYYY-YY --out FILE [--organisation CODE]` against a
 * real database (a PGlite folder, or this file's own server database): the annual report of a
 * published year written as a PDF, and a clear error for an unknown partnership or organisation
 * and a year not published. Then the demonstration partnership's, as `demo --seed-only` leaves it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { seedDemo } from '../demo/seed.js';
import { openRuntime } from '../server.js';
import {
  approvedReturn,
  makeOrganisation,
  makePartnership,
  openYear,
  type TestApp,
} from '../../test/helpers/app.js';
import { prepareCommandDatabase } from '../../test/helpers/db.js';
import { runCli } from './main.js';

const ACTOR = { userId: null, label: 'test' };

let dataDir: string;
let prepared: Awaited<ReturnType<typeof prepareCommandDatabase>> | undefined;
const saved = { ...process.env };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-report-cli-'));
  prepared = await prepareCommandDatabase(dataDir);
  Object.assign(process.env, prepared.env, { LOG_LEVEL: 'silent' });
  // A partnership (not public: the command is for those who run the service) with 2025/26
  // published, closed again before the command opens the database.
  const rt = await openRuntime(loadConfig());
  try {
    const t = { deps: rt.deps, database: rt.database } as unknown as TestApp;
    const p = await makePartnership(rt.deps, { slug: 'report-cli', name: 'Report Partnership' });
    const trust = await makeOrganisation(rt.deps, p, { name: 'Walton Trust', code: 'RWT' });
    const year = await openYear(rt.deps, p, 2025);
    await approvedReturn(t, p, trust, year, { staff_paid_rlw: 962, staff_headcount: 1000 });
    await rt.deps.publishing.publish(p.id, 2025, ACTOR, null);
  } finally {
    await rt.close();
  }
});

afterAll(async () => {
  process.env = saved;
  await prepared?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const textOf = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

describe('anchorage report', () => {
  it('explains itself with --help', async () => {
    const r = await cli(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: anchorage report');
    expect(r.out).toContain('--organisation <code>');
  });

  it('writes the partnership’s report, and an organisation’s, as PDF', async () => {
    const file = path.join(dataDir, 'report.pdf');
    const r = await cli([
      'report',
      '--partnership',
      'report-cli',
      '--year',
      '2025-26',
      '--out',
      file,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(
        `^Wrote the annual report for 2025/26 \\(revision 1\\) to ${file}: [\\d,]+ KB in [\\d.]+ s\\.$`,
      ),
    );
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = textOf(file);
    expect(text).toContain('Report Partnership: annual report 2025/26');
    expect(text).toContain('96.0%');
    expect(text).toMatch(/Page 1 of \d+/);

    const own = path.join(dataDir, 'trust.pdf');
    const o = await cli([
      'report',
      '--partnership',
      'report-cli',
      '--year',
      '2025-26',
      '--organisation',
      'RWT',
      '--out',
      own,
    ]);
    expect(o.code).toBe(0);
    expect(textOf(own)).toContain('Walton Trust: annual report 2025/26');
  });

  it('says plainly what is wrong: an unknown partnership or organisation, a year not published or not a year', async () => {
    const out = path.join(dataDir, 'none.pdf');
    const args = (...more: string[]) => ['report', '--out', out, ...more];
    const unknown = await cli(args('--partnership', 'nope', '--year', '2025-26'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('anchorage: No partnership with the short name nope');
    const year = await cli(args('--partnership', 'report-cli', '--year', '2024-25'));
    expect(year.code).toBe(1);
    expect(year.err).toBe(
      'anchorage: report-cli has not published its figures for 2024/25: the years published are 2025/26',
    );
    const org = await cli(
      args('--partnership', 'report-cli', '--year', '2025-26', '--organisation', 'NOPE'),
    );
    expect(org.code).toBe(1);
    expect(org.err).toBe('anchorage: No organisation with code NOPE in report-cli');
    const notYear = await cli(args('--partnership', 'report-cli', '--year', '2025'));
    expect(notYear.code).not.toBe(0);
    expect(notYear.err).toContain('use a financial year like 2024-25');
    expect(fs.existsSync(out)).toBe(false);
  });

  it(
    'writes the demonstration partnership’s reports after demo --seed-only: 2025/26, and 2024/25 as corrected',
    { timeout: 300_000 },
    async () => {
      const rt = await openRuntime(loadConfig());
      try {
        await seedDemo(rt.deps);
      } finally {
        await rt.close();
      }
      const latest = path.join(dataDir, 'demo-2025-26.pdf');
      const r = await cli([
        'report',
        '--partnership',
        'demo',
        '--year',
        '2025-26',
        '--out',
        latest,
      ]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const text = textOf(latest);
      for (const part of [
        'annual report 2025/26',
        'Pledges',
        'Joint initiatives',
        'You said, we did',
        'Local priorities',
        'How the figures are worked out',
        'Revision 1, published on',
      ])
        expect(text).toContain(part);
      const corrected = path.join(dataDir, 'demo-2024-25.pdf');
      expect(
        (await cli(['report', '--partnership', 'demo', '--year', '2024-25', '--out', corrected]))
          .code,
      ).toBe(0);
      expect(textOf(corrected)).toContain('Revision 2, published on');
    },
  );
});
