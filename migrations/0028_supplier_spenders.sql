-- Which organisations have spend with each supplier: one row per supplier, with the ids of the
-- organisations whose spend lines name it, sorted (decision 041). It replaces
-- organisation_suppliers, one row per organisation and supplier: a spend import of a million
-- lines added 303,651 such pairs, one B-tree entry each in two indexes, where it now adds or
-- updates 64,975 suppliers' rows (on a PostgreSQL server 0.9 s against 1.8 s for the same pairs).
-- The to-do list's count reads it through the partnership's suppliers.
CREATE TABLE supplier_spenders (
  supplier_id uuid PRIMARY KEY,
  partnership_id uuid NOT NULL,
  organisation_ids uuid[] NOT NULL
);

INSERT INTO supplier_spenders (supplier_id, partnership_id, organisation_ids)
SELECT supplier_id, partnership_id, array_agg(organisation_id ORDER BY organisation_id)
FROM organisation_suppliers
GROUP BY supplier_id, partnership_id;

DROP TABLE organisation_suppliers;
