/**
 * Hostile and damaged files sent through the real upload routes (spend import, a return's
 * template, the supplier register): each is refused with a plain message and a 4xx, quickly, and
 * the columns page of a wide file stays small. The files are made here, in memory.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../src/db/schema.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  startTestApp,
  type TestApp,
} from '../helpers/app.js';
import { textOf, type TestClient } from '../helpers/client.js';
import { rowXml, xlsx, zip } from '../helpers/zip.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let orgLead: TestClient;
let spendBase: string;
let returnPath: string;

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps);
  org = await makeOrganisation(t.deps, p);
  orgLead = (await signedIn(t, { role: 'org-lead', partnership: p, organisation: org })).client;
  const lead = (await signedIn(t, { role: 'partnership-lead', partnership: p })).client;
  const opened = await lead.post(`/manage/${p.slug}/periods/new`, {
    kind: 'year',
    fyStartYear: '2025',
    'dueOn-day': '30',
    'dueOn-month': '6',
    'dueOn-year': '2026',
  });
  expect(opened.status).toBe(303);
  const period = await t.database.db
    .selectFrom('reporting_periods')
    .select('id')
    .where('partnership_id', '=', p.id)
    .executeTakeFirstOrThrow();
  spendBase = `/manage/${p.slug}/organisations/${org.id}/spend`;
  returnPath = `/manage/${p.slug}/organisations/${org.id}/returns/${period.id}`;
});
afterAll(() => t?.close());

/** An honest XLSX whose sheet holds `bytes` of repeated rows: tiny compressed, huge inflated. */
function bomb(bytes: number): Buffer {
  const row = rowXml(1, ['Supplier', 'Amount', 'Date']);
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const body = Buffer.alloc(bytes, row);
  const tail = Buffer.from('</sheetData></worksheet>');
  return xlsx({ sheetData: Buffer.concat([head, body, tail]) });
}

/** A well-formed sheet whose part claims to be `declared` bytes when inflated. */
const declaredHuge = (declared: number) =>
  xlsx({ sheetData: rowXml(1, ['Date', 'Supplier', 'Amount']), sheetDeclaredSize: declared });

/** A sheet that inflates past what its zip entry declares. */
const lying = () =>
  xlsx({
    sheetData: Array.from({ length: 2_000 }, (_, i) => rowXml(i + 1, ['a', 'b', 'c'])).join(''),
    sheetDeclaredSize: 500,
  });

const truncated = () => {
  const whole = xlsx({ sheetData: rowXml(1, ['Date', 'Supplier', 'Amount']) });
  return whole.subarray(0, Math.floor(whole.length * 0.7));
};

/** One cell of `chars` random characters in the heading row (so it compresses as text does). */
const hugeHeaderCell = (chars: number) =>
  xlsx({
    sheetData: Buffer.concat([
      Buffer.from(
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>',
      ),
      Buffer.from(randomBytes(Math.ceil((chars * 3) / 4)).toString('base64')),
      Buffer.from('</t></is></c></row></sheetData></worksheet>'),
    ]),
  });

const noReferences = () =>
  xlsx({
    sheetData:
      rowXml(0, ['Date', 'Supplier', 'Amount'], false) +
      rowXml(0, ['01/04/2025', 'Acme Ltd', '12.50'], false),
  });

const wideCsv = (columns: number) =>
  Array.from({ length: columns }, (_, i) => `c${i}`).join(',') +
  '\n' +
  Array.from({ length: columns }, () => '1').join(',') +
  '\n';

async function timed<T>(work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  // Not a performance assertion: a refusal that read the whole file would take minutes.
  expect(Date.now() - started).toBeLessThan(30_000);
  return result;
}

