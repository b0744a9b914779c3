/**
 * Activity data through the import pages, as an organisation lead brings it in: a real NHS estates
 * return (ERIC 2014-15, Royal Liverpool and Broadgreen's row, chosen by its code RQ6) and the
 * activity template with a row that cannot be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import {
  makeOrganisation,
  makePartnership,
  signedInAs,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { waitForJob } from '../../../test/helpers/spend.js';

const FIXTURES = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../../test/fixtures/carbon',
);

let t: TestApp;
let p: Partnership;
let org: Organisation;
let lead: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps);
  org = await makeOrganisation(t.deps, p);
  lead = await signedInAs(t, 'org-lead', p, org);
});

afterAll(() => t.close());

const base = () => `/manage/${p.slug}/organisations/${org.id}/environment`;

async function upload(
  segment: string,
  name: string,
  content: string,
  form: Record<string, string>,
) {
  await lead.get(`${base()}/${segment}/import`);
  const uploaded = await lead.upload(`${base()}/${segment}/import`, name, content, 'text/csv');
  expect(uploaded.status).toBe(303);
  const columns = await lead.get(uploaded.location!);
  expect(columns.status).toBe(200);
  return {
    columns,
    location: uploaded.location!,
    confirm: (extra: Record<string, string>) =>
      lead.post(uploaded.location!, { ...form, ...extra }),
  };
}

const quantities = async () =>
  Object.fromEntries(
    (
      await t.database.db
        .selectFrom('carbon_activities')
        .select(['activity', 'quantity', 'source', 'source_detail'])
        .where('organisation_id', '=', org.id)
        .where('fy_start_year', '=', 2014)
        .execute()
    ).map((r) => [
      r.activity,
      { quantity: String(r.quantity), source: r.source, detail: r.source_detail },
    ]),
  );

describe('an estates return (ERIC) through the pages', () => {
  it('records the trust’s own row, counts the other trusts’ rows as not for this import', async () => {
    const content = fs.readFileSync(path.join(FIXTURES, 'ERIC_trust_2014-15.csv'), 'utf8');
    const step = await upload('eric', 'ERIC_trust_2014-15.csv', content, {
      'field-organisationCode': '0',
    });
    expect(step.columns.body).toContain('Trust code in the return');
    // The code is asked for.
    const noCode = await step.confirm({ year: '2014' });
    expect(noCode.status).toBe(400);
    expect(noCode.body).toContain('Enter the trust code in the return');
    const done = await step.confirm({ year: '2014', option: 'rq6' });
    expect(done.status).toBe(303);
    const job = await waitForJob(t, /jobs\/([^/]+)$/.exec(done.location ?? '')?.[1] ?? '');
    expect(job.status, job.message ?? '').toBe('done');
    const q = await quantities();
    // As read by hand from the file (test/carbon/carbon-files.test.ts).
    expect(q.gas).toMatchObject({ quantity: '172934302', source: 'eric' });
    expect(q.electricity?.quantity).toBe('2970667');
    expect(q.gas?.detail).toContain('trust RQ6 (ROYAL LIVERPOOL AND BROADGREEN');
    const batch = await t.database.db
      .selectFrom('import_batches')
      .select(['rows', 'accepted', 'rejected', 'duplicates', 'skipped'])
      .where('id', '=', job.batch_id!)
      .executeTakeFirstOrThrow();
    expect(batch).toEqual({ rows: 241, accepted: 1, rejected: 0, duplicates: 0, skipped: 240 });
    const page = await lead.get(`${base()}/eric/imports/${job.batch_id}`);
    expect(page.body).toContain('Quantities that changed');

    // The same file again adds nothing, and its result says that nothing changed.
    const again = await upload('eric', 'ERIC_trust_2014-15.csv', content, {
      'field-organisationCode': '0',
    });
    const repeated = await again.confirm({ year: '2014', option: 'RQ6' });
    const second = await waitForJob(t, /jobs\/([^/]+)$/.exec(repeated.location ?? '')?.[1] ?? '');
    expect(second.status, second.message ?? '').toBe('done');
    const result = textOf((await lead.get(repeated.location ?? '')).body);
    expect(result).toContain('This file had been imported before, so nothing was added');
    expect(result).toContain('Quantities that changed 0 (the file had been imported before)');
    expect((await quantities()).gas).toMatchObject({ quantity: '172934302' });
  });

  it('says so when the return has no row for the code', async () => {
    const content = fs.readFileSync(path.join(FIXTURES, 'ERIC_trust_2015-16.csv'), 'utf8');
    const step = await upload('eric', 'ERIC_trust_2015-16.csv', content, {
      'field-organisationCode': '0',
    });
    const done = await step.confirm({ year: '2015', option: 'XXX' });
    const job = await waitForJob(t, /jobs\/([^/]+)$/.exec(done.location ?? '')?.[1] ?? '');
    expect(job.status).toBe('failed');
    expect(job.message).toContain('The return has no row for the trust code XXX');
  });
});

describe('the activity template through the pages', () => {
  it('downloads with every activity, and imports a year’s quantities with a bad row listed', async () => {
    const template = await lead.get(`${base()}/template.csv`);
    expect(template.status).toBe(200);
    expect(template.body).toMatch(/^\ufeff?activity,name,unit,quantity\r?\n/);
    expect(template.body).toContain('gas,');
    const step = await upload(
      'template',
      'activity-2014.csv',
      'activity,quantity\nwater-supply,1234.5\nNot an activity,5\ngas,-3\n',
      { 'field-activity': '0', 'field-quantity': '1' },
    );
    const done = await step.confirm({ year: '2014' });
    const job = await waitForJob(t, /jobs\/([^/]+)$/.exec(done.location ?? '')?.[1] ?? '');
    expect(job.status, job.message ?? '').toBe('done');
    expect((await quantities())['water-supply']).toMatchObject({
      quantity: '1234.5',
      source: 'template',
    });
    const rejected = await t.database.db
      .selectFrom('import_rejected_rows')
      .select(['line_no', 'reason'])
      .where('batch_id', '=', job.batch_id!)
      .orderBy('line_no')
      .execute();
    expect(rejected).toEqual([
      {
        line_no: 3,
        reason: 'Column “activity”: “Not an activity” is not an activity of the template',
      },
      { line_no: 4, reason: 'Column “quantity”: less than zero' },
    ]);
  });
});
