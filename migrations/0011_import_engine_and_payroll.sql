-- One import engine for every kind of file: columns remembered per organisation, kind and heading
-- row; a batch and its rejected rows for every kind other than spend (spend keeps spend_batches,
-- which its lines reference, and spend_rejected_rows).
ALTER TABLE spend_mappings RENAME TO import_mappings;
ALTER TABLE import_mappings ADD COLUMN kind text NOT NULL DEFAULT 'spend';
ALTER TABLE import_mappings DROP CONSTRAINT spend_mappings_pkey;
ALTER TABLE import_mappings ADD PRIMARY KEY (organisation_id, kind, shape);

CREATE TABLE import_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  file_bytes bigint NOT NULL,
  encoding text NOT NULL,
  mapping jsonb NOT NULL,
  -- The financial year the file is for, where its kind has one.
  fy_start_year integer,
  rows integer NOT NULL,
  accepted integer NOT NULL,
  rejected integer NOT NULL,
  duplicates integer NOT NULL,
  -- What the import produced, as its kind reports it (counts only; never a row's personal data).
  summary jsonb NOT NULL DEFAULT '{}',
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by uuid REFERENCES users (id),
  actor_label text NOT NULL
);
CREATE UNIQUE INDEX import_batches_file ON import_batches (organisation_id, kind, file_sha256);
CREATE INDEX import_batches_partnership ON import_batches (partnership_id, kind, imported_at DESC);

-- A rejected row keeps what its kind allows: a spend-like file its columns, a payroll file none
-- (they hold personal data), only the line and the reason.
CREATE TABLE import_rejected_rows (
  batch_id uuid NOT NULL REFERENCES import_batches (id),
  line_no integer NOT NULL,
  reason text NOT NULL,
  columns text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (batch_id, line_no)
);

-- Payroll and HR extracts reduced at the door: per organisation and financial year, counts only.
-- No postcode, name, staff number, date of birth or pay figure is stored: a home postcode is
-- counted under its district and its IMD deciles (both editions, so a change of edition or of the
-- local area needs no personal data), pay under "at or above the Real Living Wage" and a band.
-- The latest extract for a year replaces the one before (audited with both sets of counts).
CREATE TABLE payroll_aggregates (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  fy_start_year integer NOT NULL,
  batch_id uuid NOT NULL REFERENCES import_batches (id),
  -- The rate pay was compared with, as shown beside the figures: {"area":"UK","year":"2024/25","pence":1260,...}
  rate jsonb NOT NULL,
  counts jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, fy_start_year)
);
CREATE INDEX payroll_aggregates_partnership ON payroll_aggregates (partnership_id, fy_start_year);
