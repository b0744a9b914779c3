-- The public pages' read of a partnership also holds its joint initiatives (title, status,
-- pillars) and its charter in force (version, commitments, signatures), so a change to any of
-- them tells the servers, as the other tables of that read do (0022).
CREATE TRIGGER joint_initiatives_public_site_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON joint_initiatives
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_site_changed();

CREATE TRIGGER charter_versions_public_site_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON charter_versions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_site_changed();

CREATE TRIGGER charter_items_public_site_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON charter_items
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_site_changed();

CREATE TRIGGER charter_signatures_public_site_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON charter_signatures
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_site_changed();
