/** Row types for Kysely. Keep in step with migrations/*.sql. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ApiTables } from './schema-api.js';
import type { CarbonTables } from './schema-carbon.js';
import type { CharterTables } from './schema-charter.js';
import type { PublishingTables } from './schema-publishing.js';
import type { ConsultationTables } from './schema-consultation.js';
import type { NotificationTables } from './schema-notifications.js';
import type { SurveyTables } from './schema-survey.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export type Role =
  'partnership-lead' | 'reviewer' | 'moderator' | 'org-lead' | 'contributor' | 'viewer';

export interface PartnershipsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  local_area: ColumnType<string[], string[] | undefined, string[]>;
  fy_start_month: Generated<number>;
  fy_start_day: Generated<number>;
  is_public: Generated<boolean>;
  is_demo: Generated<boolean>;
  require_staff_totp: Generated<boolean>;
  imd_edition: Generated<number>;
  created_at: Generated<Date>;
}

export interface OrganisationsTable {
  id: Generated<string>;
  partnership_id: string;
  code: string;
  name: string;
  type: string;
  postcode: string | null;
  london_weighting: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  is_platform_admin: Generated<boolean>;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: number | null;
  disabled_at: NullableTimestamp;
  created_at: Generated<Date>;
  last_sign_in_at: NullableTimestamp;
}

export interface MembershipsTable {
  id: Generated<string>;
  user_id: string;
  partnership_id: string;
  organisation_id: string | null;
  role: Role;
  pillars: string[] | null;
  created_at: Generated<Date>;
}

export interface InvitationsTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  display_name: string;
  partnership_id: string;
  organisation_id: string | null;
  role: Role;
  pillars: string[] | null;
  invited_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Timestamp;
  updated_at: Generated<Date>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  created_at: Generated<Date>;
  to_address: string;
  subject: string;
  body_text: string;
  transport: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_label: string;
  partnership_id: string | null;
  entity: string;
  entity_id: string | null;
  action: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  /** How the change was made, when not in a browser: "API token “Power BI”". */
  via: ColumnType<string | null, string | null | undefined, never>;
}

/** numeric columns come back as strings (exact); write numbers or strings. */
type Numeric = ColumnType<string, number | string, number | string>;
type NullableNumeric = ColumnType<
  string | null,
  number | string | null | undefined,
  number | string | null
>;
type Json<T> = ColumnType<T, string, string>;

export interface CommitmentsTable {
  id: Generated<string>;
  partnership_id: string;
  code: string;
  pillar: string;
  title: string;
  description: string;
  sort_order: number;
}

export interface IndicatorsTable {
  id: Generated<string>;
  partnership_id: string;
  code: string;
  pillar: string;
  commitment_code: string;
  name: string;
  description: string;
  unit: string;
  direction: 'higher' | 'lower';
  frequency: 'quarterly' | 'annual';
  computation: Json<unknown>;
  items: Json<unknown>;
  source: string;
  methodology: string;
  publish_org_level: boolean;
  origin: 'catalogue' | 'custom';
  enabled: Generated<boolean>;
  /** The partnership reworded it: a newer catalogue leaves its name, description and methodology. */
  wording_edited: Generated<boolean>;
  sort_order: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface IndicatorTargetsTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string | null;
  indicator_code: string;
  kind: 'baseline' | 'target';
  value: Numeric;
  on_date: string;
  label: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface ReportingPeriodsTable {
  id: Generated<string>;
  partnership_id: string;
  kind: 'quarter' | 'year';
  fy_start_year: number;
  quarter: number | null;
  label: string;
  starts_on: string;
  ends_on: string;
  due_on: string;
  opened_at: Generated<Date>;
  opened_by: string | null;
}

export interface ReturnsTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string;
  period_id: string;
  current_revision: Generated<number>;
  created_at: Generated<Date>;
}

export type RevisionStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export interface ReturnRevisionsTable {
  id: Generated<string>;
  partnership_id: string;
  return_id: string;
  number: number;
  status: RevisionStatus;
  pillar_status: ColumnType<
    Record<string, 'in-progress' | 'completed'>,
    string | undefined,
    string
  >;
  reason: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  submitted_at: NullableTimestamp;
  submitted_by: string | null;
  decided_at: NullableTimestamp;
  decided_by: string | null;
}

