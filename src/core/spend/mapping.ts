/**
 * Which column of a spend file holds what. Headers differ between publishers and between months
 * ("Supplier" / "Supplier Name" / "BeneficiaryName", "Amount" / "amount" / "Amount in Sterling £",
 * "Expense Type " with a trailing space), so columns are found by synonyms. A confirmed mapping is
 * remembered per organisation under the file's "shape" (its normalised headers).
 */
import {
  columnsFromNames,
  detectColumns,
  missingFields,
  normaliseHeader,
  shapeKey,
  type ColumnMapping,
  type ImportField,
} from '../imports/columns.js';

export const SPEND_FIELDS = [
  { id: 'date', label: 'Payment date', required: true },
  { id: 'supplier', label: 'Supplier name', required: true },
  { id: 'amount', label: 'Amount (£)', required: true },
  { id: 'expenseType', label: 'Expense type', required: false },
  { id: 'expenseArea', label: 'Expense area or cost centre', required: false },
  { id: 'transactionRef', label: 'Transaction reference', required: false },
  { id: 'vatNumber', label: 'Supplier VAT number', required: false },
  { id: 'companyNumber', label: 'Supplier company number', required: false },
  { id: 'charityNumber', label: 'Supplier charity number', required: false },
  { id: 'postcode', label: 'Supplier postcode', required: false },
  {
    id: 'organisation',
    label: 'Organisation code (for files covering several members)',
    required: false,
  },
] as const;

export type SpendField = (typeof SPEND_FIELDS)[number]['id'];

/** Column index for each field found; fields not in the file are absent. */
export type SpendMapping = ColumnMapping<SpendField>;

const SYNONYMS: Record<SpendField, readonly string[]> = {
  date: [
    'date paid',
    'payment date',
    'paymentdate',
    'paid date',
    'date of payment',
    'transaction date',
    'date',
    'effective date',
    'effectivedate',
    'invoice date',
    'posting date',
    'clearing date',
  ],
  supplier: [
    'supplier name',
    'supplier',
    'suppliername',
    'supplier_name',
    'beneficiary name',
    'beneficiaryname',
    'beneficiary',
    'payee name',
    'payee',
    'vendor name',
    'vendor',
    'creditor name',
    'creditor',
    'merchant name',
    'merchant',
    'recipient',
    'name',
  ],
  amount: [
    'amount',
    'amount in sterling',
    'amount in sterling £',
    'amount £',
    'amount (£)',
    'amount gbp',
    'net amount',
    'payment amount',
    'transaction amount',
    'value',
    'value £',
    'total',
    'gross amount',
    'spend',
    'sum',
  ],
  expenseType: [
    'expense type',
    'expenditure type',
    'expense category',
    'expenditure category',
    'proclasslabel',
    'proclass label',
    'purpose',
    'category',
    'account name',
    '9an - level 9 account name',
    'level 9 account name',
    'subjective',
    'description',
    'service category label',
  ],
  expenseArea: [
    'expense area',
    'expenses area',
    'expenditure area',
    'cost centre name',
    'cost centre',
    'cost center',
    'department',
    'directorate',
    'organisationalunit',
    'organisational unit',
    'service area',
    'service',
    'profitcentre',
    'profit centre',
  ],
  transactionRef: [
    'transaction reference',
    'transaction number',
    'transactionnumber',
    'transaction no',
    'transaction id',
    'their reference',
    'reference',
    'invoice number',
    'invoicenumber',
    'document number',
    'voucher number',
    'payment reference',
    'ap reference',
  ],
  vatNumber: [
    'vatregistrationnumber',
    'vat registration number',
    'vat registration no',
    'vat number',
    'vat no',
    'vat reg no',
    'supplier vat number',
  ],
  companyNumber: [
    'company number',
    'companies house number',
    'company registration number',
    'company reg no',
    'crn',
    'supplier company number',
  ],
  charityNumber: [
    'charity number',
    'registered charity number',
    'charity registration number',
    'charity no',
  ],
  postcode: ['supplier postcode', 'postcode', 'post code', 'supplier post code', 'postal code'],
  organisation: [
    'organisation code',
    'organization code',
    'org code',
    'buyer code',
    'ods code',
    'member code',
  ],
};

export { normaliseHeader, shapeKey };

/** The spend fields with their header synonyms, as the import engine takes them. */
export const SPEND_IMPORT_FIELDS: readonly ImportField<SpendField>[] = SPEND_FIELDS.map((f) => ({
  ...f,
  synonyms: SYNONYMS[f.id],
}));

/** Finds each field's column: the earliest synonym wins, and a column is used for one field only. */
export function detectMapping(headers: readonly string[]): SpendMapping {
  return detectColumns(SPEND_IMPORT_FIELDS, headers);
}

export function missingRequired(mapping: SpendMapping): SpendField[] {
  return missingFields(SPEND_IMPORT_FIELDS, mapping);
}

/** A mapping given as header names (from the browser or the command line) turned into column indexes. */
export function mappingFromNames(
  headers: readonly string[],
  byName: Partial<Record<SpendField, string>>,
): { mapping: SpendMapping; unknown: string[] } {
  return columnsFromNames(headers, byName);
}
