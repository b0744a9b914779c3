/**
 * The partnership lead imports spend on behalf of a member organisation, choosing which on the
 * upload form: the rows are written for that organisation, and the audit log says who imported
 * it for whom. Other partnership roles cannot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let mersey: Organisation;
let other: Organisation;
let lead: TestClient;

const FILE = [
  'Payment date,Supplier,Amount',
  '01/05/2025,Acme Cleaning Ltd,100.00',
  '03/05/2025,Mersey Paper Co,300.00',
].join('\r\n');

beforeAll(async () => {
  t = await startTestApp();
  p = await makePartnership(t.deps);
  mersey = await makeOrganisation(t.deps, p, { name: 'Mersey Valley Hospitals' });
  other = await makeOrganisation(t.deps, p, { name: 'Riverside Council' });
  lead = (await signedIn(t, { role: 'partnership-lead', partnership: p })).client;
});
afterAll(() => t?.close());

async function waitForJob(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const job = await t.database.db
      .selectFrom('jobs')
      .select(['status', 'message', 'batch_id'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the import did not finish');
}

describe('the partnership lead importing for a member organisation', () => {
  it('chooses the organisation on the upload form, which then posts as that organisation’s import', async () => {
    const chooser = await lead.get(`/manage/${p.slug}/spend/import`);
    expect(chooser.status).toBe(200);
    expect(textOf(chooser.body)).toContain('Which organisation is this spend for?');
    expect(chooser.body).toContain(`<option value="${mersey.id}"`);
    expect(chooser.body).toContain(`<option value="${other.id}"`);
    expect(chooser.body).not.toContain('type="file"');
    const chosen = await lead.get(`/manage/${p.slug}/spend/import?organisation=${mersey.id}`);
    expect(textOf(chosen.body)).toContain('You are importing for Mersey Valley Hospitals.');
    expect(chosen.body).toContain(
      `action="/manage/${p.slug}/organisations/${mersey.id}/spend/import"`,
    );
    // The partnership's home page leads there.
    expect((await lead.get(`/manage/${p.slug}`)).body).toContain(
      `href="/manage/${p.slug}/spend/import"`,
    );
  });

  it('writes the rows for that organisation and the audit log records who imported for whom', async () => {
    const base = `/manage/${p.slug}/organisations/${mersey.id}/spend`;
    await lead.get(`/manage/${p.slug}/spend/import?organisation=${mersey.id}`);
    const uploaded = await lead.upload(`${base}/import`, 'mersey.csv', FILE, 'text/csv');
    expect(uploaded.status).toBe(303);
    const columns = uploaded.location ?? '';
    await lead.get(columns);
    const confirmed = await lead.post(columns, {
      'field-date': '0',
      'field-supplier': '1',
      'field-amount': '2',
    });
    expect(confirmed.status).toBe(303);
    const job = await waitForJob(/jobs\/([^/]+)$/.exec(confirmed.location ?? '')?.[1] ?? '');
    expect(job.status).toBe('done');
    const lines = await t.database.db
      .selectFrom('spend_lines')
      .select(['organisation_id'])
      .where('partnership_id', '=', p.id)
      .execute();
    expect(lines).toHaveLength(2);
    expect(new Set(lines.map((l) => l.organisation_id))).toEqual(new Set([mersey.id]));
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_label', 'after'])
      .where('partnership_id', '=', p.id)
      .where('action', '=', 'spend.imported')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({
      summary: 'Test partnership-lead imported for Mersey Valley Hospitals',
    });
    expect(textOf((await lead.get(`/manage/${p.slug}/audit`)).body)).toContain(
      'Spend file imported: Test partnership-lead imported for Mersey Valley Hospitals',
    );
  });
});

describe('other roles', () => {
  it('a reviewer cannot import for members, nor an organisation lead for another organisation', async () => {
    const reviewer = (await signedIn(t, { role: 'reviewer', partnership: p })).client;
    expect((await reviewer.get(`/manage/${p.slug}/spend/import`)).status).toBe(403);
    expect(
      (await reviewer.get(`/manage/${p.slug}/organisations/${mersey.id}/spend/import`)).status,
    ).toBe(403);
    const orgLead = (await signedIn(t, { role: 'org-lead', partnership: p, organisation: other }))
      .client;
    expect((await orgLead.get(`/manage/${p.slug}/spend/import`)).status).toBe(403);
    expect(
      (await orgLead.get(`/manage/${p.slug}/organisations/${mersey.id}/spend/import`)).status,
    ).toBe(403);
  });
});
