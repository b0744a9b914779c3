-- An import's distinct supplier names, summarised while its rows are read, in a table of its own
-- (spend_staging_<job>_names) beside its staging table, unlogged, made LIKE this one and dropped
-- with it; this table is the template and holds no rows. The merge matches these names to
-- suppliers (one row a name) instead of grouping the staged rows by name, and when no stored line
-- can overlap the file, records which organisations pay each supplier from them (decision 042).
CREATE UNLOGGED TABLE spend_staged_names (
  supplier_norm text NOT NULL,
  supplier_raw text NOT NULL,
  vat_number text,
  company_number text,
  charity_number text,
  postcode text,
  organisation_ids uuid[] NOT NULL
);
