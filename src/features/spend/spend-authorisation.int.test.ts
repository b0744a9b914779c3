/**
 * Who may write and read spend, checked where the rows are written and read: a file's
 * organisation column cannot reach an organisation the person importing may not import for,
 * and a contributor limited to other pillars sees none of the organisation's spend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import { loadActor } from '../accounts/accounts.repo.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import {
  makeOrganisation,
  makeUser,
  partnershipWithMembers,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { importSpendCsv, importThroughThePages } from '../../../test/helpers/spend.js';
import { SpendImportError } from './spend-import.js';

let t: TestApp;
let partnership: Partnership;
let a: Organisation;
let b: Organisation;

beforeAll(async () => {
  t = await startTestApp();
  ({
    partnership,
    members: [a, b],
  } = await partnershipWithMembers(t.deps, [{ code: 'AAA1' }, { code: 'BBB2' }]));
});
afterAll(() => t?.close());

const FILE = [
  'Payment date,Supplier,Amount,Organisation',
  '01/05/2025,Acme Cleaning Ltd,100.00,AAA1',
  '02/05/2025,Acme Cleaning Ltd,200.00,BBB2',
  '03/05/2025,Mersey Paper Co,300.00,AAA1',
  '04/05/2025,Mersey Paper Co,400.00,bbb2',
].join('\r\n');

const lineCount = async (organisation: Organisation) =>
  Number(
    (
      await t.database.db
        .selectFrom('spend_lines')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organisation_id', '=', organisation.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The mixed file, imported through the pages by `client` for `organisation`. */
const importMixed = (client: TestClient, organisation: Organisation) =>
  importThroughThePages(
    t,
    client,
    { partnership, organisation },
    { name: 'mixed.csv', content: FILE },
    { date: 0, supplier: 1, amount: 2, organisation: 3 },
  );

describe('an organisation lead importing a file that names another organisation', () => {
  it('adds the rows of their own organisation and rejects the others, naming why', async () => {
    const { client } = await signedIn(t, { role: 'org-lead', partnership, organisation: a });
    const job = await importMixed(client, a);
    expect(job.status).toBe('done');
    expect(await lineCount(a)).toBe(2);
    expect(await lineCount(b)).toBe(0);
    const rejected = await t.database.db
      .selectFrom('spend_rejected_rows')
      .select(['line_no', 'reason'])
      .where('batch_id', '=', job.batch_id ?? '')
      .orderBy('line_no')
      .execute();
    expect(rejected.map((r) => r.line_no)).toEqual([3, 5]);
    for (const r of rejected) expect(r.reason).toContain('you cannot import spend for “BBB2”');
  });

  it('is refused by the import itself, whatever calls it, for an organisation not theirs', async () => {
    const lead = await makeUser(t.deps, { role: 'org-lead', partnership, organisation: a });
    const rights = await loadActor(t.database.db, lead);
    await expect(
      importSpendCsv(t, partnership, b, FILE, {
        fileName: 'b-only.csv',
        actor: SYSTEM_ACTOR,
        rights,
        mapping: { date: 0, supplier: 1, amount: 2, organisation: 3 },
      }),
    ).rejects.toBeInstanceOf(SpendImportError);
    expect(await lineCount(b)).toBe(0);
  });

  it('the operator’s command line, acting for the whole database, may still load a file for several organisations', async () => {
    const c = await makeOrganisation(t.deps, partnership, { code: 'CCC3' });
    const d = await makeOrganisation(t.deps, partnership, { code: 'DDD4' });
    const result = await importSpendCsv(
      t,
      partnership,
      c,
      FILE.replace(/AAA1/g, 'CCC3').replace(/BBB2|bbb2/g, 'DDD4'),
      {
        fileName: 'operator.csv',
        actor: SYSTEM_ACTOR,
        mapping: { date: 0, supplier: 1, amount: 2, organisation: 3 },
      },
    );
    expect(result.accepted).toBe(4);
    expect(await lineCount(d)).toBe(2);
  });
});

describe('a contributor limited to other pillars', () => {
  it('sees none of the organisation’s spend, imports or rejected rows; a procurement contributor does', async () => {
    const lead = await signedIn(t, { role: 'org-lead', partnership, organisation: a });
    const job = await importMixed(lead.client, a);
    const batch = `/manage/${partnership.slug}/spend/batches/${job.batch_id}`;
    const pages = [
      `/manage/${partnership.slug}/organisations/${a.id}/spend`,
      `/manage/${partnership.slug}/organisations/${a.id}/spend/import`,
      batch,
      `${batch}/rejected.csv`,
      `/manage/${partnership.slug}/suppliers`,
    ];
    const { client: workforce } = await signedIn(t, {
      role: 'contributor',
      partnership,
      organisation: a,
      pillars: ['workforce'],
    });
    for (const url of pages) {
      const res = await workforce.get(url);
      expect([403, 404], url).toContain(res.status);
    }
    const home = await workforce.get(`/manage/${partnership.slug}`);
    expect(home.body).not.toContain(`/organisations/${a.id}/spend"`);

    const { client: procurement } = await signedIn(t, {
      role: 'contributor',
      partnership,
      organisation: a,
      pillars: ['procurement'],
    });
    for (const url of pages) {
      const res = await procurement.get(url);
      expect(res.status, url).toBe(200);
    }
  });
});
