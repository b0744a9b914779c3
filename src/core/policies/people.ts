/**
 * The people policy: who may hand out, withdraw and remove which roles, and which of a
 * partnership's organisations and roles a person sees as their own. Beyond the role matrix in
 * core/roles.ts (which says who may open the people pages). Pure.
 */
import {
  can,
  invitableRoles,
  isOrganisationRole,
  type Actor,
  type MembershipGrant,
  type Role,
} from '../roles.js';

/** The person's own roles in a partnership. */
export function rolesIn(actor: Actor, partnershipId: string): MembershipGrant[] {
  return actor.memberships.filter((m) => m.partnershipId === partnershipId);
}

/**
 * The organisations a person sees listed in the partnership: all of them for those who may list
 * organisations, otherwise the ones they have a role in.
 */
export function visibleOrganisations<O extends { readonly id: string }>(
  actor: Actor,
  partnershipId: string,
  organisations: readonly O[],
): O[] {
  if (can(actor, 'organisations.list', { partnershipId })) return [...organisations];
  return ownOrganisations(actor, partnershipId, organisations);
}

/** The organisations the person has a role in. */
export function ownOrganisations<O extends { readonly id: string }>(
  actor: Actor,
  partnershipId: string,
  organisations: readonly O[],
): O[] {
  const mine = rolesIn(actor, partnershipId);
  return organisations.filter((o) => mine.some((m) => m.organisationId === o.id));
}

/**
 * Whether the person may manage (invite, withdraw an invitation to, remove) this role, held in
 * the partnership (organisationId null) or in one of its organisations.
 */
export function mayManageRole(
  actor: Actor,
  partnershipId: string,
  role: Role,
  organisationId: string | null,
): boolean {
  return invitableRoles(actor, {
    partnershipId,
    ...(organisationId ? { organisationId } : {}),
  }).includes(role);
}

/** A role held where it cannot be (an organisation role without an organisation, or the reverse). */
export function misplacedRole(role: Role, organisationId: string | null): boolean {
  return isOrganisationRole(role) !== (organisationId !== null);
}

/** Whether the person may remove this role: one they may manage, and not their own. */
export function mayRemoveRole(
  actor: Actor,
  partnershipId: string,
  holder: {
    readonly user_id: string;
    readonly role: Role;
    readonly organisation_id: string | null;
  },
): boolean {
  return (
    holder.user_id !== actor.userId &&
    mayManageRole(actor, partnershipId, holder.role, holder.organisation_id)
  );
}
