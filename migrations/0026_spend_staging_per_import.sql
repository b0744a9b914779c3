-- Each spend import stages its rows in a table of its own (spend_staging_<job>), unlogged, made
-- LIKE this one and dropped when the import ends; this table is the template and holds no rows.
-- Rows no longer say which job they are for, and no import reads, analyses or deletes from a
-- table another import writes to. Rows an import stopped before this change left here are gone
-- with it.
TRUNCATE spend_staging;
ALTER TABLE spend_staging DROP COLUMN job_id;
