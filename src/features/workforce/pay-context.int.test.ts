/**
 * A payroll extract is measured against the Real Living Wage table as the platform keeps it, and
 * against the London rate when the organisation pays London weighting (decision 026).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeOrganisation,
  makePartnership,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import { importCollected } from '../imports/collected.js';
import { livingWageContext } from './pay-context.js';
import { PAYROLL_KIND } from './payroll-import.js';

const FIXTURE = path.join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'payroll',
  'payroll-2025-26.csv',
);

let t: TestApp;
let p: Partnership;
let dir: string;
beforeAll(async () => {
  t = await startTestApp({ reference: true });
  p = await makePartnership(t.deps);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pay-context-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function importFixture(organisation: Organisation) {
  // The import may remove its file once committed: it gets a copy.
  const file = path.join(dir, `${organisation.code}.csv`);
  fs.copyFileSync(FIXTURE, file);
  const result = await importCollected(PAYROLL_KIND, {
    database: t.database,
    filePath: file,
    fileName: 'payroll-2025-26.csv',
    partnership: p,
    organisation,
    fyStartYear: 2025,
    actor: SYSTEM_ACTOR,
  });
  expect(result.rejected).toBe(0);
  return result.summary!;
}

describe('what payroll is measured against', () => {
  it('is the table as kept, and the organisation’s London weighting', async () => {
    const uk = await makeOrganisation(t.deps, p);
    const london = await makeOrganisation(t.deps, p);
    await t.database.db
      .updateTable('organisations')
      .set({ london_weighting: true })
      .where('id', '=', london.id)
      .execute();
    expect(await livingWageContext(t.database.db, uk.id)).toMatchObject({
      paysLondonWeighting: false,
    });
    const context = await livingWageContext(t.database.db, london.id);
    expect(context.paysLondonWeighting).toBe(true);
    expect(context.rates.map((r) => r.yearLabel).at(-1)).toBe('2025/26');

    // On 31 March 2026 the 2024/25 rates apply: £12.60, or £13.85 in London. Of the 29 directly
    // employed people whose pay is known, 24 are paid at least £12.60 and 13 at least £13.85
    // (test/fixtures/payroll/README.md).
    const ukSummary = await importFixture(uk);
    expect(ukSummary.rate).toMatchObject({ area: 'UK', years: [{ year: '2024/25', pence: 1260 }] });
    expect(ukSummary.figures.W1).toMatchObject({ numerator: 24, denominator: 29 });
    const londonSummary = await importFixture(london);
    expect(londonSummary.rate).toMatchObject({
      area: 'London',
      years: [{ year: '2024/25', pence: 1385 }],
    });
    expect(londonSummary.figures.W1).toMatchObject({ numerator: 13, denominator: 29 });
  });

  it('uses a corrected rate for the next import', async () => {
    const org = await makeOrganisation(t.deps, p);
    const change = await t.deps.livingWage.correct(
      '2024/25',
      {
        yearLabel: '2024/25',
        ukPence: 1300,
        londonPence: 1385,
        announcedOn: '2024-10-23',
        appliesFrom: '2025-05-01',
      },
      SYSTEM_ACTOR,
    );
    expect(change).toMatchObject({ ok: true });
    const summary = await importFixture(org);
    expect(summary.rate.years).toEqual([{ year: '2024/25', pence: 1300 }]);
    // At least £13.00: the 13 at least £13.85, and £13.02, £13.40, £13.45, £13.55 and £13.25.
    expect(summary.figures.W1).toMatchObject({ numerator: 18, denominator: 29 });
  });
});
