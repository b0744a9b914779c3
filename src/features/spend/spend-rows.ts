/**
 * One spend row as a row of binary COPY for the import's staging table: the organisation it is
 * for, its date and amount parsed, its supplier name normalised (once per distinct name), and
 * the reasons it is rejected, naming the column. Pure: it runs in the import's parsing thread
 * (spend-parse.worker.ts), away from the database's.
 */
import { parseAmount, PenceSum } from '../../core/spend/amounts.js';
import { parsePaymentDate, type DateResult } from '../../core/spend/dates.js';
import { SPEND_FIELDS, type SpendField } from '../../core/spend/mapping.js';
import {
  normaliseCharityNumber,
  normaliseCompanyNumber,
  normaliseSupplierName,
  normaliseVatNumber,
} from '../../core/spend/suppliers.js';
import { isAsciiSpace } from '../../core/spend/csv-bytes.js';
import { CopyBinaryWriter, pgDays, uuidBytes } from '../../lib/copy-binary.js';
import { hashBytesExtended, LITTLE_ENDIAN } from '../../lib/pg-hash.js';
import type { RowInput } from '../imports/engine.js';

/** The staging table's columns, in the order of each COPY row. */
export const COPY_STAGING_COLUMNS =
  'line_no, organisation_id, payment_date, amount_pence, supplier_raw, supplier_norm, vat_number, company_number, charity_number, postcode, expense_type, expense_area, transaction_ref, reason, columns, line_key';

const STAGING_FIELDS = COPY_STAGING_COLUMNS.split(',').length;

/** The import's names table's columns (migration 0029), in the order of each COPY row. */
export const COPY_NAMES_COLUMNS =
  'supplier_norm, supplier_raw, vat_number, company_number, charity_number, postcode, organisation_ids';

const NAMES_FIELDS = COPY_NAMES_COLUMNS.split(',').length;

/**
 * Distinct supplier names summarised while the rows are read, at most: a file with more (a ledger
 * of one-off payees, or a hostile file) is summarised by the database from the staged rows instead,
 * so that the parser's memory does not grow with the file.
 */
export const NAMES_SUMMARISED = 100_000;

/**
 * A value the accepted lines naming one supplier give: undefined while none has given one, the
 * value while all that give one give the same, null once two differ.
 */
type Agreed = string | null | undefined;

function agree(held: Agreed, value: string | null): Agreed {
  if (!value || held === null) return held;
  if (held === undefined) return detached(value);
  return held === value ? held : null;
}

/** Whether upper case would change the text (a lower-case ASCII letter settles it at once). */
function hasLowerCase(s: string): boolean {
  return LOWER_ASCII.test(s) || (NOT_ASCII.test(s) && s !== s.toUpperCase());
}

const LOWER_ASCII = /[a-z]/;
const NOT_ASCII = /[^\0-\x7f]/;

/** What the accepted lines of one normalised supplier name say about the supplier. */
interface NameSummary {
  /** The first spelling in the file with lower case in it, and the first of all. */
  mixed: string | undefined;
  readonly first: string;
  vat: Agreed;
  company: Agreed;
  charity: Agreed;
  postcode: Agreed;
  /** The organisations paying it, one bit each (SpendRowWriter.#organisationBit). */
  organisations: number;
}

/**
 * The names one parser summarised from the part of a file after another's (decision 050), as
 * columns (quick to hand from one thread to another): entry i of each is one normalised name, in
 * the order the part first gave them. SpendRowWriter.namesPart makes it; absorb joins it.
 */
export interface NamesPart {
  readonly norms: string[];
  readonly first: string[];
  readonly mixed: (string | undefined)[];
  readonly vat: Agreed[];
  readonly company: Agreed[];
  readonly charity: Agreed[];
  readonly postcode: Agreed[];
  /** Each name's paying organisations, one bit each: bit k stands for organisations[k]. */
  readonly paying: Int32Array;
  readonly organisations: string[];
}

/** What two parts' agreements on a value come to together (agree, across parts). */
function agreeBoth(a: Agreed, b: Agreed): Agreed {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a === b ? a : null;
}

/** What a part of a file spans and holds, as its parsing thread hands it over. */
export type PartSpan = Omit<StagedSpan, 'organisations'> & {
  readonly organisations: readonly string[];
};

