-- Consultation on a charter version, moderation, answers ("you said, we did") and local
-- priorities (SPEC §2.2, §2.8; decision 029). Runs unchanged on PostgreSQL 15 and on PGlite.
--
-- A participant is an account (users) with no role: a light account of an email address and a
-- password. Nothing here holds a participant's email address or postcode; what is public is the
-- display name they chose for a contribution, or nothing (anonymous).

-- A response to one commitment of a version out for consultation (agree or disagree, a comment,
-- a suggested amendment), or a suggested new commitment (item_key null, with a title and pillar).
CREATE TABLE consultation_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL,
  version_id uuid NOT NULL,
  item_key text,
  stance text CHECK (stance IS NULL OR stance IN ('agree', 'disagree')),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  amendment text NOT NULL DEFAULT '' CHECK (length(amendment) <= 2000),
  -- A suggested new commitment: its title and pillar (its words are in `amendment`).
  title text CHECK (title IS NULL OR length(title) BETWEEN 1 AND 200),
  pillar text CHECK (pillar IS NULL OR pillar IN ('workforce', 'procurement', 'infrastructure',
    'environment', 'partners', 'community')),
  -- Who took part: null once they delete their account (the words stay, anonymous) or when staff
  -- entered a response from a paper form or an event for someone without an account.
  participant_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- The name shown beside it; null shows it as anonymous.
  display_name text CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 60),
  -- A staff member who entered it on a resident's behalf, and how it reached them.
  entered_by uuid REFERENCES users (id),
  entered_how text CHECK (entered_how IS NULL OR length(entered_how) BETWEEN 1 AND 200),
  state text NOT NULL CHECK (state IN ('pending', 'published', 'hidden')),
  hidden_reason text CHECK (hidden_reason IS NULL OR length(hidden_reason) BETWEEN 1 AND 500),
  -- Themes moderators tag responses with, for the analysis.
  themes text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (partnership_id, version_id) REFERENCES charter_versions (partnership_id, id),
  CHECK (item_key IS NOT NULL OR (title IS NOT NULL AND pillar IS NOT NULL AND amendment <> '')),
  CHECK (item_key IS NULL OR (title IS NULL AND pillar IS NULL)),
  CHECK (stance IS NOT NULL OR comment <> '' OR amendment <> ''),
  CHECK (state <> 'hidden' OR hidden_reason IS NOT NULL)
);
CREATE UNIQUE INDEX consultation_responses_partnership_id
  ON consultation_responses (partnership_id, id);
CREATE INDEX consultation_responses_version ON consultation_responses (version_id, item_key);
CREATE INDEX consultation_responses_participant ON consultation_responses (participant_id);
-- One response of their own per commitment for each participant (staff-entered ones aside).
CREATE UNIQUE INDEX consultation_responses_one_each
  ON consultation_responses (version_id, item_key, participant_id)
  WHERE participant_id IS NOT NULL AND entered_by IS NULL AND item_key IS NOT NULL;

-- Local priorities residents and groups raise with the partnership.
CREATE TABLE local_priorities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  -- The local authority district it is about (one of the partnership's), or null for all of it.
  area text,
  pillar text NOT NULL CHECK (pillar IN ('workforce', 'procurement', 'infrastructure',
    'environment', 'partners', 'community')),
  participant_id uuid REFERENCES users (id) ON DELETE SET NULL,
  display_name text CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 60),
  entered_by uuid REFERENCES users (id),
  entered_how text CHECK (entered_how IS NULL OR length(entered_how) BETWEEN 1 AND 200),
  state text NOT NULL CHECK (state IN ('pending', 'published', 'hidden')),
  hidden_reason text CHECK (hidden_reason IS NULL OR length(hidden_reason) BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (state <> 'hidden' OR hidden_reason IS NOT NULL)
);
CREATE UNIQUE INDEX local_priorities_partnership_id ON local_priorities (partnership_id, id);
CREATE INDEX local_priorities_list ON local_priorities (partnership_id, created_at DESC);

-- One support per account for a priority.
CREATE TABLE priority_supports (
  priority_id uuid NOT NULL REFERENCES local_priorities (id),
  participant_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (priority_id, participant_id)
);

-- The partnership's public answer to a suggestion (a response with an amendment, or a suggested
-- new commitment) or to a local priority: accepted, partly accepted, not taken forward or already
-- covered, with a reason and what it led to (commitment keys, indicator codes, initiatives).
CREATE TABLE public_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  response_id uuid UNIQUE,
  priority_id uuid UNIQUE,
  kind text NOT NULL CHECK (kind IN (
    'accepted', 'partly-accepted', 'not-taken-forward', 'already-covered')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  commitment_keys text[] NOT NULL DEFAULT '{}',
  indicator_codes text[] NOT NULL DEFAULT '{}',
  initiative_ids uuid[] NOT NULL DEFAULT '{}',
  answered_by uuid REFERENCES users (id),
  answered_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (partnership_id, response_id) REFERENCES consultation_responses (partnership_id, id),
  FOREIGN KEY (partnership_id, priority_id) REFERENCES local_priorities (partnership_id, id),
  CHECK ((response_id IS NULL) <> (priority_id IS NULL))
);

-- Flags anyone raises on something public, for a moderator to look at.
CREATE TABLE moderation_flags (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  response_id uuid REFERENCES consultation_responses (id),
  priority_id uuid REFERENCES local_priorities (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  flagged_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  CHECK ((response_id IS NULL) <> (priority_id IS NULL))
);
CREATE INDEX moderation_flags_open ON moderation_flags (partnership_id) WHERE resolved_at IS NULL;

-- Participants a partnership has blocked from taking part.
CREATE TABLE participant_blocks (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  participant_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  blocked_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partnership_id, participant_id)
);

-- What moderators did, and why: append-only, as the audit log is.
CREATE TABLE moderation_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  subject text NOT NULL CHECK (subject IN ('response', 'priority', 'participant')),
  subject_id uuid NOT NULL,
  action text NOT NULL CHECK (action IN ('approve', 'hide', 'restore', 'block', 'unblock', 'tag')),
  reason text,
  moderator_id uuid REFERENCES users (id),
  moderator_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_log_partnership ON moderation_log (partnership_id, id DESC);
CREATE FUNCTION moderation_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'moderation_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER moderation_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON moderation_log
  FOR EACH ROW EXECUTE FUNCTION moderation_log_is_append_only();
