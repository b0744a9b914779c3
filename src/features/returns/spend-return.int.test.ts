/**
 * Spend feeds the return: where an organisation has imported spend for the period, the
 * procurement section shows the figures worked out from it (P1–P5, with coverage and a link to
 * the spend behind them) instead of asking for them, total first; where it has none, the boxes
 * stay, total first. The return's own page and the review page show the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';
import {
  openQuarter,
  partnershipWithMembers,
  signedInAs,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { importSpendCsv } from '../../../test/helpers/spend.js';

let t: TestApp;
let p: Partnership;
let withSpend: Organisation;
let without: Organisation;
let period: ReportingPeriod;
let leadA: TestClient;
let leadB: TestClient;
let reviewer: TestClient;

const returnPath = (o: Organisation) =>
  `/manage/${p.slug}/organisations/${o.id}/returns/${period.id}`;

beforeAll(async () => {
  t = await startTestApp();
  ({
    partnership: p,
    members: [withSpend, without],
  } = await partnershipWithMembers(t.deps, [
    { name: 'Mersey Valley Hospitals' },
    { name: 'Riverside Council' },
  ]));
  period = await openQuarter(t.deps, p, 2025, 1, '2025-07-31');
  await importSpendCsv(
    t,
    p,
    withSpend,
    [
      'Payment date,Supplier,Amount',
      '01/05/2025,Acme Cleaning Ltd,1000.50',
      '02/05/2025,Mersey Paper Co,2000.00',
    ].join('\r\n'),
    { mapping: { date: 0, supplier: 1, amount: 2 } },
  );
  leadA = await signedInAs(t, 'org-lead', p, withSpend);
  leadB = await signedInAs(t, 'org-lead', p, without);
  reviewer = await signedInAs(t, 'reviewer', p);
});
afterAll(() => t?.close());

/** The text from "Worked out from" to the link to the spend. */
function workedOut(html: string): string {
  const text = textOf(html);
  const start = text.indexOf('Worked out from');
  expect(start, 'the page shows figures worked out from spend').toBeGreaterThan(-1);
  return text.slice(start, text.indexOf('See the spend behind these figures', start) + 34);
}

describe('an organisation that has imported spend for the period', () => {
  it('sees P1–P5 worked out from it in the procurement section, total first, instead of boxes', async () => {
    const page = await leadA.get(`${returnPath(withSpend)}/sections/procurement`);
    expect(page.status).toBe(200);
    const shown = workedOut(page.body);
    expect(shown).toMatch(/Total spend with suppliers\s*£3,000\.50/);
    for (const code of ['P1', 'P2', 'P3', 'P4', 'P5'])
      expect(shown.indexOf(code)).toBeGreaterThan(shown.indexOf('Total spend with suppliers'));
    expect(shown).toContain('P1 Spend with suppliers in the local area');
    expect(shown).toContain('of £3,000.50');
    // Worded as on the dashboards: "Not known" below the threshold, the coverage with its amounts.
    expect(shown).toMatch(
      /P1 Spend with suppliers in the local area\s*Not known\s*At least £0\.00 of £3,000\.50/,
    );
    expect(shown).toContain('Supplier location known for 0.0% of spend (£0.00 of £3,000.50)');
    expect(page.body).toContain(
      `href="/manage/${p.slug}/organisations/${withSpend.id}/spend?year=2025"`,
    );
    for (const id of ['spend_total_gbp', 'spend_local_gbp', 'spend_sme_gbp'])
      expect(page.body).not.toContain(`name="${id}"`);
    // What is not worked out from spend is still asked for.
    expect(page.body).toContain('name="tenders_total"');
  });

  it('sees the same figures on the return’s own page and the reviewer on the review page', async () => {
    expect(workedOut((await leadA.get(returnPath(withSpend))).body)).toMatch(
      /Total spend with suppliers\s*£3,000\.50/,
    );
    const state = await t.deps.returns.load(
      { partnership: p, organisation: withSpend, period },
      null,
    );
    await t.database.db
      .updateTable('return_revisions')
      .set({ status: 'submitted' })
      .where('id', '=', state.revision.id)
      .execute();
    const review = await reviewer.get(`${returnPath(withSpend)}/review`);
    expect(review.status).toBe(200);
    expect(workedOut(review.body)).toContain('P5 Spend whose supplier location is known');
  });
});

describe('an organisation with no spend imported for the period', () => {
  it('types the figures in as before, the total before its parts', async () => {
    const page = await leadB.get(`${returnPath(without)}/sections/procurement`);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).not.toContain('Worked out from');
    const total = page.body.indexOf('name="spend_total_gbp"');
    expect(total).toBeGreaterThan(-1);
    for (const part of ['spend_local_gbp', 'spend_deprived_gbp', 'spend_sme_gbp', 'spend_vcse_gbp'])
      expect(page.body.indexOf(`name="${part}"`)).toBeGreaterThan(total);
  });
});
