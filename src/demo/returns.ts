/**
 * Three years of plausible, fictional returns for the demo partnership, so every screen has
 * something real to show: most approved, some late, some returned with queries, the current
 * quarter in progress. Figures come from a fixed seed, so every demo looks the same.
 */
import { evidenceNote } from './notes.js';
import { sql } from 'kysely';
import { sectionsFor } from '../core/framework/sections.js';
import { ratioPairs } from '../core/framework/validate.js';
import type { Section } from '../core/framework/sections.js';
import { addDays, frequencyOf, periodDates } from '../core/periods.js';
import type { PillarId } from '../core/pillars.js';
import type { Organisation, Partnership, ReportingPeriod } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { AuditActor } from '../features/audit/audit.repo.js';
import { listIndicators } from '../features/framework/framework.repo.js';
import type { ReturnContext } from '../features/returns/returns.service.js';

/** A small deterministic random number generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Profile {
  /** Directly employed headcount. */
  staff: number;
  /** Annual spend with suppliers, £. */
  spend: number;
  /** Scope 1 and 2 emissions in the first year, tCO2e. */
  carbon: number;
  clinical: boolean;
  /** Starting share of staff paid the Real Living Wage, 0–1. */
  rlw: number;
  /** How quickly this organisation improves (0–1). */
  pace: number;
}

const PROFILES: Record<string, Profile> = {
  'DEMO-MVH': {
    staff: 7400,
    spend: 210_000_000,
    carbon: 21_000,
    clinical: true,
    rlw: 0.93,
    pace: 0.8,
  },
  'DEMO-RBC': {
    staff: 3600,
    spend: 160_000_000,
    carbon: 8_500,
    clinical: false,
    rlw: 0.97,
    pace: 0.6,
  },
  'DEMO-UME': {
    staff: 4100,
    spend: 95_000_000,
    carbon: 14_000,
    clinical: false,
    rlw: 0.9,
    pace: 0.5,
  },
  'DEMO-WVH': {
    staff: 850,
    spend: 48_000_000,
    carbon: 1_900,
    clinical: false,
    rlw: 0.99,
    pace: 0.7,
  },
  'DEMO-NCF': {
    staff: 1250,
    spend: 22_000_000,
    carbon: 3_100,
    clinical: false,
    rlw: 0.95,
    pace: 0.4,
  },
  'DEMO-SHC': {
    staff: 680,
    spend: 12_000_000,
    carbon: 1_300,
    clinical: false,
    rlw: 0.88,
    pace: 0.9,
  },
};

const ACTOR: AuditActor = { userId: null, label: 'demo seed' };

