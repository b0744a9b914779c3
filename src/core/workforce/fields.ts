/**
 * Which column of a payroll or HR extract holds what, found by header synonyms as for spend
 * files (src/core/spend/mapping.ts): "Hourly Rate", "Basic hourly rate £", "Contracted hours",
 * "Home Post Code". Columns that hold personal data the figures do not need (names, staff and
 * National Insurance numbers, dates of birth, addresses) are recognised too, so that the columns
 * page can say they will not be read and nothing keeps them (decision 026). Pure.
 */
import { columnsFromNames, detectColumns, type ImportField } from '../imports/columns.js';
import { normaliseHeader } from '../spend/mapping.js';

export const PAYROLL_FIELDS = [
  { id: 'hourlyRate', label: 'Hourly rate (£)' },
  { id: 'annualSalary', label: 'Annual salary (£)' },
  { id: 'weeklyHours', label: 'Contracted weekly hours' },
  { id: 'employment', label: 'Employment type (direct or contracted-out)' },
  { id: 'postcode', label: 'Home postcode' },
  { id: 'startDate', label: 'Start date' },
  { id: 'apprentice', label: 'Apprentice' },
  { id: 'careLeaver', label: 'Care leaver' },
  { id: 'veteran', label: 'Veteran' },
  { id: 'disabled', label: 'Disabled' },
  { id: 'longTermUnemployed', label: 'Long-term unemployed before starting' },
  { id: 'payDate', label: 'Pay date' },
  {
    id: 'organisation',
    label: 'Organisation code (for files covering several members)',
  },
] as const;

export type PayrollField = (typeof PAYROLL_FIELDS)[number]['id'];

/** Column index for each field found; fields not in the file are absent. */
export type PayrollMapping = Partial<Record<PayrollField, number>>;

export function payrollFieldLabel(field: PayrollField): string {
  return PAYROLL_FIELDS.find((f) => f.id === field)!.label;
}

const SYNONYMS: Record<PayrollField, readonly string[]> = {
  hourlyRate: [
    'hourly rate',
    'hourly rate £',
    'hourly rate (£)',
    'basic hourly rate',
    'basic hourly rate £',
    'hourly pay',
    'hourly pay rate',
    'rate per hour',
    'pay rate per hour',
    'hourly wage',
    'rate of pay per hour',
  ],
  annualSalary: [
    'annual salary',
    'annual salary £',
    'annual salary (£)',
    'salary',
    'salary £',
    'basic salary',
    'annual basic salary',
    'basic annual salary',
    'gross annual salary',
    'annual pay',
    'annual basic pay',
  ],
  weeklyHours: [
    'contracted weekly hours',
    'contracted hours',
    'contracted hours per week',
    'weekly contracted hours',
    'weekly hours',
    'hours per week',
    'contract hours',
    'working hours per week',
    'hours',
  ],
  employment: [
    'employment type',
    'employment',
    'employment status',
    'employment basis',
    'engagement type',
    'worker type',
    'staff type',
    'direct or contracted',
    'direct or contracted out',
    'direct / contracted',
    'direct/contracted',
  ],
  postcode: [
    'home postcode',
    'home post code',
    'postcode',
    'post code',
    'employee postcode',
    'residential postcode',
    'home address postcode',
    'postcode of residence',
  ],
  startDate: [
    'start date',
    'employment start date',
    'date started',
    'date of joining',
    'joining date',
    'date joined',
    'hire date',
    'start date in post',
    'latest start date',
    'continuous service date',
  ],
  apprentice: ['apprentice', 'apprenticeship', 'is apprentice', 'apprentice flag', 'apprentice?'],
  careLeaver: ['care leaver', 'care leaver flag', 'care experienced', 'care leaver?'],
  veteran: ['veteran', 'armed forces veteran', 'ex-forces', 'ex forces', 'veteran?'],
  disabled: ['disabled', 'disability', 'disabled person', 'disabled?', 'has a disability'],
  longTermUnemployed: [
    'long-term unemployed',
    'long term unemployed',
    'longterm unemployed',
    'previously long-term unemployed',
    'long-term unemployed?',
  ],
  payDate: ['pay date', 'payment date', 'date paid', 'payroll date', 'pay period end date'],
  organisation: [
    'organisation code',
    'organization code',
    'org code',
    'employer code',
    'ods code',
    'member code',
  ],
};

