-- The Social Value Charter (SPEC §2.2, decision 028): numbered versions of each partnership's
-- charter, their principles and commitments, organisations' signatures and pledges.
-- Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18).

-- A version moves draft → consultation → adopted → superseded (core/charter/versions.ts). Only a
-- draft's text changes; an adopted or superseded version's text never does (triggers below).
CREATE TABLE charter_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  number integer NOT NULL CHECK (number >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- Why this version: what changed from the one before, in the partnership's words.
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 4000),
  state text NOT NULL CHECK (state IN ('draft', 'consultation', 'adopted', 'superseded')),
  consultation_opens date,
  consultation_closes date,
  pre_moderation boolean NOT NULL DEFAULT false,
  -- When the partnership closed the consultation before its closing date.
  consultation_closed_at timestamptz,
  adopted_on date,
  superseded_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (partnership_id, number),
  CHECK (consultation_closes IS NULL OR consultation_opens IS NULL
    OR consultation_closes >= consultation_opens),
  CHECK (state NOT IN ('adopted', 'superseded') OR adopted_on IS NOT NULL),
  CHECK (state <> 'superseded' OR superseded_on IS NOT NULL)
);
CREATE UNIQUE INDEX charter_versions_partnership_id ON charter_versions (partnership_id, id);
-- At most one version being worked on (a draft or out for consultation), and one adopted.
CREATE UNIQUE INDEX charter_versions_one_open
  ON charter_versions (partnership_id) WHERE state IN ('draft', 'consultation');
CREATE UNIQUE INDEX charter_versions_one_adopted
  ON charter_versions (partnership_id) WHERE state = 'adopted';

-- A version's principles and commitments. `key` is an item's identity across versions (a
-- commitment keeps its key when its wording changes), which the readable diff between two
-- versions follows; a commitment belongs to a pillar and names the framework's indicators that
-- show whether it is kept.
CREATE TABLE charter_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL,
  version_id uuid NOT NULL,
  key text NOT NULL CHECK (key ~ '^[A-Z][A-Z0-9-]{0,19}$'),
  kind text NOT NULL CHECK (kind IN ('principle', 'commitment')),
  pillar text CHECK (pillar IS NULL OR pillar IN ('workforce', 'procurement', 'infrastructure',
    'environment', 'partners', 'community')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  indicator_codes text[] NOT NULL DEFAULT '{}',
  -- Why it changed in this version (empty when it did not, or is new with nothing to say).
  change_note text NOT NULL DEFAULT '' CHECK (length(change_note) <= 1000),
  sort_order integer NOT NULL,
  FOREIGN KEY (partnership_id, version_id) REFERENCES charter_versions (partnership_id, id),
  UNIQUE (version_id, key),
  CHECK (kind <> 'commitment' OR pillar IS NOT NULL),
  CHECK (kind <> 'principle' OR pillar IS NULL)
);
CREATE INDEX charter_items_version ON charter_items (version_id, sort_order);

-- Why an item of the previous version is not in this one.
CREATE TABLE charter_removals (
  partnership_id uuid NOT NULL,
  version_id uuid NOT NULL,
  key text NOT NULL,
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 1000),
  PRIMARY KEY (version_id, key),
  FOREIGN KEY (partnership_id, version_id) REFERENCES charter_versions (partnership_id, id)
);

-- A version's text is fixed once it leaves draft: residents comment on the words they read, and
-- an adopted version is what organisations signed.
CREATE FUNCTION charter_text_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
  s text;
BEGIN
  SELECT state INTO s FROM charter_versions WHERE id = v;
  IF s IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'charter version % is % and its text cannot be changed', v, s
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.version_id <> NEW.version_id THEN
    RAISE EXCEPTION 'a charter item cannot move between versions'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER charter_items_fixed
  BEFORE INSERT OR UPDATE OR DELETE ON charter_items
  FOR EACH ROW EXECUTE FUNCTION charter_text_is_fixed();
CREATE TRIGGER charter_removals_fixed
  BEFORE INSERT OR UPDATE OR DELETE ON charter_removals
  FOR EACH ROW EXECUTE FUNCTION charter_text_is_fixed();

-- A version out of draft keeps its title, summary and number; an adopted version changes only by
-- being superseded, and a superseded one never changes. Versions are never deleted.
CREATE FUNCTION charter_version_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'charter versions are never deleted'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.partnership_id <> OLD.partnership_id OR NEW.number <> OLD.number THEN
    RAISE EXCEPTION 'a charter version keeps its partnership and number'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.state <> 'draft' AND NEW.state <> 'draft'
     AND (NEW.title <> OLD.title OR NEW.summary <> OLD.summary) THEN
    RAISE EXCEPTION 'charter version % is % and its text cannot be changed', OLD.id, OLD.state
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.state = 'superseded' THEN
    RAISE EXCEPTION 'charter version % is superseded and cannot be changed', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.state = 'adopted' AND (NEW.state <> 'superseded'
      OR NEW.adopted_on IS DISTINCT FROM OLD.adopted_on
      OR NEW.consultation_opens IS DISTINCT FROM OLD.consultation_opens
      OR NEW.consultation_closes IS DISTINCT FROM OLD.consultation_closes
      OR NEW.pre_moderation IS DISTINCT FROM OLD.pre_moderation
      OR NEW.consultation_closed_at IS DISTINCT FROM OLD.consultation_closed_at) THEN
    RAISE EXCEPTION 'charter version % is adopted: it can only be superseded', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER charter_versions_fixed
  BEFORE UPDATE OR DELETE ON charter_versions
  FOR EACH ROW EXECUTE FUNCTION charter_version_is_fixed();

-- An organisation signs an adopted version: who signed for it, in what role, on what date. A new
-- adopted version needs signing again, so signatures are per version.
CREATE TABLE charter_signatures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL,
  version_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  signatory_name text NOT NULL CHECK (length(signatory_name) BETWEEN 1 AND 120),
  signatory_role text NOT NULL CHECK (length(signatory_role) BETWEEN 1 AND 120),
  signed_on date NOT NULL,
  signed_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (partnership_id, version_id) REFERENCES charter_versions (partnership_id, id),
  FOREIGN KEY (partnership_id, organisation_id) REFERENCES organisations (partnership_id, id),
  UNIQUE (version_id, organisation_id)
);

-- An organisation's own pledges under the charter: tied to a commitment (by its key, so a pledge
-- outlives a new version that keeps the commitment), with a target and a date, and optionally the
-- indicator whose figure shows how it is going.
CREATE TABLE charter_pledges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  commitment_key text NOT NULL,
  pledge text NOT NULL CHECK (length(pledge) BETWEEN 1 AND 1000),
  indicator_code text,
  target_value numeric,
  target_text text NOT NULL CHECK (length(target_text) BETWEEN 1 AND 200),
  due_on date NOT NULL,
  withdrawn_on date,
  withdrawn_reason text CHECK (withdrawn_reason IS NULL OR length(withdrawn_reason) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (partnership_id, organisation_id) REFERENCES organisations (partnership_id, id),
  CHECK ((indicator_code IS NULL) = (target_value IS NULL))
);
CREATE INDEX charter_pledges_partnership ON charter_pledges (partnership_id, organisation_id);
