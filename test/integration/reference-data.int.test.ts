/**
 * The two test databases: the lean one (no postcode directory) refuses, with a message naming the
 * opt-in, any read of the postcode directory instead of placing suppliers by district alone; the
 * one asked for with `reference: true` places them to their neighbourhood.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DistrictRanges, placePostcodes } from '../../src/reference/geography.js';
import { makePartnership, signedIn, startTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { NO_POSTCODES_MESSAGE } from '../helpers/reference-guard.js';

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const d of opened) await d.dispose();
});

async function database(reference: boolean): Promise<TestDatabase> {
  const d = await openTestDatabase({ reference });
  opened.push(d);
  return d;
}

describe('test databases', () => {
  it('without reference data, reading the postcode directory fails and says how to ask for it', async () => {
    const lean = await database(false);
    expect(lean.reference).toBe(false);
    await expect(placePostcodes(lean.db, DistrictRanges.shared(), ['L7 8XP'])).rejects.toThrow(
      NO_POSTCODES_MESSAGE,
    );
    // The deprivation and LSOA tables are there (they are small); a start of the service does
    // not try to load the postcode directory into the guard.
    const imd = await lean.db
      .selectFrom('ref_imd')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(imd.n)).toBeGreaterThan(60_000);
    const sets = await lean.db.selectFrom('ref_datasets').select('name').orderBy('name').execute();
    expect(sets.map((s) => s.name)).toEqual([
      'imd2019',
      'imd2025',
      'lsoa11-lsoa21',
      'postcodes-sample',
    ]);
  });

  it('with reference data, places a postcode to its neighbourhood', async () => {
    const full = await database(true);
    expect(full.reference).toBe(true);
    // In the shipped sample: Liverpool, LSOA E01006696.
    const placed = await placePostcodes(full.db, DistrictRanges.shared(), ['L7 2RE']);
    expect(placed.get('L7 2RE')).toMatchObject({
      postcode: 'L7 2RE',
      lad: 'E08000012',
      lsoa11: 'E01006696',
      precision: 'lsoa',
      problem: null,
    });
  });
});

describe('a test app without reference data', () => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close().catch(() => undefined);
  });

  it('fails when it closes if a request read the postcode directory, whatever the request answered', async () => {
    t = await startTestApp();
    const p = await makePartnership(t.deps);
    const { client } = await signedIn(t, { role: 'partnership-lead', partnership: p });
    const url = `/manage/${p.slug}/suppliers/upload`;
    await client.get(url);
    const page = await client.upload(
      url,
      'suppliers.csv',
      'supplier,postcode\r\nMersey Catering Ltd,L7 8XP\r\n',
      'text/csv',
    );
    expect(page.status).toBe(500);
    const closing = t.close();
    t = undefined;
    await expect(closing).rejects.toThrow(NO_POSTCODES_MESSAGE);
  });
});
