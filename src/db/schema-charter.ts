/** Row types of the charter tables (migrations/0013_charter.sql), for Kysely. */
import type { ColumnType, Generated } from 'kysely';

type NullableNumeric = ColumnType<
  string | null,
  number | string | null | undefined,
  number | string | null
>;

export interface CharterVersionsTable {
  id: Generated<string>;
  partnership_id: string;
  number: number;
  title: string;
  summary: Generated<string>;
  state: 'draft' | 'consultation' | 'adopted' | 'superseded';
  consultation_opens: string | null;
  consultation_closes: string | null;
  pre_moderation: Generated<boolean>;
  consultation_closed_at: Date | null;
  adopted_on: string | null;
  superseded_on: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
}

export interface CharterItemsTable {
  id: Generated<string>;
  partnership_id: string;
  version_id: string;
  key: string;
  kind: 'principle' | 'commitment';
  pillar: string | null;
  title: string;
  body: string;
  indicator_codes: ColumnType<string[], string[] | undefined, string[]>;
  change_note: Generated<string>;
  sort_order: number;
}

export interface CharterRemovalsTable {
  partnership_id: string;
  version_id: string;
  key: string;
  note: string;
}

export interface CharterSignaturesTable {
  id: Generated<string>;
  partnership_id: string;
  version_id: string;
  organisation_id: string;
  signatory_name: string;
  signatory_role: string;
  signed_on: string;
  signed_by: string | null;
  created_at: Generated<Date>;
}

export interface CharterPledgesTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string;
  commitment_key: string;
  pledge: string;
  indicator_code: string | null;
  target_value: NullableNumeric;
  target_text: string;
  due_on: string;
  withdrawn_on: string | null;
  withdrawn_reason: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
}

export interface CharterTables {
  charter_versions: CharterVersionsTable;
  charter_items: CharterItemsTable;
  charter_removals: CharterRemovalsTable;
  charter_signatures: CharterSignaturesTable;
  charter_pledges: CharterPledgesTable;
}
