/**
 * Figures have bounds by kind, stated once in the core (core/framework/validate.ts): a count of
 * 1e308 used to be accepted, stored and displayed. Money keeps its pence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import { openYear, startWithMember, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let p: Partnership;
let org: Organisation;
let orgLead: TestClient;
let lead: TestClient;
let path: string;
let revisionId: string;

beforeAll(async () => {
  ({
    t,
    partnership: p,
    organisation: org,
    as: { 'org-lead': orgLead, 'partnership-lead': lead },
  } = await startWithMember(['org-lead', 'partnership-lead']));
  const period = await openYear(t.deps, p, 2025);
  revisionId = (await t.deps.returns.load({ partnership: p, organisation: org, period }, null))
    .revision.id;
  path = `/manage/${p.slug}/organisations/${org.id}/returns/${period.id}`;
});

afterAll(() => t?.close());

async function stored() {
  const rows = await t.database.db
    .selectFrom('return_values')
    .select(['item_id', 'value'])
    .where('revision_id', '=', revisionId)
    .execute();
  return Object.fromEntries(
    rows.map((r) => [r.item_id, r.value === null ? null : Number(r.value)]),
  );
}

describe('figures in a return', () => {
  it('refuse a count of 1e308 with a plain message, and keep nothing', async () => {
    const page = await orgLead.post(`${path}/sections/workforce`, {
      staff_headcount: '1e308',
      complete: 'no',
    });
    expect(page.status).toBe(400);
    expect(textOf(page.body)).toContain(
      'Number of directly employed staff (headcount) must be 1,000,000,000 or less',
    );
    expect(await stored()).toEqual({});
  });

  it('refuse money over £1 trillion or with fractions of a penny, and keep its pence', async () => {
    const tooMuch = await orgLead.post(`${path}/sections/partners`, {
      money_pooled_gbp: '1e15',
      complete: 'no',
    });
    expect(tooMuch.status).toBe(400);
    expect(textOf(tooMuch.body)).toMatch(/must be £1,000,000,000,000 or less/);
    const fraction = await orgLead.post(`${path}/sections/partners`, {
      money_pooled_gbp: '250,000.505',
      complete: 'no',
    });
    expect(fraction.status).toBe(400);
    expect(textOf(fraction.body)).toMatch(/must be in pounds and pence/);

    const ok = await orgLead.post(`${path}/sections/partners`, {
      money_pooled_gbp: '£250,000.55',
      complete: 'no',
    });
    expect(ok.status).toBe(303);
    expect((await stored()).money_pooled_gbp).toBe(250_000.55);
  });
});

describe('baselines and targets', () => {
  it('refuse a figure too large for its kind', async () => {
    const page = await lead.post(`/manage/${p.slug}/framework/indicators/W1/targets`, {
      baselineValue: '1e308',
      baselineYear: '2023',
    });
    expect(page.status).toBe(400);
    expect(textOf(page.body)).toMatch(/The baseline must be [\d,]+ or less/);
    const targets = await t.database.db
      .selectFrom('indicator_targets')
      .select('value')
      .where('partnership_id', '=', p.id)
      .execute();
    expect(targets).toEqual([]);
  });
});
