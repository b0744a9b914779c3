/**
 * Reading the supplier register for its pages: the list, one supplier with its spend, aliases and
 * history, the register as CSV rows, and Companies House look-ups. Each reader sees only the spend
 * the spend policy (core/policies/spend.ts) allows them. Changes to suppliers are made by
 * SuppliersService (features/spend/suppliers.service.ts), which also refreshes the figures.
 */
import type { Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import { spendScope } from '../../core/policies/spend.js';
import type { Actor } from '../../core/roles.js';
import { normaliseSupplierName } from '../../core/spend/suppliers.js';
import type { DB, Partnership, Supplier } from '../../db/schema.js';
import { CompaniesHouse, CompaniesHouseError, type CompanyMatch } from './companies-house.js';
import {
  findSupplier,
  imdDecile,
  listSuppliers,
  PAGE_SIZE,
  registerCounts,
  registerRows,
  supplierAliases,
  supplierHistory,
  supplierSpend,
  type SupplierFilter,
} from './suppliers.repo.js';

export type { SupplierFilter } from './suppliers.repo.js';

/** A Companies House search: what was asked, what was found, or why nothing was. */
export interface CompanyLookup {
  readonly query: string;
  readonly error: string | null;
  readonly results: readonly CompanyMatch[];
}

export class SupplierRegisterService {
  readonly #db: Kysely<DB>;
  readonly #companiesHouse: CompaniesHouse | null;

  constructor(deps: {
    db: Kysely<DB>;
    companiesHouse: { url: string; apiKey: string } | null | undefined;
  }) {
    this.#db = deps.db;
    this.#companiesHouse = deps.companiesHouse ? new CompaniesHouse(deps.companiesHouse) : null;
  }

  /** Whether Companies House look-ups are set up (COMPANIES_HOUSE_API_KEY). */
  get companiesHouse(): boolean {
    return this.#companiesHouse !== null;
  }

  /** One page of the register, largest spend first, with the counts of what needs fixing. */
  async list(
    partnership: Partnership,
    reader: Actor,
    options: { query: string; filter: SupplierFilter; page: number; batch?: string | undefined },
  ) {
    const scope = spendScope(reader, partnership.id);
    const [list, counts] = await Promise.all([
      listSuppliers(this.#db, partnership.id, {
        ...options,
        normalised: normaliseSupplierName(options.query),
        scope,
      }),
      registerCounts(this.#db, partnership.id),
    ]);
    return {
      ...list,
      counts,
      pages: Math.max(1, Math.ceil(list.count / PAGE_SIZE)),
      wholePartnership: scope === null,
    };
  }

  /** The whole register in the columns the upload reads, with the spend the reader may see. */
  csvRows(partnership: Partnership, reader: Actor) {
    return registerRows(this.#db, partnership.id, spendScope(reader, partnership.id));
  }

  /** A supplier of the partnership, or NOT_FOUND. */
  async find(partnership: Partnership, supplierId: string): Promise<Supplier> {
    const supplier = await findSupplier(this.#db, partnership.id, supplierId);
    if (!supplier) throw notFound();
    return supplier;
  }

  /** A supplier with its spend by year (as far as the reader may see), aliases and history. */
  async details(partnership: Partnership, reader: Actor, supplierId: string) {
    const supplier = await this.find(partnership, supplierId);
    const scope = spendScope(reader, partnership.id);
    const lsoa = partnership.imd_edition === 2019 ? supplier.lsoa11 : supplier.lsoa21;
    const [spend, aliases, history, decile] = await Promise.all([
      supplierSpend(this.#db, partnership.id, supplier.id, partnership.fy_start_month, scope),
      supplierAliases(this.#db, partnership.id, supplier.id),
      supplierHistory(this.#db, partnership.id, supplier.id),
      imdDecile(this.#db, partnership.imd_edition, lsoa),
    ]);
    return { supplier, lsoa, spend, aliases, history, decile, wholePartnership: scope === null };
  }

  /** Companies House companies matching a number or name; null when look-ups are not set up. */
  async lookUpCompanies(text: string): Promise<CompanyLookup | null> {
    if (!this.#companiesHouse) return null;
    const query = text.trim().slice(0, 160);
    if (!query) return { query, error: 'Enter a company number or name to look up', results: [] };
    try {
      const results = await this.#companiesHouse.lookUp(query);
      return {
        query,
        error: results.length ? null : `Companies House has no company matching “${query}”`,
        results,
      };
    } catch (err) {
      if (!(err instanceof CompaniesHouseError)) throw err;
      return { query, error: err.message, results: [] };
    }
  }

  /** One company's details by its number, if Companies House has it. */
  async company(number: string): Promise<CompanyMatch | undefined> {
    if (!this.#companiesHouse) return undefined;
    const [company] = await this.#companiesHouse.lookUp(number);
    return company;
  }
}
