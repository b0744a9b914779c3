/**
 * Who may see whose spend: the policy for spend and the supplier register, beyond the role
 * matrix in core/roles.ts (which says who may open the pages at all). Pure.
 */
import { can, type Actor } from '../roles.js';

/** Spend visible to a reader: every organisation's (null), or only these organisations'. */
export type SpendScope = readonly string[] | null;

/**
 * Whose spend the reader may see: the whole partnership's (readers of the partnership's spend),
 * or only that of the organisations in which they may see spend (their own, and for a
 * contributor only if they report procurement).
 */
export function spendScope(actor: Actor, partnershipId: string): SpendScope {
  if (can(actor, 'spend.partnership.view', { partnershipId })) return null;
  const ids = actor.memberships
    .filter((m) => m.partnershipId === partnershipId && m.organisationId)
    .map((m) => m.organisationId as string)
    .filter((organisationId) => can(actor, 'spend.view', { partnershipId, organisationId }));
  return [...new Set(ids)];
}
