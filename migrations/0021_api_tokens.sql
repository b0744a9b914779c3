-- Personal API tokens (issue 13, decision 035): a signed-in person makes a token for a program
-- (Power BI, a script) to read or send their organisation's returns as them. Only the SHA-256
-- of the token's text is kept; the text is shown once. A token is limited to one partnership,
-- reads only or reads and writes, and stops working when it expires, is revoked, or its person's
-- account is disabled or deleted (checked each time it is used). Runs unchanged on PostgreSQL 15
-- and on PGlite.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  partnership_id uuid NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- Hex SHA-256 of the whole token text (anc_ and 43 base64url characters).
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  scope text NOT NULL CHECK (scope IN ('read', 'write')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at DESC);

-- A change made through a token is recorded under its person, and says which token: "API token
-- “Power BI”". The person's email address stays the entry's label, so deleting the account
-- still replaces it (migration 0019); the token's name is kept apart, here.
ALTER TABLE audit_log ADD COLUMN via text CHECK (via IS NULL OR length(via) BETWEEN 1 AND 200);

-- The erasure that migration 0019 allows leaves the new column as it is, like the others.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND coalesce(current_setting('anchorage.erasing_account', true), '') <> ''
    AND NEW.id = OLD.id AND NEW.at = OLD.at
    AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
    AND NEW.partnership_id IS NOT DISTINCT FROM OLD.partnership_id
    AND NEW.entity = OLD.entity
    AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
    AND NEW.action = OLD.action
    AND NEW.via IS NOT DISTINCT FROM OLD.via
    AND (NEW.actor_label = OLD.actor_label OR NEW.actor_label LIKE 'deleted-%@deleted.invalid')
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