describe('spend import refuses hostile files with a plain message', () => {
  const upload = (name: string, content: Buffer | string) =>
    timed(() => orgLead.upload(`${spendBase}/import`, name, content));

  it.each([
    [
      'a sheet that declares 600 MB',
      () => declaredHuge(600 * 1024 * 1024),
      'The spreadsheet holds more than 500 MB of data once opened',
    ],
    [
      'a 1 MB file that grows to 100 MB',
      () => bomb(100 * 1024 * 1024),
      'The spreadsheet grows to more than 100 times its size when opened',
    ],
    ['a sheet that inflates past its declared size', lying, 'is not a readable XLSX spreadsheet'],
    ['a zip cut short', truncated, 'is not a readable XLSX spreadsheet'],
    [
      'a 5 MB heading cell',
      () => hugeHeaderCell(5 * 1024 * 1024),
      'The cell at row 1, column A is longer than 32,767 characters',
    ],
    [
      'a heading longer than a heading',
      () => xlsx({ sheetData: rowXml(1, ['Date', 'y'.repeat(300), 'Amount']) }),
      'The column heading at row 1, column B is longer than 200 characters',
    ],
    [
      'a sheet with 10,000 columns',
      () =>
        xlsx({
          sheetData: rowXml(
            1,
            Array.from({ length: 10_000 }, (_, i) => `c${i}`),
          ),
        }),
      'Row 1 has more than 100 columns',
    ],
  ])('XLSX: %s', async (_, make, message) => {
    const res = await upload('hostile.xlsx', make());
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain(message);
  });

  it.each([
    ['10,000 columns', () => wideCsv(10_000), 'Line 1 has more than 100 columns'],
    [
      'a 50 MB cell',
      () => `Date,Supplier,Amount\n01/04/2025,"${'z'.repeat(50 * 1024 * 1024)}",1\n`,
      'The cell at line 2, column 2 is longer than 32,767 characters',
    ],
    [
      'a heading of 300 characters',
      () => `Date,${'h'.repeat(300)},Amount\n01/04/2025,Acme,1\n`,
      'The column heading at line 1, column 2 is longer than 200 characters',
    ],
  ])('CSV: %s', async (_, make, message) => {
    const res = await upload('hostile.csv', make());
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain(message);
  });

  it('reads cells and rows that have no reference, in place', async () => {
    const res = await upload('no-refs.xlsx', noReferences());
    expect(res.status).toBe(303);
    const columns = await orgLead.get(res.location!);
    expect(columns.status).toBe(200);
    expect(textOf(columns.body)).toContain('Acme Ltd');
  });

  it('shows a bounded preview of a wide file with long cells on the columns page', async () => {
    const cell = 'w'.repeat(30_000);
    const csv =
      Array.from({ length: 100 }, (_, i) => `Heading ${i}`).join(',') +
      '\n' +
      Array.from({ length: 10 }, () => Array.from({ length: 100 }, () => cell).join(',')).join(
        '\n',
      ) +
      '\n';
    const res = await upload('wide.csv', csv);
    expect(res.status).toBe(303);
    const columns = await timed(() => orgLead.get(res.location!));
    expect(columns.status).toBe(200);
    expect(columns.body.length).toBeLessThan(1024 * 1024);
    expect(textOf(columns.body)).toContain('Heading 99');
  });

  it('shows on the columns page what the upload found, without reading the file again', async () => {
    const res = await upload('found.csv', 'Date,Supplier,Amount\n01/04/2025,Delta Ltd,4.00\n');
    expect(res.status).toBe(303);
    const jobId = /jobs\/([^/]+)\/columns$/.exec(res.location!)![1]!;
    const { file_path } = await t.database.db
      .selectFrom('jobs')
      .select('file_path')
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    // The file changes under the page: the page still shows what was checked at upload.
    fs.writeFileSync(file_path!, wideCsv(10_000));
    const columns = await timed(() => orgLead.get(res.location!));
    expect(columns.status).toBe(200);
    expect(textOf(columns.body)).toContain('Delta Ltd');
    expect(columns.body).not.toContain('c9999');
  });

  /** Uploads a CSV, confirms its columns and waits for the import to finish. */
  async function importCsv(csv: string, mapping: Record<string, string>) {
    const res = await upload('file.csv', csv);
    expect(res.status).toBe(303);
    const confirm = await orgLead.post(res.location!, mapping);
    expect(confirm.status).toBe(303);
    const jobId = /jobs\/([^/]+)$/.exec(confirm.location!)![1]!;
    const load = () =>
      t.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', jobId)
        .executeTakeFirstOrThrow();
    let job = await load();
    for (let i = 0; i < 300 && (job.status === 'running' || job.status === 'queued'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await load();
    }
    return job;
  }

  it('rejects a row whose supplier name is too long, with its reason, and imports the rest', async () => {
    const csv = [
      'Date,Supplier,Amount',
      '01/04/2025,Acme Ltd,10.00',
      `02/04/2025,${randomBytes(6_750).toString('base64url')},20.00`,
      '03/04/2025,Bravo Ltd,30.00',
    ].join('\n');
    const job = await importCsv(csv, {
      'field-date': '0',
      'field-supplier': '1',
      'field-amount': '2',
    });
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ rows: 3, accepted: 2, rejected: 1 });
    const rejected = await t.database.db
      .selectFrom('spend_rejected_rows')
      .select(['line_no', 'reason'])
      .where('batch_id', '=', job.batch_id!)
      .execute();
    expect(rejected).toEqual([
      {
        line_no: 3,
        reason: 'Column “Supplier”: the supplier name is longer than 500 characters',
      },
    ]);
  });

  it('imports a file with as many long headings as allowed, and remembers its columns', async () => {
    const headings = Array.from({ length: 100 }, (_, i) =>
      i < 3 ? ['Date', 'Supplier', 'Amount'][i]! : randomBytes(150).toString('base64url'),
    );
    const row = ['05/04/2025', 'Charlie Ltd', '5.00', ...Array.from({ length: 97 }, () => 'x')];
    const job = await importCsv(`${headings.join(',')}\n${row.join(',')}\n`, {
      'field-date': '0',
      'field-supplier': '1',
      'field-amount': '2',
    });
    expect(job.message).toBe('Imported.');
    expect(job.result).toMatchObject({ rows: 1, accepted: 1 });
  });
});

