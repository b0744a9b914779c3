/**
 * Figures: worked out in the transaction of the change that moves them (so a change that fails
 * leaves the old figure), read through one read model with coverage, and brought up to date at
 * start when the calculators change.
 *
 * The spend used: organisation A, first quarter of 2025/26 (all in April–June 2025):
 *   Toxteth Joinery Ltd     L8 8AW (Liverpool, local)          £1,000.00
 *   Wilmslow Consulting Ltd SK9 7BL (Cheshire East, not local) £1,000.00
 *   Unknown Supplies        no postcode                        £2,000.00
 * P1 (local) = 1,000 / 4,000 = 25%, with a known location for 2,000 / 4,000 = 50% of the spend.
 * Unknown Supplies corrected to L16 9LE (Liverpool): P1 = 3,000 / 4,000 = 75%, all located.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PILLAR_IDS } from '../../core/pillars.js';
import type { Organisation, Partnership, ReportingPeriod } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../audit/audit.repo.js';
import {
  openQuarter,
  openYear,
  partnershipWithMembers,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.js';
import { importSpendCsv } from '../../../test/helpers/spend.js';
import type { ReturnContext } from '../returns/returns.service.js';
import { bringFiguresUpToDate, FIGURES_VERSION } from './recalculate.js';

const SPEND_CSV = [
  'Date Paid,Supplier Name,Supplier Postcode,Amount',
  '02/05/2025,Toxteth Joinery Ltd,L8 8AW,1000.00',
  '05/06/2025,Wilmslow Consulting Ltd,SK9 7BL,1000.00',
  '07/06/2025,Unknown Supplies,,2000.00',
  '',
].join('\r\n');

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ reference: true });
});

afterAll(() => t?.close());

interface World {
  partnership: Partnership;
  a: Organisation;
  b: Organisation;
  year: ReportingPeriod;
  quarter: ReportingPeriod;
}

/** A partnership (local area Liverpool) with two organisations, 2025/26 and its first quarter, and A's spend. */
async function world(options: { spend?: boolean; periods?: boolean } = {}): Promise<World> {
  // Local area: Liverpool, E08000012.
  const {
    partnership,
    members: [a, b],
  } = await partnershipWithMembers(t.deps, [{ name: 'A Trust' }, { name: 'B Council' }]);
  const open = () => openPeriods(partnership);
  // Periods opened before the spend is imported, or (periods: false) after.
  const periods = options.periods === false ? undefined : await open();
  if (options.spend !== false) await importSpend(partnership, a);
  return { partnership, a, b, ...(periods ?? (await open())) };
}

async function openPeriods(partnership: Partnership) {
  const year = await openYear(t.deps, partnership, 2025);
  const quarter = await openQuarter(t.deps, partnership, 2025, 1, '2025-08-31');
  return { year, quarter };
}

const importSpend = (partnership: Partnership, organisation: Organisation, csv = SPEND_CSV) =>
  importSpendCsv(t, partnership, organisation, csv);

/** What the stored calculator result says (null: no result). */
async function stored(w: World, calculator: string, period: ReportingPeriod, org = w.a) {
  const row = await t.database.db
    .selectFrom('calculator_results')
    .select(['value', 'numerator', 'denominator', 'coverage_known', 'coverage_total'])
    .where('organisation_id', '=', org.id)
    .where('period_id', '=', period.id)
    .where('calculator', '=', calculator)
    .executeTakeFirst();
  return row
    ? {
        value: row.value === null ? null : Number(row.value),
        numerator: Number(row.numerator),
        denominator: Number(row.denominator),
        known: row.coverage_known === null ? null : Number(row.coverage_known),
        total: row.coverage_total === null ? null : Number(row.coverage_total),
      }
    : null;
}

/** The read model's figure for an indicator and period. */
async function read(w: World, code: string, period: ReportingPeriod, asOf?: string) {
  const figures = await t.deps.figures.read(w.partnership.id, asOf ? { asOf } : {});
  const indicator = figures.indicators.find((i) => i.indicator.id === code);
  const p = indicator?.periods.find((x) => x.period.id === period.id);
  if (!p) throw new Error(`no ${code} for ${period.label}`);
  return p;
}

/** Makes the next audit entry with this action fail, as a full disk would, until dropped. */
async function failingAudit(action: string): Promise<() => Promise<void>> {
  await sql`CREATE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'disk full'; END $$`.execute(t.database.db);
  await sql`CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log FOR EACH ROW
    WHEN (NEW.action = ${sql.lit(action)}) EXECUTE FUNCTION test_fail_audit()`.execute(
    t.database.db,
  );
  return async () => {
    await sql`DROP TRIGGER test_fail_audit ON audit_log`.execute(t.database.db);
    await sql`DROP FUNCTION test_fail_audit()`.execute(t.database.db);
  };
}

