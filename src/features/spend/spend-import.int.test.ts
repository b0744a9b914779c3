/**
 * Importing real spend files: reconciliation against totals worked out here from the fixture
 * bytes, idempotence, overlapping files counted as multisets, concurrency, failures that leave
 * nothing behind, and the rejected-rows download.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { textOf } from '../../../test/helpers/client.js';
import { normaliseSupplierName } from '../../core/spend/suppliers.js';
import { importSpendFile, SpendImportError } from './spend-import.js';
import { jobPath, organisationSpendPath } from './spend.pages.js';
import { COPY_STAGING_COLUMNS, SpendRowWriter } from './spend-rows.js';

/** A line's key's values: organisation, date, normalised supplier, pence, reference, type, area. */
type KeyParts = [string, string, string, number, string | null, string | null, string | null];

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/spend/', import.meta.url));

let t: TestApp;
let tmp: string;

beforeAll(async () => {
  t = await startTestApp();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-spend-'));
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Imports' own staging tables still in the database (each is dropped when its import ends). */
async function stagingTables(): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_class
    WHERE relkind = 'r' AND relname LIKE 'spend\\_staging\\_%'`.execute(t.deps.database.db);
  return Number(r.rows[0]?.n);
}

// ----- Independent reading of a fixture -----

/** Text of a file: UTF-8 when it decodes as such (BOM removed), else Windows-1252. */
function decode(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\ufeff/, '');
}

/** Pounds as written in these files ("67,132.60", "-195.75", "81360") to pence, exactly. */
function pence(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,/g, ''));
  if (!m) throw new Error(`not an amount in a fixture: ${text}`);
  const p = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -p : p;
}

interface FileFacts {
  header: string[];
  rows: string[][];
  totalPence: bigint;
}

/** The data rows of a CSV (blank rows are not data) and the total of its amount column. */
function facts(bytes: Buffer, amountHeader: string): FileFacts {
  const records = parse(decode(bytes), { relax_column_count: true });
  const [header, ...rest] = records;
  const rows = rest.filter((r) => r.some((f) => f.trim() !== ''));
  const a = header!.findIndex((h) => h.trim().toLowerCase() === amountHeader.toLowerCase());
  expect(a, amountHeader).toBeGreaterThanOrEqual(0);
  const totalPence = rows.reduce((s, r) => s + pence(r[a]!), 0n);
  return { header: header!, rows, totalPence };
}

function fixtureFacts(name: string, amountHeader: string) {
  return facts(fs.readFileSync(path.join(FIXTURES, name)), amountHeader);
}

// ----- Helpers -----

async function freshOrganisation(): Promise<{ partnership: Partnership; org: Organisation }> {
  const partnership = await makePartnership(t.deps);
  const org = await makeOrganisation(t.deps, partnership);
  return { partnership, org };
}

function run(
  partnership: Partnership,
  organisation: Organisation,
  filePath: string,
  parseIn?: 'workers' | 'worker' | 'thread',
) {
  return importSpendFile({
    database: t.database,
    partnership,
    organisation,
    filePath,
    fileName: path.basename(filePath),
    actor: SYSTEM_ACTOR,
    parseIn,
  });
}

function writeTmp(name: string, content: string | Buffer): string {
  const file = path.join(tmp, `${randomBytes(4).toString('hex')}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

async function counts(partnershipId: string) {
  const db = t.database.db;
  const one = async (table: 'spend_lines' | 'spend_batches' | 'suppliers') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(db.fn.countAll().as('n'))
          .where('partnership_id', '=', partnershipId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const staging = await stagingTables();
  return {
    lines: await one('spend_lines'),
    batches: await one('spend_batches'),
    suppliers: await one('suppliers'),
    staging,
  };
}

async function storedTotal(organisationId: string) {
  const r = await t.database.db
    .selectFrom('spend_lines')
    .select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('amount_pence').as('sum')])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return { lines: Number(r.n), pence: BigInt(r.sum ?? 0) };
}

const FIXTURE_FILES: {
  file: string;
  amount: string;
  encoding: 'utf-8' | 'windows-1252';
}[] = [
  { file: 'chwe-2020-04.csv', amount: 'amount', encoding: 'windows-1252' },
  { file: 'chwe-2020-05-blank-tail.csv', amount: 'amount', encoding: 'utf-8' },
  { file: 'chwe-2020-06.csv', amount: 'amount', encoding: 'utf-8' },
  { file: 'impc-2020-05-first120.csv', amount: 'Amount', encoding: 'utf-8' },
  { file: 'impc-2020-09-first60-bom.csv', amount: 'Amount', encoding: 'utf-8' },
  { file: 'trafford-2024-25-first300.csv', amount: 'Amount', encoding: 'utf-8' },
];

// ----- Tests -----

describe('importing the real fixture files', () => {
  it.each(
    FIXTURE_FILES.flatMap((f) => [
      { ...f, parseIn: 'thread' as const, where: 'this thread' },
      { ...f, parseIn: 'worker' as const, where: 'a worker thread' },
      { ...f, parseIn: 'workers' as const, where: 'two worker threads, a half each' },
    ]),
  )(
    '$file reconciles exactly with the totals of the file (parsed in $where)',
    async ({ file, amount, encoding, parseIn }) => {
      const expected = fixtureFacts(file, amount);
      const { partnership, org } = await freshOrganisation();
      const result = await run(partnership, org, path.join(FIXTURES, file), parseIn);

      expect(result.encoding).toBe(encoding);
      expect(result.alreadyImported).toBe(false);
      expect(result.rows).toBe(expected.rows.length);
      expect(result.accepted + result.rejected + result.duplicates).toBe(expected.rows.length);
      expect(result.rejected).toBe(0);
      expect(result.duplicates).toBe(0);
      expect(
        BigInt(
          result.amountAcceptedPence + result.amountRejectedPence + result.amountDuplicatesPence,
        ),
      ).toBe(expected.totalPence);

      const stored = await storedTotal(org.id);
      expect(stored).toEqual({ lines: result.accepted, pence: expected.totalPence });
      const batch = await t.database.db
        .selectFrom('spend_batches')
        .selectAll()
        .where('id', '=', result.batchId)
        .executeTakeFirstOrThrow();
      expect({
        rows: batch.rows,
        accepted: batch.accepted,
        encoding: batch.encoding,
        amount: BigInt(batch.amount_accepted_pence),
      }).toEqual({
        rows: expected.rows.length,
        accepted: expected.rows.length,
        encoding,
        amount: expected.totalPence,
      });
      expect((await counts(partnership.id)).staging).toBe(0);
    },
  );

  it('keeps the Windows-1252 en dash and the supplier names as written', async () => {
    const { partnership, org } = await freshOrganisation();
    await run(partnership, org, path.join(FIXTURES, 'chwe-2020-04.csv'));
    const lines = await t.database.db
      .selectFrom('spend_lines')
      .select(['expense_type', 'supplier_raw', 'payment_date', 'amount_pence', 'line_no'])
      .where('organisation_id', '=', org.id)
      .where('line_no', 'in', [2, 19])
      .orderBy('line_no')
      .execute();
    expect(
      lines.map((l) => [l.line_no, l.expense_type, l.supplier_raw, Number(l.amount_pence)]),
    ).toEqual([
      [2, 'Building Expenditure', 'Bywest Ltd', 6713260],
      [19, 'Recharges \u2013 Pay and non-pay costs', 'Imperial College London', 18689082],
    ]);
  });

  it('keeps every one of the identical lines inside one file', async () => {
    const facts300 = fixtureFacts('trafford-2024-25-first300.csv', 'Amount');
    const multiplicity = new Map<string, number>();
    for (const r of facts300.rows)
      multiplicity.set(r.join('\u0000'), (multiplicity.get(r.join('\u0000')) ?? 0) + 1);
    const [line, most] = [...multiplicity.entries()].sort((a, b) => b[1] - a[1])[0]!;
    expect(most).toBeGreaterThanOrEqual(3);
    const fields = line.split('\u0000');

    const { partnership, org } = await freshOrganisation();
    const result = await run(
      partnership,
      org,
      path.join(FIXTURES, 'trafford-2024-25-first300.csv'),
    );
    expect(result.accepted).toBe(300);
    const same = await t.database.db
      .selectFrom('spend_lines')
      .select(t.database.db.fn.countAll().as('n'))
      .where('organisation_id', '=', org.id)
      .where('transaction_ref', '=', fields[7]!)
      .where('supplier_raw', '=', fields[4]!)
      .where('amount_pence', '=', Number(pence(fields[8]!)))
      .executeTakeFirstOrThrow();
    expect(Number(same.n)).toBe(most);
  });

  it('imports an XLSX workbook made from a fixture’s rows, Excel dates and all', async () => {
    const csv = fixtureFacts('impc-2020-05-first120.csv', 'Amount');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('May 2020');
    sheet.addRow(csv.header);
    const dateCol = csv.header.indexOf('Date Paid');
    const amountCol = csv.header.indexOf('Amount');
    csv.rows.forEach((r, i) => {
      const values: (string | number | Date)[] = [...r];
      const [d, m, y] = r[dateCol]!.split('/').map(Number) as [number, number, number];
      // Half the dates as date cells, half as the serial numbers some trusts publish.
      values[dateCol] =
        i % 2 === 0
          ? new Date(Date.UTC(y, m - 1, d))
          : (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
      values[amountCol] = Number(pence(r[amountCol]!)) / 100;
      sheet.addRow(values);
    });
    sheet.addRow([]);
    const file = path.join(tmp, 'impc-may.xlsx');
    await workbook.xlsx.writeFile(file);

    const { partnership, org } = await freshOrganisation();
    const result = await run(partnership, org, file);
    expect(result.encoding).toBe('xlsx');
    expect(result).toMatchObject({ rows: 120, accepted: 120, rejected: 0, duplicates: 0 });
    expect(BigInt(result.amountAcceptedPence)).toBe(csv.totalPence);

    // The same rows as CSV into another organisation give the same lines, date for date.
    const other = await makeOrganisation(t.deps, partnership);
    await run(partnership, other, path.join(FIXTURES, 'impc-2020-05-first120.csv'));
    const byDate = async (id: string) =>
      (
        await t.database.db
          .selectFrom('spend_lines')
          .select(['payment_date', 'amount_pence', 'supplier_raw'])
          .where('organisation_id', '=', id)
          .orderBy('line_no')
          .execute()
      ).map((l) => [String(l.payment_date), Number(l.amount_pence), l.supplier_raw]);
    expect(await byDate(org.id)).toEqual(await byDate(other.id));
  });
});

describe('idempotence and overlap', () => {
  it('re-importing the same file, under any name, adds nothing', async () => {
    const { partnership, org } = await freshOrganisation();
    const file = path.join(FIXTURES, 'impc-2020-05-first120.csv');
    const first = await run(partnership, org, file);
    const before = await counts(partnership.id);
    const again = await run(partnership, org, file);
    const renamed = await run(partnership, org, writeTmp('renamed.csv', fs.readFileSync(file)));
    for (const r of [again, renamed]) {
      expect(r.alreadyImported).toBe(true);
      expect(r.accepted).toBe(0);
      expect(r.batchId).toBe(first.batchId);
      expect(r.accepted + r.rejected + r.duplicates).toBe(r.rows);
      expect(r.amountDuplicatesPence).toBe(first.amountAcceptedPence);
    }
    expect(await counts(partnership.id)).toEqual(before);
  });

  it('a file overlapping one already loaded adds max(0, n − m) of each line', async () => {
    const { partnership, org } = await freshOrganisation();
    const head = 'Date Paid,Supplier Name,Transaction Reference,Amount\r\n';
    const X = '01/04/2025,Bywest Ltd,T1,"1,000.00"\r\n';
    const Y = '02/04/2025,Care Providers Ltd,T2,250.50\r\n';
    const Z = '03/04/2025,Reed,T3,-99.99\r\n';
    // First file: X three times, Y once.
    const a = await run(partnership, org, writeTmp('a.csv', head + X + X + Y + X));
    expect(a).toMatchObject({ rows: 4, accepted: 4, duplicates: 0 });
    // Second: X five times (adds 2), Y once (adds 0), Z twice (adds 2).
    const b = await run(partnership, org, writeTmp('b.csv', head + X + Z + X + Y + X + X + Z + X));
    expect(b).toMatchObject({ rows: 8, accepted: 4, rejected: 0, duplicates: 4 });
    expect(b.amountAcceptedPence).toBe(2 * 100000 + 2 * -9999);
    expect(b.amountDuplicatesPence).toBe(3 * 100000 + 25050);
    // Third: X twice and Y twice (adds 1 Y); Z is not in it.
    const c = await run(partnership, org, writeTmp('c.csv', head + Y + X + Y + X));
    expect(c).toMatchObject({ rows: 4, accepted: 1, duplicates: 3 });
    expect(c.amountAcceptedPence).toBe(25050);
    // Stored: X 5, Y 2, Z 2.
    expect(await storedTotal(org.id)).toEqual({
      lines: 9,
      pence: BigInt(5 * 100000 + 2 * 25050 + 2 * -9999),
    });
  });

  it('the lines of a file loaded before, in another order and under another name, add nothing', async () => {
    const { partnership, org } = await freshOrganisation();
    const text = fs.readFileSync(path.join(FIXTURES, 'trafford-2024-25-first300.csv'), 'utf8');
    const [header, ...data] = text.split('\r\n').filter((l) => l !== '');
    const first = await run(partnership, org, writeTmp('first.csv', text));
    const before = await counts(partnership.id);
    // Exported again: lines reversed, line endings changed, a blank line at the end.
    const reordered = [header, ...data.reverse(), '', ''].join('\n');
    const again = await run(partnership, org, writeTmp('exported-again.csv', reordered));
    expect(again).toMatchObject({ rows: first.rows, accepted: 0, alreadyImported: false });
    expect(again.duplicates).toBe(first.accepted);
    expect(again.amountDuplicatesPence).toBe(first.amountAcceptedPence);
    expect(again.batchId).not.toBe(first.batchId);
    expect((await counts(partnership.id)).lines).toBe(before.lines);
  });

  it('lines with the count, total and dates of a file loaded before, but not its lines, are added', async () => {
    const { partnership, org } = await freshOrganisation();
    const head = 'Date Paid,Supplier Name,Transaction Reference,Amount\r\n';
    const a = await run(
      partnership,
      org,
      writeTmp('a.csv', head + '01/04/2025,Bywest Ltd,T1,100.00\r\n30/04/2025,Reed,T2,250.50\r\n'),
    );
    expect(a).toMatchObject({ accepted: 2, duplicates: 0 });
    // The same dates and amounts with the suppliers swapped: two other lines.
    const b = await run(
      partnership,
      org,
      writeTmp('b.csv', head + '01/04/2025,Reed,T1,100.00\r\n30/04/2025,Bywest Ltd,T2,250.50\r\n'),
    );
    expect(b).toMatchObject({ rows: 2, accepted: 2, duplicates: 0 });
    // One line of each, both stored: nothing is added.
    const c = await run(
      partnership,
      org,
      writeTmp('c.csv', head + '30/04/2025,Reed,T2,250.50\r\n01/04/2025,Reed,T1,100.00\r\n'),
    );
    expect(c).toMatchObject({ rows: 2, accepted: 0, duplicates: 2 });
    expect(await storedTotal(org.id)).toEqual({ lines: 4, pence: BigInt(2 * (10000 + 25050)) });
  });

  it('a file joining months loaded before with a new month adds the new month’s lines and nothing else', async () => {
    const { partnership, org } = await freshOrganisation();
    const head = 'Date Paid,Supplier Name,Transaction Reference,Amount\r\n';
    const A1 = '01/04/2025,Bywest Ltd,T1,"1,000.00"\r\n';
    const A2 = '30/04/2025,Care Providers Ltd,T2,250.50\r\n';
    const M1 = '02/05/2025,Reed,T3,-99.99\r\n';
    const J1 = '03/06/2025,Nilubo Catering CIC,T4,12.34\r\n';
    const J2 = '30/06/2025,Bywest Ltd,T5,0.01\r\n';
    expect(await run(partnership, org, writeTmp('april.csv', head + A1 + A1 + A2))).toMatchObject({
      accepted: 3,
    });
    expect(await run(partnership, org, writeTmp('may.csv', head + M1))).toMatchObject({
      accepted: 1,
    });
    // April and May again, in another order, with June's lines (one of them twice).
    const quarter = await run(
      partnership,
      org,
      writeTmp('quarter.csv', head + J1 + A2 + M1 + J2 + A1 + J1 + A1),
    );
    expect(quarter).toMatchObject({ rows: 7, accepted: 3, duplicates: 4, rejected: 0 });
    expect(quarter.amountAcceptedPence).toBe(2 * 1234 + 1);
    expect(quarter.amountDuplicatesPence).toBe(2 * 100000 + 25050 - 9999);
    // June again as it was, and April with one more of a line it has twice: that one line.
    const again = await run(
      partnership,
      org,
      writeTmp('again.csv', head + J2 + A1 + J1 + A1 + A2 + A1 + J1),
    );
    expect(again).toMatchObject({ rows: 7, accepted: 1, duplicates: 6 });
    expect(again.amountAcceptedPence).toBe(100000);
    expect(await storedTotal(org.id)).toEqual({
      lines: 8,
      pence: BigInt(3 * 100000 + 25050 - 9999 + 2 * 1234 + 1),
    });
    // Nilubo Catering CIC, first named in June, is in the register with the organisation paying it.
    const spenders = await sql<{ name: string }>`SELECT s.name FROM supplier_spenders p
      JOIN suppliers s ON s.id = p.supplier_id
      WHERE p.partnership_id = ${partnership.id} AND ${org.id} = ANY (p.organisation_ids)
      ORDER BY s.name`.execute(t.database.db);
    expect(spenders.rows.map((r) => r.name)).toEqual([
      'Bywest Ltd',
      'Care Providers Ltd',
      'Nilubo Catering CIC',
      'Reed',
    ]);
  });

  it('overlapping slices of a real council file add exactly the lines the second has beyond the first', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'trafford-2024-25-first300.csv'), 'utf8');
    const lines = text.split('\r\n');
    const header = lines[0]!;
    const data = lines.slice(1, 301);
    const first = [header, ...data.slice(0, 160), ''].join('\r\n');
    const second = [header, ...data.slice(100, 300), ''].join('\r\n');

    // The line key: the mapped columns (date, supplier, amount, reference, expense type and area).
    const key = (r: string[]) => [r[6], r[4], r[8], r[7], r[11], r[3]].join('\u0000');
    const tally = (csvText: string) => {
      const m = new Map<string, number>();
      for (const r of facts(Buffer.from(csvText), 'Amount').rows)
        m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      return m;
    };
    const have = tally(first);
    const incoming = tally(second);
    let expectedAdded = 0;
    for (const [k, n] of incoming) expectedAdded += Math.max(0, n - (have.get(k) ?? 0));
    expect(expectedAdded).toBeGreaterThan(0);
    expect(expectedAdded).toBeLessThan(200);

    const { partnership, org } = await freshOrganisation();
    const a = await run(partnership, org, writeTmp('first.csv', first));
    expect(a.accepted).toBe(160);
    const b = await run(partnership, org, writeTmp('second.csv', second));
    expect(b.rows).toBe(200);
    expect(b.accepted).toBe(expectedAdded);
    expect(b.duplicates).toBe(200 - expectedAdded);
    const secondTotal = facts(Buffer.from(second), 'Amount').totalPence;
    expect(BigInt(b.amountAcceptedPence + b.amountDuplicatesPence)).toBe(secondTotal);
    // Together they hold exactly the 300 lines of the whole slice.
    const whole = fixtureFacts('trafford-2024-25-first300.csv', 'Amount');
    expect(await storedTotal(org.id)).toEqual({ lines: 300, pence: whole.totalPence });
    // And the whole slice itself now adds nothing.
    const c = await run(partnership, org, path.join(FIXTURES, 'trafford-2024-25-first300.csv'));
    expect(c).toMatchObject({ rows: 300, accepted: 0, duplicates: 300 });
  });

  it('keys a line in the parser as the database keys it, whatever the session’s DateStyle', async () => {
    // Rows through the parser's writer (SpendRowWriter) and its binary COPY into a table made like
    // the staging table; there the key it wrote is held to the database's own, as the stored keys
    // were made (decision 039, under the default DateStyle, ISO) and as the merge made them before
    // the parser wrote them (decision 045).
    const org = randomUUID();
    const writer = new SpendRowWriter({ own: org, byCode: new Map(), writable: new Set([org]) }, 0);
    // Any text the database can hold (no NUL), in any script, of one to four bytes a character.
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).map((v) => v.replace(/\0/g, ''));
    const generated = fc.sample(
      fc.record({
        date: fc.date({
          min: new Date('1900-01-01'),
          max: new Date('2100-12-31'),
          noInvalidDate: true,
        }),
        supplier: text,
        pence: fc.integer({ min: -900_000_000_000_000, max: 900_000_000_000_000 }),
        transactionRef: text,
        expenseType: text,
        expenseArea: text,
      }),
      { numRuns: 400, seed: 20251201 },
    );
    const pounds = (p: number) =>
      `${p < 0 ? '-' : ''}${Math.floor(Math.abs(p) / 100)}.${String(Math.abs(p) % 100).padStart(2, '0')}`;
    const rows: Record<string, string>[] = [
      {
        date: '2025-04-01',
        supplier: 'Bywest',
        amount: '1000.00',
        transactionRef: 'T1',
        expenseType: 'Drugs',
        expenseArea: 'Pharmacy',
      },
      {
        date: '1999-12-31',
        supplier: 'Care Providers',
        amount: '-99.99',
        transactionRef: '',
        expenseType: '',
        expenseArea: 'Estates',
      },
      {
        date: '2100-02-28',
        supplier: 'A|B',
        amount: '0',
        transactionRef: 'x|y',
        expenseType: 'Training',
        expenseArea: '',
      },
      {
        date: '2024-02-29',
        supplier: 'Café — £ ✓ 𝄞 '.repeat(20),
        amount: '0.01',
        transactionRef: 'Ž',
        expenseType: '中文',
        expenseArea: 'x',
      },
      ...generated.map((g) => ({
        date: g.date.toISOString().slice(0, 10),
        supplier: `Supplier ${g.supplier}`, // a name that normalises to something
        amount: pounds(g.pence),
        transactionRef: g.transactionRef,
        expenseType: g.expenseType,
        expenseArea: g.expenseArea,
      })),
    ];
    rows.forEach((values, i) =>
      writer.row(
        {
          line: i + 2,
          fields: Object.values(values),
          value: (f) => (values[f] ?? '').trim(),
          column: (f) => `“${f}”`,
          has: (f) => f in values,
        },
        [],
      ),
    );
    const copy = writer.take()!;
    const keys = await t.deps.database.withRawConnection(async (conn) => {
      await conn.exec('CREATE TEMP TABLE key_check (LIKE spend_staging)');
      try {
        await conn.copyFrom(
          `COPY key_check (${COPY_STAGING_COLUMNS}) FROM STDIN WITH (FORMAT binary)`,
          Readable.from([copy]),
        );
        const compare = `SELECT line_no, line_key::text AS parser,
            hashtextextended(concat_ws('|', organisation_id, payment_date, supplier_norm, amount_pence, transaction_ref, expense_type, expense_area), 0)::text AS stored,
            hashtextextended(concat_ws('|', organisation_id::text, to_char(payment_date::timestamp, 'YYYY-MM-DD'), supplier_norm, amount_pence::text, transaction_ref, expense_type, expense_area), 0)::text AS merged
          FROM key_check WHERE reason IS NULL ORDER BY line_no`;
        type Keys = { line_no: number; parser: string; stored: string; merged: string };
        const iso = (await conn.query<Keys>(compare)).rows;
        // Under another DateStyle the merge's expression gave the same keys.
        await conn.exec(`SET DateStyle = 'SQL, DMY'`);
        const dmy = (await conn.query<Keys>(compare)).rows;
        const shown = await conn.query<{ d: string }>(`SELECT '2025-04-01'::date::text AS d`);
        await conn.exec('RESET DateStyle');
        return { iso, dmy, shown: shown.rows[0]!.d };
      } finally {
        await conn.exec('DROP TABLE key_check');
      }
    });
    // Every row but those whose supplier name normalises to nothing (rejected, with no key).
    expect(keys.iso.length).toBeGreaterThan(350);
    for (const k of keys.iso) {
      expect(k.parser, JSON.stringify(rows[k.line_no - 2])).toBe(k.stored);
      expect(k.merged).toBe(k.stored);
    }
    expect(keys.shown).toBe('01/04/2025');
    expect(keys.dmy.map((k) => k.merged)).toEqual(keys.iso.map((k) => k.stored));
  });

  it('stores each line with the key the database gives its values', async () => {
    const { partnership, org } = await freshOrganisation();
    const head =
      'Date Paid,Supplier Name,Transaction Reference,Amount,Expense Type,Expense Area\r\n';
    const file = writeTmp(
      'keys.csv',
      head +
        '01/04/2025,Café Nørd Ltd,R1,5.00,Catering,\r\n' +
        '02/04/2025,"  THE  Ünïcode  Company  (UK)  plc ",,-12.34,,Estates\r\n' +
        '03/04/2025,𝄞 Music Ltd,ref|with|bars,1000000.99,Music & Arts,中文\r\n',
    );
    await run(partnership, org, file);
    const fixture = await run(
      partnership,
      org,
      path.join(FIXTURES, 'trafford-2024-25-first300.csv'),
    );
    expect(fixture.accepted).toBe(300);
    const stored = await sql<{
      organisation_id: string;
      payment_date: string;
      supplier_raw: string;
      amount_pence: string;
      transaction_ref: string | null;
      expense_type: string | null;
      expense_area: string | null;
      line_key: string;
    }>`SELECT organisation_id, payment_date::text AS payment_date, supplier_raw, amount_pence::text AS amount_pence,
        transaction_ref, expense_type, expense_area, line_key::text AS line_key
      FROM spend_lines WHERE organisation_id = ${org.id} ORDER BY batch_id, line_no`.execute(
      t.deps.database.db,
    );
    expect(stored.rows).toHaveLength(303);
    const rows = stored.rows.map((l): KeyParts => [
      l.organisation_id,
      l.payment_date,
      normaliseSupplierName(l.supplier_raw),
      Number(l.amount_pence),
      l.transaction_ref,
      l.expense_type,
      l.expense_area,
    ]);
    const r = await sql<{ key: string }>`SELECT
        hashtextextended(concat_ws('|', s.o::text, to_char(s.d::timestamp, 'YYYY-MM-DD'), s.n, s.a::text, s.r, s.t, s.e), 0)::text AS key
      FROM unnest(${rows.map((k) => k[0])}::uuid[], ${rows.map((k) => k[1])}::date[], ${rows.map((k) => k[2])}::text[],
        ${rows.map((k) => String(k[3]))}::bigint[], ${rows.map((k) => k[4])}::text[], ${rows.map((k) => k[5])}::text[],
        ${rows.map((k) => k[6])}::text[]) WITH ORDINALITY AS s(o, d, n, a, r, t, e, i)
      ORDER BY s.i`.execute(t.deps.database.db);
    expect(stored.rows.map((l) => l.line_key)).toEqual(r.rows.map((k) => k.key));
  });

  it('overlap is per organisation: the same lines for another organisation are all added', async () => {
    const { partnership, org } = await freshOrganisation();
    const other = await makeOrganisation(t.deps, partnership);
    const file = path.join(FIXTURES, 'chwe-2020-06.csv');
    await run(partnership, org, file);
    const r = await run(partnership, other, file);
    expect(r).toMatchObject({ rows: 120, accepted: 120, duplicates: 0, alreadyImported: false });
  });

  it('a large load that overlaps nothing adds every line, keeps repeats, and refreshes the planner’s statistics', async () => {
    const { partnership, org } = await freshOrganisation();
    const head = 'Date Paid,Supplier Name,Transaction Reference,Amount\r\n';
    const march = await run(
      partnership,
      org,
      writeTmp('march.csv', head + '31/03/2025,Reed,R0,5.00\r\n'),
    );
    expect(march.accepted).toBe(1);
    // 12,000 lines in April (after March: nothing can overlap), every 100th repeated once.
    let body = head;
    let expected = 0n;
    for (let i = 0; i < 12_000; i++) {
      const line = `${String((i % 30) + 1).padStart(2, '0')}/04/2025,Supplier ${i % 700} Ltd,A${Math.floor(i / 2)},${i % 97}.25\r\n`;
      body += line;
      expected += BigInt((i % 97) * 100 + 25);
      if (i % 100 === 0) {
        body += line;
        expected += BigInt((i % 97) * 100 + 25);
      }
    }
    const april = await run(partnership, org, writeTmp('april.csv', body));
    expect(april).toMatchObject({ rows: 12_120, accepted: 12_120, duplicates: 0, rejected: 0 });
    expect(await storedTotal(org.id)).toEqual({ lines: 12_121, pence: expected + 500n });
    const stats = await t.database.withRawConnection((conn) =>
      conn.query<{ reltuples: number }>(
        `SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = 'spend_lines'::regclass`,
      ),
    );
    expect(Number(stats.rows[0]!.reltuples)).toBeGreaterThanOrEqual(12_121);
    // The same April file again under another name: every line is already stored.
    const again = await run(partnership, org, writeTmp('april-again.csv', body));
    expect(again).toMatchObject({ accepted: 0, duplicates: 12_120 });
  });
  it('two imports of the same file at the same time make one batch', async () => {
    const { partnership, org } = await freshOrganisation();
    const file = path.join(FIXTURES, 'chwe-2020-04.csv');
    const copy = writeTmp('copy.csv', fs.readFileSync(file));
    const results = await Promise.all([run(partnership, org, file), run(partnership, org, copy)]);
    expect(results.map((r) => r.alreadyImported).sort()).toEqual([false, true]);
    expect(results[0].batchId).toBe(results[1].batchId);
    const c = await counts(partnership.id);
    expect(c.batches).toBe(1);
    expect(c.lines).toBe(141);
    expect(c.staging).toBe(0);
  });
});

