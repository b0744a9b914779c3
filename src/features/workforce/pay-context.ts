/** What an organisation's pay is measured against: the Real Living Wage table and its London setting. */
import type { Kysely } from 'kysely';
import { LIVING_WAGE_RATES, type LivingWageRate } from '../../core/workforce/living-wage.js';
import type { DB } from '../../db/schema.js';

export async function livingWageContext(
  _db: Kysely<DB>,
  _organisationId: string,
): Promise<{ rates: readonly LivingWageRate[]; paysLondonWeighting: boolean }> {
  return { rates: LIVING_WAGE_RATES, paysLondonWeighting: false };
}