/** Personal data the figures never use, recognised so it can be set aside (never kept). */
export const PERSONAL_COLUMNS = [
  {
    id: 'name',
    label: 'Name',
    synonyms: [
      'name',
      'full name',
      'employee name',
      'staff name',
      'first name',
      'forename',
      'forenames',
      'given name',
      'surname',
      'last name',
      'family name',
      'known as',
      'preferred name',
      'title',
    ],
  },
  {
    id: 'staffNumber',
    label: 'Staff or payroll number',
    synonyms: [
      'staff number',
      'staff no',
      'staff id',
      'employee number',
      'employee no',
      'employee id',
      'payroll number',
      'payroll no',
      'payroll id',
      'assignment number',
      'person number',
      'personnel number',
      'esr number',
    ],
  },
  {
    id: 'niNumber',
    label: 'National Insurance number',
    synonyms: ['ni number', 'ni no', 'national insurance number', 'national insurance no', 'nino'],
  },
  {
    id: 'dateOfBirth',
    label: 'Date of birth',
    synonyms: ['date of birth', 'dob', 'birth date', 'birthdate', 'd.o.b', 'age'],
  },
  {
    id: 'contact',
    label: 'Address, email or telephone',
    synonyms: [
      'address',
      'home address',
      'address line 1',
      'address line 2',
      'address line 3',
      'address 1',
      'address 2',
      'town',
      'city',
      'county',
      'email',
      'email address',
      'personal email',
      'telephone',
      'phone',
      'mobile',
      'phone number',
    ],
  },
] as const;

export type PersonalColumnKind = (typeof PERSONAL_COLUMNS)[number]['id'];

/** Finds each field's column: the earliest synonym wins, and a column is used for one field only. */
export function detectPayrollMapping(headers: readonly string[]): PayrollMapping {
  return detectColumns(PAYROLL_IMPORT_FIELDS, headers);
}

/**
 * The columns that hold personal data the figures do not use, each with what it is. A column
 * mapped to a field is not listed (the mapping decides what it is read as).
 */
export function personalColumns(
  headers: readonly string[],
  mapping: PayrollMapping = {},
): { index: number; kind: PersonalColumnKind; label: string }[] {
  const mapped = new Set(Object.values(mapping));
  const found: { index: number; kind: PersonalColumnKind; label: string }[] = [];
  headers.map(normaliseHeader).forEach((name, index) => {
    if (mapped.has(index)) return;
    const kind = PERSONAL_COLUMNS.find((k) => (k.synonyms as readonly string[]).includes(name));
    if (kind) found.push({ index, kind: kind.id, label: kind.label });
  });
  return found;
}

/** A mapping given as header names (from the browser or the command line) turned into indexes. */
export function payrollMappingFromNames(
  headers: readonly string[],
  byName: Partial<Record<PayrollField, string>>,
): { mapping: PayrollMapping; unknown: string[] } {
  return columnsFromNames(headers, byName);
}

export type Employment = 'direct' | 'contracted';

/** A problem with the columns chosen, and the field whose choice would mend it. */
export interface MappingProblem {
  readonly field: PayrollField;
  readonly text: string;
}

/**
 * What stops a mapping from being used, in words for the columns page: no employment type (and
 * no statement that everyone in the file is employed one way), a salary without hours, or no
 * column any figure uses.
 */
export function payrollMappingProblems(
  mapping: PayrollMapping,
  options: { everyone?: Employment | null } = {},
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (mapping.employment === undefined && !options.everyone) {
    problems.push({
      field: 'employment',
      text:
        options.everyone === undefined
          ? 'Choose the column that says whether each person is directly employed or contracted-out'
          : 'Choose the column that says whether each person is directly employed or contracted-out, ' +
            'or say that everyone in the file is employed the same way',
    });
  }
  if (
    mapping.annualSalary !== undefined &&
    mapping.weeklyHours === undefined &&
    mapping.hourlyRate === undefined
  ) {
    problems.push({
      field: 'weeklyHours',
      text: 'Choose the column of contracted weekly hours: an hourly rate is worked out from the annual salary and the hours',
    });
  }
  const used: PayrollField[] = ['hourlyRate', 'annualSalary', 'postcode', 'startDate'];
  if (!used.some((f) => mapping[f] !== undefined)) {
    problems.push({
      field: 'hourlyRate',
      text: 'Choose at least one of the columns the figures use: hourly rate, annual salary, home postcode or start date',
    });
  }
  return problems;
}

/** The payroll fields with their header synonyms, as the import engine takes them. */
export const PAYROLL_IMPORT_FIELDS: readonly ImportField<PayrollField>[] = PAYROLL_FIELDS.map(
  (f) => ({ id: f.id, label: f.label, required: false, synonyms: SYNONYMS[f.id] }),
);