describe('the supplier names of a file', () => {
  // Names spelt several ways (upper case first), for two organisations; VAT numbers that agree
  // and that differ; and a rejected line whose spelling must not count.
  const file = (a: string, b: string) =>
    [
      'Date,Organisation Code,Supplier,Amount,VAT Number',
      `01/04/2025,${a},ACME CLEANING LTD,10.00,GB123456789`,
      `02/04/2025,${b},Acme Cleaning Ltd,20.00,`,
      `03/04/2025,${a},acme cleaning ltd,30.00,GB123456789`,
      `04/04/2025,${b},Bolt Plc,not money,`,
      `05/04/2025,${b},BOLT PLC,40.00,GB111111111`,
      `06/04/2025,${b},bolt plc,50.00,GB222222222`,
      `07/04/2025,${a},Cole & Co,60.00,`,
      `08/04/2025,${a},COLE & CO,70.00,`,
    ].join('\r\n') + '\r\n';

  it.each([
    { parseIn: 'thread' as const, namesSummarised: undefined, how: 'summarised by the parser' },
    { parseIn: 'worker' as const, namesSummarised: undefined, how: 'summarised by the parser' },
    { parseIn: 'workers' as const, namesSummarised: undefined, how: 'summarised by the parser' },
    { parseIn: 'thread' as const, namesSummarised: 0, how: 'summarised by the database' },
    { parseIn: 'workers' as const, namesSummarised: 2, how: 'summarised by the database' },
    { parseIn: 'worker' as const, namesSummarised: 1, how: 'summarised by the database' },
  ])(
    'are matched, named and recorded alike when $how (parsed in a $parseIn)',
    async ({ parseIn, namesSummarised }) => {
      const { partnership, org } = await freshOrganisation();
      const other = await makeOrganisation(t.deps, partnership);
      const result = await importSpendFile({
        database: t.database,
        partnership,
        organisation: org,
        filePath: writeTmp('names.csv', file(org.code, other.code)),
        fileName: 'names.csv',
        actor: SYSTEM_ACTOR,
        parseIn,
        namesSummarised,
      });
      expect([result.accepted, result.rejected]).toEqual([7, 1]);
      const db = t.database.db;
      const suppliers = await db
        .selectFrom('suppliers')
        .select(['id', 'name', 'name_norm', 'vat_number'])
        .where('partnership_id', '=', partnership.id)
        .orderBy('name_norm')
        .execute();
      const spenders = await db
        .selectFrom('supplier_spenders')
        .select(['supplier_id', 'organisation_ids'])
        .where('partnership_id', '=', partnership.id)
        .execute();
      const codes = new Map([
        [org.id, 'own'],
        [other.id, 'other'],
      ]);
      expect(
        suppliers.map((x) => ({
          name: x.name,
          vat: x.vat_number !== null,
          paidBy: spenders
            .find((p) => p.supplier_id === x.id)
            ?.organisation_ids.map((id) => codes.get(id))
            .sort(),
        })),
      ).toEqual([
        // The first spelling with lower case in it; a VAT number every line giving one agrees on.
        { name: 'Acme Cleaning Ltd', vat: true, paidBy: ['other', 'own'] },
        // "Bolt Plc" was on the rejected line; the two VAT numbers differ, so neither counts.
        { name: 'bolt plc', vat: false, paidBy: ['other'] },
        { name: 'Cole & Co', vat: false, paidBy: ['own'] },
      ]);
      expect(await stagingTables()).toBe(0);
    },
  );
});

