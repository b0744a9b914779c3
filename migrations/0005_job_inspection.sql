-- What the upload of a spend file found (kind, encoding, headings and the first rows, each value
-- cut short), so that the columns page shows it without reading the whole file again.
ALTER TABLE jobs ADD COLUMN inspection jsonb;