async function unknownSupplier(partnership: Partnership) {
  return t.database.db
    .selectFrom('suppliers')
    .selectAll()
    .where('partnership_id', '=', partnership.id)
    .where('name', '=', 'Unknown Supplies')
    .executeTakeFirstOrThrow();
}

const CORRECTION = {
  name: 'Unknown Supplies',
  postcode: 'L16 9LE',
  type: 'sme' as const,
  vatNumber: '',
  companyNumber: '',
  charityNumber: '',
};

describe('figures change with their data, in the same transaction', () => {
  it('keeps the old figure when a supplier correction fails after recalculating, and moves it when the correction is saved', async () => {
    const w = await world();
    expect(await stored(w, 'spend.local', w.quarter)).toMatchObject({
      value: 25,
      known: 200_000,
      total: 400_000,
    });
    const supplier = await unknownSupplier(w.partnership);

    // The audit entry is written after the figures are worked out again: failing it rolls back both.
    const drop = await failingAudit('supplier.updated');
    const error = await t.deps.suppliers
      .update(w.partnership.id, supplier.id, CORRECTION, SYSTEM_ACTOR)
      .catch((e: unknown) => e)
      .finally(drop);
    expect((error as Error).message).toBe('disk full');
    expect(await stored(w, 'spend.local', w.quarter)).toMatchObject({ value: 25, known: 200_000 });
    expect((await read(w, 'P1', w.quarter)).byOrganisation.get(w.a.id)?.value).toBe(25);
    expect((await unknownSupplier(w.partnership)).postcode).toBeNull();

    // The same correction, saved: the figures follow without anything else being asked to.
    await t.deps.suppliers.update(w.partnership.id, supplier.id, CORRECTION, SYSTEM_ACTOR);
    expect(await stored(w, 'spend.local', w.quarter)).toMatchObject({
      value: 75,
      known: 400_000,
      total: 400_000,
    });
    expect(await stored(w, 'spend.sme', w.quarter)).toMatchObject({ value: 50, known: 200_000 });
    expect((await read(w, 'P1', w.quarter)).byOrganisation.get(w.a.id)?.value).toBe(75);
  });

  it('keeps the old figure when a spend import fails after recalculating, and moves it when the import is saved', async () => {
    const w = await world();
    const more = [
      'Date Paid,Supplier Name,Supplier Postcode,Amount',
      '09/06/2025,Toxteth Joinery Ltd,L8 8AW,4000.00',
      '',
    ].join('\r\n');
    const drop = await failingAudit('spend.imported');
    const error = await importSpend(w.partnership, w.a, more)
      .catch((e: unknown) => e)
      .finally(drop);
    expect((error as Error).message).toBe('disk full');
    expect(await stored(w, 'spend.local', w.quarter)).toMatchObject({
      value: 25,
      numerator: 100_000,
      denominator: 400_000,
    });

    await importSpend(w.partnership, w.a, more);
    // (1,000 + 4,000) / 8,000
    expect(await stored(w, 'spend.local', w.quarter)).toMatchObject({
      value: 62.5,
      numerator: 500_000,
      denominator: 800_000,
    });
    expect(await stored(w, 'lm3', w.year)).toMatchObject({ denominator: 800_000 });
  });

  it('works the figures out again for every change that can move them: a new period, the local area, an approval, a maturity rating', async () => {
    // Spend imported before any period is open: a period opened afterwards has its figures at once.
    const w = await world({ periods: false });
    expect(await stored(w, 'spend.local', w.year)).toMatchObject({ value: 25 });
    expect(await stored(w, 'spend.local', w.quarter)).toMatchObject({ value: 25 });
    expect(await stored(w, 'lm3', w.year)).toMatchObject({ denominator: 400_000 });

    // Cheshire East joins the local area: Wilmslow becomes local.
    await t.deps.tenancy.updateSettings(
      w.partnership,
      {
        name: w.partnership.name,
        localArea: ['E08000012', 'E06000049'],
        fyStartMonth: w.partnership.fy_start_month,
        isPublic: w.partnership.is_public,
        requireStaffTotp: w.partnership.require_staff_totp,
        imdEdition: undefined,
      },
      SYSTEM_ACTOR,
    );
    expect(await stored(w, 'spend.local', w.year)).toMatchObject({ value: 50 });

    // An approved return: A2 (figures with evidence) for its financial year.
    const ctx: ReturnContext = { partnership: w.partnership, organisation: w.b, period: w.quarter };
    let state = await t.deps.returns.load(ctx, SYSTEM_ACTOR);
    for (const section of state.sections) {
      const values = Object.fromEntries(section.items.map((i) => [i.id, '1']));
      await t.deps.returns.savePillar(state, ctx, section.pillar, values, true, SYSTEM_ACTOR);
    }
    state = await t.deps.returns.load(ctx, SYSTEM_ACTOR);
    const [first] = state.sections[0]?.items ?? [];
    await t.deps.returns.saveEvidenceDetails(
      state,
      ctx,
      first!.id,
      { note: 'From the ledger', confidence: 'high', links: [] },
      SYSTEM_ACTOR,
    );
    state = await t.deps.returns.load(ctx, SYSTEM_ACTOR);
    await t.deps.returns.submit(state, ctx, SYSTEM_ACTOR);
    expect(await stored(w, 'returns.evidenced', w.year, w.b)).toBeNull();
    state = await t.deps.returns.load(ctx, SYSTEM_ACTOR);
    await t.deps.returns.approve(state, ctx, SYSTEM_ACTOR);
    const figures = await t.database.db
      .selectFrom('return_values')
      .select(sql<number>`count(*)`.as('n'))
      .where('revision_id', '=', state.revision.id)
      .where('value', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(figures.n)).toBeGreaterThan(1);
    expect(await stored(w, 'returns.evidenced', w.year, w.b)).toMatchObject({
      numerator: 1,
      denominator: Number(figures.n),
    });

    // A maturity rating: A3, the lower middle of the pillar levels.
    await t.deps.maturity.rate(
      w.partnership.id,
      w.b.id,
      2025,
      PILLAR_IDS.map((pillar, i) => ({ pillar, level: (i % 4) + 1, evidence: 'Board paper' })),
      SYSTEM_ACTOR,
    );
    const a3 = await read(w, 'A3', w.year);
    expect(a3.byOrganisation.get(w.b.id)?.value).toBe(2);
  });
});