/** Figures for one organisation, period and item; t is years since April 2023, q whether it is a quarter. */
function figure(item: string, p: Profile, t: number, quarter: boolean, r: () => number): number {
  const noise = (spread: number) => 1 + (r() - 0.5) * 2 * spread;
  const share = (start: number, gainPerYear: number, cap = 0.99) =>
    Math.min(cap, Math.max(0, start + gainPerYear * p.pace * t) * noise(0.03));
  const staff = Math.round(p.staff * (1 + 0.02 * t) * noise(0.01));
  const q = quarter ? 0.25 : 1;
  switch (item) {
    case 'staff_headcount':
      return staff;
    case 'staff_paid_rlw':
      return Math.round(staff * share(p.rlw, 0.02, 1));
    case 'contracted_staff_headcount':
      return Math.round(staff * 0.07 * noise(0.05));
    case 'contracted_staff_paid_rlw':
      return Math.round(staff * 0.07 * share(0.55, 0.1, 1) * 0.97);
    case 'accredited_living_wage_employer':
      return p.rlw + 0.03 * t * p.pace >= 0.97 ? 1 : 0;
    case 'staff_living_local':
      return Math.round(staff * share(0.68, 0.012));
    case 'staff_living_deprived':
      return Math.round(staff * share(0.27, 0.008));
    case 'new_starters':
      return Math.round(staff * 0.11 * noise(0.08));
    case 'new_starters_local':
      return Math.round(staff * 0.11 * share(0.62, 0.03) * 0.96);
    case 'apprenticeship_starts':
      return Math.round((staff / 120) * q * (1 + 0.1 * t) * noise(0.3));
    case 'priority_group_entrants':
      return Math.round((staff / 600) * q * (1 + 0.15 * t * p.pace) * noise(0.4));
    case 'work_experience_weeks':
      return Math.round((staff / 40) * q * noise(0.25));
    case 'spend_total_gbp':
      return Math.round(p.spend * q * (1 + 0.03 * t) * noise(0.06));
    case 'tenders_total':
      return Math.max(1, Math.round((p.spend / 2_000_000) * q * noise(0.3)));
    case 'sv_commitments_due':
      return Math.max(1, Math.round((p.spend / 5_000_000) * noise(0.2)));
    case 'community_use_hours_rooms':
      return Math.round((p.staff / 3) * q * (1 + 0.2 * t * p.pace) * noise(0.2));
    case 'community_use_hours_outdoor':
      return Math.round((p.staff / 6) * q * (1 + 0.1 * t) * noise(0.25));
    case 'homes_enabled':
      return r() < 0.35 ? Math.round(20 + r() * 120) : 0;
    case 'capital_spend_total_gbp':
      return Math.round(p.spend * 0.12 * noise(0.3));
    case 'scope1_tco2e':
      return Math.round(p.carbon * 0.55 * (1 - 0.06 * p.pace * t) * noise(0.03));
    case 'scope2_tco2e':
      return Math.round(p.carbon * 0.45 * (1 - 0.09 * p.pace * t) * noise(0.03));
    case 'electricity_total_kwh':
      return Math.round(p.carbon * 2400 * (1 - 0.02 * t) * noise(0.04));
    case 'waste_total_tonnes':
      return Math.round(p.staff * 0.32 * noise(0.05));
    case 'anaesthetic_gases_tco2e':
      return p.clinical ? Math.round(1900 * (1 - 0.25 * t) * noise(0.05)) : 0;
    case 'scope3_tco2e':
      return Math.round(p.carbon * 6.5 * (1 - 0.03 * t) * noise(0.05));
    case 'joint_initiatives':
      return Math.round(2 + t * p.pace * 1.5 + r() * 2);
    case 'money_pooled_gbp':
      return Math.round((p.spend / 1000) * (0.5 + t * 0.4) * noise(0.3));
    case 'vcse_initiatives':
      return Math.round(1 + t * p.pace + r() * 2);
    case 'engagement_activities':
      return Math.round((3 + t * 2 * p.pace) * noise(0.3));
    case 'residents_taking_part':
      return Math.round((80 + t * 60 * p.pace) * noise(0.3));
    case 'staff_volunteering_hours':
      return Math.round(p.staff * 0.4 * q * (1 + 0.2 * t) * noise(0.3));
    case 'vcse_grants_gbp':
      return Math.round((p.spend / 800) * (1 + 0.1 * t) * noise(0.2));
    default:
      return 0;
  }
}

/** Parts that depend on a whole (numerator items) are worked out from it, so they never exceed it. */
const PARTS: Record<string, { of: string; start: number; gain: number }> = {
  spend_local_gbp: { of: 'spend_total_gbp', start: 0.24, gain: 0.015 },
  spend_deprived_gbp: { of: 'spend_total_gbp', start: 0.08, gain: 0.006 },
  spend_sme_gbp: { of: 'spend_total_gbp', start: 0.21, gain: 0.01 },
  spend_vcse_gbp: { of: 'spend_total_gbp', start: 0.025, gain: 0.004 },
  spend_location_known_gbp: { of: 'spend_total_gbp', start: 0.71, gain: 0.05 },
  tenders_sv_weighted_10pc: { of: 'tenders_total', start: 0.4, gain: 0.15 },
  sv_commitments_delivered: { of: 'sv_commitments_due', start: 0.6, gain: 0.06 },
  capital_spend_local_contractors_gbp: { of: 'capital_spend_total_gbp', start: 0.28, gain: 0.03 },
  electricity_renewable_kwh: { of: 'electricity_total_kwh', start: 0.35, gain: 0.12 },
  waste_recycled_tonnes: { of: 'waste_total_tonnes', start: 0.31, gain: 0.03 },
};

