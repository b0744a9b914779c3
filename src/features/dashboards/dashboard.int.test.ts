/**
 * What the dashboards show people, read from the figures read model: statuses decided on the
 * figures as shown, "No target" apart from "No data", coverage beside every figure, "Not known"
 * for shares whose data is too little known, like-for-like change between periods, and an
 * overview with a page per pillar.
 */
import { approvedReturn } from '../../../test/helpers/app.js';
import { isPartnershipWide } from '../../core/figures/registry.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import {
  makeOrganisation,
  makePartnership,
  signedIn,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { textOf, type TestClient } from '../../../test/helpers/client.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

/** An approved return with these figures, written as the review would leave it. */
const approved = (
  p: Partnership,
  org: Organisation,
  period: ReportingPeriod,
  values: Record<string, number>,
) => approvedReturn(t, p, org, period, values);

async function year(p: Partnership, fyStartYear: number) {
  return t.deps.returns.openPeriod(
    p,
    { kind: 'year', fyStartYear, quarter: null, dueOn: `${fyStartYear + 1}-06-30` },
    SYSTEM_ACTOR,
  );
}

async function partnershipTarget(
  p: Partnership,
  code: string,
  kind: 'baseline' | 'target',
  value: number,
  onDate: string,
) {
  await t.database.db
    .insertInto('indicator_targets')
    .values({
      partnership_id: p.id,
      organisation_id: null,
      indicator_code: code,
      kind,
      value: String(value),
      on_date: onDate,
      label: onDate,
    })
    .execute();
}

async function lead(p: Partnership): Promise<TestClient> {
  return (await signedIn(t, { role: 'partnership-lead', partnership: p })).client;
}

describe('status on the dashboards', () => {
  it('decides on the figure as shown, in its own unit, and says "No target" apart from "No data"', async () => {
    const p = await makePartnership(t.deps);
    const org = await makeOrganisation(t.deps, p, { name: 'A Trust' });
    const y = await year(p, 2025);
    // W1 96.18% against a target of 96.2% by the end of the year: both read 96.2%.
    await approved(p, org, y, {
      staff_paid_rlw: 9618,
      staff_headcount: 10000,
      contracted_staff_paid_rlw: 50,
      contracted_staff_headcount: 100,
    });
    await partnershipTarget(p, 'W1', 'baseline', 90, '2024-03-31');
    await partnershipTarget(p, 'W1', 'target', 96.2, '2026-03-31');
    const client = await lead(p);

    const w1 = textOf((await client.get(`/manage/${p.slug}/dashboard/W1`)).body);
    expect(w1).toContain('96.2%');
    expect(w1).toContain('On track');
    expect(w1).toContain('96.2% against a target of 96.2% by 31 March 2026');
    expect(w1).not.toContain('At risk');
    expect(w1).not.toMatch(/96\.18 against 96\.20/);

    // W2 has figures and no target: its figure, and "No target", not "No data".
    const w2 = textOf((await client.get(`/manage/${p.slug}/dashboard/W2`)).body);
    expect(w2).toContain('50.0%');
    expect(w2).toContain('No target');
    expect(w2).toContain('No target set');
    expect(w2).not.toContain('No data');
  });
});

async function quarter(p: Partnership, fyStartYear: number, q: number) {
  return t.deps.returns.openPeriod(
    p,
    { kind: 'quarter', fyStartYear, quarter: q, dueOn: `${fyStartYear + 1}-06-30` },
    SYSTEM_ACTOR,
  );
}

/** A spend calculator's stored result, as recalculate leaves it (amounts in pence). */
async function spendResult(
  p: Partnership,
  org: Organisation,
  period: ReportingPeriod,
  calculator: string,
  r: { part: number; total: number; known: number | null },
) {
  await t.database.db
    .insertInto('calculator_results')
    .values({
      partnership_id: p.id,
      organisation_id: org.id,
      period_id: period.id,
      calculator,
      value: String((r.part * 100) / r.total),
      numerator: String(r.part),
      denominator: String(r.total),
      coverage_known: r.known === null ? null : String(r.known),
      coverage_total: r.known === null ? null : String(r.total),
      detail: JSON.stringify({ unit: 'pence' }),
    })
    .execute();
}