describe('the read model', () => {
  it('gives each organisation’s figure and the partnership total with its coverage', async () => {
    const w = await world();
    const p1 = await read(w, 'P1', w.quarter);
    expect(p1.byOrganisation.get(w.a.id)).toMatchObject({
      value: 25,
      source: 'calculator',
      coverage: {
        known: 200_000,
        total: 400_000,
        percent: 50,
        describes: 'spend with a known supplier location',
      },
    });
    expect(p1.byOrganisation.get(w.b.id)).toBeNull();
    expect(p1.total).toMatchObject({
      value: 25,
      numerator: 100_000,
      denominator: 400_000,
      coverage: {
        organisations: { reporting: 1, expected: 2 },
        data: { known: 200_000, total: 400_000, percent: 50 },
      },
    });
    // No supplier has a type yet: none of the spend is known for SMEs, which is not 0% known.
    const p3 = await read(w, 'P3', w.quarter);
    expect(p3.total.coverage.data).toMatchObject({
      known: 0,
      percent: 0,
      describes: 'spend with a known supplier type',
    });
    // So the share of spend with SMEs is not known, rather than 0%, for A and for the total.
    expect(p3.total).toMatchObject({ value: null, known: false });
    expect(p3.byOrganisation.get(w.a.id)).toMatchObject({ value: null, known: false });
    expect(p1.total.known).toBe(true);
    // P5 is itself about what is known; hand-entered figures have no data coverage.
    expect((await read(w, 'P5', w.quarter)).total.coverage.data).toBeNull();
    expect((await read(w, 'W7', w.quarter)).total.coverage).toEqual({
      organisations: { reporting: 0, expected: 2 },
      data: null,
    });
  });

  it('counts A1 as of the day it is read: a due date passing makes a missing return late', async () => {
    const w = await world({ spend: false });
    // Before the first quarter's return is due, nothing has fallen due.
    expect((await read(w, 'A1', w.year, '2025-08-30')).byOrganisation.get(w.a.id)).toBeNull();
    // The day after, with no change to any data, the missing return is late.
    const after = await read(w, 'A1', w.year, '2025-09-01');
    expect(after.byOrganisation.get(w.a.id)).toMatchObject({
      value: 0,
      numerator: 0,
      denominator: 1,
    });
    expect(after.total.coverage.organisations).toEqual({ reporting: 2, expected: 2 });
    // Once the year's own return is due too, both count.
    expect(
      (await read(w, 'A1', w.year, '2026-07-01')).byOrganisation.get(w.a.id)?.denominator,
    ).toBe(2);
  });
});

