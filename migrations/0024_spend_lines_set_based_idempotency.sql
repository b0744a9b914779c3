-- A spend line is no longer kept unique row by row (decision 039). The import's merge, under the
-- partnership's lock, compares the file's lines with the stored lines of the same organisations
-- and dates as a set: a line key occurring n times in the file and m times among the stored
-- lines adds n − m lines. The unique index that did this one row at a time, the occurrence
-- number it needed and a surrogate key nobody read made adding lines three times slower.
-- A line is identified by its batch and its line number in the file.
DROP INDEX spend_lines_key;
ALTER TABLE spend_lines DROP COLUMN occurrence;
ALTER TABLE spend_lines DROP COLUMN id;
-- Lines are read by partnership, organisation and date. An import adds them in one piece, so the
-- pages of a partnership's lines lie together, and a block-range index finds them at a small
-- part of the cost of keeping a B-tree up to date for every line added.
DROP INDEX spend_lines_analysis;
CREATE INDEX spend_lines_analysis ON spend_lines USING brin (partnership_id, organisation_id, payment_date);
