-- A staged spend line's key (decision 039) is written by the parser as it reads the row (decision
-- 045), the same value the database's hashtextextended(concat_ws('|', …), 0) gives, instead of
-- being worked out by the database in the merge, once or more per import. Null for a rejected row.
ALTER TABLE spend_staging ADD COLUMN line_key bigint;
