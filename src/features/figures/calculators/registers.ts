/**
 * The registers' figures, per organisation and reporting period (decision 024): I1 (hours of
 * community use, quarters), I2 (homes enabled, years), I3 (capital spend with local contractors,
 * years), L1–L3 (joint initiatives, years), C1 and C2 (engagement activities and residents taking
 * part, quarters), C4 (staff volunteering hours, quarters) and C5 (grants to the VCSE sector,
 * years). Each entry counts in the period containing its date; the arithmetic is in the pure core
 * (core/registers). An organisation with no entry in a period has no result, so its figure falls
 * back to what it reports by hand.
 */
import type { Transaction } from 'kysely';
import type { StoredCalculatorId } from '../../../core/figures/registry.js';
import { initiativeFigures, type InitiativeStatus } from '../../../core/registers/initiatives.js';
import {
  capitalShare,
  contractorIsLocal,
  hundredths,
  periodTotals,
  type PeriodSpan,
  type RegisterId,
} from '../../../core/registers/registers.js';
import type { DB } from '../../../db/schema.js';
import {
  inScope,
  replaceResults,
  type CalculationScope,
  type CalculatorJob,
  type ResultRow,
} from '../scope.js';

type Entry = Awaited<ReturnType<typeof loadEntries>>[number];

function spans(scope: CalculationScope, kind: 'quarter' | 'year'): PeriodSpan[] {
  return scope.periods
    .filter((p) => p.kind === kind)
    .map((p) => ({ id: p.id, startsOn: p.starts_on, endsOn: p.ends_on }));
}

/** The register's entries of the scope's organisations dated within its periods. */
async function loadEntries(
  trx: Transaction<DB>,
  scope: CalculationScope,
  registers: readonly RegisterId[],
  periods: readonly PeriodSpan[],
) {
  const from = periods.reduce((a, p) => (p.startsOn < a ? p.startsOn : a), '9999-12-31');
  const to = periods.reduce((a, p) => (p.endsOn > a ? p.endsOn : a), '0000-01-01');
  let q = trx
    .selectFrom('register_entries')
    .select([
      'organisation_id',
      'register',
      'occurred_on',
      'hours',
      'homes',
      'amount_pence',
      'contractor_lad',
      'local_stated',
      'participants',
      'participants_deprived',
    ])
    .where('partnership_id', '=', scope.partnershipId)
    .where('register', 'in', [...registers])
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to);
  if (scope.organisationIds) q = q.where('organisation_id', 'in', [...scope.organisationIds]);
  return q.execute();
}

/** One register's figures: the sum of an amount per organisation and period. */
function summing(
  register: RegisterId,
  calculator: StoredCalculatorId,
  kind: 'quarter' | 'year',
  amount: (e: Entry) => number,
  value: (total: number, entries: number) => number,
): CalculatorJob {
  return {
    calculators: [calculator],
    async run(trx, scope) {
      const periods = spans(scope, kind);
      if (periods.length === 0 || scope.organisationIds?.length === 0) return;
      const entries = await loadEntries(trx, scope, [register], periods);
      const rows: ResultRow[] = periodTotals(
        entries.map((e) => ({
          organisationId: e.organisation_id,
          date: e.occurred_on,
          amount: amount(e),
        })),
        periods,
      ).map((t) => ({
        organisationId: t.organisationId,
        periodId: t.periodId,
        calculator,
        value: value(t.total, t.entries),
        detail: { entries: t.entries },
      }));
      await replaceResults(
        trx,
        scope,
        [calculator],
        periods.map((p) => p.id),
        rows,
      );
    },
  };
}

const hoursOf = (e: Entry) => hundredths(Number(e.hours ?? 0));

export const communityUseJob = summing(
  'community-use',
  'register.community-use',
  'quarter',
  hoursOf,
  (t) => t / 100,
);

export const homesJob = summing(
  'land',
  'register.homes',
  'year',
  (e) => e.homes ?? 0,
  (t) => t,
);

export const volunteeringJob = summing(
  'volunteering',
  'register.volunteering',
  'quarter',
  hoursOf,
  (t) => t / 100,
);

/** C5 in pounds (the indicator's unit), from whole pence. */
export const grantsJob = summing(
  'grants',
  'register.grants',
  'year',
  (e) => e.amount_pence ?? 0,
  (t) => t / 100,
);

