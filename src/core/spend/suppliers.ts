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

/**
 * The key a supplier's name is matched by. A name of plain printable ASCII without a slash (most
 * names) is read in one pass, word by word (normaliseWords); any other goes through the rules as
 * written (normaliseByRules). The two give the same key for every name the first one takes: its
 * property test compares them.
 */
export function normaliseSupplierName(raw: string): string {
  const s = raw.replace(LEDGER_PREFIX, '');
  return isPlainName(s) ? normaliseWords(s) : normaliseByRules(s);
}

/** Printable ASCII, and no slash (so no "T/A"): no letter changes length in upper case, no line ends. */
function isPlainName(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x2f) return false;
  }
  return true;
}

/** The rules, one after another, for a name without its ledger prefix. */
export function normaliseByRules(name: string): string {
  const s = name
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/\(T\/A\b.*$|\bT\/A\b.*$|\bTRADING AS\b.*$/, ' ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .replace(/\bTRADING AS\b.*$/, ' ') // "trading-as" becomes "TRADING AS" only here
    .trim();
  return trimWords(s.split(' ').filter(Boolean));
}

/**
 * The same rules for a plain name (isPlainName), in one pass: its runs of letters and digits in
 * upper case, "&" as the word AND, and nothing from the words TRADING AS on.
 */
export function normaliseWords(name: string): string {
  const upper = name.toUpperCase();
  const words: string[] = [];
  let start = -1;
  const n = upper.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? upper.charCodeAt(i) : 0;
    const alnum = (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
    if (alnum) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const word = upper.slice(start, i);
      if (word === 'AS' && words[words.length - 1] === 'TRADING') {
        words.pop();
        return trimWords(words);
      }
      words.push(word);
      start = -1;
    }
    if (c === 0x26) words.push('AND'); // &
  }
  return trimWords(words);
}

/** Leading THEs and trailing legal endings off (never the last word), joined by single spaces. */
function trimWords(words: string[]): string {
  let first = 0;
  let end = words.length;
  while (words[first] === 'THE' && end - first > 1) first++;
  while (end - first > 1 && LEGAL_ENDINGS.has(words[end - 1]!)) end--;
  return (first === 0 && end === words.length ? words : words.slice(first, end)).join(' ');
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