export interface ReturnValuesTable {
  revision_id: string;
  partnership_id: string;
  item_id: string;
  value: NullableNumeric;
  note: string | null;
  confidence: 'low' | 'medium' | 'high' | null;
  links: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface EvidenceFilesTable {
  id: Generated<string>;
  partnership_id: string;
  return_id: string;
  revision_id: string;
  item_id: string;
  original_name: string;
  stored_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: Generated<Date>;
  uploaded_by: string | null;
}

export interface ReviewCommentsTable {
  id: Generated<string>;
  partnership_id: string;
  return_id: string;
  revision_id: string;
  item_id: string | null;
  body: string;
  author_id: string | null;
  author_side: 'reviewer' | 'organisation';
  created_at: Generated<Date>;
}

export interface CalculatorResultsTable {
  partnership_id: string;
  organisation_id: string;
  period_id: string;
  calculator: string;
  value: NullableNumeric;
  numerator: NullableNumeric;
  denominator: NullableNumeric;
  detail: ColumnType<unknown, string | undefined, string>;
  /** How much of the underlying data is known (see the calculator's coverage), in its unit. */
  coverage_known: NullableNumeric;
  coverage_total: NullableNumeric;
  computed_at: Generated<Date>;
}

export interface FigureVersionsTable {
  partnership_id: string;
  version: number;
  computed_at: Generated<Date>;
}

/** An entry of one of an organisation's registers (migrations/0009_registers.sql). */
export interface RegisterEntriesTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string;
  register: string;
  title: string;
  detail: Generated<string>;
  occurred_on: string;
  ends_on: string | null;
  hours: NullableNumeric;
  homes: number | null;
  amount_pence: number | null;
  contractor_postcode: string | null;
  contractor_lad: string | null;
  local_stated: boolean | null;
  released_for: string | null;
  participants: number | null;
  participants_deprived: number | null;
  evidence_link: string | null;
  evidence_note: Generated<string>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface JointInitiativesTable {
  id: Generated<string>;
  partnership_id: string;
  title: string;
  outcomes: Generated<string>;
  status: string;
  starts_on: string;
  ends_on: string | null;
  pillars: ColumnType<string[], string[] | undefined, string[]>;
  vcse_partner: string | null;
  evidence_link: string | null;
  evidence_note: Generated<string>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface JointInitiativePartnersTable {
  partnership_id: string;
  initiative_id: string;
  organisation_id: string;
  pooled_pence: Generated<number>;
}

export interface JointInitiativeMilestonesTable {
  id: Generated<string>;
  partnership_id: string;
  initiative_id: string;
  title: string;
  due_on: string;
  done: Generated<boolean>;
}

export interface MaturityAssessmentsTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string;
  fy_start_year: number;
  pillar: string;
  level: number;
  evidence: Generated<string>;
  status: 'submitted' | 'agreed' | 'queried';
  reviewer_comment: string | null;
  assessed_at: Generated<Date>;
  assessed_by: string | null;
  reviewed_at: NullableTimestamp;
  reviewed_by: string | null;
}

export interface RefPostcodesTable {
  postcode: string;
  lad: string | null;
  lsoa11: string | null;
  lsoa21: string | null;
  source: string;
}

export interface RefImdTable {
  edition: number;
  lsoa: string;
  decile: number;
}

export interface RefLsoa11Lsoa21Table {
  lsoa11: string;
  lsoa21: string;
}

export interface RefDatasetsTable {
  name: string;
  rows: number;
  loaded_at: Generated<Date>;
  detail: Generated<string>;
}

export interface SuppliersTable {
  id: Generated<string>;
  partnership_id: string;
  name: string;
  name_norm: string;
  vat_number: string | null;
  company_number: string | null;
  charity_number: string | null;
  postcode: string | null;
  type: Generated<string>;
  lad: string | null;
  lsoa11: string | null;
  lsoa21: string | null;
  location_precision: Generated<'none' | 'district' | 'lsoa'>;
  postcode_problem: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SupplierAliasesTable {
  partnership_id: string;
  name_norm: string;
  supplier_id: string;
}

/** Which suppliers an organisation has spend lines with (kept by the spend import's merge). */
export interface SupplierSpendersTable {
  supplier_id: string;
  partnership_id: string;
  organisation_ids: string[];
}

export interface ImportMappingsTable {
  organisation_id: string;
  kind: Generated<string>;
  shape: string;
  mapping: Json<unknown>;
  updated_at: Generated<Date>;
}

export interface SpendBatchesTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string;
  file_name: string;
  file_sha256: string;
  file_bytes: number;
  encoding: string;
  mapping: Json<unknown>;
  headers: Generated<string[]>;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  amount_accepted_pence: number;
  amount_rejected_pence: number;
  amount_duplicates_pence: number;
  amount_magnitude_pence: Generated<number>;
  first_date: string | null;
  last_date: string | null;
  imported_at: Generated<Date>;
  imported_by: string | null;
  actor_label: string;
}

export interface SpendLinesTable {
  partnership_id: string;
  organisation_id: string;
  batch_id: string;
  line_no: number;
  payment_date: string;
  amount_pence: number;
  supplier_id: string;
  supplier_raw: string;
  expense_type: string | null;
  expense_area: string | null;
  transaction_ref: string | null;
  line_key: number;
}

export interface SpendRejectedRowsTable {
  batch_id: string;
  line_no: number;
  reason: string;
  columns: string[];
}

/** The template of each import's staging table (spend-import.ts stagingTable); it holds no rows. */
export interface SpendStagingTable {
  line_no: number;
}

/** The template of an import's names table (migration 0029); it holds no rows. */
export interface SpendStagedNamesTable {
  supplier_norm: string;
}

export interface ImportBatchesTable {
  id: Generated<string>;
  kind: string;
  partnership_id: string;
  organisation_id: string;
  file_name: string;
  file_sha256: string;
  file_bytes: number;
  encoding: string;
  mapping: Json<unknown>;
  fy_start_year: number | null;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  skipped: Generated<number>;
  summary: ColumnType<unknown, string | undefined, string>;
  imported_at: Generated<Date>;
  imported_by: string | null;
  actor_label: string;
}

export interface ImportRejectedRowsTable {
  batch_id: string;
  line_no: number;
  reason: string;
  columns: Generated<string[]>;
}

export interface PayrollAggregatesTable {
  partnership_id: string;
  organisation_id: string;
  fy_start_year: number;
  batch_id: string;
  rate: Json<unknown>;
  counts: Json<unknown>;
  recorded_at: Generated<Date>;
}

export interface JobsTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string | null;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
  file_name: string | null;
  file_path: string | null;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  message: string | null;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  /** A spend upload's inspection (headings, first rows), for the columns page. */
  inspection: ColumnType<unknown, string | null | undefined, string | null>;
  batch_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: string | null;
}

