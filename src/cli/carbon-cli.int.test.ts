/**
 * `anchorage reference import-factors FILE [--json]` against a real database (a PGlite folder, or
 * this file's own server database): one JSON line per file, and a file loaded once only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareCommandDatabase } from '../../test/helpers/db.js';
import { runCli } from './main.js';

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../test/fixtures/carbon',
);

let dataDir: string;
let prepared: Awaited<ReturnType<typeof prepareCommandDatabase>> | undefined;
const saved = { ...process.env };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-carbon-cli-'));
  prepared = await prepareCommandDatabase(dataDir);
  Object.assign(process.env, prepared.env, { LOG_LEVEL: 'silent' });
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

describe('anchorage reference import-factors', () => {
  it('prints one JSON line with the file, its year and the 8,037 factor rows of the 2022 file', async () => {
    const file = path.join(FIXTURES, 'ghg-conversion-factors-2022-flat-format.csv');
    const r = await cli(['reference', 'import-factors', file, '--json']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toHaveLength(1);
    expect(JSON.parse(r.out)).toEqual({
      file: 'ghg-conversion-factors-2022-flat-format.csv',
      year: 2022,
      factors: 8037,
    });
    // The product ships this file and loads it at start, so the command says so and adds no set.
    expect(r.err).toMatch(/already loaded .*nothing was loaded again/);
  });

  it('loads a new file once: the second time it says so and no set is added', async () => {
    const file = path.join(dataDir, 'factors-2023-scope2.csv');
    fs.writeFileSync(
      file,
      [
        'ID,Scope,Level 1,Level 2,Level 3,Level 4,Column Text,UOM,GHG/Unit,GHG Conversion Factor 2023',
        'a1,Scope 2,UK electricity,Electricity generated,Electricity: UK,,,kWh,kg CO2e,0.20707',
        'a2,Scope 1,Fuels,Gaseous fuels,Natural gas,,,kWh (Gross CV),kg CO2e,0.18293',
        '',
      ].join('\n'),
    );
    const first = await cli(['reference', 'import-factors', file, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({
      file: 'factors-2023-scope2.csv',
      year: 2023,
      factors: 2,
    });
    expect(first.err).toBe('');
    const again = await cli(['reference', 'import-factors', file]);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/already loaded/);
    expect(again.out).toBe('');
  });

  it('names the problem in a file that is not a factor file', async () => {
    const file = path.join(dataDir, 'not-factors.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    const r = await cli(['reference', 'import-factors', file, '--json']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/neither a government conversion-factor flat file/);
  });
});
