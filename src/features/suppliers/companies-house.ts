/**
 * A small client for the Companies House public data API (GET /company/{number} and
 * GET /search/companies), used to fill in a supplier's company number and registered office
 * postcode. The API key is sent as the Basic-auth user name, as Companies House documents.
 * Answers are reduced to the few fields the register uses; nothing else is kept.
 */
import { normaliseCompanyNumber } from '../../core/spend/suppliers.js';

export interface CompanyMatch {
  readonly number: string;
  readonly name: string;
  readonly status: string;
  /** Companies House company type, e.g. "ltd", "plc", "charitable-incorporated-organisation". */
  readonly companyType: string;
  readonly postcode: string | null;
  readonly address: string;
  /** The type of the last accounts filed, e.g. "micro-entity", "small", "full", when known. */
  readonly accountsType: string | null;
}

export class CompaniesHouseError extends Error {}

const TIMEOUT_MS = 8000;

interface RawAddress {
  address_line_1?: string;
  address_line_2?: string;
  locality?: string;
  postal_code?: string;
  premises?: string;
}

export class CompaniesHouse {
  readonly #url: string;
  readonly #auth: string;

  constructor(settings: { url: string; apiKey: string }) {
    this.#url = settings.url;
    this.#auth = `Basic ${Buffer.from(`${settings.apiKey}:`).toString('base64')}`;
  }

  /** Looks up by company number when the query is one, otherwise searches by name (first 5). */
  async lookUp(query: string): Promise<CompanyMatch[]> {
    const number = normaliseCompanyNumber(query);
    if (number && /\d{6}$/.test(number)) {
      const one = await this.#get(`/company/${encodeURIComponent(number)}`);
      return one ? [companyFromProfile(one)] : [];
    }
    const found = await this.#get(
      `/search/companies?q=${encodeURIComponent(query.trim())}&items_per_page=5`,
    );
    const items = Array.isArray(found?.items) ? (found.items as Record<string, unknown>[]) : [];
    return items.map(companyFromSearch).filter((c) => c.number !== '');
  }

  async #get(path: string): Promise<Record<string, unknown> | null> {
    let res: Response;
    try {
      res = await fetch(this.#url + path, {
        headers: { authorization: this.#auth, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new CompaniesHouseError('Companies House could not be reached. Try again later.');
    }
    if (res.status === 404) return null;
    if (res.status === 401 || res.status === 403)
      throw new CompaniesHouseError(
        'Companies House refused the lookup: the API key in this service’s settings is not valid.',
      );
    if (res.status === 429)
      throw new CompaniesHouseError('Companies House is limiting lookups. Try again in 5 minutes.');
    if (!res.ok)
      throw new CompaniesHouseError(`Companies House answered with an error (${res.status}).`);
    try {
      return (await res.json()) as Record<string, unknown>;
    } catch {
      throw new CompaniesHouseError('Companies House sent an answer that could not be read.');
    }
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function addressText(a: RawAddress | undefined): string {
  if (!a) return '';
  return [a.premises, a.address_line_1, a.address_line_2, a.locality, a.postal_code]
    .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
    .join(', ');
}

function companyFromProfile(p: Record<string, unknown>): CompanyMatch {
  const address = p.registered_office_address as RawAddress | undefined;
  const accounts = p.accounts as { last_accounts?: { type?: string } } | undefined;
  return {
    number: text(p.company_number),
    name: text(p.company_name),
    status: text(p.company_status),
    companyType: text(p.type),
    postcode: address?.postal_code ?? null,
    address: addressText(address),
    accountsType: accounts?.last_accounts?.type ?? null,
  };
}

function companyFromSearch(p: Record<string, unknown>): CompanyMatch {
  const address = p.address as RawAddress | undefined;
  return {
    number: text(p.company_number),
    name: text(p.title),
    status: text(p.company_status),
    companyType: text(p.company_type),
    postcode: address?.postal_code ?? null,
    address: addressText(address),
    accountsType: null,
  };
}

/**
 * What the filing suggests about the supplier's type: charitable and community companies are
 * VCSE; micro-entity, small and medium accounts suggest an SME; anything else says nothing.
 */
export function suggestedType(c: CompanyMatch): 'vcse' | 'sme' | null {
  if (
    /charitable|community-interest|registered-society|industrial-and-provident/.test(c.companyType)
  )
    return 'vcse';
  if (c.accountsType && /micro|small|medium|audit-exemption|total-exemption/.test(c.accountsType))
    return 'sme';
  return null;
}
