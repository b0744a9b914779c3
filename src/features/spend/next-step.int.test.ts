/**
 * After an import: the reconciliation page leads on to the next step (the file's suppliers that
 * need a postcode or a type, in the register filtered to them; the spend of the year imported),
 * and the spend page opens on the year of the file just imported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { startWithMember, type TestApp } from '../../../test/helpers/app.js';
import { importSpendCsv } from '../../../test/helpers/spend.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let orgLead: TestClient;
let older: string;

async function importRows(name: string, rows: string[]) {
  const result = await importSpendCsv(
    t,
    p,
    org,
    ['Payment date,Supplier,Amount', ...rows].join('\r\n'),
    { fileName: name, mapping: { date: 0, supplier: 1, amount: 2 } },
  );
  return result.batchId;
}

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'org-lead': orgLead },
  } = await startWithMember(['org-lead'], { organisation: { name: 'Mersey Valley Hospitals' } }));
  await importRows('2025.csv', ['01/05/2025,Acme Cleaning Ltd,100.00']);
  // A backfill of an earlier year, imported last.
  older = await importRows('2023.csv', [
    '01/05/2023,Mersey Paper Co,200.00',
    '02/05/2023,Wirral Print Ltd,300.00',
  ]);
});
afterAll(() => t?.close());

describe('the reconciliation page of an import', () => {
  it('leads on to the file’s suppliers that need a postcode or a type, and the year’s spend', async () => {
    const page = await orgLead.get(`/manage/${p.slug}/spend/batches/${older}`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('What to do next');
    expect(text).toContain('2 suppliers in this file need a postcode or a type');
    expect(text.indexOf('What to do next')).toBeLessThan(text.indexOf('Reconciliation'));
    expect(page.body).toContain(
      `href="/manage/${p.slug}/suppliers?filter=attention&amp;batch=${older}"`,
    );
    expect(page.body).toContain(`href="/manage/${p.slug}/organisations/${org.id}/spend?year=2023"`);
    expect(text).toContain('See Mersey Valley Hospitals’s spend for 2023/24');
  });

  it('the register filtered to the file lists only that file’s suppliers', async () => {
    const page = await orgLead.get(`/manage/${p.slug}/suppliers?filter=attention&batch=${older}`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('2 suppliers in one imported file');
    expect(text).toContain('Mersey Paper Co');
    expect(text).toContain('Wirral Print Ltd');
    expect(text).not.toContain('Acme Cleaning Ltd');
    expect(page.body).toContain(`name="batch" value="${older}"`);
    const nonsense = await orgLead.get(`/manage/${p.slug}/suppliers?batch=not-a-batch`);
    expect(textOf(nonsense.body)).toContain('0 suppliers');
  });
});

describe('the spend page', () => {
  it('opens on the year of the file imported last, not the latest year', async () => {
    const page = await orgLead.get(`/manage/${p.slug}/organisations/${org.id}/spend`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<h2[^>]*>2023\/24<\/h2>/);
    const asked = await orgLead.get(`/manage/${p.slug}/organisations/${org.id}/spend?year=2025`);
    expect(asked.body).toMatch(/<h2[^>]*>2025\/26<\/h2>/);
  });
});
