-- The line key is worked out in the merge again, inline, not as a generated column of the staging
-- table (0025): measured on a PostgreSQL server, storing a million rows took 5.1 s with the
-- generated column and 1.0 s without, while the same expression written inline in a query costs
-- about 0.6 s (a SQL function declared immutable around stable functions is never inlined, and a
-- generated column calls it once per row as the row is stored, on the critical path of reading).
ALTER TABLE spend_staging DROP COLUMN line_key;
DROP FUNCTION spend_line_key(uuid, date, text, bigint, text, text, text);
