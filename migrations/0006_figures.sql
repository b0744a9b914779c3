-- Figures (decision 017): how much of the data behind a calculator's figure is known (for
-- example spend with a known supplier location, over all spend), kept with the figure.
ALTER TABLE calculator_results ADD COLUMN coverage_known numeric;
ALTER TABLE calculator_results ADD COLUMN coverage_total numeric;

-- Which version of the calculators each partnership's stored figures were worked out with. At
-- start, a partnership whose figures come from an older version has them worked out again.
CREATE TABLE figure_versions (
  partnership_id uuid PRIMARY KEY REFERENCES partnerships (id),
  version integer NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now()
);

-- Catalogue sync: a partnership's own wording of a catalogue indicator is never overwritten by a
-- newer catalogue. Wording edited before this column existed is known from the audit log.
ALTER TABLE indicators ADD COLUMN wording_edited boolean NOT NULL DEFAULT false;
UPDATE indicators i SET wording_edited = true
WHERE EXISTS (
  SELECT 1 FROM audit_log a
  WHERE a.partnership_id = i.partnership_id AND a.entity = 'indicator'
    AND a.entity_id = i.code AND a.action = 'indicator.wording.changed'
);