describe('a file read in two parts, each by a thread of its own', () => {
  /** What an import stored: its lines and its rejected rows, by line number. */
  async function stored(batchId: string) {
    const lines = await sql<{ x: string }>`SELECT l.line_no || '|' || l.payment_date || '|' ||
        l.amount_pence || '|' || l.supplier_raw || '|' || s.name || '|' || coalesce(l.transaction_ref, '') AS x
      FROM spend_lines l JOIN suppliers s ON s.id = l.supplier_id
      WHERE l.batch_id = ${batchId} ORDER BY l.line_no`.execute(t.database.db);
    const rejected = await sql<{ x: string }>`SELECT line_no || '|' || reason AS x
      FROM spend_rejected_rows WHERE batch_id = ${batchId} ORDER BY line_no`.execute(t.database.db);
    return { lines: lines.rows.map((r) => r.x), rejected: rejected.rows.map((r) => r.x) };
  }

  it('stores the lines, line numbers, rejected rows and suppliers that one thread stores', async () => {
    // Quoted line breaks and commas, blank lines, rejected rows and a repeated supplier in both
    // halves, a byte-order mark, and no line break at the end.
    const rows: string[] = [];
    for (let i = 0; i < 400; i++) {
      const supplier =
        i % 3 === 0
          ? `"Acme, Cleaning\nLtd"`
          : i % 3 === 1
            ? 'ACME CLEANING LTD'
            : `Bolt ${i % 7} plc`;
      const amount =
        i % 50 === 7 ? 'not money' : `"${(i * 37) % 2000}.${String(i % 100).padStart(2, '0')}"`;
      rows.push(`${String((i % 28) + 1).padStart(2, '0')}/04/2025,${supplier},R${i},${amount}`);
      if (i % 90 === 0) rows.push('');
    }
    const text =
      '\ufeffDate Paid,Supplier Name,Transaction Reference,Amount\r\n' + rows.join('\r\n');
    const file = writeTmp('halves.csv', text);
    const one = await freshOrganisation();
    const two = await freshOrganisation();
    const inOne = await run(one.partnership, one.org, file, 'thread');
    const inTwo = await run(two.partnership, two.org, file, 'workers');
    expect(inTwo).toMatchObject({
      rows: inOne.rows,
      accepted: inOne.accepted,
      rejected: inOne.rejected,
      amountAcceptedPence: inOne.amountAcceptedPence,
    });
    expect(inOne.rejected).toBe(8);
    expect(await stored(inTwo.batchId)).toEqual(await stored(inOne.batchId));
  });

  it('refuses a file with no rows of data, whichever part its blank lines are in', async () => {
    const { partnership, org } = await freshOrganisation();
    const file = writeTmp('blank.csv', 'Date Paid,Supplier Name,Amount\n' + '\n , ,\n'.repeat(40));
    await expect(run(partnership, org, file, 'workers')).rejects.toThrow(
      'The file has a header but no rows of data',
    );
    const c = await counts(partnership.id);
    expect([c.lines, c.batches, c.staging]).toEqual([0, 0, 0]);
  });
});

