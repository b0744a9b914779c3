/**
 * The locks a transaction takes per partnership, each for one kind of change, held until the
 * transaction ends (PostgreSQL advisory locks, keyed on the partnership's id and the kind). A
 * transaction that takes more than one takes them in this order, so that two never wait on each
 * other: figures last, as every change that moves a figure works it out at its end.
 */
import { CompiledQuery, type Transaction } from 'kysely';
import type { DB } from './schema.js';

export const PARTNERSHIP_LOCKS = {
  /** Imports into one partnership, one at a time (a second copy of a file finds the first). */
  imports: 7,
  /** Bringing the partnership's framework up to the shipped catalogue. */
  catalogue: 11,
  /** One publication at a time, so revision numbers never clash. */
  publishing: 13,
  /** The money recorded in registers and joint initiatives, held within exact sums. */
  recordedMoney: 17,
  /** Working out stored figures: each reads the inputs after the last change committed. */
  figures: 19,
} as const;

export type PartnershipLock = keyof typeof PARTNERSHIP_LOCKS;

/** The SQL that takes a partnership's lock of a kind ($1 the partnership's id). */
export function partnershipLockSql(lock: PartnershipLock): string {
  return `SELECT pg_advisory_xact_lock(hashtextextended($1, ${PARTNERSHIP_LOCKS[lock]}))`;
}

/** Takes a partnership's lock of a kind, until the transaction ends. */
export async function lockPartnership(
  trx: Transaction<DB>,
  partnershipId: string,
  lock: PartnershipLock,
): Promise<void> {
  await trx.executeQuery(CompiledQuery.raw(partnershipLockSql(lock), [partnershipId]));
}
