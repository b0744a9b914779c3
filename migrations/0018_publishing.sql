-- Publishing (issue 13, SPEC §2.9): a partnership publishes a financial year's figures as a
-- snapshot taken from the figures read model; public pages, open data, the API and the annual
-- report read snapshots, never figures worked out again per request. A correction is a new
-- revision with its reason; earlier revisions stay, unchanged and reachable. Runs unchanged on
-- PostgreSQL 15 and on PGlite.
CREATE TABLE publications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  fy_start_year integer NOT NULL CHECK (fy_start_year BETWEEN 2000 AND 2100),
  revision integer NOT NULL CHECK (revision >= 1),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES users (id),
  published_by_label text NOT NULL CHECK (length(published_by_label) BETWEEN 1 AND 200),
  -- Every revision after the first says why it corrects the one before.
  correction_reason text CHECK (correction_reason IS NULL OR length(correction_reason) BETWEEN 1 AND 1000),
  snapshot jsonb NOT NULL,
  UNIQUE (partnership_id, fy_start_year, revision),
  CHECK ((revision = 1) = (correction_reason IS NULL))
);

CREATE FUNCTION publications_are_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a publication cannot be changed or removed (%): publish a correction instead', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER publications_no_update_or_delete
  BEFORE UPDATE OR DELETE ON publications
  FOR EACH ROW EXECUTE FUNCTION publications_are_fixed();

-- An organisation's choice, per indicator, not to have its own figure published (only the
-- partnership total is). No row: its figure is published where the framework allows it.
CREATE TABLE publication_choices (
  partnership_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  indicator_code text NOT NULL CHECK (length(indicator_code) BETWEEN 1 AND 20),
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by uuid REFERENCES users (id),
  PRIMARY KEY (organisation_id, indicator_code),
  FOREIGN KEY (partnership_id, organisation_id) REFERENCES organisations (partnership_id, id)
);
CREATE INDEX publication_choices_partnership ON publication_choices (partnership_id);