describe('the organisations paying each supplier', () => {
  it('are merged across the names a supplier has in a file', async () => {
    const { partnership, org } = await freshOrganisation();
    const other = await makeOrganisation(t.deps, partnership);
    // A supplier in the register with a second name, and each name paid by one organisation.
    const zed = (
      await sql<{ id: string }>`INSERT INTO suppliers (partnership_id, name, name_norm)
        VALUES (${partnership.id}, 'Zed Holdings', ${normaliseSupplierName('Zed Holdings')})
        RETURNING id`.execute(t.database.db)
    ).rows[0]!.id;
    await sql`INSERT INTO supplier_aliases (partnership_id, name_norm, supplier_id)
      VALUES (${partnership.id}, ${normaliseSupplierName('Zed Group')}, ${zed})`.execute(
      t.database.db,
    );
    const file = [
      'Date,Organisation Code,Supplier,Amount',
      `01/04/2025,${org.code},Zed Holdings,10.00`,
      `02/04/2025,${other.code},ZED GROUP,20.00`,
      `03/04/2025,${org.code},Acme Ltd,30.00`,
    ].join('\n');
    const result = await run(partnership, org, writeTmp('paid.csv', file));
    expect(result.accepted).toBe(3);
    const spenders = await t.database.db
      .selectFrom('supplier_spenders')
      .innerJoin('suppliers', 'suppliers.id', 'supplier_spenders.supplier_id')
      .select(['suppliers.name', 'supplier_spenders.organisation_ids'])
      .where('supplier_spenders.partnership_id', '=', partnership.id)
      .orderBy('suppliers.name')
      .execute();
    expect(spenders).toEqual([
      { name: 'Acme Ltd', organisation_ids: [org.id] },
      { name: 'Zed Holdings', organisation_ids: [org.id, other.id].sort() },
    ]);
  });
});

