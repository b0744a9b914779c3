/**
 * `anchorage import payroll` and `anchorage import activity` against a real database (a PGlite
 * folder, or this file's own server database): one JSON line per file with its rows, accepted,
 * rejected and the figures it produced, as `import spend` does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareCommandDatabase } from '../../test/helpers/db.js';
import { runCli } from './main.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');
const KEYS = ['file', 'rows', 'accepted', 'rejected', 'duplicates', 'figures'];

let dataDir: string;
let prepared: Awaited<ReturnType<typeof prepareCommandDatabase>> | undefined;
const saved = { ...process.env };

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

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-import-cli-'));
  prepared = await prepareCommandDatabase(dataDir);
  Object.assign(process.env, prepared.env, { LOG_LEVEL: 'silent' });
  const areas =
    'E06000049,E06000050,E06000006,E06000007,E08000011,E08000012,E08000013,E08000014,E08000015';
  expect(
    (await cli(['partnership', 'create', '--slug', 'cm', '--name', 'C and M', '--area', areas]))
      .code,
  ).toBe(0);
  const org = await cli([
    'org',
    'create',
    '--partnership',
    'cm',
    '--code',
    'RQ6',
    '--name',
    'Royal Liverpool',
    '--type',
    'nhs-trust',
    '--postcode',
    'L7 8XP',
  ]);
  expect(org.code, org.err).toBe(0);
}, 240_000);

afterAll(async () => {
  process.env = saved;
  await prepared?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('anchorage import payroll', () => {
  it('prints one JSON line per file with the figures, and adds nothing the second time', async () => {
    const file = path.join(FIXTURES, 'payroll/payroll-2025-26.csv');
    const args = [
      'import',
      'payroll',
      '--partnership',
      'cm',
      '--org',
      'RQ6',
      '--period',
      '2025-26',
      '--json',
      file,
    ];
    const r = await cli(args);
    expect(r.code, r.err).toBe(0);
    const line = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(KEYS);
    // By hand in test/fixtures/payroll/README.md (IMD 2025 here, the partnership's default).
    expect(line).toMatchObject({ rows: 40, accepted: 40, rejected: 0, duplicates: 0 });
    expect(line.figures).toMatchObject({ W1: 82.8, W2: 55.6, W4: 75 });
    const again = JSON.parse((await cli(args)).out) as Record<string, unknown>;
    expect(again).toMatchObject({ rows: 40, accepted: 0, duplicates: 40 });
  });

  it('refuses a period that is not a financial year', async () => {
    const r = await cli([
      'import',
      'payroll',
      '--partnership',
      'cm',
      '--org',
      'RQ6',
      '--period',
      '2025',
      'x.csv',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('use a financial year like 2024-25');
  });
});

describe('anchorage import activity', () => {
  it('reads the trust’s row of an estates return, with the year from the file name', async () => {
    const file = path.join(FIXTURES, 'carbon/ERIC_trust_2014-15.csv');
    const r = await cli([
      'import',
      'activity',
      '--partnership',
      'cm',
      '--org',
      'RQ6',
      '--json',
      file,
    ]);
    expect(r.code, r.err).toBe(0);
    const line = JSON.parse(r.out) as {
      rows: number;
      accepted: number;
      figures: { E1: string | null; E6: string | null; quantities: Record<string, string> };
    };
    expect(line.rows).toBe(241);
    expect(line.accepted).toBe(1);
    expect(line.figures.quantities.gas).toBe('172934302');
    expect(line.figures.quantities.electricity).toBe('2970667');
    // E1 at the NHS series' 2014 factors: electricity 2,970,667 kWh × 0.49426 + gas 172,934,302
    // kWh × 0.184973 + fuel oil 11,998 kWh × 0.269499 = 33,459,691.96 kg, so 33,459.69 tCO2e.
    expect(Number(line.figures.E1)).toBeCloseTo(33459.691964268, 6);
    expect(line.figures.E6).not.toBeNull();
  });
});
