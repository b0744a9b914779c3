/** Row types of the notification tables (migrations/0015_notifications.sql), for Kysely. */
import type { ColumnType, Generated } from 'kysely';

export type NotificationKind =
  | 'consultation-opened'
  | 'suggestion-answered'
  | 'return-sent-back'
  | 'return-due-soon'
  | 'return-overdue'
  | 'charter-to-sign';

export interface PartnershipFollowersTable {
  partnership_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface NotificationLogTable {
  kind: NotificationKind;
  subject_id: string;
  user_id: string;
  sent_on: ColumnType<string, string | undefined, string>;
}

export interface NotificationTables {
  partnership_followers: PartnershipFollowersTable;
  notification_log: NotificationLogTable;
}
