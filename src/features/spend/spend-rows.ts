/**
 * One spend row as a row of binary COPY for the import's staging table: the organisation it is
 * for, its date and amount parsed, its supplier name normalised (once per distinct name), and
 * the reasons it is rejected, naming the column. Pure: it runs in the import's parsing thread
 * (spend-parse.worker.ts), away from the database's.
 */
import { parseAmount } from '../../core/spend/amounts.js';
import { parsePaymentDate, type DateResult } from '../../core/spend/dates.js';
import type { SpendField } from '../../core/spend/mapping.js';
import {
  normaliseCharityNumber,
  normaliseCompanyNumber,
  normaliseSupplierName,
  normaliseVatNumber,
} from '../../core/spend/suppliers.js';
import { CopyBinaryWriter, pgDays, uuidBytes } from '../../lib/copy-binary.js';
import type { RowInput } from '../imports/engine.js';

/** The staging table's columns, in the order of each COPY row. */
export const COPY_STAGING_COLUMNS =
  'line_no, organisation_id, payment_date, amount_pence, supplier_raw, supplier_norm, vat_number, company_number, charity_number, postcode, expense_type, expense_area, transaction_ref, reason, columns';

const STAGING_FIELDS = COPY_STAGING_COLUMNS.split(',').length;

/** What the accepted rows span, to tell whether they can overlap lines already stored. */
export interface StagedSpan {
  readonly organisations: Set<string>;
  from: string;
  to: string;
}

/** Who the rows may be for: the organisation importing, and the codes of the partnership's. */
export interface RowOrganisations {
  /** The organisation importing: a row without an organisation code is its. */
  readonly own: string;
  /** Organisation codes (upper case) to ids, for a file with an organisation column. */
  readonly byCode: ReadonlyMap<string, string>;
  /** The organisations the person importing may import spend for. */
  readonly writable: ReadonlySet<string>;
}

/**
 * The same text in memory of its own. A value read from a file is cut from the text of the whole
 * chunk it was in (about a megabyte, held outside the JavaScript heap), and keeping the value would
 * keep that chunk: a cache of a million lines' supplier names held about 220 MB of chunks so.
 */
function detached(s: string): string {
  // Through UTF-8 and back: exact for any text without surrogates (kept as it is, then).
  return SURROGATE.test(s) ? s : Buffer.from(s, 'utf8').toString('utf8');
}

const SURROGATE = /[\uD800-\uDFFF]/;

const NAMES_CACHED = 50_000;

export class SpendRowWriter {
  readonly #names = new Map<string, string>();
  /** Each date as written, parsed once, with its day number when it is a date. */
  readonly #dates = new Map<string, { date: DateResult; days: number }>();
  readonly span: StagedSpan = { organisations: new Set(), from: '', to: '' };
  readonly #out = new CopyBinaryWriter();
  readonly #organisationIds = new Map<string, Uint8Array>();

  constructor(readonly organisations: RowOrganisations) {}

  row(row: RowInput<SpendField>, reasons: string[]): void {
    let orgId = this.organisations.own;
    if (row.has('organisation')) {
      const code = row.value('organisation').toUpperCase();
      if (code) {
        const found = this.organisations.byCode.get(code);
        if (found && this.organisations.writable.has(found)) orgId = found;
        else if (found)
          reasons.push(
            `Column ${row.column('organisation')}: you cannot import spend for “${code}”, only for your own organisation`,
          );
        else
          reasons.push(
            `Column ${row.column('organisation')}: “${code}” is not an organisation code in this partnership`,
          );
      }
    }
    const rawDate = row.value('date');
    let parsed = this.#dates.get(rawDate);
    if (!parsed) {
      const result = parsePaymentDate(rawDate);
      parsed = { date: result, days: result.ok ? pgDays(result.iso) : 0 };
      if (this.#dates.size < 100_000) this.#dates.set(rawDate, parsed);
    }
    const date = parsed.date;
    if (!date.ok) reasons.push(`Column ${row.column('date')}: ${date.reason}`);
    const amount = parseAmount(row.value('amount'));
    if (!amount.ok) reasons.push(`Column ${row.column('amount')}: ${amount.reason}`);
    const supplierRaw = row.value('supplier');
    let norm = this.#names.get(supplierRaw);
    if (norm === undefined) {
      norm = normaliseSupplierName(supplierRaw);
      // The first 50,000 names: a ledger repeats its suppliers' names, and a file whose names
      // hardly repeat gains nothing from a larger cache but its memory and the time to keep it.
      if (this.#names.size < NAMES_CACHED) this.#names.set(detached(supplierRaw), detached(norm));
    }
    if (!norm) reasons.push(`Column ${row.column('supplier')}: the supplier name is empty`);
    const rejected = reasons.length > 0;
    if (!rejected && date.ok) {
      const span = this.span;
      span.organisations.add(orgId);
      if (!span.from || date.iso < span.from) span.from = date.iso;
      if (date.iso > span.to) span.to = date.iso;
    }
    // One row of the binary COPY (columns as in COPY_STAGING_COLUMNS).
    const o = this.#out;
    o.row(STAGING_FIELDS);
    o.int4(row.line);
    o.bytes(this.#organisationBytes(orgId));
    if (date.ok) o.date(parsed.days);
    else o.null();
    if (amount.ok) o.int8(amount.pence);
    else o.null();
    o.text(supplierRaw);
    o.optional(norm);
    if (row.has('vatNumber')) o.optional(normaliseVatNumber(row.value('vatNumber')));
    else o.null();
    if (row.has('companyNumber')) o.optional(normaliseCompanyNumber(row.value('companyNumber')));
    else o.null();
    if (row.has('charityNumber')) o.optional(normaliseCharityNumber(row.value('charityNumber')));
    else o.null();
    if (row.has('postcode')) o.optional(row.value('postcode'));
    else o.null();
    o.optional(row.value('expenseType'));
    o.optional(row.value('expenseArea'));
    o.optional(row.value('transactionRef'));
    if (rejected) o.text(reasons.join('; '));
    else o.null();
    if (rejected) o.textArray(row.fields);
    else o.null();
  }

  /** An organisation's id as the 16 bytes of a UUID, once per organisation. */
  #organisationBytes(id: string): Uint8Array {
    let bytes = this.#organisationIds.get(id);
    if (!bytes) {
      bytes = uuidBytes(id);
      this.#organisationIds.set(id, bytes);
    }
    return bytes;
  }

  /**
   * The rows since the last call as one binary COPY, or null when there are none, in memory of
   * its own (so that a parsing thread can hand it over without copying).
   */
  take(): Buffer | null {
    return this.#out.take();
  }

  /** Gives back a chunk's memory once the chunk is in the database, to write later chunks into. */
  recycle(memory: ArrayBuffer): void {
    this.#out.recycle(memory);
  }
}
