/**
 * The to-do list's count of suppliers that need a postcode or a type, per organisation and across
 * the partnership: a supplier paid by two organisations counts once for each and once in the
 * partnership; a supplier with both a place and a type, or in the register with no spend, does not
 * count. The count reads which suppliers each organisation has spend with, kept by the import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import { importSpendFile } from '../spend/spend-import.js';
import {
  makeOrganisation,
  makePartnership,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let a: Organisation;
let b: Organisation;
let tmp: string;

async function importRows(org: Organisation, name: string, rows: string[]) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, ['Payment date,Supplier,Amount', ...rows].join('\r\n'));
  await importSpendFile({
    database: t.database,
    partnership: p,
    organisation: org,
    filePath: file,
    fileName: name,
    actor: SYSTEM_ACTOR,
    mapping: { date: 0, supplier: 1, amount: 2 },
  });
}

const pairs = async () =>
  (
    await t.deps.database.db
      .selectFrom('supplier_spenders as sp')
      .innerJoin('suppliers as s', 's.id', 'sp.supplier_id')
      .select(['sp.organisation_ids', 's.name'])
      .where('sp.partnership_id', '=', p.id)
      .execute()
  )
    .flatMap((r) => r.organisation_ids.map((o) => `${o === a.id ? 'A' : 'B'}:${r.name}`))
    .sort();

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps);
  a = await makeOrganisation(t.deps, p, { name: 'Mersey Valley Hospitals', code: 'MVH1' });
  b = await makeOrganisation(t.deps, p, { name: 'Riverside Council', code: 'RVC2' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-suppliers-needing-'));
  await importRows(a, 'a.csv', [
    '01/05/2025,Acme Cleaning Ltd,100.00',
    '02/05/2025,Mersey Paper Co,200.00',
    '03/05/2025,Placed Builders Ltd,50.00',
  ]);
  // The same file again, and an overlapping one: no supplier counted twice.
  await importRows(a, 'a-again.csv', [
    '02/05/2025,Mersey Paper Co,200.00',
    '04/05/2025,Mersey Paper Co,20.00',
  ]);
  await importRows(b, 'b.csv', [
    '01/06/2025,Mersey Paper Co,300.00',
    '02/06/2025,Wirral Print Ltd,400.00',
  ]);
  const db = t.deps.database.db;
  await db
    .updateTable('suppliers')
    .set({ type: 'sme', location_precision: 'district', lad: 'E08000012' })
    .where('partnership_id', '=', p.id)
    .where('name', '=', 'Placed Builders Ltd')
    .execute();
  // In the register, with no spend: nobody's to-do.
  await db
    .insertInto('suppliers')
    .values({ partnership_id: p.id, name: 'Unpaid Ltd', name_norm: 'unpaid' })
    .execute();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('suppliers that need a postcode or a type', () => {
  it('the import keeps which suppliers each organisation has spend with, once each', async () => {
    expect(await pairs()).toEqual([
      'A:Acme Cleaning Ltd',
      'A:Mersey Paper Co',
      'A:Placed Builders Ltd',
      'B:Mersey Paper Co',
      'B:Wirral Print Ltd',
    ]);
  });

  it('counts per organisation and, without double counting, across the partnership', async () => {
    const facts = await t.deps.home.facts(p.id, '2026-01-01');
    const byOrg = Object.fromEntries(
      facts.suppliersNeedingDetails.map((s) => [s.organisationId === a.id ? 'A' : 'B', s.count]),
    );
    // A: Acme, Mersey Paper (Placed Builders is placed and typed). B: Mersey Paper, Wirral Print.
    expect(byOrg).toEqual({ A: 2, B: 2 });
    expect(facts.suppliersNeedingDetailsInPartnership).toBe(3);
  });
});
