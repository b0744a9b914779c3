-- Which suppliers each organisation has spend with: one row per organisation and supplier of its
-- spend lines, added by the spend import's merge in the same statement as the lines. Lines are
-- never deleted nor moved to another supplier, so the pairs only grow. The to-do list counts the
-- suppliers of each organisation that need a postcode or a type from here (tens of thousands of
-- pairs) rather than from every spend line (hundreds of thousands).
CREATE TABLE organisation_suppliers (
  partnership_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  supplier_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, supplier_id)
);
CREATE INDEX organisation_suppliers_partnership ON organisation_suppliers (partnership_id, supplier_id);

INSERT INTO organisation_suppliers (partnership_id, organisation_id, supplier_id)
SELECT DISTINCT partnership_id, organisation_id, supplier_id FROM spend_lines;