describe('files that cannot be read leave nothing behind', () => {
  const cases: [string, () => Buffer | string, RegExp][] = [
    [
      'binary data',
      () =>
        Buffer.concat([Buffer.from('Date,Supplier,Amount\n'), randomBytes(5000), Buffer.alloc(16)]),
      /binary/,
    ],
    ['an empty file', () => '', /empty/],
    [
      'no amount or date column',
      () => 'Supplier Name,Notes\r\nBywest Ltd,paid\r\nReed,paid\r\n',
      /payment date, amount/,
    ],
    ['a header and no rows', () => 'Date Paid,Supplier Name,Amount\r\n,,\r\n', /no rows/],
  ];

  // Read here and in a parsing thread: what the thread finds wrong reaches the person the same.
  it.each(
    cases.flatMap(([name, content, message]) =>
      (['thread', 'worker'] as const).map((parseIn) => ({ name, content, message, parseIn })),
    ),
  )('$name (parsed in a $parseIn)', async ({ content, message, parseIn }) => {
    const { partnership, org } = await freshOrganisation();
    await run(partnership, org, path.join(FIXTURES, 'chwe-2020-06.csv'));
    const before = await counts(partnership.id);
    const error = await run(partnership, org, writeTmp('bad.csv', content()), parseIn).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpendImportError);
    expect((error as Error).message).toMatch(message);
    expect(await counts(partnership.id)).toEqual(before);
    const job = await t.database.db
      .selectFrom('jobs')
      .select(['status', 'message'])
      .where('organisation_id', '=', org.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('failed');
  });
});

