/**
 * Matching suppliers across files: the same company is "BYWEST LTD", "Bywest Limited",
 * "NHS0000RJ701 : Bywest Ltd" and "bywest ltd." in different ledgers. Normalising removes ledger
 * prefixes, case, punctuation and the usual legal endings, so those all match. Identifiers
 * (VAT, Companies House and charity numbers) are normalised too, and matched before names.
 */

/** Ledger prefixes some trusts put before names: "NHS0000RJ701 : ", "V12345 | " (a code of 5 or more characters with a digit). */
const LEDGER_PREFIX = /^\s*(?=[A-Z0-9]*\d)[A-Z0-9]{5,}\s*[:|]\s*/i;

const LEGAL_ENDINGS = new Set([
  'LTD',
  'LIMITED',
  'PLC',
  'LLP',
  'LP',
  'CIC',
  'CIO',
  'INC',
  'CO',
  'COMPANY',
  'GROUP',
  'UK',
  'GB',
]);

export function normaliseSupplierName(raw: string): string {
  let s = raw.replace(LEDGER_PREFIX, '');
  s = s
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/\(T\/A\b.*$|\bT\/A\b.*$|\bTRADING AS\b.*$/, ' ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .replace(/\bTRADING AS\b.*$/, ' ') // "trading-as" becomes "TRADING AS" only here
    .trim();
  const words = s.split(' ').filter(Boolean);
  while (words[0] === 'THE' && words.length > 1) words.shift();
  while (words.length > 1 && LEGAL_ENDINGS.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/** GB123456789, 123 4567 89, "GB 123 4567 89" → "GB123456789"; null when it is not a VAT number. */
export function normaliseVatNumber(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const m = /^(?:GB)?(\d{9}|\d{12})$/.exec(s);
  return m ? `GB${m[1]}` : null;
}

/** Companies House numbers: 8 characters, digits or a two-letter prefix (SC, NI, OC…), zero-padded. */
export function normaliseCompanyNumber(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (/^\d{1,8}$/.test(s)) return s.padStart(8, '0');
  if (/^[A-Z]{2}\d{1,6}$/.test(s)) return s.slice(0, 2) + s.slice(2).padStart(6, '0');
  return null;
}

/** Charity numbers: England and Wales 6–7 digits; Scotland SC + 6 digits; Northern Ireland NIC + digits. */
export function normaliseCharityNumber(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return /^(\d{6,8}|SC\d{6}|NIC\d{5,6})$/.test(s) ? s : null;
}

export const SUPPLIER_TYPES = [
  { id: 'unclassified', label: 'Not yet classified' },
  { id: 'large', label: 'Large company' },
  { id: 'sme', label: 'SME' },
  { id: 'vcse', label: 'VCSE organisation' },
  { id: 'public', label: 'Public body' },
  { id: 'individual', label: 'Individual' },
  { id: 'redacted', label: 'Redacted' },
] as const;

export type SupplierType = (typeof SUPPLIER_TYPES)[number]['id'];

export function isSupplierType(v: string): v is SupplierType {
  return SUPPLIER_TYPES.some((t) => t.id === v);
}

/**
 * A normalised payee name that stands for a withheld one ("Redacted", "Personal data",
 * "REDACTED PERSONAL DATA", "Individual", "Private individual"). The one statement of the rule:
 * isRedactedName tests it here, and the spend importer passes the same pattern to PostgreSQL
 * (`supplier_norm ~ $n`) for the names it adds. It keeps to what JavaScript and PostgreSQL
 * regular expressions read alike: anchors, groups, alternation and `?`, over capital letters and
 * spaces (normalised names have nothing else).
 */
export const REDACTED_NAME_PATTERN =
  '^(REDACTED|WITHHELD|PERSONAL DATA|PRIVATE INDIVIDUAL|INDIVIDUAL)( PERSONAL DATA| DATA)?$';

const REDACTED_NAME = new RegExp(REDACTED_NAME_PATTERN);

/** Lines whose payee is withheld: see REDACTED_NAME_PATTERN. */
export function isRedactedName(normalised: string): boolean {
  return REDACTED_NAME.test(normalised);
}