describe('coverage and what is not known', () => {
  it('shows beside every figure how many organisations it covers and how much of its data is known, and "Not known" below the threshold', async () => {
    const p = await makePartnership(t.deps);
    const a = await makeOrganisation(t.deps, p, { name: 'A Trust' });
    await makeOrganisation(t.deps, p, { name: 'B Council' });
    await makeOrganisation(t.deps, p, { name: 'C College' });
    const q1 = await quarter(p, 2025, 1);
    // Local: 25% of spend, with the supplier's location known for 62% of it.
    await spendResult(p, a, q1, 'spend.local', { part: 25_000, total: 100_000, known: 62_000 });
    // SME: 2.0% of spend, with the supplier's type known for only 4.6% of it.
    await spendResult(p, a, q1, 'spend.sme', { part: 2_000, total: 100_000, known: 4_600 });
    // VCSE: no supplier's type known at all.
    await spendResult(p, a, q1, 'spend.vcse', { part: 0, total: 100_000, known: 0 });
    const client = await lead(p);

    const p1 = textOf((await client.get(`/manage/${p.slug}/dashboard/P1`)).body);
    expect(p1).toContain('25.0%');
    expect(p1).toContain('1 of 3 organisations');
    expect(p1).toContain('Supplier location known for 62.0% of spend');

    const p3 = textOf((await client.get(`/manage/${p.slug}/dashboard/P3`)).body);
    expect(p3).toContain('Not known');
    expect(p3).toContain('Supplier type known for 4.6% of spend');
    expect(p3).not.toContain('2.0%');

    const p4 = textOf((await client.get(`/manage/${p.slug}/dashboard/P4`)).body);
    expect(p4).toContain('Not known');
    expect(p4).toContain('Supplier type known for 0.0% of spend');
    expect(p4).not.toMatch(/(?<![\d.]|for )0\.0%/);
    expect(p4).toContain('Not known: supplier type known for 0.0% of spend');

    const methodology = textOf((await client.get(`/manage/${p.slug}/framework/methodology`)).body);
    expect(methodology).toContain('Coverage, and what is not known');
    expect(methodology).toContain('at least 50% of the spend');
    expect(methodology).toContain('Change between periods');
    expect(methodology).toContain('compared with the target itself');
  });
});

describe('change between periods', () => {
  it('compares the organisations that reported in both years, or says coverage changed', async () => {
    const p = await makePartnership(t.deps);
    const trust = await makeOrganisation(t.deps, p, { name: 'A Trust' });
    const uni = await makeOrganisation(t.deps, p, { name: 'B University' });
    const y24 = await year(p, 2024);
    const y25 = await year(p, 2025);
    // W1: the university (about 90% of 4,200 staff) did not report in 2025/26; the total moves
    // from 91.2% to 96.2% without any organisation's figure moving.
    await approved(p, trust, y24, {
      staff_paid_rlw: 962,
      staff_headcount: 1000,
      contracted_staff_paid_rlw: 10,
      contracted_staff_headcount: 100,
    });
    await approved(p, uni, y24, { staff_paid_rlw: 3780, staff_headcount: 4200 });
    await approved(p, trust, y25, { staff_paid_rlw: 962, staff_headcount: 1000 });
    // W2: the trust in 2024/25 only, the university in 2025/26 only.
    await approved(p, uni, y25, { contracted_staff_paid_rlw: 90, contracted_staff_headcount: 100 });
    const client = await lead(p);

    const w1 = textOf((await client.get(`/manage/${p.slug}/dashboard/W1`)).body);
    expect(w1).toContain(
      'No change from 2024/25 (96.2%), for the 1 organisation that reported in both (coverage changed: 2 organisations in 2024/25, 1 in 2025/26)',
    );
    expect(w1).not.toMatch(/Up from/);

    const w2 = textOf((await client.get(`/manage/${p.slug}/dashboard/W2`)).body);
    expect(w2).toContain('Coverage changed: 1 organisation in 2024/25, 1 in 2025/26');
    expect(w2).not.toMatch(/Up from|Down from/);
  });
});

