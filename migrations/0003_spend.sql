-- Procurement spend analysis: reference geography, the supplier register, spend imports and
-- lines, the LM3 supplier survey, and remembered column mappings.

-- Reference data (replaceable; loaded from data/reference at start and by `anchorage reference ...`).
CREATE TABLE ref_postcodes (
  postcode text PRIMARY KEY,            -- normalised without spaces: L18JQ
  lad text,
  lsoa11 text,
  lsoa21 text,
  source text NOT NULL
);

CREATE TABLE ref_imd (
  edition smallint NOT NULL CHECK (edition IN (2019, 2025)),
  lsoa text NOT NULL,
  decile smallint NOT NULL CHECK (decile BETWEEN 1 AND 10),
  PRIMARY KEY (edition, lsoa)
);

CREATE TABLE ref_lsoa11_lsoa21 (
  lsoa11 text NOT NULL,
  lsoa21 text NOT NULL,
  PRIMARY KEY (lsoa11, lsoa21)
);

CREATE TABLE ref_datasets (
  name text PRIMARY KEY,
  rows integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  detail text NOT NULL DEFAULT ''
);

ALTER TABLE partnerships ADD COLUMN imd_edition smallint NOT NULL DEFAULT 2025 CHECK (imd_edition IN (2019, 2025));

CREATE TABLE suppliers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  name text NOT NULL,
  name_norm text NOT NULL,
  vat_number text,
  company_number text,
  charity_number text,
  postcode text,
  type text NOT NULL DEFAULT 'unclassified'
    CHECK (type IN ('unclassified', 'large', 'sme', 'vcse', 'public', 'individual', 'redacted')),
  lad text,
  lsoa11 text,
  lsoa21 text,
  location_precision text NOT NULL DEFAULT 'none' CHECK (location_precision IN ('none', 'district', 'lsoa')),
  postcode_problem text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX suppliers_name ON suppliers (partnership_id, name_norm);
CREATE UNIQUE INDEX suppliers_vat ON suppliers (partnership_id, vat_number) WHERE vat_number IS NOT NULL;
CREATE UNIQUE INDEX suppliers_company ON suppliers (partnership_id, company_number) WHERE company_number IS NOT NULL;
CREATE UNIQUE INDEX suppliers_charity ON suppliers (partnership_id, charity_number) WHERE charity_number IS NOT NULL;

-- Other names a supplier is known by (after a merge, or a renamed ledger entry).
CREATE TABLE supplier_aliases (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  name_norm text NOT NULL,
  supplier_id uuid NOT NULL REFERENCES suppliers (id),
  PRIMARY KEY (partnership_id, name_norm)
);

CREATE TABLE spend_mappings (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  shape text NOT NULL,
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, shape)
);

-- One row per import attempt that finished (or is running); a file is recorded by its hash.
CREATE TABLE spend_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  file_bytes bigint NOT NULL,
  encoding text NOT NULL,
  mapping jsonb NOT NULL,
  rows integer NOT NULL,
  accepted integer NOT NULL,
  rejected integer NOT NULL,
  duplicates integer NOT NULL,
  amount_accepted_pence bigint NOT NULL,
  amount_rejected_pence bigint NOT NULL,
  amount_duplicates_pence bigint NOT NULL,
  first_date date,
  last_date date,
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by uuid REFERENCES users (id),
  actor_label text NOT NULL
);
CREATE UNIQUE INDEX spend_batches_file ON spend_batches (organisation_id, file_sha256);
CREATE INDEX spend_batches_partnership ON spend_batches (partnership_id, imported_at DESC);

CREATE TABLE spend_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partnership_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  batch_id uuid NOT NULL,
  line_no integer NOT NULL,
  payment_date date NOT NULL,
  amount_pence bigint NOT NULL,
  supplier_id uuid NOT NULL,
  supplier_raw text NOT NULL,
  expense_type text,
  expense_area text,
  transaction_ref text,
  line_key bigint NOT NULL,
  occurrence integer NOT NULL
);
-- A line key occurring n times in a file is stored as occurrences 1..n: a file that overlaps
-- one already loaded adds only the occurrences beyond those stored.
CREATE UNIQUE INDEX spend_lines_key ON spend_lines (organisation_id, line_key, occurrence);
CREATE INDEX spend_lines_analysis ON spend_lines (partnership_id, organisation_id, payment_date);

CREATE TABLE spend_rejected_rows (
  batch_id uuid NOT NULL REFERENCES spend_batches (id),
  line_no integer NOT NULL,
  reason text NOT NULL,
  columns text[] NOT NULL,
  PRIMARY KEY (batch_id, line_no)
);

-- Rows of an import in progress. Cleared when it finishes; rows left by a process that stopped
-- are removed at the next start.
CREATE TABLE spend_staging (
  job_id uuid NOT NULL,
  line_no integer NOT NULL,
  organisation_id uuid,
  payment_date date,
  amount_pence bigint,
  supplier_raw text,
  supplier_norm text,
  vat_number text,
  company_number text,
  charity_number text,
  postcode text,
  expense_type text,
  expense_area text,
  transaction_ref text,
  reason text,
  columns text[]
);

CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid REFERENCES organisations (id),
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'interrupted')),
  file_name text,
  file_path text,
  progress_done bigint NOT NULL DEFAULT 0,
  progress_total bigint NOT NULL DEFAULT 0,
  message text,
  result jsonb,
  batch_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id)
);
CREATE INDEX jobs_partnership ON jobs (partnership_id, created_at DESC);

-- The Local Multiplier 3 supplier survey: one link per supplier, answered without an account.
CREATE TABLE lm3_surveys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  supplier_id uuid NOT NULL REFERENCES suppliers (id),
  fy_start_year integer NOT NULL,
  token_hash text NOT NULL UNIQUE,
  sent_to text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  answered_at timestamptz,
  staff_local_pct numeric CHECK (staff_local_pct BETWEEN 0 AND 100),
  suppliers_local_pct numeric CHECK (suppliers_local_pct BETWEEN 0 AND 100),
  staff_cost_pct numeric CHECK (staff_cost_pct BETWEEN 0 AND 100),
  UNIQUE (supplier_id, fy_start_year)
);
