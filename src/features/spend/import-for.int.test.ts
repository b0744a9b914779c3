/**
 * The partnership lead imports spend on behalf of a member organisation, choosing which on the
 * upload form: the rows are written for that organisation, and the audit log says who imported
 * it for whom. Other partnership roles cannot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  partnershipWithMembers,
  signedInAs,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { importThroughThePages } from '../../../test/helpers/spend.js';

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
  ({
    partnership: p,
    members: [mersey, other],
  } = await partnershipWithMembers(t.deps, [
    { name: 'Mersey Valley Hospitals' },
    { name: 'Riverside Council' },
  ]));
  lead = await signedInAs(t, 'partnership-lead', p);
});
afterAll(() => t?.close());

describe('the partnership lead importing for a member organisation', () => {
  it('chooses the organisation on the upload form, which then posts as that organisation’s import', async () => {
    const chooser = await lead.get(`/manage/${p.slug}/spend/import`);
    expect(chooser.status).toBe(200);
    expect(textOf(chooser.body)).toContain('Which organisation is this spend for?');
    expect(chooser.body).toContain(`<option value="${mersey.id}"`);
    expect(chooser.body).toContain(`<option value="${other.id}"`);
    expect(chooser.body).not.toContain('type="file"');
    // Sent without choosing: the error names the field and nothing else is offered.
    const none = await lead.get(`/manage/${p.slug}/spend/import?organisation=`);
    expect(none.status).toBe(400);
    expect(textOf(none.body)).toContain(
      'There is a problem Choose the organisation this spend is for',
    );
    expect(none.body).not.toContain('type="file"');
    const chosen = await lead.get(`/manage/${p.slug}/spend/import?organisation=${mersey.id}`);
    expect(textOf(chosen.body)).toContain('You are importing for Mersey Valley Hospitals.');
    expect(chosen.body).toContain(
      `action="/manage/${p.slug}/organisations/${mersey.id}/spend/import"`,
    );
    // The partnership's home page and its spend page lead there.
    for (const page of [`/manage/${p.slug}`, `/manage/${p.slug}/spend`])
      expect((await lead.get(page)).body, page).toContain(`href="/manage/${p.slug}/spend/import"`);
  });

  it('writes the rows for that organisation and the audit log records who imported for whom', async () => {
    const job = await importThroughThePages(
      t,
      lead,
      { partnership: p, organisation: mersey },
      { name: 'mersey.csv', content: FILE },
      { date: 0, supplier: 1, amount: 2 },
      { from: `/manage/${p.slug}/spend/import?organisation=${mersey.id}` },
    );
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
    const reviewer = await signedInAs(t, 'reviewer', p);
    expect((await reviewer.get(`/manage/${p.slug}/spend/import`)).status).toBe(403);
    // Nor is it offered to them on the partnership's spend page.
    const spendPage = await reviewer.get(`/manage/${p.slug}/spend`);
    expect(spendPage.status).toBe(200);
    expect(spendPage.body).not.toContain(`href="/manage/${p.slug}/spend/import"`);
    expect(
      (await reviewer.get(`/manage/${p.slug}/organisations/${mersey.id}/spend/import`)).status,
    ).toBe(403);
    const orgLead = await signedInAs(t, 'org-lead', p, other);
    expect((await orgLead.get(`/manage/${p.slug}/spend/import`)).status).toBe(403);
    expect(
      (await orgLead.get(`/manage/${p.slug}/organisations/${mersey.id}/spend/import`)).status,
    ).toBe(403);
  });
});
