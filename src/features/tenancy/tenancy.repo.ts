/** SQL for partnerships, organisations, memberships and invitations. Partnership id first. */
import { sql, type Kysely } from 'kysely';
import type { Actor, Role } from '../../core/roles.js';
import type { DB, Organisation, Partnership } from '../../db/schema.js';

export function findPartnershipBySlug(
  db: Kysely<DB>,
  slug: string,
): Promise<Partnership | undefined> {
  return db.selectFrom('partnerships').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function listPublicPartnerships(db: Kysely<DB>): Promise<Partnership[]> {
  return db
    .selectFrom('partnerships')
    .selectAll()
    .where('is_public', '=', true)
    .orderBy('name')
    .execute();
}

export function listPartnershipsForActor(db: Kysely<DB>, actor: Actor): Promise<Partnership[]> {
  let q = db.selectFrom('partnerships').selectAll().orderBy('name');
  if (!actor.isPlatformAdmin) {
    const ids = [...new Set(actor.memberships.map((m) => m.partnershipId))];
    if (ids.length === 0) return Promise.resolve([]);
    q = q.where('id', 'in', ids);
  }
  return q.execute();
}

export function listOrganisations(db: Kysely<DB>, partnershipId: string): Promise<Organisation[]> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

export function findOrganisation(
  db: Kysely<DB>,
  partnershipId: string,
  organisationId: string,
): Promise<Organisation | undefined> {
  if (!isUuid(organisationId)) return Promise.resolve(undefined);
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', organisationId)
    .executeTakeFirst();
}

export function findOrganisationByCode(
  db: Kysely<DB>,
  partnershipId: string,
  code: string,
): Promise<Organisation | undefined> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where(sql`upper(code)`, '=', code.toUpperCase())
    .executeTakeFirst();
}

export interface PersonRow {
  membership_id: string;
  user_id: string;
  display_name: string;
  email: string;
  role: Role;
  pillars: string[] | null;
  organisation_id: string | null;
  organisation_name: string | null;
  totp_enabled: boolean;
  last_sign_in_at: Date | null;
}

function peopleQuery(db: Kysely<DB>, partnershipId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id as membership_id',
      'u.id as user_id',
      'u.display_name',
      'u.email',
      'm.role',
      'm.pillars',
      'm.organisation_id',
      'o.name as organisation_name',
      sql<boolean>`u.totp_enabled_at IS NOT NULL`.as('totp_enabled'),
      'u.last_sign_in_at',
    ])
    .where('m.partnership_id', '=', partnershipId);
}

export function listPeople(
  db: Kysely<DB>,
  partnershipId: string,
  organisationId?: string,
): Promise<PersonRow[]> {
  let q = peopleQuery(db, partnershipId)
    .orderBy('o.name', (ob) => ob.asc().nullsFirst())
    .orderBy('u.display_name');
  if (organisationId) q = q.where('m.organisation_id', '=', organisationId);
  return q.execute();
}

export function findPerson(
  db: Kysely<DB>,
  partnershipId: string,
  membershipId: string,
): Promise<PersonRow | undefined> {
  if (!isUuid(membershipId)) return Promise.resolve(undefined);
  return peopleQuery(db, partnershipId).where('m.id', '=', membershipId).executeTakeFirst();
}

export interface InvitationRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  pillars: string[] | null;
  organisation_id: string | null;
  organisation_name: string | null;
  created_at: Date;
  expires_at: Date;
}

function pendingInvitationsQuery(db: Kysely<DB>, partnershipId: string) {
  return db
    .selectFrom('invitations as i')
    .leftJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select([
      'i.id',
      'i.email',
      'i.display_name',
      'i.role',
      'i.pillars',
      'i.organisation_id',
      'o.name as organisation_name',
      'i.created_at',
      'i.expires_at',
    ])
    .where('i.partnership_id', '=', partnershipId)
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', sql<Date>`now()`);
}

export function listPendingInvitations(
  db: Kysely<DB>,
  partnershipId: string,
  organisationId?: string,
): Promise<InvitationRow[]> {
  let q = pendingInvitationsQuery(db, partnershipId).orderBy('i.created_at', 'desc');
  if (organisationId) q = q.where('i.organisation_id', '=', organisationId);
  return q.execute();
}

export function findPendingInvitation(
  db: Kysely<DB>,
  partnershipId: string,
  invitationId: string,
): Promise<InvitationRow | undefined> {
  if (!isUuid(invitationId)) return Promise.resolve(undefined);
  return pendingInvitationsQuery(db, partnershipId)
    .where('i.id', '=', invitationId)
    .executeTakeFirst();
}

export async function countByPartnership(
  db: Kysely<DB>,
  partnershipId: string,
): Promise<{ organisations: number; people: number; invitations: number }> {
  const row = await db
    .selectNoFrom([
      sql<number>`(SELECT count(*) FROM organisations WHERE partnership_id = ${partnershipId})`.as(
        'organisations',
      ),
      sql<number>`(SELECT count(DISTINCT user_id) FROM memberships WHERE partnership_id = ${partnershipId})`.as(
        'people',
      ),
      sql<number>`(SELECT count(*) FROM invitations WHERE partnership_id = ${partnershipId} AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now())`.as(
        'invitations',
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    organisations: Number(row.organisations),
    people: Number(row.people),
    invitations: Number(row.invitations),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
