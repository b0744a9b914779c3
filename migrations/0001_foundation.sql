-- Tenancy, accounts, roles, sessions, mail outbox and the append-only audit log.
-- Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18).

CREATE TABLE partnerships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  local_area text[] NOT NULL DEFAULT '{}',
  fy_start_month integer NOT NULL DEFAULT 4 CHECK (fy_start_month BETWEEN 1 AND 12),
  fy_start_day integer NOT NULL DEFAULT 1 CHECK (fy_start_day BETWEEN 1 AND 28),
  is_public boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  require_staff_totp boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,19}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type text NOT NULL CHECK (type IN (
    'nhs-trust', 'integrated-care-board', 'primary-care', 'local-authority', 'university',
    'college', 'housing-association', 'emergency-service', 'vcse', 'other')),
  postcode text,
  london_weighting boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (partnership_id, code)
);
CREATE UNIQUE INDEX organisations_partnership_id_id ON organisations (partnership_id, id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  password_hash text,
  is_platform_admin boolean NOT NULL DEFAULT false,
  totp_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid REFERENCES organisations (id),
  role text NOT NULL CHECK (role IN (
    'partnership-lead', 'reviewer', 'moderator', 'org-lead', 'contributor', 'viewer')),
  pillars text[],
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role IN ('org-lead', 'contributor', 'viewer')) = (organisation_id IS NOT NULL)),
  CHECK (pillars IS NULL OR role = 'contributor'),
  UNIQUE NULLS NOT DISTINCT (user_id, partnership_id, organisation_id, role)
);
CREATE INDEX memberships_partnership ON memberships (partnership_id, organisation_id);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  email text NOT NULL CHECK (email = lower(email)),
  display_name text NOT NULL,
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid REFERENCES organisations (id),
  role text NOT NULL CHECK (role IN (
    'partnership-lead', 'reviewer', 'moderator', 'org-lead', 'contributor', 'viewer')),
  pillars text[],
  invited_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  CHECK ((role IN ('org-lead', 'contributor', 'viewer')) = (organisation_id IS NOT NULL))
);
CREATE INDEX invitations_partnership ON invitations (partnership_id, created_at DESC);

CREATE TABLE password_resets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid REFERENCES users (id),
  data jsonb NOT NULL,
  expires_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  to_address text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  transport text NOT NULL
);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at DESC);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_label text NOT NULL,
  partnership_id uuid,
  entity text NOT NULL,
  entity_id text,
  action text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_partnership ON audit_log (partnership_id, id DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
