/**
 * The reference contender: DuckDB (in memory, all cores) reads the same CSVs and computes the
 * same per-organisation-per-month totals as the product, with the product's definitions:
 *
 * - a row counts when its organisation code is one of the partnership's (blank: the organisation
 *   given), its date and amount can be read and its supplier name is not empty after
 *   normalisation (rows the product rejects are left out here too);
 * - supplier names are normalised as src/core/spend/suppliers.ts does (ledger prefix, case,
 *   "&" → AND, "trading as", punctuation, a leading THE, legal endings), once per distinct name
 *   as the product does, and matched to the register by normalised name; a name not in the
 *   register has no location;
 * - the register is placed as the product places it: a valid postcode found in the directory
 *   gives its district and LSOAs (2021 LSOA, else the 2011 LSOA's 2021 one); anything else none;
 * - local: district in the local area; deprived: IMD decile 1–2 of the partnership's edition;
 *   unmatched: no district (supplier missing from the register, or its location unknown).
 *
 * The reference data (directory, IMD, LSOA lookup, register) is loaded before the clock starts,
 * as it is for the product. Prints one JSON object: seconds (the timed part), referenceSeconds,
 * rows (totals, amounts in pence as strings), and counts.
 *
 * Usage: node --import tsx bench/spend-duckdb.ts '{"dir":…,"localArea":[…],"edition":2025,"orgs":[…],"defaultOrg":…}'
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { REFERENCE_DIR } from '../src/reference/paths.js';

interface Args {
  dir: string;
  localArea: string[];
  edition: 2019 | 2025;
  orgs: string[];
  defaultOrg: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (items: readonly string[]) => items.map(quote).join(', ');
const file = (name: string) => quote(path.join(args.dir, name));
const reference = (name: string) => quote(path.join(REFERENCE_DIR, name));
const csv = (f: string) =>
  `read_csv(${f}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();

const LEGAL_ENDINGS = 'LTD|LIMITED|PLC|LLP|LP|CIC|CIO|INC|CO|COMPANY|GROUP|UK|GB';

const setup = [
  // Ledger prefix: a run of 5+ letters/digits containing a digit, then ":" or "|".
  `CREATE MACRO strip_ledger(s) AS CASE
     WHEN regexp_matches(s, '^\\s*[A-Za-z0-9]{5,}\\s*[:|]')
       AND regexp_matches(regexp_extract(s, '^\\s*([A-Za-z0-9]+)', 1), '[0-9]')
     THEN regexp_replace(s, '^\\s*[A-Za-z0-9]{5,}\\s*[:|]\\s*', '')
     ELSE s END`,
  `CREATE MACRO norm_words(s) AS trim(regexp_replace(
     regexp_replace(replace(upper(strip_ledger(s)), '&', ' AND '),
       '\\(T/A\\b.*$|\\bT/A\\b.*$|\\bTRADING AS\\b.*$', ' '),
     '[^A-Z0-9]+', ' ', 'g'))`,
  `CREATE MACRO norm_name(s) AS regexp_replace(regexp_replace(norm_words(s), '^THE ', ''),
     '^(.+?)(?: (?:${LEGAL_ENDINGS}))+$', '\\1')`,
  // A valid UK postcode (the rule of the postcode library), in upper case without spaces.
  `CREATE MACRO compact_postcode(p) AS CASE
     WHEN regexp_full_match(trim(p), '(?i)[a-z]{1,2}[0-9][a-z0-9]?\\s*[0-9][a-z]{2}')
     THEN upper(regexp_replace(trim(p), '\\s+', '', 'g')) END`,
  // "1,234.56", "£1,234.56", "-12.30", "(12.30)": whole pence; anything else is no amount.
  `CREATE MACRO parse_pence(a) AS
     CAST(try_cast(regexp_replace(trim(a), '[()£,-]', '', 'g') AS DECIMAL(18, 2)) * 100 AS BIGINT)
     * CASE WHEN (regexp_full_match(trim(a), '\\(.*\\)')) <> (starts_with(trim(a), '-')) THEN -1 ELSE 1 END`,
  `CREATE MACRO parse_date(d) AS CAST(coalesce(
     try_strptime(trim(d), '%d/%m/%Y'), try_strptime(trim(d), '%d-%b-%Y')) AS DATE)`,
];

const loadReference = [
  `CREATE TABLE ref_postcodes AS
     SELECT upper(regexp_replace(pcd, '\\s+', '', 'g')) AS postcode,
       nullif(laua, '') AS lad, nullif(lsoa11, '') AS lsoa11, nullif(lsoa21, '') AS lsoa21
     FROM ${csv(file('postcodes.csv'))}
     WHERE upper(regexp_replace(pcd, '\\s+', '', 'g')) <> ''`,
  `CREATE TABLE ref_imd AS
     SELECT ${args.edition} AS edition, ${args.edition === 2019 ? 'lsoa11' : 'lsoa21'} AS lsoa, CAST(decile AS INTEGER) AS decile
     FROM ${csv(reference(args.edition === 2019 ? 'imd2019-lsoa11.csv.gz' : 'imd2025-lsoa21.csv.gz'))}`,
  `CREATE TABLE ref_lsoa11_lsoa21 AS
     SELECT lsoa11, min(lsoa21) AS lsoa21 FROM ${csv(reference('lsoa11-lsoa21.csv.gz'))} GROUP BY lsoa11`,
  `CREATE TABLE suppliers AS
     SELECT norm_name(trim(r.supplier)) AS name_norm, p.lad, p.lsoa11,
       coalesce(p.lsoa21, m.lsoa21) AS lsoa21
     FROM ${csv(file('suppliers.csv'))} r
     LEFT JOIN ref_postcodes p ON p.postcode = compact_postcode(r.postcode)
     LEFT JOIN ref_lsoa11_lsoa21 m ON m.lsoa11 = p.lsoa11`,
];

const totals = `
  WITH lines AS (
    SELECT coalesce(nullif(upper(trim("Organisation Code")), ''), ${quote(args.defaultOrg)}) AS org,
      parse_date("Payment Date") AS payment_date,
      parse_pence("Amount") AS pence,
      trim("Supplier") AS supplier_raw
    FROM ${csv(file('spend.csv'))}
  ), names AS (
    SELECT raw, norm_name(raw) AS name_norm FROM (SELECT DISTINCT supplier_raw AS raw FROM lines)
  ), accepted AS (
    SELECT l.org, l.payment_date, l.pence, n.name_norm FROM lines l JOIN names n ON n.raw = l.supplier_raw
    WHERE l.org IN (${list(args.orgs)}) AND l.payment_date IS NOT NULL AND l.pence IS NOT NULL AND n.name_norm <> ''
  )
  SELECT a.org, strftime(a.payment_date, '%Y-%m') AS month,
    count(*) AS lines,
    CAST(sum(a.pence) AS VARCHAR) AS total,
    CAST(coalesce(sum(a.pence) FILTER (WHERE s.lad IN (${list(args.localArea)})), 0) AS VARCHAR) AS local,
    CAST(coalesce(sum(a.pence) FILTER (WHERE d.decile <= 2), 0) AS VARCHAR) AS deprived,
    CAST(coalesce(sum(a.pence) FILTER (WHERE s.lad IS NULL), 0) AS VARCHAR) AS unmatched
  FROM accepted a
  LEFT JOIN suppliers s ON s.name_norm = a.name_norm
  LEFT JOIN ref_imd d ON d.lsoa = ${args.edition === 2019 ? 's.lsoa11' : 's.lsoa21'}
  GROUP BY ALL
  ORDER BY 1, 2`;

const started = performance.now();
for (const statement of [...setup, ...loadReference]) await db.run(statement);
const referenceSeconds = (performance.now() - started) / 1000;

const load = os.loadavg()[0]!;
const clock = performance.now();
const cpu = process.cpuUsage();
const reader = await db.runAndReadAll(totals);
const seconds = (performance.now() - clock) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;

const rows = reader.getRowObjects().map((r) => ({
  org: String(r.org),
  month: String(r.month),
  lines: Number(r.lines),
  total: String(r.total),
  local: String(r.local),
  deprived: String(r.deprived),
  unmatched: String(r.unmatched),
}));
process.stdout.write(JSON.stringify({ seconds, cpuSeconds, load, referenceSeconds, rows }) + '\n');
db.closeSync();
instance.closeSync();