describe('the dashboard: an overview, then a page per pillar', () => {
  it('shows one line per pillar linking to its page, which shows its indicators with figures, coverage, status and change', async () => {
    const p = await makePartnership(t.deps);
    const trust = await makeOrganisation(t.deps, p, { name: 'A Trust' });
    await makeOrganisation(t.deps, p, { name: 'B Council' });
    const y24 = await year(p, 2024);
    const y25 = await year(p, 2025);
    await approved(p, trust, y24, { staff_paid_rlw: 900, staff_headcount: 1000 });
    await approved(p, trust, y25, { staff_paid_rlw: 962, staff_headcount: 1000 });
    await partnershipTarget(p, 'W1', 'baseline', 90, '2024-03-31');
    await partnershipTarget(p, 'W1', 'target', 96.2, '2026-03-31');
    const client = await lead(p);

    const overview = await client.get(`/manage/${p.slug}/dashboard`);
    expect(overview.status).toBe(200);
    const text = textOf(overview.body);
    // One line per pillar, not every indicator's chart.
    expect(overview.body).not.toContain('app-chart');
    expect(overview.body).toContain(`href="/manage/${p.slug}/dashboard/pillars/workforce"`);
    expect(overview.body).toContain(`href="/manage/${p.slug}/dashboard/pillars/procurement"`);
    expect(text).toMatch(/Workforce 1 of \d+ indicators with a figure/);
    expect(text).toContain('1 on track');
    expect(text).toContain('Latest figures from 1 of 2 organisations');

    const workforce = await client.get(`/manage/${p.slug}/dashboard/pillars/workforce`);
    expect(workforce.status).toBe(200);
    const w = textOf(workforce.body);
    expect(w).toContain('W1 Directly employed staff paid at least the Real Living Wage');
    expect(w).toContain('96.2%');
    expect(w).toContain('1 of 2 organisations');
    expect(w).toContain('On track');
    expect(w).toContain('Up from 90.0% in 2024/25 to 96.2% in 2025/26');
    expect(workforce.body).toContain('app-chart');
    // Only this pillar's indicators.
    expect(w).not.toContain('P1 ');

    expect((await client.get(`/manage/${p.slug}/dashboard/pillars/nonsense`)).status).toBe(404);
    expect((await client.get(`/manage/${p.slug}/dashboard/pillars/toString`)).status).toBe(404);

    // An organisation's dashboard is an overview too, with its own pillar pages.
    const orgLead = (await signedIn(t, { role: 'org-lead', partnership: p, organisation: trust }))
      .client;
    const mine = await orgLead.get(`/manage/${p.slug}/organisations/${trust.id}/dashboard`);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(
      `href="/manage/${p.slug}/organisations/${trust.id}/dashboard/pillars/workforce"`,
    );
    const minePillar = textOf(
      (await orgLead.get(`/manage/${p.slug}/organisations/${trust.id}/dashboard/pillars/workforce`))
        .body,
    );
    expect(minePillar).toContain('96.2%');
    expect(minePillar).toContain('Up from 90.0% in 2024/25 to 96.2% in 2025/26');
  });
});

/** The rows of an indicator card's figures table, as the text of each cell. */
function tableRows(html: string, code: string): string[][] {
  const start = html.indexOf(`Figures for ${code}`);
  expect(start, `the page has a table of ${code}'s figures`).toBeGreaterThan(-1);
  const body = html.slice(start, html.indexOf('</table>', start));
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)]
    .slice(1)
    .map((row) =>
      [...row[0].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) =>
        textOf(c[1] ?? '').trim(),
      ),
    );
}

