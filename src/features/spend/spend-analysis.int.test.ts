/**
 * A hand-checked example: six suppliers with real postcodes in and out of the partnership's local
 * area (Liverpool, E08000012), in IMD decile 1 and decile 10, and the percentages the spend
 * calculators and the spend breakdown must give for them.
 *
 * Where each postcode is, looked up by hand in the shipped reference data:
 *
 * | Supplier                 | Postcode  | District (onspd-sample / ranges) | LSOA 2011 = 2021 | IMD 2019 | IMD 2025 |
 * |--------------------------|-----------|----------------------------------|------------------|----------|----------|
 * | Toxteth Joinery Ltd      | L8 8AW    | E08000012 Liverpool              | E01006518        | 1        | 1        |
 * | Woolton Garden Services  | L16 9LE   | E08000012 Liverpool              | E01006583        | 10       | 10       |
 * | Kirkby Community Trust   | L32 6SE   | E08000011 Knowsley               | E01006434        | 1        | 1        |
 * | Wilmslow Consulting Ltd  | SK9 7BL   | E06000049 Cheshire East          | E01018573        | 10       | 10       |
 * | City Centre Stationers   | L1 8JQ    | E08000012 Liverpool (ranges only: not in the ONSPD sample, so no LSOA) | – | – | – |
 * | Unknown Supplies         | NOT KNOWN | (not a postcode)                 | –                | –        | –        |
 *
 * (Each LSOA 2011 maps to the same single LSOA 2021 code in lsoa11-lsoa21.csv.gz, so both
 * editions give the same deciles.)
 *
 * Spend in the financial year 2025/26 (1 April 2025 to 31 March 2026):
 *   Toxteth   £1,200.00 and a credit of (£200.00)  = £1,000.00  local, deprived, SME
 *   Woolton   £2,000.00                            = £2,000.00  local
 *   Kirkby    £3,000.00                            = £3,000.00  deprived, VCSE
 *   Wilmslow  £2,500.00                            = £2,500.00
 *   City      £500.00                              =   £500.00  local (district only), SME
 *   Unknown   £1,000.00                            = £1,000.00  location not known
 *   total                                          = £10,000.00
 * Woolton's £5,000.00 paid on 31 March 2025 is in 2024/25 and counts for none of it.
 *
 *   local      = 1,000 + 2,000 + 500        = 3,500 / 10,000 = 35 %
 *   deprived   = 1,000 + 3,000 (deciles 1–2) = 4,000 / 10,000 = 40 %
 *   SME        = 1,000 + 500                 = 1,500 / 10,000 = 15 %
 *   VCSE       = 3,000                       = 3,000 / 10,000 = 30 %
 *   location known = 10,000 − 1,000          = 9,000 / 10,000 = 90 %
 * In the first quarter (April–June 2025), where all of it falls, the same percentages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import {
  makeOrganisation,
  makePartnership,
  openQuarter,
  openYear,
  signedInAs,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { textOf } from '../../../test/helpers/client.js';
import { importSpendCsv } from '../../../test/helpers/spend.js';
import { spendBreakdown } from './spend.repo.js';

const SPEND_CSV = [
  'Date Paid,Supplier Name,Supplier Postcode,Expense Type,Transaction Reference,Amount',
  '02/05/2025,Toxteth Joinery Ltd,L8 8AW,Building,TX1,"1,200.00"',
  '20/05/2025,TOXTETH JOINERY LIMITED,L8 8AW,Building,TX2,(200.00)',
  '03/05/2025,Woolton Garden Services,L16 9LE,Grounds,WG1,"2,000.00"',
  '31/03/2025,Woolton Garden Services,L16 9LE,Grounds,WG0,"5,000.00"',
  '04/05/2025,Kirkby Community Trust,L32 6SE,Community,KC1,£3000',
  '05/06/2025,Wilmslow Consulting Ltd,SK9 7BL,Consultancy,WC1,2500',
  '06/06/2025,City Centre Stationers,L1 8JQ,Stationery,CC1,500.00',
  '07/06/2025,Unknown Supplies,NOT KNOWN,Other,UK1,1000',
  '',
].join('\r\n');

const SUPPLIERS_CSV = [
  'supplier,postcode,type',
  'Toxteth Joinery Ltd,l88aw,sme',
  'Woolton Garden Services,L16 9LE,large',
  'Kirkby Community Trust,L32 6SE,vcse',
  'Wilmslow Consulting Ltd,SK9 7BL,large',
  'City Centre Stationers,L1 8JQ,sme',
  'Unknown Supplies,NOT KNOWN,',
  '',
].join('\r\n');

const EXPECTED = {
  'spend.local': { value: 35, numerator: 350_000 },
  'spend.deprived': { value: 40, numerator: 400_000 },
  'spend.sme': { value: 15, numerator: 150_000 },
  'spend.vcse': { value: 30, numerator: 300_000 },
  'spend.location-known': { value: 90, numerator: 900_000 },
};
const TOTAL = 1_000_000;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ reference: true });
});

afterAll(() => t?.close());

async function setUp(): Promise<{
  partnership: Partnership;
  org: Organisation;
  year: ReportingPeriod;
  quarter: ReportingPeriod;
}> {
  const partnership = await makePartnership(t.deps); // local area: Liverpool, E08000012
  const org = await makeOrganisation(t.deps, partnership);
  const year = await openYear(t.deps, partnership, 2025);
  const quarter = await openQuarter(t.deps, partnership, 2025, 1, '2025-07-31');
  expect([year.starts_on, year.ends_on, quarter.starts_on, quarter.ends_on].map(String)).toEqual([
    '2025-04-01',
    '2026-03-31',
    '2025-04-01',
    '2025-06-30',
  ]);
  const result = await importSpendCsv(t, partnership, org, SPEND_CSV, {
    fileName: 'hand-checked.csv',
  });
  expect(result).toMatchObject({ rows: 8, accepted: 8, rejected: 0, duplicates: 0 });
  return { partnership, org, year, quarter };
}

async function results(partnershipId: string, periodId: string) {
  const rows = await t.database.db
    .selectFrom('calculator_results')
    .select(['calculator', 'value', 'numerator', 'denominator'])
    .where('partnership_id', '=', partnershipId)
    .where('period_id', '=', periodId)
    .where('calculator', 'like', 'spend.%')
    .execute();
  return Object.fromEntries(
    rows.map((r) => [
      r.calculator,
      {
        value: Number(r.value),
        numerator: Number(r.numerator),
        denominator: Number(r.denominator),
      },
    ]),
  );
}

function expectHandChecked(got: Record<string, unknown>) {
  expect(got).toEqual(
    Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, { ...v, denominator: TOTAL }])),
  );
}

describe('the hand-checked example', () => {
  it('gives the local, deprived, SME, VCSE and location-known percentages worked out by hand', async () => {
    const { partnership, org, year, quarter } = await setUp();
    const upload = await t.deps.suppliers.upload(
      partnership.id,
      Buffer.from(SUPPLIERS_CSV),
      SYSTEM_ACTOR,
    );
    expect(upload).toEqual({ problems: [], updated: 6, added: 0 });

    // The suppliers (two spellings of Toxteth are one) placed as looked up by hand.
    const suppliers = await t.database.db
      .selectFrom('suppliers')
      .select(['name_norm', 'postcode', 'lad', 'lsoa21', 'location_precision', 'type'])
      .where('partnership_id', '=', partnership.id)
      .orderBy('name_norm')
      .execute();
    expect(
      suppliers.map((s) => [
        s.name_norm,
        s.postcode,
        s.lad,
        s.lsoa21,
        s.location_precision,
        s.type,
      ]),
    ).toEqual([
      ['CITY CENTRE STATIONERS', 'L1 8JQ', 'E08000012', null, 'district', 'sme'],
      ['KIRKBY COMMUNITY TRUST', 'L32 6SE', 'E08000011', 'E01006434', 'lsoa', 'vcse'],
      ['TOXTETH JOINERY', 'L8 8AW', 'E08000012', 'E01006518', 'lsoa', 'sme'],
      ['UNKNOWN SUPPLIES', 'NOT KNOWN', null, null, 'none', 'unclassified'],
      ['WILMSLOW CONSULTING', 'SK9 7BL', 'E06000049', 'E01018573', 'lsoa', 'large'],
      ['WOOLTON GARDEN SERVICES', 'L16 9LE', 'E08000012', 'E01006583', 'lsoa', 'large'],
    ]);

    expectHandChecked(await results(partnership.id, year.id));
    expectHandChecked(await results(partnership.id, quarter.id));

    // The breakdown the spend pages show gives the same figures.
    const [all] = await spendBreakdown(t.database.db, partnership.id, {
      from: '2025-04-01',
      to: '2026-03-31',
      by: 'none',
    });
    expect(all).toMatchObject({
      lines: 7,
      total: TOTAL,
      local: 350_000,
      deprived: 400_000,
      sme: 150_000,
      vcse: 300_000,
      known: 900_000,
      decileKnown: 850_000,
      typeKnown: 900_000,
    });
    const byOrg = await spendBreakdown(t.database.db, partnership.id, {
      from: '2025-04-01',
      to: '2026-03-31',
      by: 'organisation',
    });
    expect(byOrg.map((r) => [r.key, r.total, r.local, r.deprived])).toEqual([
      [org.id, TOTAL, 350_000, 400_000],
    ]);
    const byMonth = await spendBreakdown(t.database.db, partnership.id, {
      from: '2025-04-01',
      to: '2026-03-31',
      by: 'month',
    });
    expect(byMonth.map((r) => [r.key, r.total, r.local, r.deprived])).toEqual([
      ['2025-05', 600_000, 300_000, 400_000],
      ['2025-06', 400_000, 50_000, 0],
    ]);
  });

  it('shows each share on the spend page with what it rests on, "Not known" when too little is, and pence', async () => {
    const { partnership, org } = await setUp();
    const lead = await signedInAs(t, 'org-lead', partnership, org);
    const page = `/manage/${partnership.slug}/organisations/${org.id}/spend?year=2025`;
    // Straight after the import no supplier has a type: SME and VCSE shares are not known.
    const before = textOf((await lead.get(page)).body);
    expect(before).toContain('£10,000.00 in 7 payments');
    expect(before).toContain('P3 With SMEs Not known (supplier type known for 0.0% of spend)');
    expect(before).toContain(
      'P4 With VCSE organisations Not known (supplier type known for 0.0% of spend)',
    );
    expect(before).not.toMatch(/P3 With SMEs 0\.0%/);

    await t.deps.suppliers.upload(partnership.id, Buffer.from(SUPPLIERS_CSV), SYSTEM_ACTOR);
    const after = textOf((await lead.get(page)).body);
    expect(after).toContain(
      'P1 With suppliers in the local area 35.0% (supplier location known for 90.0% of spend)',
    );
    expect(after).toContain(
      'P2 In the 20% most deprived areas 40.0% (supplier neighbourhood known for 85.0% of spend)',
    );
    expect(after).toContain('P3 With SMEs 15.0% (supplier type known for 90.0% of spend)');
    expect(after).toContain('Supplier type known 90.0% of spend, used for P3 and P4');
  });

  it('gives the same deprived-area figure under IMD 2019', async () => {
    const { partnership, year } = await setUp();
    await t.deps.suppliers.upload(partnership.id, Buffer.from(SUPPLIERS_CSV), SYSTEM_ACTOR);
    // Changing the edition in the settings works the figures out again in the same transaction.
    await t.deps.tenancy.updateSettings(
      partnership,
      {
        name: partnership.name,
        localArea: partnership.local_area,
        fyStartMonth: partnership.fy_start_month,
        isPublic: partnership.is_public,
        requireStaffTotp: partnership.require_staff_totp,
        imdEdition: 2019,
      },
      SYSTEM_ACTOR,
    );
    expectHandChecked(await results(partnership.id, year.id));
  });

  // A spend file's own postcodes place the suppliers it names (when the register has none).
  it('places suppliers from the postcodes in the spend file itself', async () => {
    const { partnership, year } = await setUp();
    const got = await results(partnership.id, year.id);
    expect(got['spend.local']).toEqual({ ...EXPECTED['spend.local'], denominator: TOTAL });
    expect(got['spend.location-known']).toEqual({
      ...EXPECTED['spend.location-known'],
      denominator: TOTAL,
    });
  });
});