function sectionValues(
  section: Section,
  profile: Profile,
  t: number,
  quarter: boolean,
  r: () => number,
): Record<string, string> {
  const values: Record<string, number> = {};
  for (const item of section.items) {
    if (!PARTS[item.id]) values[item.id] = figure(item.id, profile, t, quarter, r);
  }
  for (const item of section.items) {
    const part = PARTS[item.id];
    if (!part) continue;
    const whole = values[part.of] ?? figure(part.of, profile, t, quarter, r);
    const share = Math.min(
      0.98,
      Math.max(0, (part.start + part.gain * profile.pace * t) * (1 + (r() - 0.5) * 0.08)),
    );
    values[item.id] = Math.round(whole * share);
  }
  // A part never exceeds its whole.
  for (const [num, den] of ratioPairs(section.indicators.map((i) => i.computation))) {
    if (values[num] !== undefined && values[den] !== undefined)
      values[num] = Math.min(values[num], values[den]);
  }
  if (values.scope1_tco2e !== undefined && values.scope2_tco2e !== undefined) {
    values.scope12_tco2e = values.scope1_tco2e + values.scope2_tco2e;
  }
  const out: Record<string, string> = {};
  for (const item of section.items) {
    const v = values[item.id] ?? 0;
    out[item.id] = item.unit === 'yes/no' ? (v === 1 ? 'yes' : 'no') : String(v);
  }
  return out;
}

type Fate =
  | 'approved'
  | 'approved-late'
  | 'returned'
  | 'submitted'
  | 'draft-partial'
  | 'draft-none'
  | 'contributor-ready';

export async function seedDemoReturns(deps: Deps, partnership: Partnership): Promise<void> {
  const db = deps.database.db;
  const organisations = await db
    .selectFrom('organisations')
    .selectAll()
    .where('partnership_id', '=', partnership.id)
    .orderBy('code')
    .execute();
  const indicators = await listIndicators(db, partnership.id, { enabledOnly: true });

  // Three full financial years, the first quarter of this one, and the quarter now open.
  const specs: { kind: 'quarter' | 'year'; fy: number; quarter: number | null }[] = [];
  for (const fy of [2023, 2024, 2025]) {
    for (const quarter of [1, 2, 3, 4]) specs.push({ kind: 'quarter', fy, quarter });
    specs.push({ kind: 'year', fy, quarter: null });
  }
  specs.push({ kind: 'quarter', fy: 2026, quarter: 1 }, { kind: 'quarter', fy: 2026, quarter: 2 });

  const periods: ReportingPeriod[] = [];
  for (const s of specs) {
    const dates = periodDates(
      { kind: s.kind, fyStartYear: s.fy, quarter: s.quarter },
      partnership.fy_start_month,
    );
    const dueOn = addDays(dates.endsOn, s.kind === 'year' ? 91 : 61);
    periods.push(
      await deps.returns.openPeriod(
        partnership,
        { kind: s.kind, fyStartYear: s.fy, quarter: s.quarter, dueOn },
        ACTOR,
      ),
    );
  }

  const r = rng(20260401);
  const reviewer = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', '=', 'reviewer@demo.anchorage.example')
    .executeTakeFirst();
  const reviewerActor: AuditActor = reviewer
    ? { userId: reviewer.id, label: reviewer.email }
    : ACTOR;

  for (const period of periods) {
    const frequency = frequencyOf(period.kind);
    const sections = sectionsFor(indicators, frequency);
    const t =
      (Date.parse(`${period.starts_on}T00:00:00Z`) - Date.parse('2023-04-01T00:00:00Z')) /
      (365.25 * 86_400_000);
    for (const org of organisations) {
      const fate = fateOf(period, org);
      if (fate === 'draft-none') continue;
      const profile = PROFILES[org.code] ?? PROFILES['DEMO-RBC']!;
      const ctx: ReturnContext = { partnership, organisation: org, period };
      let state = await deps.returns.load(ctx, ACTOR);
      for (const [i, section] of sections.entries()) {
        const values = sectionValues(section, profile, t, period.kind === 'quarter', r);
        if (fate === 'draft-partial' && i > 0) break;
        if (
          fate === 'contributor-ready' &&
          (section.pillar === 'workforce' || section.pillar === 'procurement')
        )
          continue;
        await deps.returns.savePillar(
          state,
          ctx,
          section.pillar,
          values,
          fate !== 'draft-partial',
          ACTOR,
        );
      }
      state = await deps.returns.load(ctx, ACTOR);
      await addNotes(deps, state.revision.id, sections, r);
      if (fate === 'draft-partial' || fate === 'contributor-ready') continue;
      state = await deps.returns.load(ctx, ACTOR);
      await deps.returns.submit(state, ctx, ACTOR);
      state = await deps.returns.load(ctx, ACTOR);
      if (fate === 'submitted') {
        await stamp(deps, state.revision.id, period, false);
        continue;
      }
      if (fate === 'returned') {
        const item = sections[0]?.items[0];
        await deps.returns.returnWithQueries(
          state,
          ctx,
          [
            {
              itemId: item?.id ?? null,
              body: `Please check this figure against last year’s: it has changed more than we expected. Which date was it counted on?`,
            },
          ],
          reviewerActor,
        );
        await stamp(deps, state.revision.id, period, false);
        continue;
      }
      await deps.returns.approve(state, ctx, reviewerActor);
      await stamp(deps, state.revision.id, period, fate === 'approved-late');
    }
  }
  await seedMaturity(deps, partnership, organisations, reviewerActor, r);
}

