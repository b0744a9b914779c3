/** SQL for users and their memberships. No rules here. */
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../core/roles.js';
import type { DB, User } from '../../db/schema.js';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Kysely<DB>, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadActor(db: Kysely<DB>, user: User): Promise<Actor> {
  const rows = await db
    .selectFrom('memberships')
    .select(['partnership_id', 'organisation_id', 'role', 'pillars'])
    .where('user_id', '=', user.id)
    .execute();
  return {
    userId: user.id,
    isPlatformAdmin: user.is_platform_admin,
    memberships: rows.map((r) => ({
      partnershipId: r.partnership_id,
      organisationId: r.organisation_id,
      role: r.role,
      pillars: r.pillars,
    })),
  };
}

export interface MembershipSummary {
  id: string;
  role: Role;
  pillars: string[] | null;
  partnership_id: string;
  partnership_slug: string;
  partnership_name: string;
  organisation_id: string | null;
  organisation_name: string | null;
}

export function listMembershipsOfUser(
  db: Kysely<DB>,
  userId: string,
): Promise<MembershipSummary[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('partnerships as p', 'p.id', 'm.partnership_id')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id',
      'm.role',
      'm.pillars',
      'p.id as partnership_id',
      'p.slug as partnership_slug',
      'p.name as partnership_name',
      'o.id as organisation_id',
      'o.name as organisation_name',
    ])
    .where('m.user_id', '=', userId)
    .orderBy('p.name')
    .orderBy('o.name')
    .execute();
}

/** Whether any partnership this user belongs to requires staff to use a second factor. */
export async function secondFactorRequired(db: Kysely<DB>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('partnerships as p', 'p.id', 'm.partnership_id')
    .select('p.id')
    .where('m.user_id', '=', userId)
    .where('p.require_staff_totp', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}
