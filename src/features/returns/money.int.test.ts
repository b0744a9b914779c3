/**
 * Money keeps its pence on every page of a return: typed as 1275000.50, it reopens in the form as
 * 1275000.50 (not 1275000.5), and the return's summary, the reviewer's page and a template's
 * preview show £1,275,000.50 (not £1,275,001).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import { openYear, startWithMember, type TestApp } from '../../../test/helpers/app.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let year: ReportingPeriod;
let orgLead: TestClient;
let reviewer: TestClient;

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'org-lead': orgLead, reviewer },
  } = await startWithMember(['org-lead', 'reviewer']));
  year = await openYear(t.deps, p, 2025);
});

afterAll(async () => {
  await t?.close();
});

describe('money in a return', () => {
  it('reopens in the form with its pence and shows them on the summary and the review page', async () => {
    const path = `/manage/${p.slug}/organisations/${org.id}/returns/${year.id}`;
    const saved = await orgLead.post(`${path}/sections/community`, {
      vcse_grants_gbp: '£1,275,000.50',
    });
    expect(saved.status).toBe(303);

    const form = await orgLead.get(`${path}/sections/community`);
    expect(form.status).toBe(200);
    expect(form.body).toMatch(/name="vcse_grants_gbp"[^>]*value="1275000.50"/);

    const summary = await orgLead.get(path);
    expect(textOf(summary.body)).toContain('£1,275,000.50');

    const state = await t.deps.returns.load(
      { partnership: p, organisation: org, period: year },
      SYSTEM_ACTOR,
    );
    await t.database.db
      .updateTable('return_revisions')
      .set({ status: 'submitted', submitted_at: new Date() })
      .where('id', '=', state.revision.id)
      .execute();
    const review = await reviewer.get(`${path}/review`);
    expect(review.status).toBe(200);
    expect(textOf(review.body)).toContain('£1,275,000.50');
    expect(textOf(review.body)).not.toContain('£1,275,001');
  });
});