/**
 * Baselines and targets, from the figures as they stand once every return, spend file, carbon
 * activity and payroll extract is in: a baseline is the first figure that will be published, not
 * a figure the calculators later replace.
 */
export async function seedDemoTargets(deps: Deps, partnership: Partnership): Promise<void> {
  const organisations = await deps.database.db
    .selectFrom('organisations')
    .selectAll()
    .where('partnership_id', '=', partnership.id)
    .orderBy('code')
    .execute();
  await seedTargets(deps, partnership, organisations);
}

/** What happens to each organisation's return for each period: mostly approved, with a few stories. */
function fateOf(period: ReportingPeriod, org: Organisation): Fate {
  const code = org.code;
  const key = `${period.label}`;
  if (key === 'Q2 2026/27') {
    if (code === 'DEMO-MVH') return 'contributor-ready';
    if (code === 'DEMO-RBC') return 'submitted';
    if (code === 'DEMO-UME' || code === 'DEMO-SHC') return 'draft-partial';
    return 'draft-none';
  }
  if (key === 'Q1 2026/27') {
    if (code === 'DEMO-WVH') return 'returned';
    if (code === 'DEMO-NCF') return 'submitted';
    return 'approved';
  }
  if (key === '2025/26' && code === 'DEMO-UME') return 'returned';
  if ((key === 'Q4 2025/26' || key === 'Q3 2024/25') && code === 'DEMO-NCF') return 'approved-late';
  if (key === 'Q2 2023/24' && code === 'DEMO-SHC') return 'approved-late';
  return 'approved';
}

/** Submission and decision dates as they would have been: on time (or late), reviewed a couple of weeks later. */
async function stamp(deps: Deps, revisionId: string, period: ReportingPeriod, late: boolean) {
  const submitted = late ? addDays(period.due_on, 12) : addDays(period.due_on, -9);
  const decided = addDays(submitted, 15);
  await sql`UPDATE return_revisions SET
      submitted_at = ${`${submitted}T10:30:00Z`}::timestamptz,
      decided_at = CASE WHEN decided_at IS NULL THEN NULL ELSE ${`${decided}T14:00:00Z`}::timestamptz END,
      created_at = ${`${addDays(submitted, -20)}T09:00:00Z`}::timestamptz
    WHERE id = ${revisionId}`.execute(deps.database.db);
}

async function addNotes(
  deps: Deps,
  revisionId: string,
  sections: readonly Section[],
  r: () => number,
) {
  for (const s of sections) {
    for (const item of s.items) {
      if (r() > 0.45) continue;
      // A note that fits the figure it sits beside (the ledger for money, HR for staff, …). The
      // draw that once chose a note at random is kept, so the rest of the demonstration is as it was.
      r();
      await sql`UPDATE return_values SET note = ${evidenceNote(item, s.pillar)},
          confidence = ${r() < 0.6 ? 'high' : r() < 0.8 ? 'medium' : 'low'}
        WHERE revision_id = ${revisionId} AND item_id = ${item.id}`.execute(deps.database.db);
    }
  }
}

