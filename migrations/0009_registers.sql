-- Registers of the infrastructure, partners and community pillars (decision 024).
-- Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18).

-- Each organisation's registers, one row per entry, in one table: community use of the estate,
-- land and buildings released, capital spend with contractors, engagement activities, staff
-- volunteering, and grants and donations to the VCSE sector. Every entry has a date and counts in
-- the reporting period containing it; the columns a register does not use stay empty.
CREATE TABLE register_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  organisation_id uuid NOT NULL,
  register text NOT NULL CHECK (register IN (
    'community-use', 'land', 'capital', 'engagement', 'volunteering', 'grants')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  detail text NOT NULL DEFAULT '' CHECK (length(detail) <= 4000),
  occurred_on date NOT NULL,
  ends_on date CHECK (ends_on IS NULL OR ends_on >= occurred_on),
  hours numeric(12, 2) CHECK (hours IS NULL OR hours > 0),
  homes integer CHECK (homes IS NULL OR homes >= 0),
  amount_pence bigint CHECK (amount_pence IS NULL OR amount_pence > 0),
  -- Capital spend: the contractor's postcode, the district it places it in (when it does), and
  -- the organisation's own answer, used only when the postcode does not place the contractor.
  contractor_postcode text,
  contractor_lad text,
  local_stated boolean,
  released_for text CHECK (released_for IS NULL OR released_for IN ('housing', 'community')),
  participants integer CHECK (participants IS NULL OR participants >= 0),
  participants_deprived integer CHECK (
    participants_deprived IS NULL OR participants_deprived BETWEEN 0 AND coalesce(participants, 0)),
  evidence_link text CHECK (evidence_link IS NULL OR evidence_link ~ '^https?://'),
  evidence_note text NOT NULL DEFAULT '' CHECK (length(evidence_note) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  FOREIGN KEY (partnership_id, organisation_id) REFERENCES organisations (partnership_id, id),
  CHECK (register <> 'community-use' OR hours IS NOT NULL),
  CHECK (register <> 'volunteering' OR hours IS NOT NULL),
  CHECK (register <> 'land' OR (homes IS NOT NULL AND released_for IS NOT NULL)),
  CHECK (register <> 'capital' OR amount_pence IS NOT NULL),
  CHECK (register <> 'grants' OR amount_pence IS NOT NULL),
  CHECK (register <> 'engagement' OR participants IS NOT NULL)
);
CREATE INDEX register_entries_list
  ON register_entries (partnership_id, organisation_id, register, occurred_on DESC);
CREATE INDEX register_entries_dates ON register_entries (partnership_id, register, occurred_on);

-- Joint initiatives between the partnership's anchors: the partnership's register.
CREATE TABLE joint_initiatives (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  outcomes text NOT NULL DEFAULT '' CHECK (length(outcomes) <= 4000),
  status text NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'stopped')),
  starts_on date NOT NULL,
  ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
  pillars text[] NOT NULL DEFAULT '{}',
  -- The voluntary, community or social enterprise partner, named; null when there is none.
  vcse_partner text CHECK (vcse_partner IS NULL OR length(vcse_partner) BETWEEN 1 AND 200),
  evidence_link text CHECK (evidence_link IS NULL OR evidence_link ~ '^https?://'),
  evidence_note text NOT NULL DEFAULT '' CHECK (length(evidence_note) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id)
);
CREATE UNIQUE INDEX joint_initiatives_partnership_id ON joint_initiatives (partnership_id, id);
CREATE INDEX joint_initiatives_list ON joint_initiatives (partnership_id, starts_on DESC);

-- The member organisations taking part in each initiative, and the money each pooled (pence).
CREATE TABLE joint_initiative_partners (
  partnership_id uuid NOT NULL,
  initiative_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  pooled_pence bigint NOT NULL DEFAULT 0 CHECK (pooled_pence >= 0),
  PRIMARY KEY (initiative_id, organisation_id),
  FOREIGN KEY (partnership_id, initiative_id)
    REFERENCES joint_initiatives (partnership_id, id) ON DELETE CASCADE,
  FOREIGN KEY (partnership_id, organisation_id) REFERENCES organisations (partnership_id, id)
);
CREATE INDEX joint_initiative_partners_organisation
  ON joint_initiative_partners (partnership_id, organisation_id);

-- Each initiative's milestones: what, when, and whether it is done.
CREATE TABLE joint_initiative_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL,
  initiative_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  due_on date NOT NULL,
  done boolean NOT NULL DEFAULT false,
  FOREIGN KEY (partnership_id, initiative_id)
    REFERENCES joint_initiatives (partnership_id, id) ON DELETE CASCADE
);
CREATE INDEX joint_initiative_milestones_initiative
  ON joint_initiative_milestones (initiative_id, due_on);
