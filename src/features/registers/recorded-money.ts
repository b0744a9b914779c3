/**
 * The money a partnership records by hand (register amounts, money pooled in joint initiatives)
 * held within what its totals add up exactly (decision 052). A change is checked after it is
 * written, in its own transaction, under the partnership's lock: a change that would pass the
 * bound is refused with the figures and rolled back whole.
 */
import { sql, type Transaction } from 'kysely';
import { recordedMoneyProblem } from '../../core/registers/registers.js';
import type { DB } from '../../db/schema.js';
import { lockPartnership } from '../../db/locks.js';

/** A change refused because the partnership's recorded money would pass the bound. */
export class RecordedMoneyError extends Error {}

/**
 * Throws RecordedMoneyError when the partnership's recorded money, with this change (written
 * already, in `trx`), passes the bound. `addedPence` is what the change adds: a change that adds
 * nothing, or records less than before, is never refused and takes no lock.
 */
export async function holdRecordedMoney(
  trx: Transaction<DB>,
  partnershipId: string,
  addedPence: bigint,
) {
  if (addedPence <= 0n) return;
  await lockPartnership(trx, partnershipId, 'recordedMoney');
  const { rows } = await sql<{ name: string; total: string }>`
    SELECT p.name,
      ((SELECT coalesce(sum(e.amount_pence), 0) FROM register_entries e
          WHERE e.partnership_id = p.id)
        + (SELECT coalesce(sum(j.pooled_pence), 0) FROM joint_initiative_partners j
          WHERE j.partnership_id = p.id))::text AS total
    FROM partnerships p WHERE p.id = ${partnershipId}`.execute(trx);
  const row = rows[0];
  const problem = row ? recordedMoneyProblem(row.name, BigInt(row.total)) : null;
  if (problem) throw new RecordedMoneyError(problem);
}