describe('a failure while saving leaves nothing behind', () => {
  it('rolls back suppliers and lines when the database fails late in the merge', async () => {
    const { partnership, org } = await freshOrganisation();
    await run(partnership, org, path.join(FIXTURES, 'chwe-2020-06.csv'));
    const before = await counts(partnership.id);
    const file = writeTmp(
      'late-failure.csv',
      'Date Paid,Supplier Name,Amount\r\n01/04/2025,A New Supplier Ltd,10.00\r\n02/04/2025,Another New One,bad\r\n',
    );
    // The statement keeping rejected rows fails (a trigger stands in for a full disk): by then the
    // merge has created suppliers and inserted lines inside its transaction.
    await sql`CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full'; END $$`.execute(t.database.db);
    await sql`CREATE TRIGGER test_disk_full BEFORE INSERT ON spend_rejected_rows
      FOR EACH STATEMENT EXECUTE FUNCTION test_disk_full()`.execute(t.database.db);
    const error = await importSpendFile({
      database: t.database,
      partnership,
      organisation: org,
      filePath: file,
      fileName: 'late-failure.csv',
      actor: SYSTEM_ACTOR,
    })
      .catch((e: unknown) => e)
      .finally(async () => {
        await sql`DROP TRIGGER test_disk_full ON spend_rejected_rows`.execute(t.database.db);
        await sql`DROP FUNCTION test_disk_full()`.execute(t.database.db);
      });
    expect((error as Error).message).toBe('disk full');
    expect(await counts(partnership.id)).toEqual(before);
    // Nothing half-done stops the same file importing afterwards.
    const r = await run(partnership, org, file);
    expect(r).toMatchObject({ rows: 2, accepted: 1, rejected: 1, alreadyImported: false });
  });
});

