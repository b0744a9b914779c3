/**
 * The payroll fixture (test/fixtures/payroll/README.md) read as the import will read it, CSV and
 * XLSX, reduced, placed with the reference data that ships in data/reference, and counted: the
 * figures are those worked out by hand in the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SPEND_FILE_LIMITS } from '../src/core/file-limits.js';
import { readCsv } from '../src/core/spend/csv.js';
import {
  aggregatePayroll,
  payrollFigures,
  type Placement,
  type PayrollRow,
} from '../src/core/workforce/aggregate.js';
import { detectPayrollMapping, personalColumns } from '../src/core/workforce/fields.js';
import { LIVING_WAGE_RATES } from '../src/core/workforce/living-wage.js';
import { reducePayrollRow } from '../src/core/workforce/reduce.js';
import { readXlsxTable } from '../src/files/xlsx.js';

const DIR = path.join(import.meta.dirname, 'fixtures', 'payroll');
const REFERENCE = path.join(import.meta.dirname, '..', 'data', 'reference');

/** Cheshire and Merseyside, the demo partnership's local area. */
const LOCAL = new Set([
  'E06000049',
  'E06000050',
  'E06000006',
  'E06000007',
  'E08000011',
  'E08000012',
  'E08000013',
  'E08000014',
  'E08000015',
]);

function gzCsv(file: string): string[][] {
  const text = zlib.gunzipSync(fs.readFileSync(path.join(REFERENCE, file))).toString('utf8');
  return readCsv(text)
    .slice(1)
    .map((r) => r.fields);
}

function placer(): (postcode: string) => Placement | null {
  const wanted = new Set(
    readCsv(fs.readFileSync(path.join(DIR, 'payroll-2025-26.csv'), 'utf8')).map((r) =>
      (r.fields[8] ?? '').replace(/\s+/g, '').toUpperCase(),
    ),
  );
  const lsoaOf = new Map<string, [string, string]>();
  for (const [pcd, lad, lsoa] of gzCsv('onspd-sample.csv.gz')) {
    const key = pcd!.replace(/\s+/g, '');
    if (wanted.has(key)) lsoaOf.set(key, [lad!, lsoa!]);
  }
  const decileOf = new Map<string, number>();
  for (const [lsoa, decile] of gzCsv('imd2019-lsoa11.csv.gz')) decileOf.set(lsoa!, Number(decile));
  return (postcode) => {
    const found = lsoaOf.get(postcode.replace(/\s+/g, ''));
    if (!found) return null;
    const [district, lsoa] = found;
    return { district, lsoa, decile: decileOf.get(lsoa) ?? null, local: LOCAL.has(district) };
  };
}

function count(table: string[][]) {
  const [headers, ...rows] = table;
  const mapping = detectPayrollMapping(headers!);
  const place = placer();
  const reduced: PayrollRow[] = [];
  const rejected: string[][] = [];
  for (const cells of rows) {
    const r = reducePayrollRow(cells, {
      mapping,
      headers: headers!,
      rates: LIVING_WAGE_RATES,
      paysLondonWeighting: false,
      period: { startsOn: '2025-04-01', endsOn: '2026-03-31' },
      defaultPayDate: '2026-03-31',
    });
    if (!r.ok) rejected.push([...r.reasons]);
    else {
      const { postcodeForPlacing } = r.record;
      reduced.push({
        record: r.record,
        placement: postcodeForPlacing ? place(postcodeForPlacing) : null,
      });
    }
  }
  return { headers: headers!, mapping, rejected, counts: aggregatePayroll(reduced) };
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

describe('the payroll fixture', { timeout: 30_000 }, () => {
  const csv = readCsv(fs.readFileSync(path.join(DIR, 'payroll-2025-26.csv'), 'utf8')).map(
    (r) => r.fields,
  );

  it('has 40 people and sets its name, staff number and date of birth columns aside', () => {
    const { headers, mapping, rejected } = count(csv);
    expect(csv).toHaveLength(41);
    expect(rejected).toEqual([]);
    expect(personalColumns(headers, mapping).map((p) => headers[p.index])).toEqual([
      'Staff Number',
      'Surname',
      'Forename',
      'Date of Birth',
    ]);
  });

  it('gives the figures worked out by hand in its README', () => {
    const f = payrollFigures(count(csv).counts);
    expect([f.W1.numerator, f.W1.denominator, f.W1.coverage.total, round1(f.W1.percent)]).toEqual([
      24, 29, 30, 82.8,
    ]);
    expect([f.W2.numerator, f.W2.denominator, f.W2.coverage.total, round1(f.W2.percent)]).toEqual([
      5, 9, 10, 55.6,
    ]);
    expect([f.W4.numerator, f.W4.denominator, f.W4.coverage.total, round1(f.W4.percent)]).toEqual([
      21, 28, 30, 75,
    ]);
    expect([f.W5.numerator, f.W5.denominator, round1(f.W5.percent)]).toEqual([17, 28, 60.7]);
    expect([f.W6.numerator, f.W6.denominator, f.W6.coverage.total, round1(f.W6.percent)]).toEqual([
      8, 9, 10, 88.9,
    ]);
    expect([f.W7, f.W8]).toEqual([3, 5]);
  });

  it('reads the same from its XLSX copy', async () => {
    const xlsx = await readXlsxTable(
      fs.readFileSync(path.join(DIR, 'payroll-2025-26.xlsx')),
      SPEND_FILE_LIMITS,
    );
    // A sheet leaves out empty cells at the end of a row.
    const table = xlsx.map((r) => csv[0]!.map((_, i) => r.fields[i] ?? ''));
    expect(table).toEqual(csv);
    expect(count(table).counts).toEqual(count(csv).counts);
  });
});
