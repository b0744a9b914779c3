-- The counts of people each publication's figures were protected with, by indicator,
-- organisation and period (core/publishing/snapshot.ts, PeopleCounts). Never published: a
-- correction compares its own counts with them to know which hidden figures it changes, and so
-- which totals it must hide (core/disclosure). Written with the publication, in the same
-- transaction, and fixed like it. A publication from before this table has none: a correction
-- then takes every figure hidden in both as changed.
CREATE TABLE publication_counts (
  publication_id uuid PRIMARY KEY REFERENCES publications (id),
  counts jsonb NOT NULL
);

CREATE TRIGGER publication_counts_no_update_or_delete
  BEFORE UPDATE OR DELETE ON publication_counts
  FOR EACH ROW EXECUTE FUNCTION publications_are_fixed();