/** C1 (activities held) and C2 (residents taking part; of whom from deciles 1–2 in its detail). */
export const engagementJob: CalculatorJob = {
  calculators: ['register.engagement-activities', 'register.residents'],
  async run(trx, scope) {
    const periods = spans(scope, 'quarter');
    if (periods.length === 0 || scope.organisationIds?.length === 0) return;
    const entries = await loadEntries(trx, scope, ['engagement'], periods);
    const dated = (amount: (e: Entry) => number) =>
      entries.map((e) => ({
        organisationId: e.organisation_id,
        date: e.occurred_on,
        amount: amount(e),
      }));
    const residents = periodTotals(
      dated((e) => e.participants ?? 0),
      periods,
    );
    const deprived = new Map(
      periodTotals(
        dated((e) => e.participants_deprived ?? 0),
        periods,
      ).map((t) => [`${t.organisationId}:${t.periodId}`, t.total]),
    );
    const deprivedKnownOf = new Map(
      periodTotals(
        dated((e) => (e.participants_deprived === null ? 0 : (e.participants ?? 0))),
        periods,
      ).map((t) => [`${t.organisationId}:${t.periodId}`, t.total]),
    );
    const rows: ResultRow[] = residents.flatMap((t) => {
      const k = `${t.organisationId}:${t.periodId}`;
      return [
        {
          organisationId: t.organisationId,
          periodId: t.periodId,
          calculator: 'register.engagement-activities' as const,
          value: t.entries,
        },
        {
          organisationId: t.organisationId,
          periodId: t.periodId,
          calculator: 'register.residents' as const,
          value: t.total,
          detail: { deprived: deprived.get(k) ?? 0, deprivedKnownOf: deprivedKnownOf.get(k) ?? 0 },
        },
      ];
    });
    await replaceResults(
      trx,
      scope,
      ['register.engagement-activities', 'register.residents'],
      periods.map((p) => p.id),
      rows,
    );
  },
};

/**
 * I3: payments to local contractors over all capital payments, in pounds (the unit of the
 * figures typed by hand, so that a partnership total adds like with like), with how much of the
 * spend has a known contractor location (in pence) as its coverage.
 */
export const capitalJob: CalculatorJob = {
  calculators: ['register.capital-local'],
  async run(trx, scope) {
    const periods = spans(scope, 'year');
    if (periods.length === 0 || scope.organisationIds?.length === 0) return;
    const { local_area } = await trx
      .selectFrom('partnerships')
      .select('local_area')
      .where('id', '=', scope.partnershipId)
      .executeTakeFirstOrThrow();
    const entries = await loadEntries(trx, scope, ['capital'], periods);
    const rows: ResultRow[] = [];
    for (const p of periods) {
      const byOrganisation = new Map<string, Entry[]>();
      for (const e of entries) {
        if (e.occurred_on < p.startsOn || e.occurred_on > p.endsOn) continue;
        byOrganisation.set(e.organisation_id, [
          ...(byOrganisation.get(e.organisation_id) ?? []),
          e,
        ]);
      }
      for (const [organisationId, list] of byOrganisation) {
        const s = capitalShare(
          list.map((e) => ({
            amountPence: e.amount_pence ?? 0,
            local: contractorIsLocal(e.contractor_lad, local_area, e.local_stated),
          })),
        );
        rows.push({
          organisationId,
          periodId: p.id,
          calculator: 'register.capital-local',
          value: s.totalPence > 0 ? (s.localPence * 100) / s.totalPence : null,
          numerator: s.localPence / 100,
          denominator: s.totalPence / 100,
          coverage: { known: s.knownPence, total: s.totalPence },
          detail: { unit: 'pounds', payments: list.length },
        });
      }
    }
    await replaceResults(
      trx,
      scope,
      ['register.capital-local'],
      periods.map((p) => p.id),
      rows,
    );
  },
};

const INITIATIVE_CALCULATORS = [
  'register.joint-initiatives',
  'register.pooled-money',
  'register.vcse-initiatives',
] as const;

/** L1–L3 for each partner organisation and financial year. */
export const initiativesJob: CalculatorJob = {
  calculators: INITIATIVE_CALCULATORS,
  async run(trx, scope) {
    const periods = spans(scope, 'year');
    if (periods.length === 0 || scope.organisationIds?.length === 0) return;
    const [initiatives, partners] = await Promise.all([
      trx
        .selectFrom('joint_initiatives')
        .select(['id', 'status', 'starts_on', 'ends_on', 'vcse_partner'])
        .where('partnership_id', '=', scope.partnershipId)
        .execute(),
      trx
        .selectFrom('joint_initiative_partners')
        .select(['initiative_id', 'organisation_id', 'pooled_pence'])
        .where('partnership_id', '=', scope.partnershipId)
        .execute(),
    ]);
    const figures = initiativeFigures(
      initiatives.map((i) => ({
        id: i.id,
        startsOn: i.starts_on,
        endsOn: i.ends_on,
        status: i.status as InitiativeStatus,
        vcse: i.vcse_partner !== null,
        partners: partners
          .filter((p) => p.initiative_id === i.id && inScope(scope, p.organisation_id))
          .map((p) => ({ organisationId: p.organisation_id, pooledPence: p.pooled_pence })),
      })),
      periods,
    );
    const rows: ResultRow[] = figures.flatMap((f) => [
      {
        organisationId: f.organisationId,
        periodId: f.periodId,
        calculator: 'register.joint-initiatives' as const,
        value: f.initiatives,
        // The initiatives by id, so that the partnership total counts a shared one once.
        detail: { counted: f.initiativeIds },
      },
      {
        organisationId: f.organisationId,
        periodId: f.periodId,
        calculator: 'register.pooled-money' as const,
        value: f.pooledPence / 100,
        detail: { pence: f.pooledPence },
      },
      {
        organisationId: f.organisationId,
        periodId: f.periodId,
        calculator: 'register.vcse-initiatives' as const,
        value: f.vcseInitiatives,
        detail: { counted: f.vcseInitiativeIds },
      },
    ]);
    await replaceResults(
      trx,
      scope,
      INITIATIVE_CALCULATORS,
      periods.map((p) => p.id),
      rows,
    );
  },
};
