/**
 * The supplier register: one entry per supplier per partnership, matched across files by
 * identifiers and then by normalised name; each placed by its postcode (district, and LSOA where
 * known) and given a type. Edits are audited, and the figures resting on suppliers are worked out
 * again, in the same transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { conflict, notFound } from '../../core/errors.js';
import { FileLimitError, SPEND_TEXT_CHARS, SUPPLIER_CSV_LIMITS } from '../../core/file-limits.js';
import {
  isRedactedName,
  isSupplierType,
  normaliseCharityNumber,
  normaliseCompanyNumber,
  normaliseSupplierName,
  normaliseVatNumber,
  type SupplierType,
} from '../../core/spend/suppliers.js';
import { normaliseHeader } from '../../core/spend/mapping.js';
import type { Database } from '../../db/client.js';
import type { DB } from '../../db/schema.js';
import { readCsvTable } from '../../files/csv-table.js';
import { placePostcodes, type DistrictRanges } from '../../reference/geography.js';
import { recordAudit, recordAudits, type AuditActor } from '../audit/audit.repo.js';
import { recalculate } from '../figures/recalculate.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export interface SupplierInput {
  readonly name: string;
  readonly postcode: string;
  readonly type: SupplierType;
  readonly vatNumber: string;
  readonly companyNumber: string;
  readonly charityNumber: string;
}

export interface UploadProblem {
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

const AUDITED = [
  'name',
  'postcode',
  'type',
  'vat_number',
  'company_number',
  'charity_number',
  'lad',
  'location_precision',
] as const;

export class SuppliersService {
  readonly #db: Kysely<DB>;
  readonly #ranges: DistrictRanges;

  constructor(deps: { database: Database; ranges: DistrictRanges }) {
    this.#db = deps.database.db;
    this.#ranges = deps.ranges;
  }

  find(partnershipId: string, id: string) {
    if (!isUuid(id)) return Promise.resolve(undefined);
    return this.#db
      .selectFrom('suppliers')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Places the given suppliers (or all of the partnership's) from their postcodes, in the caller's transaction. */
  async #classify(
    trx: Transaction<DB>,
    partnershipId: string,
    supplierIds?: readonly string[],
  ): Promise<number> {
    let q = trx
      .selectFrom('suppliers')
      .select(['id', 'postcode'])
      .where('partnership_id', '=', partnershipId);
    if (supplierIds) {
      if (supplierIds.length === 0) return 0;
      q = q.where('id', 'in', supplierIds);
    }
    const rows = await q.execute();
    const placements = await placePostcodes(
      trx,
      this.#ranges,
      rows.map((r) => r.postcode ?? ''),
    );
    const updates = rows.map((r) => {
      const p = placements.get(r.postcode ?? '');
      return {
        id: r.id,
        postcode: p?.postcode ?? r.postcode,
        lad: p?.lad ?? null,
        lsoa11: p?.lsoa11 ?? null,
        lsoa21: p?.lsoa21 ?? null,
        precision: p?.precision ?? 'none',
        problem: p?.problem ?? null,
      };
    });
    // One statement per 2,000 suppliers: a VALUES list joined to the table.
    for (let i = 0; i < updates.length; i += 2000) {
      const slice = updates.slice(i, i + 2000);
      await sql`UPDATE suppliers s SET postcode = v.postcode, lad = v.lad, lsoa11 = v.lsoa11, lsoa21 = v.lsoa21,
          location_precision = v.precision, postcode_problem = v.problem
        FROM (VALUES ${sql.join(
          slice.map(
            (u) =>
              sql`(${u.id}::uuid, ${u.postcode}, ${u.lad}, ${u.lsoa11}, ${u.lsoa21}, ${u.precision}, ${u.problem})`,
          ),
        )}) AS v(id, postcode, lad, lsoa11, lsoa21, precision, problem)
        WHERE s.id = v.id`.execute(trx);
    }
    return updates.length;
  }

  /**
   * Places every supplier of the partnership again (after the postcode directory changed), and
   * works out the figures resting on their locations again, in one transaction.
   */
  async placeAgain(partnershipId: string, actor: AuditActor): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const placed = await this.#classify(trx, partnershipId);
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'supplier',
        entityId: null,
        action: 'suppliers.placed-again',
        after: { suppliers: placed },
      });
      await recalculate(trx, partnershipId, { input: 'suppliers' });
      return placed;
    });
  }

  /** Changes a supplier's details, places it again and refreshes the spend figures. */
  async update(
    partnershipId: string,
    id: string,
    input: SupplierInput,
    actor: AuditActor,
  ): Promise<void> {
    const before = await this.find(partnershipId, id);
    if (!before) throw notFound();
    const norm = normaliseSupplierName(input.name);
    const identifiers = {
      vat_number: input.vatNumber ? normaliseVatNumber(input.vatNumber) : null,
      company_number: input.companyNumber ? normaliseCompanyNumber(input.companyNumber) : null,
      charity_number: input.charityNumber ? normaliseCharityNumber(input.charityNumber) : null,
    };
    for (const [column, value] of Object.entries(identifiers)) {
      if (!value) continue;
      const other = await this.#db
        .selectFrom('suppliers')
        .select('name')
        .where('partnership_id', '=', partnershipId)
        .where(column as 'vat_number', '=', value)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (other)
        throw conflict(`${value} is already the ${column.replace('_', ' ')} of ${other.name}`);
    }
    await this.#db.transaction().execute(async (trx) => {
      if (norm !== before.name_norm) {
        const taken = await trx
          .selectFrom('suppliers')
          .select('name')
          .where('partnership_id', '=', partnershipId)
          .where('name_norm', '=', norm)
          .where('id', '!=', id)
          .executeTakeFirst();
        if (taken) throw conflict(`Another supplier, ${taken.name}, already has this name`);
        await trx
          .insertInto('supplier_aliases')
          .values({ partnership_id: partnershipId, name_norm: before.name_norm, supplier_id: id })
          .onConflict((oc) => oc.columns(['partnership_id', 'name_norm']).doNothing())
          .execute();
      }
      await trx
        .updateTable('suppliers')
        .set({
          name: input.name,
          name_norm: norm,
          postcode: input.postcode || null,
          type: input.type,
          ...identifiers,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
      await this.#classify(trx, partnershipId, [id]);
      const after = await trx
        .selectFrom('suppliers')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await recalculate(trx, partnershipId, { input: 'suppliers' });
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'supplier',
        entityId: id,
        action: 'supplier.updated',
        before: pick(before, AUDITED),
        after: pick(after, AUDITED),
      });
    });
  }

  /**
   * Supplier details from a CSV: columns supplier (name) or supplier_id, and any of postcode, type,
   * vat_number, company_number, charity_number. All rows are checked first; if any has a problem,
   * nothing is saved. Rows are matched to existing suppliers by id, identifiers, then name; a name
   * not in the register adds a supplier.
   */
  async upload(
    partnershipId: string,
    bytes: Buffer,
    actor: AuditActor,
  ): Promise<{ problems: UploadProblem[]; updated: number; added: number }> {
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = readCsvTable(bytes, SUPPLIER_CSV_LIMITS)
        .filter((r) => r.cells.some((c) => c.trim() !== ''))
        .map((r) => ({ record: r.cells, info: { lines: r.line } }));
    } catch (err) {
      if (!(err instanceof FileLimitError)) throw err;
      return { problems: [{ line: 0, column: '-', message: err.message }], updated: 0, added: 0 };
    }
    const header = records.shift();
    if (!header)
      return {
        problems: [{ line: 1, column: '-', message: 'The file is empty' }],
        updated: 0,
        added: 0,
      };
    const names = header.record.map(normaliseHeader);
    const col = (...aliases: string[]) => names.findIndex((n) => aliases.includes(n));
    const c = {
      id: col('supplier id', 'supplier_id', 'id'),
      name: col('supplier', 'supplier name', 'name'),
      postcode: col('postcode', 'post code', 'supplier postcode'),
      type: col('type', 'supplier type'),
      vat: col('vat number', 'vat_number', 'vat registration number'),
      company: col('company number', 'company_number', 'companies house number'),
      charity: col('charity number', 'charity_number'),
    };
    const problems: UploadProblem[] = [];
    if (c.id < 0 && c.name < 0)
      problems.push({
        line: header.info.lines,
        column: 'supplier',
        message: 'The header needs a supplier (name) or supplier_id column',
      });
    if (problems.length) return { problems, updated: 0, added: 0 };
    const existing = await this.#db
      .selectFrom('suppliers')
      .select([
        'id',
        'name_norm',
        'postcode',
        'type',
        'vat_number',
        'company_number',
        'charity_number',
      ])
      .where('partnership_id', '=', partnershipId)
      .execute();
    const byId = new Map(existing.map((s) => [s.id, s]));
    const byName = new Map(existing.map((s) => [s.name_norm, s]));
    const byVat = new Map(existing.filter((s) => s.vat_number).map((s) => [s.vat_number!, s]));
    const byCompany = new Map(
      existing.filter((s) => s.company_number).map((s) => [s.company_number!, s]),
    );
    const byCharity = new Map(
      existing.filter((s) => s.charity_number).map((s) => [s.charity_number!, s]),
    );
    const rows: {
      line: number;
      id: string | null;
      name: string;
      norm: string;
      postcode: string | null;
      type: SupplierType | null;
      vat: string | null;
      company: string | null;
      charity: string | null;
    }[] = [];
    const seen = new Map<string, number>();
    for (const r of records) {
      const line = r.info.lines;
      const get = (i: number) => (i >= 0 ? (r.record[i] ?? '').trim() : '');
      const name = get(c.name);
      if (name.length > SPEND_TEXT_CHARS) {
        problems.push({
          line,
          column: 'supplier',
          message: `The supplier name is longer than ${SPEND_TEXT_CHARS} characters`,
        });
        continue;
      }
      const norm = normaliseSupplierName(name);
      const rawType = get(c.type).toLowerCase();
      const type = rawType === '' ? null : isSupplierType(rawType) ? rawType : undefined;
      if (type === undefined) {
        problems.push({
          line,
          column: 'type',
          message: `“${get(c.type)}” is not a supplier type (use large, sme, vcse, public, individual or redacted)`,
        });
        continue;
      }
      const vat = get(c.vat) ? normaliseVatNumber(get(c.vat)) : null;
      if (get(c.vat) && !vat)
        problems.push({
          line,
          column: 'vat_number',
          message: `“${get(c.vat)}” is not a UK VAT number`,
        });
      const company = get(c.company) ? normaliseCompanyNumber(get(c.company)) : null;
      if (get(c.company) && !company)
        problems.push({
          line,
          column: 'company_number',
          message: `“${get(c.company)}” is not a Companies House number`,
        });
      const charity = get(c.charity) ? normaliseCharityNumber(get(c.charity)) : null;
      if (get(c.charity) && !charity)
        problems.push({
          line,
          column: 'charity_number',
          message: `“${get(c.charity)}” is not a charity number`,
        });
      const id = get(c.id) || null;
      if (id && !byId.has(id)) {
        problems.push({
          line,
          column: 'supplier_id',
          message: `“${id}” is not a supplier in this partnership`,
        });
        continue;
      }
      if (!id && !norm) {
        problems.push({ line, column: 'supplier', message: 'The supplier name is empty' });
        continue;
      }
      const match =
        (id && byId.get(id)) ||
        (vat && byVat.get(vat)) ||
        (company && byCompany.get(company)) ||
        (charity && byCharity.get(charity)) ||
        byName.get(norm);
      const key = match ? match.id : `new:${norm}`;
      if (seen.has(key)) {
        problems.push({
          line,
          column: c.id >= 0 ? 'supplier_id' : 'supplier',
          message: `This supplier is also on line ${seen.get(key)}`,
        });
        continue;
      }
      seen.set(key, line);
      rows.push({
        line,
        id: match ? match.id : null,
        name,
        norm,
        postcode: get(c.postcode) || null,
        type,
        vat,
        company,
        charity,
      });
    }
    if (problems.length)
      return { problems: problems.sort((a, b) => a.line - b.line), updated: 0, added: 0 };

    let added = 0;
    const touched: string[] = [];
    await this.#db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        const slice = rows.slice(i, i + 1000);
        const fresh = slice.filter((r) => !r.id);
        if (fresh.length) {
          const inserted = await trx
            .insertInto('suppliers')
            .values(
              fresh.map((r) => ({
                partnership_id: partnershipId,
                name: r.name,
                name_norm: r.norm,
                postcode: r.postcode,
                type: r.type ?? (isRedactedName(r.norm) ? 'redacted' : 'unclassified'),
                vat_number: r.vat,
                company_number: r.company,
                charity_number: r.charity,
              })),
            )
            .returning('id')
            .execute();
          added += inserted.length;
          touched.push(...inserted.map((x) => x.id));
          await recordAudits(
            trx,
            inserted.map((x, j) => ({
              actor,
              partnershipId,
              entity: 'supplier',
              entityId: x.id,
              action: 'supplier.uploaded',
              after: uploadedFields(fresh[j]!),
            })),
          );
        }
        const known = slice.filter((r) => r.id);
        if (known.length) {
          await sql`UPDATE suppliers s SET
              postcode = coalesce(v.postcode, s.postcode), type = coalesce(v.type, s.type),
              vat_number = coalesce(v.vat, s.vat_number), company_number = coalesce(v.company, s.company_number),
              charity_number = coalesce(v.charity, s.charity_number), updated_at = now()
            FROM (VALUES ${sql.join(known.map((r) => sql`(${r.id}::uuid, ${r.postcode}::text, ${r.type}::text, ${r.vat}::text, ${r.company}::text, ${r.charity}::text)`))})
              AS v(id, postcode, type, vat, company, charity)
            WHERE s.id = v.id AND s.partnership_id = ${partnershipId}`.execute(trx);
          touched.push(...known.map((r) => r.id!));
          await recordAudits(
            trx,
            known.map((r) => {
              const was = byId.get(r.id!)!;
              const before = {
                postcode: was.postcode,
                type: was.type,
                vat_number: was.vat_number,
                company_number: was.company_number,
                charity_number: was.charity_number,
              };
              const given = uploadedFields(r);
              const after = Object.fromEntries(
                Object.entries(before).map(([k, v]) => [k, given[k as keyof typeof given] ?? v]),
              );
              return {
                actor,
                partnershipId,
                entity: 'supplier',
                entityId: r.id!,
                action: 'supplier.uploaded',
                before,
                after,
              };
            }),
          );
        }
      }
      await recordAudit(trx, {
        actor,
        partnershipId,
        entity: 'supplier',
        entityId: null,
        action: 'suppliers.uploaded',
        after: { rows: rows.length, added, updated: rows.length - added },
      });
      await this.#classify(trx, partnershipId, touched);
      await recalculate(trx, partnershipId, { input: 'suppliers' });
    });
    return { problems: [], updated: rows.length - added, added };
  }

  /** The suppliers with most spend that are not yet classified or placed: fix these first. */
  largestUnclassified(partnershipId: string, limit = 25) {
    return this.#db
      .selectFrom('suppliers as s')
      .innerJoin('spend_lines as l', 'l.supplier_id', 's.id')
      .select([
        's.id',
        's.name',
        's.type',
        's.postcode',
        's.location_precision',
        sql<string>`sum(l.amount_pence)`.as('pence'),
      ])
      .where('s.partnership_id', '=', partnershipId)
      .where((eb) =>
        eb.or([eb('s.type', '=', 'unclassified'), eb('s.location_precision', '=', 'none')]),
      )
      .groupBy(['s.id', 's.name', 's.type', 's.postcode', 's.location_precision'])
      .orderBy(sql`sum(l.amount_pence)`, 'desc')
      .limit(limit)
      .execute();
  }
}

function uploadedFields(r: {
  postcode: string | null;
  type: SupplierType | null;
  vat: string | null;
  company: string | null;
  charity: string | null;
}) {
  return {
    postcode: r.postcode,
    type: r.type,
    vat_number: r.vat,
    company_number: r.company,
    charity_number: r.charity,
  };
}

function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = obj[k];
  return out;
}
