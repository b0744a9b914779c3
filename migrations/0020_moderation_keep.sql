-- A moderator who looks at a report and finds nothing wrong keeps the response or priority
-- published: the reports are resolved and the decision logged as 'keep'. Runs unchanged on
-- PostgreSQL 15 and on PGlite.
ALTER TABLE moderation_log DROP CONSTRAINT moderation_log_action_check;
ALTER TABLE moderation_log ADD CONSTRAINT moderation_log_action_check CHECK (action IN (
  'approve', 'hide', 'restore', 'keep', 'block', 'unblock', 'tag'));
