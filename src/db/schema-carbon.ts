/** Row types of the environment tables (migrations/0010_carbon.sql), for Kysely. */
import type { ColumnType, Generated } from 'kysely';

type NullableNumeric = ColumnType<
  string | null,
  number | string | null | undefined,
  number | string | null
>;

export interface CarbonFactorSetsTable {
  id: Generated<string>;
  version: ColumnType<string, never, never>;
  name: string;
  source: 'ghg-flat-file' | 'nhs-sdu-series' | 'manual';
  file_name: string | null;
  sha256: string | null;
  years: ColumnType<number[], number[], never>;
  factor_count: number;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CarbonFactorsTable {
  set_id: string;
  row_number: number;
  external_id: string | null;
  year: number;
  scope: string;
  level1: string;
  level2: string;
  level3: string;
  level4: string;
  column_text: string;
  uom: string;
  ghg_unit: string;
  kg_co2e_per_unit: NullableNumeric;
}

export interface CarbonActivitiesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  partnership_id: string;
  organisation_id: string;
  fy_start_year: number;
  activity: string;
  quantity: NullableNumeric;
  source: 'manual' | 'template' | 'eric';
  source_detail: string | null;
  supersedes: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface CarbonTables {
  carbon_factor_sets: CarbonFactorSetsTable;
  carbon_factors: CarbonFactorsTable;
  carbon_activities: CarbonActivitiesTable;
}
