-- The framework (commitments and indicators per partnership), baselines and targets,
-- reporting periods, returns with revisions, values, evidence and review comments,
-- calculator results, and the maturity self-assessment.

CREATE TABLE commitments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  code text NOT NULL,
  pillar text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  sort_order integer NOT NULL,
  UNIQUE (partnership_id, code)
);

CREATE TABLE indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9]{0,9}$'),
  pillar text NOT NULL,
  commitment_code text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL,
  unit text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('higher', 'lower')),
  frequency text NOT NULL CHECK (frequency IN ('quarterly', 'annual')),
  computation jsonb NOT NULL,
  items jsonb NOT NULL,
  source text NOT NULL,
  methodology text NOT NULL,
  publish_org_level boolean NOT NULL,
  origin text NOT NULL CHECK (origin IN ('catalogue', 'custom')),
  enabled boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (partnership_id, code)
);

-- A baseline (one per organisation and indicator, or for the partnership when organisation_id
-- is null) and any number of dated targets.
CREATE TABLE indicator_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid REFERENCES organisations (id),
  indicator_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('baseline', 'target')),
  value numeric NOT NULL,
  on_date date NOT NULL,
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id)
);
CREATE UNIQUE INDEX indicator_targets_one_baseline
  ON indicator_targets (partnership_id, indicator_code, organisation_id)
  NULLS NOT DISTINCT
  WHERE kind = 'baseline';
CREATE INDEX indicator_targets_lookup ON indicator_targets (partnership_id, indicator_code);

CREATE TABLE reporting_periods (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  kind text NOT NULL CHECK (kind IN ('quarter', 'year')),
  fy_start_year integer NOT NULL CHECK (fy_start_year BETWEEN 2000 AND 2100),
  quarter integer CHECK (quarter BETWEEN 1 AND 4),
  label text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  due_on date NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  opened_by uuid REFERENCES users (id),
  CHECK ((kind = 'quarter') = (quarter IS NOT NULL)),
  CHECK (ends_on >= starts_on),
  UNIQUE NULLS NOT DISTINCT (partnership_id, kind, fy_start_year, quarter)
);

CREATE TABLE returns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  period_id uuid NOT NULL REFERENCES reporting_periods (id),
  current_revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, period_id)
);
CREATE INDEX returns_partnership ON returns (partnership_id, period_id);

CREATE TABLE return_revisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  return_id uuid NOT NULL REFERENCES returns (id),
  number integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
  pillar_status jsonb NOT NULL DEFAULT '{}',
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  submitted_at timestamptz,
  submitted_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  UNIQUE (return_id, number)
);
CREATE INDEX return_revisions_queue ON return_revisions (partnership_id, status);

CREATE TABLE return_values (
  revision_id uuid NOT NULL REFERENCES return_revisions (id),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  item_id text NOT NULL,
  value numeric,
  note text,
  confidence text CHECK (confidence IN ('low', 'medium', 'high')),
  links text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  PRIMARY KEY (revision_id, item_id)
);

CREATE TABLE evidence_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  return_id uuid NOT NULL REFERENCES returns (id),
  revision_id uuid NOT NULL REFERENCES return_revisions (id),
  item_id text NOT NULL,
  original_name text NOT NULL,
  stored_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  uploaded_by uuid REFERENCES users (id)
);
CREATE INDEX evidence_files_revision ON evidence_files (revision_id, item_id);

CREATE TABLE review_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  return_id uuid NOT NULL REFERENCES returns (id),
  revision_id uuid NOT NULL REFERENCES return_revisions (id),
  item_id text,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  author_id uuid REFERENCES users (id),
  author_side text NOT NULL CHECK (author_side IN ('reviewer', 'organisation')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_comments_revision ON review_comments (revision_id, item_id, created_at);

-- Figures that built-in calculators work out from imports and registers, per organisation and period.
CREATE TABLE calculator_results (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  period_id uuid NOT NULL REFERENCES reporting_periods (id),
  calculator text NOT NULL,
  value numeric,
  numerator numeric,
  denominator numeric,
  detail jsonb NOT NULL DEFAULT '{}',
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, period_id, calculator)
);

CREATE TABLE maturity_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  fy_start_year integer NOT NULL,
  pillar text NOT NULL,
  level integer NOT NULL CHECK (level BETWEEN 1 AND 4),
  evidence text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('submitted', 'agreed', 'queried')),
  reviewer_comment text,
  assessed_at timestamptz NOT NULL DEFAULT now(),
  assessed_by uuid REFERENCES users (id),
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users (id),
  UNIQUE (organisation_id, fy_start_year, pillar)
);
CREATE INDEX maturity_partnership ON maturity_assessments (partnership_id, fy_start_year);

-- Approved figures are locked: a correction is a new revision, reviewed again.
CREATE FUNCTION approved_revision_is_locked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rev uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN rev := OLD.revision_id; ELSE rev := NEW.revision_id; END IF;
  IF EXISTS (SELECT 1 FROM return_revisions WHERE id = rev AND status = 'approved') THEN
    RAISE EXCEPTION 'revision % is approved and cannot be changed', rev
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER return_values_locked
  BEFORE INSERT OR UPDATE OR DELETE ON return_values
  FOR EACH ROW EXECUTE FUNCTION approved_revision_is_locked();

CREATE TRIGGER evidence_files_locked
  BEFORE INSERT OR UPDATE OR DELETE ON evidence_files
  FOR EACH ROW EXECUTE FUNCTION approved_revision_is_locked();
