-- A newly adopted charter version asks each member organisation's leads to sign it (again, where
-- the organisation signed an earlier version): one more kind of notification, sent once per
-- version and person like the others. Runs unchanged on PostgreSQL 15 and on PGlite.
ALTER TABLE notification_log DROP CONSTRAINT notification_log_kind_check;
ALTER TABLE notification_log ADD CONSTRAINT notification_log_kind_check CHECK (kind IN (
  'consultation-opened', 'suggestion-answered', 'return-sent-back', 'return-due-soon',
  'return-overdue', 'charter-to-sign'));
