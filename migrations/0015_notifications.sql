-- Notifications by email (issue: step 2): people who follow a public partnership, and a log of
-- the emails sent so that each is sent once. Runs unchanged on PostgreSQL 15 and on PGlite.
--
-- Nothing here holds an email address: the address is read from the account when an email is
-- sent, and an account that is disabled or deleted is sent nothing.

-- Following a public partnership: an email when it opens a consultation on its charter, nothing
-- else. Anyone with an account may follow; the row goes when they unfollow.
CREATE TABLE partnership_followers (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partnership_id, user_id)
);
CREATE INDEX partnership_followers_user ON partnership_followers (user_id);

-- Which notification each person has been sent about what, so that a sweep run twice (or by two
-- servers at once) sends each email once. A row is written before the email is sent and removed
-- again if sending fails. `subject_id` names what the email was about: a charter version, a
-- consultation response, a return's revision as it was sent back, or a period and an
-- organisation ("period-id:organisation-id") for a reminder.
CREATE TABLE notification_log (
  kind text NOT NULL CHECK (kind IN ('consultation-opened', 'suggestion-answered',
    'return-sent-back', 'return-due-soon', 'return-overdue')),
  subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 200),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  sent_on date NOT NULL DEFAULT CURRENT_DATE,
  PRIMARY KEY (kind, subject_id, user_id)
);
CREATE INDEX notification_log_user ON notification_log (user_id);
