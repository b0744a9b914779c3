/**
 * One spend row as a line of COPY text for the import's staging table: the organisation it is
 * for, its date and amount parsed, its supplier name normalised (once per distinct name), and
 * the reasons it is rejected, naming the column. Pure: it runs in the import's parsing thread
 * (spend-parse.worker.ts), away from the database's.
 */
import { parseAmount } from '../../core/spend/amounts.js';
import { parsePaymentDate } from '../../core/spend/dates.js';
import type { SpendField } from '../../core/spend/mapping.js';
import {
  normaliseCharityNumber,
  normaliseCompanyNumber,
  normaliseSupplierName,
  normaliseVatNumber,
} from '../../core/spend/suppliers.js';
import { CopyTextWriter } from '../../lib/copy-text.js';
import type { RowInput } from '../imports/engine.js';

/** The staging table's columns, in the order of each COPY line. */
export const COPY_STAGING_COLUMNS =
  'line_no, organisation_id, payment_date, amount_pence, supplier_raw, supplier_norm, vat_number, company_number, charity_number, postcode, expense_type, expense_area, transaction_ref, reason, columns';

const ENCODER = new TextEncoder();

function copyArray(values: readonly string[]): string {
  return (
    '{' +
    values.map((v) => '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(',') +
    '}'
  );
}

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

export class SpendRowWriter {
  readonly #names = new Map<string, string>();
  readonly #dates = new Map<string, ReturnType<typeof parsePaymentDate>>();
  readonly span: StagedSpan = { organisations: new Set(), from: '', to: '' };
  readonly #out = new CopyTextWriter();
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
    let date = this.#dates.get(rawDate);
    if (!date) {
      date = parsePaymentDate(rawDate);
      if (this.#dates.size < 100_000) this.#dates.set(rawDate, date);
    }
    if (!date.ok) reasons.push(`Column ${row.column('date')}: ${date.reason}`);
    const amount = parseAmount(row.value('amount'));
    if (!amount.ok) reasons.push(`Column ${row.column('amount')}: ${amount.reason}`);
    const supplierRaw = row.value('supplier');
    let norm = this.#names.get(supplierRaw);
    if (norm === undefined) {
      norm = normaliseSupplierName(supplierRaw);
      if (this.#names.size < 500_000) this.#names.set(supplierRaw, norm);
    }
    if (!norm) reasons.push(`Column ${row.column('supplier')}: the supplier name is empty`);
    const rejected = reasons.length > 0;
    if (!rejected && date.ok) {
      const span = this.span;
      span.organisations.add(orgId);
      if (!span.from || date.iso < span.from) span.from = date.iso;
      if (date.iso > span.to) span.to = date.iso;
    }
    // One COPY text line per row (columns as in COPY_STAGING_COLUMNS).
    const o = this.#out;
    o.field(String(row.line));
    o.tab();
    o.bytes(this.#organisationBytes(orgId));
    if (date.ok) o.field(date.iso);
    else o.null();
    o.tab();
    if (amount.ok) o.field(String(amount.pence));
    else o.null();
    o.tab();
    o.field(supplierRaw);
    o.tab();
    o.optional(norm);
    o.tab();
    if (row.has('vatNumber')) o.optional(normaliseVatNumber(row.value('vatNumber')));
    else o.null();
    o.tab();
    if (row.has('companyNumber')) o.optional(normaliseCompanyNumber(row.value('companyNumber')));
    else o.null();
    o.tab();
    if (row.has('charityNumber')) o.optional(normaliseCharityNumber(row.value('charityNumber')));
    else o.null();
    o.tab();
    if (row.has('postcode')) o.optional(row.value('postcode'));
    else o.null();
    o.tab();
    o.optional(row.value('expenseType'));
    o.tab();
    o.optional(row.value('expenseArea'));
    o.tab();
    o.optional(row.value('transactionRef'));
    o.tab();
    if (rejected) o.field(reasons.join('; '));
    else o.null();
    o.tab();
    if (rejected) o.field(copyArray(row.fields));
    else o.null();
    o.end();
  }

  /** An organisation's id and the tab after it, encoded once. */
  #organisationBytes(id: string): Uint8Array {
    let bytes = this.#organisationIds.get(id);
    if (!bytes) {
      bytes = ENCODER.encode(id + '\t');
      this.#organisationIds.set(id, bytes);
    }
    return bytes;
  }

  /**
   * The COPY text of the rows since the last call, or null when there are none, in memory of its
   * own (so that a parsing thread can hand it over without copying).
   */
  take(): Buffer | null {
    return this.#out.take();
  }
}
