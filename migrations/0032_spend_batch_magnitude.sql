-- What the lines each batch added come to by size, a credit counted as a payment. Their sum over
-- a partnership's batches bounds every total of its spend (core/spend/amounts.ts,
-- MAX_SPEND_MAGNITUDE): an import that would take it past 2^53 − 1 pence is refused, so that
-- every total is exact as a number. Filled for batches imported before, from their lines (held
-- within bigint, should lines made to break the sums be stored already).
ALTER TABLE spend_batches ADD COLUMN amount_magnitude_pence bigint NOT NULL DEFAULT 0;

UPDATE spend_batches b SET amount_magnitude_pence = m.magnitude
FROM (
  SELECT batch_id, least(sum(abs(amount_pence)), 9223372036854775807) AS magnitude FROM spend_lines GROUP BY batch_id
) m
WHERE m.batch_id = b.id;