describe('an organisation’s pillar page: every period says what its figure rests on', () => {
  it('says a typed figure came from the approved return, a worked-out one how much is known, and a missing one that it was not reported', async () => {
    const p = await makePartnership(t.deps);
    const trust = await makeOrganisation(t.deps, p, { name: 'A Trust' });
    const q23 = await quarter(p, 2023, 1);
    const q24 = await quarter(p, 2024, 1);
    const q25 = await quarter(p, 2025, 1);
    // 2024/25 typed into the return; 2025/26 worked out from spend; 2023/24 nothing.
    await approved(p, trust, q24, { spend_local_gbp: 250, spend_total_gbp: 1000 });
    await spendResult(p, trust, q25, 'spend.local', {
      part: 30_000,
      total: 100_000,
      known: 62_000,
    });
    await spendResult(p, trust, q25, 'spend.location-known', {
      part: 62_000,
      total: 100_000,
      known: null,
    });
    const orgLead = (await signedIn(t, { role: 'org-lead', partnership: p, organisation: trust }))
      .client;
    const page = await orgLead.get(
      `/manage/${p.slug}/organisations/${trust.id}/dashboard/pillars/procurement`,
    );
    expect(page.status).toBe(200);
    expect(tableRows(page.body, 'P1')).toEqual([
      [q23.label, 'No data', 'Not reported'],
      [q24.label, '25.0%', 'From the approved return'],
      [q25.label, '30.0%', 'Supplier location known for 62.0% of spend'],
    ]);
    // P5 is itself about what is known and has no coverage of its own: no coverage column.
    expect(tableRows(page.body, 'P5')).toContainEqual([q25.label, '62.0%']);
    expect(page.body).not.toMatch(/<td[^>]*>\s*<\/td>/);
  });
});

describe('one organisation’s figures for one period, read alone (as its return reads them)', () => {
  it('are exactly what the whole partnership’s read model says for that organisation and period', async () => {
    const p = await makePartnership(t.deps);
    const trust = await makeOrganisation(t.deps, p, { name: 'A Trust' });
    const council = await makeOrganisation(t.deps, p, { name: 'B Council' });
    const y25 = await year(p, 2025);
    const q24 = await quarter(p, 2024, 1);
    const q25 = await quarter(p, 2025, 1);
    await approved(p, trust, q24, { spend_local_gbp: 250, spend_total_gbp: 1000 });
    await spendResult(p, trust, q25, 'spend.local', {
      part: 30_000,
      total: 100_000,
      known: 62_000,
    });
    // Type known for too little of the spend: "Not known", in both reads.
    await spendResult(p, trust, q25, 'spend.sme', { part: 2_000, total: 100_000, known: 4_600 });
    await approved(p, council, y25, { staff_paid_rlw: 962, staff_headcount: 1000 });
    await approved(p, council, q25, { spend_local_gbp: 400, spend_total_gbp: 1000 });

    const whole = await t.deps.figures.read(p.id, { asOf: '2026-12-01' });
    for (const org of [trust, council])
      for (const period of [y25, q24, q25]) {
        const alone = await t.deps.figures.readOrganisation(p.id, {
          organisationId: org.id,
          periodId: period.id,
          asOf: '2026-12-01',
        });
        // Partnership-wide figures (C3) are no organisation's.
        const expected = whole.indicators.flatMap((f) => {
          if (isPartnershipWide(f.indicator)) return [];
          const mine = f.periods.find((x) => x.period.id === period.id);
          return mine ? [{ indicator: f.indicator, figure: mine.byOrganisation.get(org.id) }] : [];
        });
        expect(expected.length).toBeGreaterThan(0);
        expect(alone?.figures).toEqual(expected);
      }

    const spendOnly = await t.deps.figures.readOrganisation(p.id, {
      organisationId: trust.id,
      periodId: q25.id,
      indicators: (i) => i.pillar === 'procurement',
    });
    expect(spendOnly?.figures.map((f) => f.indicator.pillar)).not.toContain('workforce');
    const sme = spendOnly?.figures.find((f) => f.indicator.id === 'P3')?.figure;
    expect(sme).toMatchObject({ known: false, value: null });

    // Another partnership's organisation or period: nothing.
    const other = await makePartnership(t.deps);
    const stranger = await makeOrganisation(t.deps, other, { name: 'C College' });
    expect(
      await t.deps.figures.readOrganisation(p.id, {
        organisationId: stranger.id,
        periodId: q25.id,
      }),
    ).toBeUndefined();
  });
});