describe('a partnership-wide figure (C3, local priorities answered)', () => {
  it('is counted for the partnership as a whole, by year, with answers up to the day read', async () => {
    const w = await world({ spend: false });
    const later = await openYear(t.deps, w.partnership, 2026);
    const db = t.database.db;
    const priority = async (title: string, createdAt: string, hidden = false) =>
      (
        await db
          .insertInto('local_priorities')
          .values({
            partnership_id: w.partnership.id,
            title,
            description: `${title}, please.`,
            pillar: 'community',
            state: hidden ? 'hidden' : 'published',
            hidden_reason: hidden ? 'It named a member of staff' : null,
            created_at: new Date(createdAt),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const answer = (priorityId: string, answeredAt: string) =>
      db
        .insertInto('public_answers')
        .values({
          partnership_id: w.partnership.id,
          priority_id: priorityId,
          kind: 'accepted',
          reason: 'We will do it.',
          answered_at: new Date(answeredAt),
        })
        .execute();
    const bus = await priority('A later bus', '2025-06-02T10:00:00Z');
    const jobs = await priority('Jobs for care leavers', '2025-09-10T10:00:00Z');
    await priority('Something hidden', '2025-10-01T10:00:00Z', true);
    await priority('Benches in the park', '2026-05-05T10:00:00Z');
    await answer(bus, '2025-07-01T10:00:00Z');
    await answer(jobs, '2026-06-01T10:00:00Z');

    // In April 2026: of the two published in 2025/26 (the hidden one left out), one answered.
    const april = await read(w, 'C3', w.year, '2026-04-15');
    expect(april.total).toMatchObject({ value: 50, numerator: 1, denominator: 2, known: true });
    expect(april.total.coverage.partnershipWide).toBe(true);
    expect([...april.byOrganisation.values()]).toEqual([null, null]);
    // 2026/27 so far: what was published by that day.
    expect((await read(w, 'C3', later, '2026-04-15')).total).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
    // 2027/28 has not started: no figure.
    const next = await openYear(t.deps, w.partnership, 2027);
    expect((await read(w, 'C3', next, '2026-04-15')).total.value).toBeNull();

    // In July 2026 the second has its answer, so 2025/26 moves; 2026/27 counts all three.
    expect((await read(w, 'C3', w.year, '2026-07-01')).total).toMatchObject({
      value: 100,
      numerator: 2,
      denominator: 2,
    });
    const july = await read(w, 'C3', later, '2026-07-01');
    expect(july.total).toMatchObject({ numerator: 2, denominator: 3 });
    expect(july.change?.text).toBe('Down from 100.0% in 2025/26 to 66.7% in 2026/27');

    // No organisation has a figure for it: a return does not list it.
    const own = await t.deps.figures.readOrganisation(w.partnership.id, {
      organisationId: w.a.id,
      periodId: w.year.id,
    });
    expect(own?.figures.map((f) => f.indicator.id)).not.toContain('C3');
  });
});

describe('at start', () => {
  it('works out again, audited and once, the figures of partnerships worked out by older calculators', async () => {
    const w = await world();
    // As a partnership from before figure versions were kept: no version, no stored figures.
    await t.database.db
      .deleteFrom('figure_versions')
      .where('partnership_id', '=', w.partnership.id)
      .execute();
    await t.database.db
      .deleteFrom('calculator_results')
      .where('partnership_id', '=', w.partnership.id)
      .execute();
    expect(await stored(w, 'spend.local', w.quarter)).toBeNull();

    expect(await bringFiguresUpToDate(t.database.db)).toContain(w.partnership.id);
    expect(await stored(w, 'spend.local', w.quarter)).toMatchObject({ value: 25 });
    const version = await t.database.db
      .selectFrom('figure_versions')
      .select('version')
      .where('partnership_id', '=', w.partnership.id)
      .executeTakeFirstOrThrow();
    expect(version.version).toBe(FIGURES_VERSION);
    const entries = () =>
      t.database.db
        .selectFrom('audit_log')
        .select(['actor_label', 'after'])
        .where('partnership_id', '=', w.partnership.id)
        .where('action', '=', 'figures.recalculated')
        .execute();
    expect(await entries()).toHaveLength(1);

    expect(await bringFiguresUpToDate(t.database.db)).not.toContain(w.partnership.id);
    expect(await entries()).toHaveLength(1);
  });
});
