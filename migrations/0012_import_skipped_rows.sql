-- Rows of a shared file that are not for the organisation importing it (the other trusts of an
-- estates return): counted, so that rows = used + already loaded + rejected + not for this import.
ALTER TABLE import_batches ADD COLUMN skipped integer NOT NULL DEFAULT 0;