export interface Lm3SurveysTable {
  id: Generated<string>;
  partnership_id: string;
  supplier_id: string;
  fy_start_year: number;
  token_hash: string;
  sent_to: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  answered_at: NullableTimestamp;
  staff_local_pct: NullableNumeric;
  suppliers_local_pct: NullableNumeric;
  staff_cost_pct: NullableNumeric;
}

/** The Real Living Wage by year (decision 026). */
export interface LivingWageRatesTable {
  year_label: string;
  uk_pence: number;
  london_pence: number;
  announced_on: string;
  applies_from: string;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: NullableTimestamp;
  updated_by: string | null;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: Generated<Date>;
}

export interface DB
  extends
    ApiTables,
    CarbonTables,
    CharterTables,
    ConsultationTables,
    NotificationTables,
    PublishingTables,
    SurveyTables {
  partnerships: PartnershipsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  sessions: SessionsTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  commitments: CommitmentsTable;
  indicators: IndicatorsTable;
  indicator_targets: IndicatorTargetsTable;
  reporting_periods: ReportingPeriodsTable;
  returns: ReturnsTable;
  return_revisions: ReturnRevisionsTable;
  return_values: ReturnValuesTable;
  evidence_files: EvidenceFilesTable;
  review_comments: ReviewCommentsTable;
  calculator_results: CalculatorResultsTable;
  figure_versions: FigureVersionsTable;
  maturity_assessments: MaturityAssessmentsTable;
  ref_postcodes: RefPostcodesTable;
  ref_imd: RefImdTable;
  ref_lsoa11_lsoa21: RefLsoa11Lsoa21Table;
  ref_datasets: RefDatasetsTable;
  suppliers: SuppliersTable;
  supplier_aliases: SupplierAliasesTable;
  supplier_spenders: SupplierSpendersTable;
  import_mappings: ImportMappingsTable;
  import_batches: ImportBatchesTable;
  import_rejected_rows: ImportRejectedRowsTable;
  payroll_aggregates: PayrollAggregatesTable;
  spend_batches: SpendBatchesTable;
  spend_lines: SpendLinesTable;
  spend_rejected_rows: SpendRejectedRowsTable;
  spend_staging: SpendStagingTable;
  spend_staged_names: SpendStagedNamesTable;
  jobs: JobsTable;
  lm3_surveys: Lm3SurveysTable;
  register_entries: RegisterEntriesTable;
  joint_initiatives: JointInitiativesTable;
  joint_initiative_partners: JointInitiativePartnersTable;
  joint_initiative_milestones: JointInitiativeMilestonesTable;
  living_wage_rates: LivingWageRatesTable;
}

export type Partnership = Selectable<PartnershipsTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;

export type ReportingPeriod = Selectable<ReportingPeriodsTable>;
export type Supplier = Selectable<SuppliersTable>;
export type ReturnRevision = Selectable<ReturnRevisionsTable>;
export type IndicatorRow = Selectable<IndicatorsTable>;
