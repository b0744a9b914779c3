-- Public pages keep what they read of a partnership (its row, its organisations, the headers of
-- its publications) in memory until any of these change (decision 031). Every change to these
-- tables tells the servers so, as its transaction commits: NOTIFY is delivered only on commit,
-- and never for a transaction rolled back.
CREATE FUNCTION notify_public_site_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('anchorage_public_site', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER partnerships_public_site_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partnerships
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_site_changed();

CREATE TRIGGER organisations_public_site_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_site_changed();

CREATE TRIGGER publications_public_site_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_site_changed();