describe('a return’s template upload refuses hostile files with a plain message', () => {
  const upload = (name: string, content: Buffer | string) =>
    timed(() => orgLead.upload(`${returnPath}/upload`, name, content));

  it('refuses a sheet that inflates to more than 50 MB, without reading it all', async () => {
    const res = await upload('bomb.xlsx', bomb(60 * 1024 * 1024));
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain('The spreadsheet holds more than 50 MB of data once opened');
  });

  it.each([
    ['a sheet that inflates past its declared size', lying, 'is not a readable XLSX spreadsheet'],
    ['a zip cut short', truncated, 'is not a readable XLSX spreadsheet'],
    [
      'a 5 MB heading cell',
      () => hugeHeaderCell(5 * 1024 * 1024),
      'The cell at row 1, column A is longer than 32,767 characters',
    ],
    [
      'a sheet with 10,000 columns',
      () =>
        xlsx({
          sheetData: rowXml(
            1,
            Array.from({ length: 10_000 }, (_, i) => `c${i}`),
          ),
        }),
      'Row 1 has more than 50 columns',
    ],
    [
      'a zip whose other parts are a bomb',
      () =>
        zip([
          {
            name: 'xl/workbook.xml',
            data: Buffer.alloc(1024, ' '),
            declaredSize: 0xfffffff0,
          },
        ]),
      'not a readable XLSX spreadsheet',
    ],
  ])('XLSX: %s', async (_, make, message) => {
    const res = await upload('hostile.xlsx', make());
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain(message);
  });

  it.each([
    ['10,000 columns', () => wideCsv(10_000), 'Line 1 has more than 50 columns'],
    [
      'a 5 MB cell',
      () => `item_id,value\nstaff_headcount,"${'9'.repeat(5 * 1024 * 1024)}"\n`,
      'longer than 32,767 characters',
    ],
    [
      'more rows than a return has figures',
      () => 'item_id,value\n' + 'staff_headcount,1\n'.repeat(6_000),
      'The file has more than 5,000 rows',
    ],
  ])('CSV: %s', async (_, make, message) => {
    const res = await upload('hostile.csv', make());
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain(message);
  });

  it('reads a template whose cells have no reference', async () => {
    const file = xlsx({
      sheetData:
        rowXml(0, ['item_id', 'value'], false) + rowXml(0, ['staff_headcount', '120'], false),
    });
    const res = await upload('no-refs.xlsx', file);
    expect(res.status).toBe(200);
    expect(res.body).toContain('name="value-staff_headcount" value="120"');
  });
});

describe('the supplier register upload refuses hostile files with a plain message', () => {
  const upload = (name: string, content: Buffer | string) =>
    timed(() => orgLead.upload(`/manage/${p.slug}/suppliers/upload`, name, content, 'text/csv'));

  it.each([
    ['10,000 columns', () => wideCsv(10_000), 'Line 1 has more than 50 columns'],
    [
      'a 1 MB cell',
      () => `supplier,postcode\n"${'n'.repeat(1024 * 1024)}",L1 8JQ\n`,
      'The cell at line 2, column 1 is longer than 2,000 characters',
    ],
    [
      'a heading of 300 characters',
      () => `supplier,${'h'.repeat(300)}\nAcme,1\n`,
      'The column heading at line 1, column 2 is longer than 200 characters',
    ],
  ])('CSV: %s', async (_, make, message) => {
    const res = await upload('hostile.csv', make());
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain(message);
  });

  it('names a row whose supplier name is too long, and saves nothing', async () => {
    const res = await upload(
      'suppliers.csv',
      `supplier,postcode\nAcme Ltd,L1 8JQ\n${randomBytes(1_000).toString('hex')},L1 8JQ\n`,
    );
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain(
      'Line 3 Column supplier Problem The supplier name is longer than 500 characters',
    );
  });

  it('refuses a compressed file sent as CSV', async () => {
    const res = await upload('suppliers.csv', zlib.gzipSync(Buffer.alloc(1000)));
    expect(res.status).toBe(400);
  });
});
