/**
 * The one place stored figures are worked out. Every change that can move a figure calls
 * `recalculate(trx, partnershipId, reason)` inside its own transaction, so a figure never
 * disagrees with the data it came from: if the change rolls back, so does the figure.
 *
 * The reason names the input that changed (see FIGURE_INPUTS in core/figures/registry.ts) and,
 * where it knows, which organisations and dates; only the calculators reading that input run, for
 * the reporting periods overlapping those dates. Search for `input: 'spend-lines'` (or any other
 * input) to find every change that recalculates figures resting on it.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  CALCULATOR_IDS,
  CALCULATORS,
  storedCalculatorsReading,
  type FigureInput,
  type StoredCalculatorId,
} from '../../core/figures/registry.js';
import { lockPartnership } from '../../db/locks.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { evidencedJob, maturityJob } from './calculators/accountability.js';
import { carbonJob } from './calculators/carbon.js';
import { lm3Job } from './calculators/lm3.js';
import { payrollJob } from './calculators/payroll.js';
import {
  capitalJob,
  communityUseJob,
  engagementJob,
  grantsJob,
  homesJob,
  initiativesJob,
  volunteeringJob,
} from './calculators/registers.js';
import { spendJob } from './calculators/spend.js';
import type { CalculatorJob, CalculationScope } from './scope.js';

/**
 * The version of the stored calculators. Raise it when a calculator's method changes (or a
 * calculator starts being stored): at the next start every partnership's figures are worked out
 * again, audited (bringFiguresUpToDate).
 */
export const FIGURES_VERSION = 3;

export interface DateRange {
  /** Inclusive ISO dates. */
  readonly from: string;
  readonly to: string;
}

export type RecalculationReason =
  | {
      /** What changed. */
      readonly input: FigureInput;
      /** Only these organisations' figures can have moved (all when absent). */
      readonly organisationIds?: readonly string[];
      /** Only figures of periods overlapping these dates can have moved (all when absent). */
      readonly dates?: DateRange;
    }
  /** The calculators themselves changed (a new version of the service), or a new partnership. */
  | { readonly input: 'calculators' };

/** Which job works out each stored calculator: the compiler insists on one for each, and no more. */
const JOB_OF: { readonly [K in StoredCalculatorId]: CalculatorJob } = {
  'spend.local': spendJob,
  'spend.deprived': spendJob,
  'spend.sme': spendJob,
  'spend.vcse': spendJob,
  'spend.location-known': spendJob,
  lm3: lm3Job,
  'payroll.rlw-direct': payrollJob,
  'payroll.rlw-contracted': payrollJob,
  'payroll.local': payrollJob,
  'payroll.deprived': payrollJob,
  'payroll.new-starters-local': payrollJob,
  'returns.evidenced': evidencedJob,
  'maturity.level': maturityJob,
  'carbon.scope12': carbonJob,
  'carbon.reduction': carbonJob,
  'carbon.renewable-share': carbonJob,
  'carbon.recycled-share': carbonJob,
  'carbon.anaesthetic': carbonJob,
  'carbon.scope3': carbonJob,
  'register.community-use': communityUseJob,
  'register.homes': homesJob,
  'register.capital-local': capitalJob,
  'register.joint-initiatives': initiativesJob,
  'register.pooled-money': initiativesJob,
  'register.vcse-initiatives': initiativesJob,
  'register.engagement-activities': engagementJob,
  'register.residents': engagementJob,
  'register.volunteering': volunteeringJob,
  'register.grants': grantsJob,
};

const STORED = CALCULATOR_IDS.filter(
  (id): id is StoredCalculatorId => CALCULATORS[id].computed === 'stored',
);

/** The stored calculators a reason moves, in registry order. */
export function calculatorsFor(reason: RecalculationReason): StoredCalculatorId[] {
  return reason.input === 'calculators' ? [...STORED] : storedCalculatorsReading(reason.input);
}

/**
 * Works out again, in the caller's transaction, every stored figure the change can have moved.
 * Returns the calculators that ran.
 */
export async function recalculate(
  trx: Transaction<DB>,
  partnershipId: string,
  reason: RecalculationReason,
): Promise<StoredCalculatorId[]> {
  // One partnership's figures are worked out one change at a time, each reading its inputs after
  // the change before it committed: two at once would each miss the other's change, or clash.
  await lockPartnership(trx, partnershipId, 'figures');
  const calculators = calculatorsFor(reason);
  if (reason.input === 'calculators') {
    await trx
      .insertInto('figure_versions')
      .values({ partnership_id: partnershipId, version: FIGURES_VERSION })
      .onConflict((oc) =>
        oc
          .column('partnership_id')
          .doUpdateSet({ version: FIGURES_VERSION, computed_at: sql`now()` }),
      )
      .execute();
  }
  if (calculators.length === 0) return [];
  const dates = 'dates' in reason ? reason.dates : undefined;
  let q = trx
    .selectFrom('reporting_periods')
    .select(['id', 'kind', 'fy_start_year', 'starts_on', 'ends_on', 'due_on'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('starts_on');
  if (dates) q = q.where('ends_on', '>=', dates.from).where('starts_on', '<=', dates.to);
  const periods = await q.execute();
  if (periods.length === 0) return [];
  const scope: CalculationScope = {
    partnershipId,
    periods,
    organisationIds: 'organisationIds' in reason ? (reason.organisationIds ?? null) : null,
  };
  const jobs = [...new Set(calculators.map((c) => JOB_OF[c]))];
  for (const job of jobs) await job.run(trx, scope);
  return calculators;
}

/** Who the audit log names for figures worked out again at start. */
export const FIGURES_ACTOR: AuditActor = { userId: null, label: 'Anchorage (calculators updated)' };

/**
 * At start: partnerships whose stored figures come from an older version of the calculators (or
 * from before versions were kept) have them worked out again, one transaction and one audit entry
 * each. Does nothing when every partnership is up to date. Returns the partnerships brought up to
 * date.
 */
export async function bringFiguresUpToDate(db: Kysely<DB>): Promise<string[]> {
  const stale = await db
    .selectFrom('partnerships as p')
    .leftJoin('figure_versions as v', 'v.partnership_id', 'p.id')
    .select(['p.id', 'v.version'])
    .where((eb) => eb.or([eb('v.version', 'is', null), eb('v.version', '<', FIGURES_VERSION)]))
    .orderBy('p.created_at')
    .execute();
  for (const p of stale) {
    await db.transaction().execute(async (trx) => {
      const calculators = await recalculate(trx, p.id, { input: 'calculators' });
      await recordAudit(trx, {
        actor: FIGURES_ACTOR,
        partnershipId: p.id,
        entity: 'figures',
        entityId: null,
        action: 'figures.recalculated',
        before: { version: p.version },
        after: { version: FIGURES_VERSION, calculators },
      });
    });
  }
  return stale.map((p) => p.id);
}