async function seedTargets(
  deps: Deps,
  partnership: Partnership,
  organisations: readonly Organisation[],
) {
  const figures = await deps.figures.read(partnership.id);
  const baselineOf = (code: string, orgId: string | null) => {
    const f = figures.indicators.find((i) => i.indicator.id === code);
    const first = f?.periods.find(
      (p) => (orgId === null ? p.total.value : p.byOrganisation.get(orgId)?.value) != null,
    );
    if (!f || !first) return null;
    const value = orgId === null ? first.total.value : first.byOrganisation.get(orgId)?.value;
    return value == null
      ? null
      : {
          value: Math.round(value * 10) / 10,
          date: first.period.ends_on,
          label: first.period.label,
          unit: f.indicator.unit,
          direction: f.indicator.direction,
        };
  };
  const plans: { code: string; change: number }[] = [
    { code: 'W1', change: 5 },
    { code: 'W4', change: 6 },
    { code: 'W5', change: 4 },
    { code: 'P1', change: 10 },
    { code: 'P2', change: 5 },
    { code: 'P4', change: 3 },
    { code: 'E3', change: 40 },
    { code: 'E4', change: 15 },
  ];
  const by = (fy: number) =>
    periodDates({ kind: 'year', fyStartYear: fy }, partnership.fy_start_month);
  for (const orgId of [null, ...organisations.map((o) => o.id)]) {
    for (const plan of plans) {
      const b = baselineOf(plan.code, orgId);
      if (!b) continue;
      const t1 = by(2025);
      const t2 = by(2027);
      const cap = b.unit === '%' ? 100 : Infinity;
      await deps.framework.setTargets(
        partnership.id,
        {
          organisationId: orgId,
          code: plan.code,
          baseline: { value: b.value, date: b.date, label: b.label },
          targets: [
            {
              value: Math.min(cap, Math.round((b.value + plan.change / 2) * 10) / 10),
              date: t1.endsOn,
              label: t1.label,
            },
            {
              value: Math.min(cap, Math.round((b.value + plan.change) * 10) / 10),
              date: t2.endsOn,
              label: t2.label,
            },
          ],
        },
        ACTOR,
      );
    }
    const e1 = baselineOf('E1', orgId);
    if (e1) {
      const t2 = by(2027);
      await deps.framework.setTargets(
        partnership.id,
        {
          organisationId: orgId,
          code: 'E1',
          baseline: { value: Math.round(e1.value), date: e1.date, label: e1.label },
          targets: [{ value: Math.round(e1.value * 0.7), date: t2.endsOn, label: t2.label }],
        },
        ACTOR,
      );
      await deps.framework.setTargets(
        partnership.id,
        {
          organisationId: orgId,
          code: 'E2',
          baseline: { value: Math.round(e1.value), date: e1.date, label: e1.label },
          targets: [{ value: 30, date: t2.endsOn, label: t2.label }],
        },
        ACTOR,
      );
    }
  }
}

async function seedMaturity(
  deps: Deps,
  partnership: Partnership,
  organisations: readonly Organisation[],
  reviewer: AuditActor,
  r: () => number,
) {
  const pillars: PillarId[] = [
    'workforce',
    'procurement',
    'infrastructure',
    'environment',
    'partners',
    'community',
  ];
  for (const org of organisations) {
    const profile = PROFILES[org.code] ?? PROFILES['DEMO-RBC']!;
    for (const [i, year] of [2023, 2024, 2025, 2026].entries()) {
      if (year === 2026 && r() < 0.4) continue;
      const ratings = pillars.map((pillar, j) => ({
        pillar,
        level: Math.max(
          1,
          Math.min(
            4,
            1 + Math.floor(i * profile.pace + ((j + org.code.length) % 3) * 0.5 + r() * 0.8),
          ),
        ),
        evidence: `Board paper and action plan for ${pillar} (${year}/${String((year + 1) % 100).padStart(2, '0')}).`,
      }));
      await deps.maturity.rate(partnership.id, org.id, year, ratings, ACTOR);
      if (year < 2026) {
        await deps.maturity.review(
          partnership.id,
          org.id,
          year,
          pillars.map((pillar, j) =>
            j === 2 && year === 2025 && org.code === 'DEMO-UME'
              ? {
                  pillar,
                  decision: 'queried' as const,
                  comment: 'The evidence describes plans, not what has been done yet.',
                }
              : { pillar, decision: 'agreed' as const, comment: null },
          ),
          reviewer,
        );
      }
    }
  }
}
