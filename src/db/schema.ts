/** Row types for Kysely. Keep in step with migrations/*.sql. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export type Role =
  'partnership-lead' | 'reviewer' | 'moderator' | 'org-lead' | 'contributor' | 'viewer';

export interface PartnershipsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  local_area: ColumnType<string[], string[] | undefined, string[]>;
  fy_start_month: Generated<number>;
  fy_start_day: Generated<number>;
  is_public: Generated<boolean>;
  is_demo: Generated<boolean>;
  require_staff_totp: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface OrganisationsTable {
  id: Generated<string>;
  partnership_id: string;
  code: string;
  name: string;
  type: string;
  postcode: string | null;
  london_weighting: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  is_platform_admin: Generated<boolean>;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: number | null;
  disabled_at: NullableTimestamp;
  created_at: Generated<Date>;
  last_sign_in_at: NullableTimestamp;
}

export interface MembershipsTable {
  id: Generated<string>;
  user_id: string;
  partnership_id: string;
  organisation_id: string | null;
  role: Role;
  pillars: string[] | null;
  created_at: Generated<Date>;
}

export interface InvitationsTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  display_name: string;
  partnership_id: string;
  organisation_id: string | null;
  role: Role;
  pillars: string[] | null;
  invited_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Timestamp;
  updated_at: Generated<Date>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  created_at: Generated<Date>;
  to_address: string;
  subject: string;
  body_text: string;
  transport: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_label: string;
  partnership_id: string | null;
  entity: string;
  entity_id: string | null;
  action: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: Generated<Date>;
}

export interface DB {
  partnerships: PartnershipsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  sessions: SessionsTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Partnership = Selectable<PartnershipsTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
