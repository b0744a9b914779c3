-- Environment (decision 025): versioned conversion-factor sets and activity data.

-- A set of conversion factors: one government flat file, the NHS factor series, or a small set
-- entered by hand by a platform administrator. A set is never edited: a correction is a new set,
-- and the newest set giving a factor for a year wins. A file is loaded once (by its SHA-256).
CREATE TABLE carbon_factor_sets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  name text NOT NULL,
  source text NOT NULL CHECK (source IN ('ghg-flat-file', 'nhs-sdu-series', 'manual')),
  file_name text,
  sha256 text UNIQUE,
  years integer[] NOT NULL,
  factor_count integer NOT NULL,
  note text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE carbon_factors (
  set_id uuid NOT NULL REFERENCES carbon_factor_sets (id),
  row_number integer NOT NULL,
  external_id text,
  year integer NOT NULL,
  scope text NOT NULL,
  level1 text NOT NULL DEFAULT '',
  level2 text NOT NULL DEFAULT '',
  level3 text NOT NULL DEFAULT '',
  level4 text NOT NULL DEFAULT '',
  column_text text NOT NULL DEFAULT '',
  uom text NOT NULL,
  ghg_unit text NOT NULL,
  kg_co2e_per_unit numeric,
  PRIMARY KEY (set_id, row_number)
);
-- Only the total "kg CO2e" rows are looked up by the calculators.
CREATE INDEX carbon_factors_total ON carbon_factors (year, scope, level1) WHERE ghg_unit = 'kg CO2e';

-- Activity data: one row per recording. A correction or a new import is a new row superseding the
-- one before for the same organisation, year and activity (the latest row is the current one; a
-- row with no quantity withdraws the figure). Rows are never changed or deleted.
CREATE TABLE carbon_activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  fy_start_year integer NOT NULL CHECK (fy_start_year BETWEEN 1990 AND 2100),
  activity text NOT NULL,
  quantity numeric CHECK (quantity >= 0),
  source text NOT NULL CHECK (source IN ('manual', 'template', 'eric')),
  source_detail text,
  supersedes uuid REFERENCES carbon_activities (id),
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX carbon_activities_current
  ON carbon_activities (partnership_id, organisation_id, fy_start_year, activity, seq DESC);

CREATE FUNCTION carbon_rows_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed: % is not allowed (a correction is a new row or set)',
    TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER carbon_factor_sets_immutable
  BEFORE UPDATE OR DELETE ON carbon_factor_sets
  FOR EACH ROW EXECUTE FUNCTION carbon_rows_are_immutable();
CREATE TRIGGER carbon_factors_immutable
  BEFORE UPDATE OR DELETE ON carbon_factors
  FOR EACH ROW EXECUTE FUNCTION carbon_rows_are_immutable();
CREATE TRIGGER carbon_activities_immutable
  BEFORE UPDATE OR DELETE ON carbon_activities
  FOR EACH ROW EXECUTE FUNCTION carbon_rows_are_immutable();
