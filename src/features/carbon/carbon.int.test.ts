/**
 * Environment storage and services on a real database: factor sets loaded once and never edited,
 * activity data recorded with corrections superseding, and the carbon figures (E1–E6) worked out
 * in the same transaction with the factor kept beside each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import {
  makeOrganisation,
  makePartnership,
  openYear,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { record } from './activity.service.js';

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures/carbon',
);
const ACTOR = { userId: null, label: 'test' };

let t: TestApp;
let p: Partnership;
let org: Organisation;

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps);
  org = await makeOrganisation(t.deps, p, { name: 'Riverside Trust' });
  for (const year of [2021, 2022, 2025]) await openYear(t.deps, p, year);
});

afterAll(async () => {
  await t?.close();
});

async function results(calculator: string) {
  return t.database.db
    .selectFrom('calculator_results as r')
    .innerJoin('reporting_periods as p', 'p.id', 'r.period_id')
    .select(['p.fy_start_year', 'r.value', 'r.numerator', 'r.denominator', 'r.detail'])
    .where('r.organisation_id', '=', org.id)
    .where('r.calculator', '=', calculator)
    .orderBy('p.fy_start_year')
    .execute();
}

describe('conversion-factor sets', () => {
  it('loads the 2022 flat file with its 8,037 rows, once', async () => {
    const file = 'ghg-conversion-factors-2022-flat-format.csv';
    const bytes = fs.readFileSync(path.join(FIXTURES, file));
    const first = await t.deps.carbonFactors.loadFile(file, bytes, ACTOR);
    expect(first).toMatchObject({ file, year: 2022, factors: 8037, alreadyLoaded: null });
    const again = await t.deps.carbonFactors.loadFile(file, bytes, ACTOR);
    expect(again.alreadyLoaded?.id).toBe(first.setId);
    expect(again.factors).toBe(8037);
    const sets = await t.deps.carbonFactors.list();
    expect(sets.filter((s) => s.file_name === file)).toHaveLength(1);
    const { count } = await t.database.db
      .selectFrom('carbon_factors')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('set_id', '=', first.setId)
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(8037);
  });

  it('loads the 2025 scope 3 file and the NHS series', async () => {
    for (const [file, year, factors] of [
      ['ghg-conversion-factors-2025-flat-format_scope3_and_outside_scopes_only.csv', 2025, 5289],
      ['sdu_carbon_factors_2007-08_to_2020-21.csv', 2020, null],
    ] as const) {
      const r = await t.deps.carbonFactors.loadFile(
        file,
        fs.readFileSync(path.join(FIXTURES, file)),
        ACTOR,
      );
      expect(r.year).toBe(year);
      if (factors !== null) expect(r.factors).toBe(factors);
      else expect(r.factors).toBeGreaterThan(2000);
    }
  });

  it('refuses to change or delete a factor or a set', async () => {
    await expect(
      sql`UPDATE carbon_factors SET kg_co2e_per_unit = 0 WHERE year = 2022`.execute(t.database.db),
    ).rejects.toThrow(/never changed/);
    await expect(
      sql`DELETE FROM carbon_factors WHERE year = 2022`.execute(t.database.db),
    ).rejects.toThrow(/never changed/);
    await expect(
      sql`UPDATE carbon_factor_sets SET name = 'x'`.execute(t.database.db),
    ).rejects.toThrow(/never changed/);
  });
});

describe('activity data and the carbon figures', () => {
  it('records a year’s activities and works out E1, E3, E4, E6 with the factor beside each', async () => {
    const r = await record(t.database.db, {
      partnershipId: p.id,
      organisationId: org.id,
      fyStartYear: 2022,
      quantities: [
        { activity: 'electricity', quantity: '1000000' },
        { activity: 'electricity-renewable', quantity: '250000' },
        { activity: 'gas', quantity: '2000000' },
        { activity: 'waste-recycling', quantity: '30' },
        { activity: 'waste-landfill', quantity: '70' },
      ],
      source: 'manual',
      actor: ACTOR,
    });
    expect(r.changed).toHaveLength(5);
    const [e1] = await results('carbon.scope12');
    // 1,000,000 × 0.19338 = 193.38 t; 2,000,000 × 0.18254 = 365.08 t.
    expect(Number(e1?.value)).toBeCloseTo(558.46, 6);
    const detail = e1?.detail as {
      lines: { factor: { kgCO2ePerUnit: string; year: number; uom: string } }[];
    };
    expect(detail.lines.map((l) => [l.factor.kgCO2ePerUnit, l.factor.year, l.factor.uom])).toEqual([
      ['0.19338', 2022, 'kWh'],
      ['0.18254', 2022, 'kWh (Gross CV)'],
    ]);
    const [e3] = await results('carbon.renewable-share');
    expect(Number(e3?.value)).toBe(25);
    const [e4] = await results('carbon.recycled-share');
    expect(Number(e4?.value)).toBe(30);
    const [e6] = await results('carbon.scope3');
    expect(e6?.value).not.toBeNull();
  });

  it('a correction supersedes the earlier figure, audited, and the figures follow', async () => {
    const r = await record(t.database.db, {
      partnershipId: p.id,
      organisationId: org.id,
      fyStartYear: 2022,
      quantities: [
        { activity: 'electricity', quantity: '1000000' },
        { activity: 'gas', quantity: '1000000' },
      ],
      source: 'manual',
      actor: ACTOR,
    });
    expect(r.changed).toEqual(['gas']);
    const [e1] = await results('carbon.scope12');
    expect(Number(e1?.value)).toBeCloseTo(193.38 + 182.54, 6);
    const rows = await t.database.db
      .selectFrom('carbon_activities')
      .select(['quantity', 'supersedes'])
      .where('organisation_id', '=', org.id)
      .where('activity', '=', 'gas')
      .orderBy('seq')
      .execute();
    expect(rows.map((x) => Number(x.quantity))).toEqual([2000000, 1000000]);
    expect(rows[1]?.supersedes).not.toBeNull();
    await expect(
      sql`UPDATE carbon_activities SET quantity = 5`.execute(t.database.db),
    ).rejects.toThrow(/never changed/);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('partnership_id', '=', p.id)
      .where('action', '=', 'carbon.activity.recorded')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('E2 is the reduction since the earliest year with E1 known', async () => {
    await record(t.database.db, {
      partnershipId: p.id,
      organisationId: org.id,
      fyStartYear: 2021,
      quantities: [{ activity: 'electricity', quantity: '2000000' }],
      source: 'eric',
      sourceDetail: 'test',
      actor: ACTOR,
    });
    const e2 = await results('carbon.reduction');
    // 2021 has no 2021 factors: the 2020 series value (0.23314) is used. 2,000,000 × 0.23314 = 466.28 t.
    expect(e2.map((r) => [r.fy_start_year, Number(r.denominator)])).toEqual([
      [2021, 466.28],
      [2022, 466.28],
    ]);
    expect(Number(e2[1]?.value)).toBeCloseTo(((466.28 - 375.92) / 466.28) * 100, 6);
    const figures = await t.deps.figures.read(p.id);
    const e2Figures = figures.indicators.find((i) => i.indicator.id === 'E2');
    const y2022 = e2Figures?.periods.find((x) => x.period.fy_start_year === 2022);
    expect(y2022?.byOrganisation.get(org.id)?.value).toBeCloseTo(19.38, 1);
  });

  it('a 2025 scope 2 factor entered by hand is used for 2025 at once', async () => {
    await record(t.database.db, {
      partnershipId: p.id,
      organisationId: org.id,
      fyStartYear: 2025,
      quantities: [{ activity: 'electricity', quantity: '1000000' }],
      source: 'manual',
      actor: ACTOR,
    });
    expect(Number((await results('carbon.scope12')).at(-1)?.value)).toBeCloseTo(193.38, 6);
    await t.deps.carbonFactors.enterByHand(
      {
        year: 2025,
        name: '2025 scope 1 and 2 (entered by hand)',
        note: null,
        factors: [{ activity: 'electricity', part: 0, kgCO2ePerUnit: '0.177' }],
      },
      ACTOR,
    );
    expect(Number((await results('carbon.scope12')).at(-1)?.value)).toBe(177);
  });
});
