/**
 * The supplier register through its pages: the list (largest spend first, search, filters),
 * correcting a supplier (validation, identifiers, history, refreshed figures), bulk upload
 * (all-or-nothing with line and column), the CSV round trip, whose spend a reader sees, and the
 * Companies House lookup against a stub server on loopback.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import {
  openYear,
  partnershipWithMembers,
  signedIn,
  signedInAs,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { importSpendCsv } from '../../../test/helpers/spend.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';

let t: TestApp;
let p: Partnership;
let orgA: Organisation;
let orgB: Organisation;
let lead: TestClient;
const actor = { userId: null, label: 'test' };

// Liverpool (E08000012) is the partnership's local area; Manchester (E08000003) is not.
const SPEND_A = [
  'Date,Supplier,Amount',
  '01/04/2025,Mersey Builders Ltd,"6,000.00"',
  '02/04/2025,NHS0000RJ701 : MERSEY BUILDERS LIMITED,"1,500.00"',
  '03/04/2025,Manchester Linen plc,"2,500.00"',
  '04/04/2025,Unknown Widgets,"1,000.00"',
].join('\r\n');
const SPEND_B = ['Date,Supplier,Amount', '05/04/2025,Manchester Linen plc,"9,999.00"'].join('\r\n');

const importCsv = (org: Organisation, name: string, text: string) =>
  importSpendCsv(t, p, org, text, { fileName: name, actor });

async function upload(client: TestClient, url: string, filename: string, content: string) {
  return client.upload(url, filename, content, 'text/csv');
}

async function supplierId(name: string) {
  const row = await t.database.db
    .selectFrom('suppliers')
    .select('id')
    .where('partnership_id', '=', p.id)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function localPercent(org: Organisation) {
  const rows = await t.database.db
    .selectFrom('calculator_results')
    .select(['numerator', 'denominator', 'calculator'])
    .where('organisation_id', '=', org.id)
    .where('calculator', '=', 'spend.local')
    .execute();
  return rows.map((r) => Number(r.numerator) / Number(r.denominator));
}

beforeAll(async () => {
  t = await startTestApp({ reference: true });
  ({
    partnership: p,
    members: [orgA, orgB],
  } = await partnershipWithMembers(t.deps, [{ name: 'Alpha Trust' }, { name: 'Beta Council' }]));
  await openYear(t.deps, p, 2025, { actor });
  await importCsv(orgA, 'a.csv', SPEND_A);
  await importCsv(orgB, 'b.csv', SPEND_B);
  lead = await signedInAs(t, 'partnership-lead', p);
});
afterAll(() => t.close());

describe('the supplier register', () => {
  it('lists suppliers matched across ledger names, largest spend first, with search and filters', async () => {
    const page = await lead.get(`/manage/${p.slug}/suppliers`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('3 suppliers');
    // Manchester Linen: £2,500 + £9,999 across both organisations; Mersey Builders £7,500 as one supplier.
    expect(text.indexOf('Manchester Linen plc')).toBeLessThan(text.indexOf('Mersey Builders Ltd'));
    expect(text).toContain('£12,499.00');
    expect(text).toContain('£7,500.00');
    const search = textOf((await lead.get(`/manage/${p.slug}/suppliers?q=mersey`)).body);
    expect(search).toContain('1 supplier matching “mersey”');
    const unplaced = textOf((await lead.get(`/manage/${p.slug}/suppliers?filter=unplaced`)).body);
    expect(unplaced).toContain('3 suppliers');
  });

  it('shows an organisation’s people only their own organisation’s spend', async () => {
    const { client } = await signedIn(t, { role: 'viewer', partnership: p, organisation: orgA });
    const list = textOf((await client.get(`/manage/${p.slug}/suppliers`)).body);
    expect(list).toContain('£2,500.00');
    expect(list).not.toContain('£12,499.00');
    const linen = await supplierId('Manchester Linen plc');
    const page = textOf((await client.get(`/manage/${p.slug}/suppliers/${linen}`)).body);
    expect(page).toContain('Alpha Trust');
    expect(page).not.toContain('Beta Council');
    // Viewers cannot change suppliers.
    expect((await client.get(`/manage/${p.slug}/suppliers/${linen}/edit`)).status).toBe(403);
  });

  it('corrects a supplier: errors name each field and keep the input; the figures and history follow', async () => {
    const id = await supplierId('Mersey Builders Ltd');
    const url = `/manage/${p.slug}/suppliers/${id}/edit`;
    const bad = await lead.post(url, {
      name: 'Mersey Builders Ltd',
      type: 'sme',
      postcode: 'NOT A POSTCODE',
      vatNumber: 'GB12',
      companyNumber: '',
      charityNumber: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('href="#postcode"');
    expect(bad.body).toContain('href="#vatNumber"');
    expect(bad.body).toContain('value="NOT A POSTCODE"');
    expect(await localPercent(orgA)).toEqual([0]);

    const ok = await lead.post(url, {
      name: 'Mersey Builders Ltd',
      type: 'sme',
      postcode: 'l12 7hh',
      vatNumber: 'GB 123 4567 89',
      companyNumber: '',
      charityNumber: '',
    });
    expect(ok.status).toBe(303);
    const page = textOf((await lead.get(`/manage/${p.slug}/suppliers/${id}`)).body);
    expect(page).toContain('L12 7HH');
    expect(page).toContain('Liverpool (in the local area)');
    expect(page).toContain('E01006618');
    expect(page).toContain('GB123456789');
    expect(page).toContain('Postcode: none → L12 7HH');
    expect(page).toContain('Type: Not yet classified → SME');
    // £7,500 of Alpha's £11,000 is now local.
    expect(await localPercent(orgA)).toEqual([7500 / 11000]);

    // An identifier another supplier has is refused, on its field.
    const linen = await supplierId('Manchester Linen plc');
    const clash = await lead.post(`/manage/${p.slug}/suppliers/${linen}/edit`, {
      name: 'Manchester Linen plc',
      type: 'large',
      postcode: 'M10 0SY',
      vatNumber: 'GB123456789',
      companyNumber: '',
      charityNumber: '',
    });
    expect(clash.status).toBe(400);
    expect(clash.body).toContain('href="#vatNumber"');
    expect(textOf(clash.body)).toContain('already the vat number of Mersey Builders Ltd');
  });

  it('uploads supplier details all or nothing, naming the line and column of each problem', async () => {
    const url = `/manage/${p.slug}/suppliers/upload`;
    await lead.get(url);
    const bad = await upload(
      lead,
      url,
      'suppliers.csv',
      'supplier,postcode,type\r\nManchester Linen plc,M10 0SY,large\r\nUnknown Widgets,,gadgets\r\n',
    );
    expect(bad.status).toBe(400);
    const text = textOf(bad.body);
    expect(text).toContain('nothing was saved');
    expect(text).toContain('Line 3 Column type Problem “gadgets” is not a supplier type');
    const linen = await supplierId('Manchester Linen plc');
    const before = await t.deps.suppliers.find(p.id, linen);
    expect(before?.postcode).toBeNull();

    const good = await upload(
      lead,
      url,
      'suppliers.csv',
      'supplier,postcode,type\r\nManchester Linen plc,M10 0SY,large\r\nUnknown Widgets,L13 3DZ,vcse\r\n',
    );
    expect(good.status).toBe(303);
    const list = textOf((await lead.get(`/manage/${p.slug}/suppliers`)).body);
    expect(list).toContain('Supplier details saved: 2 updated, 0 added.');
    const after = await t.deps.suppliers.find(p.id, linen);
    expect(after?.lad).toBe('E08000003');
    const history = textOf((await lead.get(`/manage/${p.slug}/suppliers/${linen}`)).body);
    expect(history).toContain('Postcode: none → M10 0SY');
    // Alpha: £7,500 Mersey Builders + £1,000 Unknown Widgets local of £11,000.
    expect(await localPercent(orgA)).toEqual([8500 / 11000]);
  });

  it('downloads the register as a CSV that uploads again unchanged', async () => {
    const csv = await lead.get(`/manage/${p.slug}/suppliers/register.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('supplier_id,supplier,postcode,type');
    expect(csv.body).toContain('Mersey Builders Ltd,L12 7HH,sme,GB123456789');
    await lead.get(`/manage/${p.slug}/suppliers/upload`);
    const again = await upload(
      lead,
      `/manage/${p.slug}/suppliers/upload`,
      'register.csv',
      csv.body,
    );
    expect(again.status).toBe(303);
    expect(textOf((await lead.get(`/manage/${p.slug}/suppliers`)).body)).toContain(
      'Supplier details saved: 3 updated, 0 added.',
    );
  });
});

describe('the Companies House lookup', () => {
  let stub: http.Server;
  let seen: string[];
  let ch: TestApp;

  beforeAll(async () => {
    seen = [];
    stub = http.createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization ?? ''}`);
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== `Basic ${Buffer.from('test-key:').toString('base64')}`) {
        res.statusCode = 401;
        return res.end('{}');
      }
      if (req.url === '/company/01234567')
        return res.end(
          JSON.stringify({
            company_number: '01234567',
            company_name: 'MERSEY BUILDERS LIMITED',
            company_status: 'active',
            type: 'ltd',
            registered_office_address: { address_line_1: '1 Dock Road', postal_code: 'L13 3DZ' },
            accounts: { last_accounts: { type: 'small' } },
          }),
        );
      if (req.url?.startsWith('/search/companies?q=Mersey'))
        return res.end(
          JSON.stringify({
            items: [
              {
                company_number: '01234567',
                title: 'MERSEY BUILDERS LIMITED',
                company_status: 'active',
                company_type: 'ltd',
                address: { postal_code: 'L13 3DZ' },
              },
            ],
          }),
        );
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const port = (stub.address() as AddressInfo).port;
    ch = await startTestApp({
      database: t.database,
      config: {
        COMPANIES_HOUSE_API_KEY: 'test-key',
        COMPANIES_HOUSE_URL: `http://127.0.0.1:${port}`,
      },
    });
  });
  afterAll(async () => {
    await ch.close();
    await new Promise((resolve) => stub.close(resolve));
  });

  it('finds a company by name, fills in its number, postcode and likely type, and saves nothing until asked', async () => {
    const { client } = await signedIn(ch, { role: 'partnership-lead', partnership: p });
    const id = await supplierId('Unknown Widgets');
    await t.database.db
      .updateTable('suppliers')
      .set({ type: 'unclassified' })
      .where('id', '=', id)
      .execute();
    const url = `/manage/${p.slug}/suppliers/${id}/edit`;
    const found = await client.get(`${url}?lookup=Mersey%20Builders`);
    expect(found.status).toBe(200);
    expect(textOf(found.body)).toContain('MERSEY BUILDERS LIMITED (01234567)');
    const use = /href="([^"]*use=01234567[^"]*)"/.exec(found.body)?.[1]?.replace(/&amp;/g, '&');
    expect(use).toBeDefined();
    const filled = await client.get(use!);
    expect(filled.body).toContain('value="01234567"');
    expect(filled.body).toContain('value="L13 3DZ"');
    expect(filled.body).toMatch(/value="sme" checked/);
    expect((await t.deps.suppliers.find(p.id, id))?.company_number).toBeNull();
    expect(
      seen.every((s) => s.endsWith(`Basic ${Buffer.from('test-key:').toString('base64')}`)),
    ).toBe(true);
  });

  it('says plainly when Companies House has no match', async () => {
    const { client } = await signedIn(ch, { role: 'partnership-lead', partnership: p });
    const id = await supplierId('Unknown Widgets');
    const page = await client.get(`/manage/${p.slug}/suppliers/${id}/edit?lookup=Nothing%20Here`);
    expect(textOf(page.body)).toContain('Companies House has no company matching “Nothing Here”');
    expect(page.body).toContain('href="#lookup"');
  });

  it('offers no lookup when no API key is configured', async () => {
    const id = await supplierId('Unknown Widgets');
    const page = await lead.get(`/manage/${p.slug}/suppliers/${id}/edit?lookup=Mersey`);
    expect(page.body).not.toContain('Look up on Companies House');
  });
});
