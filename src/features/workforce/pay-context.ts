/**
 * What an organisation's pay is measured against (decision 026): the Real Living Wage table as
 * platform administrators keep it (living_wage_rates), and whether the organisation pays London
 * weighting (its setting on the organisation's details page), which selects the London rate.
 */
import type { Kysely, Transaction } from 'kysely';
import type { LivingWageRate } from '../../core/workforce/living-wage.js';
import type { DB } from '../../db/schema.js';
import { LivingWage } from './living-wage.service.js';

export async function livingWageContext(
  db: Kysely<DB> | Transaction<DB>,
  organisationId: string,
): Promise<{ rates: readonly LivingWageRate[]; paysLondonWeighting: boolean }> {
  const [rates, organisation] = await Promise.all([
    LivingWage.rates(db),
    db
      .selectFrom('organisations')
      .select('london_weighting')
      .where('id', '=', organisationId)
      .executeTakeFirst(),
  ]);
  return { rates, paysLondonWeighting: organisation?.london_weighting ?? false };
}