describe('rejected rows', () => {
  const HEADER = 'Date Paid,Supplier Name,Expense Type,Amount';
  const LINES = [
    '01/04/2025,Bywest Ltd,Building,"1,000.00"', // 2 accepted
    '31/02/2025,Reed,Agency,250.00', // 3 no such date
    '02/04/2025,"Smith, Jones & Co",Legal,£12 and 6d', // 4 not an amount
    '03/04/2025,,Drugs,10.00', // 5 no supplier
    '04/04/2025,"Café “Nero”",Catering,(75.25)', // 6 accepted, a credit
    'yesterday,   ,Misc,abc', // 7 three problems
    '05/04/2025,"Back\\slash {x} ""q""\ttab\r\nnew, line",Misc,n/a', // 8 (two lines) not an amount
  ];

  it('are counted, reconciled and downloadable with their original columns, line and reason', async () => {
    const { partnership, org } = await freshOrganisation();
    const file = writeTmp('with-rejects.csv', [HEADER, ...LINES, ''].join('\r\n'));
    const result = await run(partnership, org, file);
    expect(result).toMatchObject({ rows: 7, accepted: 2, rejected: 5, duplicates: 0 });
    expect(result.amountAcceptedPence).toBe(100000 - 7525);
    // Amounts that could not be read count as nothing; those that could are in the rejected total.
    expect(result.amountRejectedPence).toBe(25000 + 1000);

    const { client } = await signedIn(t, { role: 'partnership-lead', partnership });
    // The reconciliation says its total leaves out the amounts it could not read.
    const batch = textOf(
      (await client.get(`/manage/${partnership.slug}/spend/batches/${result.batchId}`)).body,
    );
    expect(batch).toContain('A rejected row whose amount could not be read adds nothing here');
    expect(batch).toContain('5 rows, £260.00 where the amount could be read');
    const page = await client.get(
      `/manage/${partnership.slug}/spend/batches/${result.batchId}/rejected.csv`,
    );
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toMatch(/^text\/csv/);
    const rows = parse(page.body, { bom: true, relax_column_count: true });
    const [head, ...body] = rows;
    expect(head!.slice(0, 2)).toEqual(['line', 'reason']);
    expect(body.map((r) => r[0])).toEqual(['3', '4', '5', '7', '8']);
    const original = parse([HEADER, ...LINES].join('\n'), {}).slice(1);
    expect(body.map((r) => r.slice(2))).toEqual([
      original[1],
      original[2],
      original[3],
      original[5],
      original[6],
    ]);
    expect(original[6]![1]).toBe('Back\\slash {x} "q"\ttab\r\nnew, line');
    expect(body[0]![1]).toMatch(/Date Paid.*not a date/);
    expect(body[1]![1]).toMatch(/Amount.*“£12 and 6d” is not an amount/);
    expect(body[2]![1]).toMatch(/Supplier Name.*empty/);
    expect(body[3]![1]!.split('; ')).toHaveLength(3);

    // Someone outside the partnership cannot see them.
    const stranger = await signedIn(t, {
      role: 'partnership-lead',
      partnership: await makePartnership(t.deps),
    });
    const denied = await stranger.client.get(
      `/manage/${partnership.slug}/spend/batches/${result.batchId}/rejected.csv`,
    );
    expect(denied.status).toBe(404);
  });

  // The download's header row is the file's own, so corrected rows can be imported again.
  it('name the file’s own columns in the download’s header row', async () => {
    const { partnership, org } = await freshOrganisation();
    const result = await run(
      partnership,
      org,
      writeTmp('rejects-header.csv', [HEADER, ...LINES, ''].join('\r\n')),
    );
    const { client } = await signedIn(t, { role: 'partnership-lead', partnership });
    const page = await client.get(
      `/manage/${partnership.slug}/spend/batches/${result.batchId}/rejected.csv`,
    );
    const [head] = parse(page.body, { bom: true, relax_column_count: true });
    expect(head).toEqual(['line', 'reason', ...HEADER.split(',')]);
  });
});

