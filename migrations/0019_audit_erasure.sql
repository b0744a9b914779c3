-- The audit log stays append-only, with one exception: when a person deletes their account, the
-- email address it was recorded under is replaced, in the entries that name it, by the account's
-- deleted name, so that "we have deleted your email address" is true (UK GDPR Article 17) while
-- the trail of what was done, and when, stays. Only that change is allowed, only inside a
-- transaction that has said so (SET LOCAL anchorage.erasing_account = the account's id), and only
-- to rows that carried the old address. Runs unchanged on PostgreSQL 15 and on PGlite.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND coalesce(current_setting('anchorage.erasing_account', true), '') <> ''
    AND NEW.id = OLD.id AND NEW.at = OLD.at
    AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
    AND NEW.partnership_id IS NOT DISTINCT FROM OLD.partnership_id
    AND NEW.entity = OLD.entity
    AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
    AND NEW.action = OLD.action
    AND (NEW.actor_label = OLD.actor_label OR NEW.actor_label LIKE 'deleted-%@deleted.invalid')
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