/** What the parts of a file span, as one. */
export function joinSpans(spans: readonly PartSpan[]): StagedSpan {
  const joined: StagedSpan = {
    organisations: new Set(),
    from: '',
    to: '',
    accepted: 0,
    acceptedPence: 0n,
    acceptedMagnitude: 0n,
    rejected: 0,
    rejectedPence: 0n,
    rejectedMagnitude: 0n,
  };
  for (const s of spans) {
    for (const o of s.organisations) joined.organisations.add(o);
    if (s.from && (!joined.from || s.from < joined.from)) joined.from = s.from;
    if (s.to > joined.to) joined.to = s.to;
    joined.accepted += s.accepted;
    joined.acceptedPence += s.acceptedPence;
    joined.acceptedMagnitude += s.acceptedMagnitude;
    joined.rejected += s.rejected;
    joined.rejectedPence += s.rejectedPence;
    joined.rejectedMagnitude += s.rejectedMagnitude;
  }
  return joined;
}

/**
 * What the staged rows span and hold: the accepted rows' organisations and dates, to tell whether
 * they can overlap lines already stored, and how many rows were accepted and rejected, with their
 * amounts in pence (a rejected row's when it has one), counted as they were written.
 */
export interface StagedSpan {
  readonly organisations: Set<string>;
  from: string;
  to: string;
  accepted: number;
  acceptedPence: bigint;
  /** The accepted amounts by size, a credit counted as a payment (what bounds every total of them). */
  acceptedMagnitude: bigint;
  rejected: number;
  rejectedPence: bigint;
  rejectedMagnitude: bigint;
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

/**
 * Supplier names as written kept with what they normalise to, at most. A ledger repeats its
 * suppliers' names, and a file whose names hardly repeat gains nothing from more but the memory.
 */
const NAMES_CACHED = 50_000;

/**
 * Once that many names are kept, how many names are looked for before the cache is judged: if
 * fewer than a quarter of them were found, the names are no longer looked for (a name found saves
 * normalising it and finding its summary, about four times what looking for one not kept costs).
 */
const NAMES_JUDGED_AFTER = 1 << 16;

/** A supplier name as written, with its normalised name and that name's summary once known. */
interface NameEntry {
  readonly norm: string;
  summary: NameSummary | undefined;
}

/** "|", between the values of a line's key. */
const BAR = 0x7c;

/** A whole number's decimal digits, as the database writes a bigint, into `into` from `at`. */
function digits(into: Uint8Array, at: number, n: number): number {
  if (n < 0) {
    into[at++] = 0x2d; // "-"
    n = -n;
  }
  let end = at;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) end++;
  for (let i = end; i >= at; i--) {
    into[i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
  return end + 1;
}

/** A date as written in the file, parsed once, with the start of its lines' keys. */
interface ParsedDate {
  readonly date: DateResult;
  /** Days since 1 January 2000, when it is a date. */
  readonly days: number;
  /** The organisation whose "organisation|date|" keyStart holds (decision 045). */
  keyOrg: string;
  keyStart: Uint8Array | null;
}

/** ASCII text (an id, a date, a number) into `into` from `at`; returns where it ends. */
function ascii(into: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) into[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** The organisations a name's summary can tell apart: the bits of a 32-bit integer but the sign. */
const ORGANISATION_BITS = 31;

export class SpendRowWriter {
  /** Supplier names as written (the first 50,000); null once too few rows are found in it. */
  #names: Map<string, NameEntry> | null = new Map();
  /** Names looked for, and found, since the cache was full. */
  #looked = 0;
  #found = 0;
  /** Each date as written, parsed once, with its day number when it is a date. */
  readonly #dates = new Map<string, ParsedDate>();
  readonly #span = { organisations: new Set<string>(), from: '', to: '' };
  #accepted = 0;
  #rejected = 0;
  readonly #acceptedPence = new PenceSum();
  readonly #rejectedPence = new PenceSum();
  readonly #out = new CopyBinaryWriter();
  readonly #organisationIds = new Map<string, Uint8Array>();
  readonly #organisationBits = new Map<string, number>();
  /** Room to write a line's key as UTF-8, and its hash. */
  #keyBytes = new Uint8Array(1024);
  #keyWords = LITTLE_ENDIAN ? new Uint32Array(this.#keyBytes.buffer) : undefined;
  readonly #key = new Uint32Array(2);
  /** Each distinct supplier name of the accepted rows; null once there are too many to keep. */
  #summaries: Map<string, NameSummary> | null = new Map();

  constructor(
    readonly organisations: RowOrganisations,
    readonly namesSummarised = NAMES_SUMMARISED,
    /** How many names as written are kept, and after how many more looked for they are judged. */
    readonly namesCached = { kept: NAMES_CACHED, judgedAfter: NAMES_JUDGED_AFTER },
  ) {}

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
    const parsed = this.#date(row.value('date'));
    const date = parsed.date;
    if (!date.ok) reasons.push(`Column ${row.column('date')}: ${date.reason}`);
    const amount = parseAmount(row.value('amount'));
    if (!amount.ok) reasons.push(`Column ${row.column('amount')}: ${amount.reason}`);
    const supplierRaw = row.value('supplier');
    const name = this.#name(supplierRaw);
    const norm = name.norm;
    if (!norm) reasons.push(`Column ${row.column('supplier')}: the supplier name is empty`);
    const rejected = reasons.length > 0;
    if (!rejected && date.ok && amount.ok) this.#spans(orgId, date.iso, amount.pence);
    else {
      this.#rejected++;
      if (amount.ok) this.#rejectedPence.add(amount.pence);
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
    const normAt = o.position;
    o.optional(norm);
    const vat = row.has('vatNumber') ? normaliseVatNumber(row.value('vatNumber')) : null;
    o.optional(vat);
    const company = row.has('companyNumber')
      ? normaliseCompanyNumber(row.value('companyNumber'))
      : null;
    o.optional(company);
    const charity = row.has('charityNumber')
      ? normaliseCharityNumber(row.value('charityNumber'))
      : null;
    o.optional(charity);
    const postcode = row.has('postcode') ? row.value('postcode') : null;
    o.optional(postcode);
    const typeAt = o.position;
    o.optional(row.value('expenseType'));
    const areaAt = o.position;
    o.optional(row.value('expenseArea'));
    const refAt = o.position;
    o.optional(row.value('transactionRef'));
    if (rejected) o.text(reasons.join('; '));
    else o.null();
    if (rejected) o.textArray(row.fields);
    else o.null();
    if (rejected || !date.ok || !amount.ok) o.null();
    else {
      this.#lineKey(orgId, parsed, date.iso, amount.pence, normAt, refAt, typeAt, areaAt);
      o.int8Words(this.#key[0]!, this.#key[1]!);
    }
    if (!rejected) this.#summary(name, supplierRaw, orgId, vat, company, charity, postcode);
  }

  /**
   * A row of a plain record (core/spend/csv-bytes.ts: ASCII, its fields as byte ranges), written
   * as row() writes it, with the text fields copied from the file's bytes as they are. Only a row
   * that is accepted is written here: for any other, nothing is written and false is returned, and
   * the caller gives the row to row() with its fields as text.
   */
  plainRow(
    bytes: Buffer,
    starts: Int32Array,
    ends: Int32Array,
    count: number,
    line: number,
  ): boolean {
    const c = this.#plain;
    if (!c) return false;
    // Every mapped field within the engine's limit on text (longer ones are rejected by it).
    for (const k of c.mapped)
      if (k < count && this.#trim(bytes, starts, ends, k) > c.textChars) return false;
    let orgId = this.organisations.own;
    if (c.organisation >= 0) {
      const code = this.#ascii(bytes, starts, ends, count, c.organisation).toUpperCase();
      if (code) {
        const found = this.organisations.byCode.get(code);
        if (!found || !this.organisations.writable.has(found)) return false;
        orgId = found;
      }
    }
    const parsed = this.#date(this.#ascii(bytes, starts, ends, count, c.date));
    const date = parsed.date;
    if (!date.ok) return false;
    const amount = parseAmount(this.#ascii(bytes, starts, ends, count, c.amount));
    if (!amount.ok) return false;
    const supplierRaw = this.#ascii(bytes, starts, ends, count, c.supplier);
    if (!supplierRaw) return false;
    const supplierFrom = this.#from;
    const supplierTo = this.#to;
    const name = this.#name(supplierRaw);
    const norm = name.norm;
    if (!norm) return false;
    this.#spans(orgId, date.iso, amount.pence);
    const o = this.#out;
    o.row(STAGING_FIELDS);
    o.int4(line);
    o.bytes(this.#organisationBytes(orgId));
    o.date(parsed.days);
    o.int8(amount.pence);
    o.bytes(bytes, supplierFrom, supplierTo);
    const normAt = o.position;
    o.text(norm);
    const vat =
      c.vatNumber >= 0
        ? normaliseVatNumber(this.#ascii(bytes, starts, ends, count, c.vatNumber))
        : null;
    o.optional(vat);
    const company =
      c.companyNumber >= 0
        ? normaliseCompanyNumber(this.#ascii(bytes, starts, ends, count, c.companyNumber))
        : null;
    o.optional(company);
    const charity =
      c.charityNumber >= 0
        ? normaliseCharityNumber(this.#ascii(bytes, starts, ends, count, c.charityNumber))
        : null;
    o.optional(charity);
    const postcode = c.postcode >= 0 ? this.#ascii(bytes, starts, ends, count, c.postcode) : null;
    o.optional(postcode);
    const typeAt = o.position;
    this.#optionalAscii(bytes, starts, ends, count, c.expenseType);
    const areaAt = o.position;
    this.#optionalAscii(bytes, starts, ends, count, c.expenseArea);
    const refAt = o.position;
    this.#optionalAscii(bytes, starts, ends, count, c.transactionRef);
    o.null();
    o.null();
    this.#lineKey(orgId, parsed, date.iso, amount.pence, normAt, refAt, typeAt, areaAt);
    o.int8Words(this.#key[0]!, this.#key[1]!);
    this.#summary(name, supplierRaw, orgId, vat, company, charity, postcode);
    return true;
  }

  /** Where each field is in a plain record (-1 when absent), and the limit on text. */
  #plain:
    | (Record<SpendField, number> & {
        readonly mapped: readonly number[];
        readonly textChars: number;
      })
    | null = null;

  /** Reads plain records (plainRow) of a file whose columns are mapped so. */
  readsPlain(mapping: Partial<Record<SpendField, number>>, textChars: number): void {
    const at = Object.fromEntries(SPEND_FIELDS.map((f) => [f.id, mapping[f.id] ?? -1]));
    this.#plain = {
      ...(at as Record<SpendField, number>),
      mapped: Object.values(mapping).filter((k): k is number => k !== undefined),
      textChars,
    };
  }

  /** The trimmed range of field k of a plain record, in #from and #to; returns its length. */
  #trim(bytes: Buffer, starts: Int32Array, ends: Int32Array, k: number): number {
    let from = starts[k]!;
    let to = ends[k]!;
    while (from < to && isAsciiSpace(bytes[from]!)) from++;
    while (to > from && isAsciiSpace(bytes[to - 1]!)) to--;
    this.#from = from;
    this.#to = to;
    return to - from;
  }

  #from = 0;
  #to = 0;

  /** Field k of a plain record, trimmed, as text ('' when the record has no such field). */
  #ascii(bytes: Buffer, starts: Int32Array, ends: Int32Array, count: number, k: number): string {
    if (k < 0 || k >= count) return '';
    return this.#trim(bytes, starts, ends, k) === 0
      ? ''
      : bytes.toString('latin1', this.#from, this.#to);
  }

  /** Field k of a plain record, trimmed, into the row as text; null when empty or absent. */
  #optionalAscii(
    bytes: Buffer,
    starts: Int32Array,
    ends: Int32Array,
    count: number,
    k: number,
  ): void {
    if (k < 0 || k >= count || this.#trim(bytes, starts, ends, k) === 0) this.#out.null();
    else this.#out.bytes(bytes, this.#from, this.#to);
  }

  /** A date as written, parsed once (the first 100,000 kept), with its day number. */
  #date(raw: string): ParsedDate {
    let parsed = this.#dates.get(raw);
    if (!parsed) {
      const result = parsePaymentDate(raw);
      parsed = {
        date: result,
        days: result.ok ? pgDays(result.iso) : 0,
        keyOrg: '',
        keyStart: null,
      };
      if (this.#dates.size < 100_000) this.#dates.set(raw, parsed);
    }
    return parsed;
  }

  /** What the rows written so far span and hold (StagedSpan). */
  get span(): StagedSpan {
    return {
      ...this.#span,
      accepted: this.#accepted,
      acceptedPence: this.#acceptedPence.value,
      acceptedMagnitude: this.#acceptedPence.magnitude,
      rejected: this.#rejected,
      rejectedPence: this.#rejectedPence.value,
      rejectedMagnitude: this.#rejectedPence.magnitude,
    };
  }

  /** An accepted row's organisation, date and amount into what the rows span and hold. */
  #spans(orgId: string, iso: string, pence: number): void {
    const span = this.#span;
    span.organisations.add(orgId);
    if (!span.from || iso < span.from) span.from = iso;
    if (iso > span.to) span.to = iso;
    this.#accepted++;
    this.#acceptedPence.add(pence);
  }

  /** What an accepted row says about its supplier, into the summary of its name. */
  #summary(
    name: NameEntry,
    supplierRaw: string,
    orgId: string,
    vat: string | null,
    company: string | null,
    charity: string | null,
    postcode: string | null,
  ): void {
    if (!this.#summaries) return;
    const summary = (name.summary ??= this.#summarise(name.norm, supplierRaw));
    if (!summary) return;
    if (summary.mixed === undefined && hasLowerCase(supplierRaw))
      summary.mixed = detached(supplierRaw);
    if (vat) summary.vat = agree(summary.vat, vat);
    if (company) summary.company = agree(summary.company, company);
    if (charity) summary.charity = agree(summary.charity, charity);
    if (postcode) summary.postcode = agree(summary.postcode, postcode);
    summary.organisations |= this.#organisationBit(orgId);
  }

  /**
   * A line's key (decision 045) into #key: the hash, as the database's hashtextextended(…, 0),
   * of the organisation, date, normalised supplier name, amount in pence, reference, expense type
   * and area, joined by "|" as concat_ws('|', …) joins them, the null ones left out. The text
   * fields are taken as the row's COPY has them in UTF-8, so they are not encoded twice.
   */
  #lineKey(
    orgId: string,
    date: ParsedDate,
    iso: string,
    pence: number,
    normAt: number,
    refAt: number,
    typeAt: number,
    areaAt: number,
  ): void {
    const o = this.#out;
    // Room for the organisation, date and amount, and for the fields as written to the COPY.
    const room = 80 + o.position - normAt;
    if (room > this.#keyBytes.length) {
      this.#keyBytes = new Uint8Array(room * 2 + 4 - ((room * 2) % 4));
      this.#keyWords = LITTLE_ENDIAN ? new Uint32Array(this.#keyBytes.buffer) : undefined;
    }
    const k = this.#keyBytes;
    // "organisation|date|", kept with the date for the organisation last keyed on it.
    if (date.keyOrg !== orgId || !date.keyStart) {
      const start = `${orgId}|${iso}|`;
      date.keyStart = new Uint8Array(start.length);
      ascii(date.keyStart, 0, start);
      date.keyOrg = orgId;
    }
    k.set(date.keyStart, 0);
    let at = o.copyField(normAt, k, date.keyStart.length);
    k[at++] = BAR;
    at = digits(k, at, pence);
    at = this.#joined(k, at, refAt);
    at = this.#joined(k, at, typeAt);
    at = this.#joined(k, at, areaAt);
    hashBytesExtended(k, at, this.#key, this.#keyWords);
  }

  /** "|" and a field of the row's COPY into a line's key from `at`, unless the field is null. */
  #joined(k: Uint8Array, at: number, field: number): number {
    if (this.#out.isNull(field)) return at;
    k[at] = BAR;
    return this.#out.copyField(field, k, at + 1);
  }

  /**
   * A supplier name as written, normalised: from the names kept when it is one of them, else
   * normalised now (and kept while there is room). The entry of a name not kept is its own.
   */
  #name(raw: string): NameEntry {
    const names = this.#names;
    if (!names) return { norm: normaliseSupplierName(raw), summary: undefined };
    const { kept: room, judgedAfter } = this.namesCached;
    const full = names.size >= room;
    const kept = names.get(raw);
    if (full) {
      this.#looked++;
      if (kept) this.#found++;
      if (this.#looked === judgedAfter) {
        if (this.#found < judgedAfter / 4) this.#names = null;
        this.#looked = this.#found = 0;
      }
    }
    if (kept) return kept;
    const norm = normaliseSupplierName(raw);
    if (full) return { norm, summary: undefined };
    const entry: NameEntry = { norm: detached(norm), summary: undefined };
    names.set(detached(raw), entry);
    return entry;
  }

  /**
   * The summary of a normalised supplier name, made when the name is first seen in an accepted
   * row: the register shows a name as the file first writes it with lower case in it, else as it
   * first writes it (the caller notes a later spelling with lower case). Undefined once there are
   * too many names to keep.
   */
  #summarise(norm: string, raw: string): NameSummary | undefined {
    if (!this.#summaries) return undefined;
    let s = this.#summaries.get(norm);
    if (!s) {
      if (this.#summaries.size >= this.namesSummarised) {
        this.#summaries = null;
        return undefined;
      }
      const first = detached(raw);
      s = {
        mixed: undefined,
        first,
        vat: undefined,
        company: undefined,
        charity: undefined,
        postcode: undefined,
        organisations: 0,
      };
      this.#summaries.set(detached(norm), s);
    }
    return s;
  }

  /**
   * The accepted rows' distinct supplier names as one binary COPY for the import's names table
   * (COPY_NAMES_COLUMNS), once every row is written: each name with the spelling the register
   * shows (the first with lower case in it, else the first), the VAT, company and charity numbers
   * and postcode every line giving one gives alike, and the organisations paying it. Null when
   * there were too many names to keep (the merge then summarises the staged rows); an empty COPY
   * when no row was accepted.
   */
  names(): Buffer | null {
    if (!this.#summaries) return null;
    const out = new CopyBinaryWriter(1 << 16);
    // Each organisation's id and bit, in the order of their ids (as the database sorts a uuid[]).
    const paying = [...this.#organisationBits].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [norm, s] of this.#summaries) {
      out.row(NAMES_FIELDS);
      out.text(norm);
      out.text(s.mixed ?? s.first);
      out.optional(s.vat);
      out.optional(s.company);
      out.optional(s.charity);
      out.optional(s.postcode);
      out.uuidArray(
        paying
          .filter(([, bit]) => s.organisations & bit)
          .map(([id]) => this.#organisationBytes(id)),
      );
    }
    return out.take() ?? Buffer.alloc(0);
  }

  /** The names summarised (names()) as a NamesPart, for the parser of the part before; or null. */
  namesPart(): NamesPart | null {
    if (!this.#summaries) return null;
    const n = this.#summaries.size;
    const part: NamesPart = {
      norms: [],
      first: [],
      mixed: [],
      vat: [],
      company: [],
      charity: [],
      postcode: [],
      paying: new Int32Array(n),
      organisations: [],
    };
    // This writer's bits are given in order from 1: bit k is the k-th organisation it met.
    for (const [id, bit] of this.#organisationBits) part.organisations[31 - Math.clz32(bit)] = id;
    let i = 0;
    for (const [norm, s] of this.#summaries) {
      part.norms.push(norm);
      part.first.push(s.first);
      part.mixed.push(s.mixed);
      part.vat.push(s.vat);
      part.company.push(s.company);
      part.charity.push(s.charity);
      part.postcode.push(s.postcode);
      part.paying[i++] = s.organisations;
    }
    return part;
  }

  /**
   * Joins to this writer's names those another summarised from the rest of the file (namesPart),
   * as if this one had read those rows too: names() then gives what one parser of the whole file
   * gives. Null (the other kept none) leaves the names to the database, as too many would.
   */
  absorb(part: NamesPart | null): void {
    if (!part) this.#summaries = null;
    const bits = part?.organisations.map((id) => this.#organisationBit(id)) ?? [];
    const summaries = this.#summaries;
    if (!part || !summaries) return;
    for (let i = 0; i < part.norms.length; i++) {
      const norm = part.norms[i]!;
      let s = summaries.get(norm);
      if (!s) {
        if (summaries.size >= this.namesSummarised) {
          this.#summaries = null;
          return;
        }
        s = {
          mixed: part.mixed[i],
          first: part.first[i]!,
          vat: part.vat[i],
          company: part.company[i],
          charity: part.charity[i],
          postcode: part.postcode[i],
          organisations: 0,
        };
        summaries.set(norm, s);
      } else {
        s.mixed ??= part.mixed[i];
        s.vat = agreeBoth(s.vat, part.vat[i]);
        s.company = agreeBoth(s.company, part.company[i]);
        s.charity = agreeBoth(s.charity, part.charity[i]);
        s.postcode = agreeBoth(s.postcode, part.postcode[i]);
      }
      const paying = part.paying[i]!;
      for (let k = 0; k < bits.length; k++) if (paying & (1 << k)) s.organisations |= bits[k]!;
    }
  }

  /**
   * An organisation's bit in a name's summary. A file naming more organisations than a summary
   * has bits for has its names summarised by the database instead.
   */
  #organisationBit(id: string): number {
    let bit = this.#organisationBits.get(id);
    if (bit === undefined) {
      const index = this.#organisationBits.size;
      if (index >= ORGANISATION_BITS) {
        this.#summaries = null;
        return 0;
      }
      bit = 1 << index;
      this.#organisationBits.set(id, bit);
    }
    return bit;
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
