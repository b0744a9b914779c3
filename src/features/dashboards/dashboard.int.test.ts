/**
 * What the dashboards show people, read from the figures read model: statuses decided on the
 * figures as shown, "No target" apart from "No data", coverage beside every figure, "Not known"
 * for shares whose data is too little known, like-for-like change between periods, and an
 * overview with a page per pillar.
 */
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
async function approved(
  p: Partnership,
  org: Organisation,
  period: ReportingPeriod,
  values: Record<string, number>,
) {
  const db = t.database.db;
  const ret = await db
    .insertInto('returns')
    .values({ partnership_id: p.id, organisation_id: org.id, period_id: period.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const revision = await db
    .insertInto('return_revisions')
    .values({
      partnership_id: p.id,
      return_id: ret.id,
      number: 1,
      status: 'draft',
      pillar_status: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('return_values')
    .values(
      Object.entries(values).map(([item, value]) => ({
        revision_id: revision.id,
        partnership_id: p.id,
        item_id: item,
        value: String(value),
        note: null,
        confidence: null,
      })),
    )
    .execute();
  await db
    .updateTable('return_revisions')
    .set({ status: 'approved', submitted_at: new Date(), decided_at: new Date() })
    .where('id', '=', revision.id)
    .execute();
}

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
