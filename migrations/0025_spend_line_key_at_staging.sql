-- A spend line's key (what makes two lines the same line, decision 039) is worked out as each row
-- is staged, by the database's COPY, instead of in the merge: on a server that work then runs
-- beside the parsing thread, and the merge can count the file's keys without working them out.
-- One function says what the key is; it reads the date as year-month-day whatever the session's
-- DateStyle, which is what the stored keys were made from.
CREATE FUNCTION spend_line_key(
  organisation_id uuid,
  payment_date date,
  supplier_norm text,
  amount_pence bigint,
  transaction_ref text,
  expense_type text,
  expense_area text
) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT hashtextextended(concat_ws('|', organisation_id::text,
    to_char(payment_date::timestamp, 'YYYY-MM-DD'), supplier_norm, amount_pence::text,
    transaction_ref, expense_type, expense_area), 0)
$$;

ALTER TABLE spend_staging ADD COLUMN line_key bigint GENERATED ALWAYS AS (
  spend_line_key(organisation_id, payment_date, supplier_norm, amount_pence, transaction_ref,
    expense_type, expense_area)
) STORED;