describe('imports for two partnerships at the same time', () => {
  // On a server, a merge holds until it commits the lock of any ANALYZE it ran. The lock another
  // import's merge can hold (the statistics of spend_lines, after a large load) is held here by
  // an open transaction on another connection: a large import for another partnership must
  // still finish. The embedded database has one connection, so there nothing runs alongside.
  it.runIf(Boolean(process.env.DATABASE_URL))(
    'one does not wait for what the other’s merge holds until it commits (on a server)',
    async () => {
      const { partnership, org } = await freshOrganisation();
      const head = 'Date Paid,Supplier Name,Transaction Reference,Amount\r\n';
      let body = head;
      for (let i = 0; i < 12_000; i++)
        body += `${String((i % 28) + 1).padStart(2, '0')}/05/2025,Supplier ${i % 500} Ltd,M${i},${i % 89}.10\r\n`;
      const file = writeTmp('may.csv', body);
      const other = new pg.Client({ connectionString: t.database.url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('ANALYZE spend_lines');
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('the import waited for the other transaction')),
            20_000,
          );
        });
        const result = await Promise.race([run(partnership, org, file), waited]).finally(() =>
          clearTimeout(timer),
        );
        expect(result).toMatchObject({ rows: 12_000, accepted: 12_000 });
        expect(await storedTotal(org.id)).toMatchObject({ lines: 12_000 });
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        await other.end();
      }
    },
    30_000,
  );
});

describe('amounts made to break the sums', () => {
  const HEAD = 'Date Paid,Supplier Name,Transaction Reference,Amount\r\n';
  const NINE_TRILLION = 900_000_000_000_000n; // the largest amount a line may have, in pence
  const lines = (n: number, day: string, supplier: string, amount: string, from = 0) =>
    Array.from({ length: n }, (_, i) => `${day}/04/2025,${supplier},R${from + i},${amount}\r\n`);
  const BOUND = /more than £90,071,992,547,409\.91, the most this service adds up exactly/;

  it('keeps every penny of an import up to the bound, and refuses what passes it whole', async () => {
    const { partnership, org } = await freshOrganisation();
    // Ten lines of £9 trillion and a penny: £90,000,000,000,000.01, within the bound.
    const big =
      HEAD +
      lines(10, '01', 'Acme Ltd', '9000000000000.00').join('') +
      '02/04/2025,Bolt plc,P,0.01';
    const first = await run(partnership, org, writeTmp('big.csv', big));
    expect(first).toMatchObject({ rows: 11, accepted: 11, rejected: 0, duplicates: 0 });
    expect(BigInt(first.amountAcceptedPence)).toBe(10n * NINE_TRILLION + 1n);
    expect(await storedTotal(org.id)).toEqual({ lines: 11, pence: 10n * NINE_TRILLION + 1n });

    const { client } = await signedIn(t, { role: 'partnership-lead', partnership });
    const batchPage = textOf(
      (await client.get(`/manage/${partnership.slug}/spend/batches/${first.batchId}`)).body,
    );
    expect(batchPage).toContain('£90,000,000,000,000.01');
    const job = await t.database.db
      .selectFrom('jobs')
      .select('id')
      .where('batch_id', '=', first.batchId)
      .executeTakeFirstOrThrow();
    const jobPage = textOf((await client.get(jobPath(partnership, org, job.id))).body);
    expect(jobPage).toContain('11 rows, £90,000,000,000,000.01');
    const spendPage = textOf(
      (await client.get(`${organisationSpendPath(partnership, org)}?year=2025`)).body,
    );
    expect(spendPage).toContain('£90,000,000,000,000.01');

    // The same lines again, under another name: nothing to add, so nothing to refuse.
    const again = await run(partnership, org, writeTmp('big-again.csv', big + '\r\n'));
    expect(again).toMatchObject({ accepted: 0, duplicates: 11 });
    expect(BigInt(again.amountDuplicatesPence)).toBe(10n * NINE_TRILLION + 1n);

    // £72 billion more, in a month already stored (its lines compared with the stored ones):
    // past the bound, so refused whole.
    const before = await counts(partnership.id);
    const more = HEAD + lines(1, '03', 'Crane Ltd', '72000000000.00').join('');
    await expect(run(partnership, org, writeTmp('more.csv', more))).rejects.toThrow(BOUND);
    expect(await counts(partnership.id)).toEqual(before);
    expect(await storedTotal(org.id)).toEqual({ lines: 11, pence: 10n * NINE_TRILLION + 1n });
    const failed = await t.database.db
      .selectFrom('jobs')
      .select(['status', 'message'])
      .where('organisation_id', '=', org.id)
      .where('file_name', 'like', '%more.csv')
      .executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(BOUND);
    expect(failed.message).toContain('£72,000,000,000.00 by size');
    expect(failed.message).toContain('comes to £90,000,000,000,000.01');
    // The first file's lines with that one: only the line it would add counts.
    const withMore = big + '\r\n' + more.slice(HEAD.length);
    await expect(run(partnership, org, writeTmp('with-more.csv', withMore))).rejects.toThrow(
      /would add, with its rejected rows' amounts, come to £72,000,000,000\.00 by size/,
    );
    expect(await counts(partnership.id)).toEqual(before);
  });

  it('counts a credit by its size, and a rejected row’s amount, towards the bound', async () => {
    // Credits: eleven lines that add up to a small sum, but £99 trillion by size.
    const credits = await freshOrganisation();
    const swings =
      HEAD +
      lines(6, '01', 'Acme Ltd', '9000000000000.00').join('') +
      lines(5, '02', 'Acme Ltd', '-9000000000000.00', 6).join('');
    await expect(
      run(credits.partnership, credits.org, writeTmp('swings.csv', swings)),
    ).rejects.toThrow(BOUND);
    expect(await counts(credits.partnership.id)).toMatchObject({ lines: 0, batches: 0 });

    // Rejected rows (no supplier) whose amounts, with the lines added, pass the bound.
    const rejects = await freshOrganisation();
    const file =
      HEAD +
      lines(10, '01', '', '9000000000000.00').join('') +
      lines(1, '02', 'Bolt plc', '72000000000.00').join('');
    await expect(
      run(rejects.partnership, rejects.org, writeTmp('rejects.csv', file)),
    ).rejects.toThrow(BOUND);
    expect(await counts(rejects.partnership.id)).toMatchObject({ lines: 0, batches: 0 });
  });
});
