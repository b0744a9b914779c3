-- A consultation's optional survey (SPEC §2.2, decision 029): questions on a charter version
-- (single choice, multiple choice, a scale of 1 to 5, free text) and residents' answers, with
-- optional demographics. Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18).
--
-- A resident may give a home postcode: the service places it in memory (the local authority
-- district and the deprivation decile of its neighbourhood) and drops it. No column here holds a
-- postcode, and only totals of the answers are ever published, with disclosure control.

CREATE TABLE survey_questions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL,
  version_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'text')),
  prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 300),
  -- The choices of a single or multiple choice question (2 to 10); for a scale, what 1 and 5
  -- mean; none for free text.
  options text[] NOT NULL DEFAULT '{}',
  required boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (partnership_id, version_id) REFERENCES charter_versions (partnership_id, id),
  CHECK (CASE kind
    WHEN 'text' THEN cardinality(options) = 0
    WHEN 'scale' THEN cardinality(options) = 2
    ELSE cardinality(options) BETWEEN 2 AND 10 END)
);
CREATE INDEX survey_questions_version ON survey_questions (version_id, position);

-- Questions change only while their version is a draft, as its words do (0013), and never once
-- anyone has answered them.
CREATE FUNCTION survey_questions_are_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
  s text;
BEGIN
  SELECT state INTO s FROM charter_versions WHERE id = v;
  IF s IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'charter version % is % and its survey cannot be changed', v, s
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.version_id <> NEW.version_id THEN
    RAISE EXCEPTION 'a survey question cannot move between versions'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM survey_answers WHERE version_id = v) THEN
    RAISE EXCEPTION 'the survey of charter version % has answers and cannot be changed', v
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- One set of answers per participant (null once they delete their account, or when staff
-- entered a paper form for someone).
CREATE TABLE survey_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL,
  version_id uuid NOT NULL,
  participant_id uuid REFERENCES users (id) ON DELETE SET NULL,
  entered_by uuid REFERENCES users (id),
  -- Question id → the option chosen (text), the options chosen (an array of text), the point on
  -- the scale (1 to 5) or the words written.
  answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
  -- The local authority district of the home postcode given, if any, and the deprivation decile
  -- of its neighbourhood (the partnership's edition of the index) when known.
  area text CHECK (area IS NULL OR area ~ '^[EWSN][0-9]{8}$'),
  imd_decile integer CHECK (imd_decile IS NULL OR imd_decile BETWEEN 1 AND 10),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (partnership_id, version_id) REFERENCES charter_versions (partnership_id, id)
);
CREATE UNIQUE INDEX survey_answers_one_each
  ON survey_answers (version_id, participant_id) WHERE participant_id IS NOT NULL;

CREATE TRIGGER survey_questions_fixed
  BEFORE INSERT OR UPDATE OR DELETE ON survey_questions
  FOR EACH ROW EXECUTE FUNCTION survey_questions_are_fixed();

-- Answers are taken only while the version is out for consultation.
CREATE FUNCTION survey_answers_while_open() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s text;
BEGIN
  SELECT state INTO s FROM charter_versions WHERE id = NEW.version_id;
  IF s IS DISTINCT FROM 'consultation' THEN
    RAISE EXCEPTION 'charter version % is % and its survey is not open', NEW.version_id, s
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER survey_answers_open
  BEFORE INSERT ON survey_answers
  FOR EACH ROW EXECUTE FUNCTION survey_answers_while_open();
