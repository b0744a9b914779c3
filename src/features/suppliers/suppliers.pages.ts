/**
 * What each supplier register page shows, built in one place from the service's data (and, for a
 * form sent back with problems, what was typed and what was wrong), for GET and failed POST alike.
 */
import { fyLabel } from '../../core/periods.js';
import { formatPounds } from '../../core/spend/amounts.js';
import { SUPPLIER_TYPES } from '../../core/spend/suppliers.js';
import type { Partnership, Supplier } from '../../db/schema.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { suggestedType } from './companies-house.js';
import type { CompanyLookup, SupplierFilter, SupplierRegisterService } from './register.service.js';
import type { SupplierForm } from './suppliers.schema.js';

export const V = 'features/suppliers/views';

export const FILTERS: { id: SupplierFilter; text: string }[] = [
  { id: 'all', text: 'All suppliers' },
  { id: 'attention', text: 'Needs attention' },
  { id: 'unclassified', text: 'Type not known' },
  { id: 'unplaced', text: 'Location not known' },
];

const PRECISION: Record<string, string> = {
  lsoa: 'Neighbourhood (LSOA) from the postcode directory',
  district: 'Local authority district from the postcode ranges',
  none: 'Not placed',
};

const PROBLEM: Record<string, string> = {
  invalid: 'The postcode is not a valid UK postcode',
  unknown: 'The postcode is not in the postcode directory',
};

type DistrictName = (code: string) => string;

const poundsText = (pence: number) => formatPounds(pence);

export const registerPath = (p: Partnership) => `/manage/${p.slug}/suppliers`;

function typeLabel(id: string): string {
  return SUPPLIER_TYPES.find((t) => t.id === id)?.label ?? id;
}

export function listPage(
  partnership: Partnership,
  list: Awaited<ReturnType<SupplierRegisterService['list']>>,
  options: {
    query: string;
    filter: SupplierFilter;
    page: number;
    batch?: string | undefined;
    canEdit: boolean;
  },
  districtName: DistrictName,
) {
  const base = registerPath(partnership);
  const { query, filter, page, batch } = options;
  const link = (p: number) => {
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (batch) params.set('batch', batch);
    if (filter !== 'all') params.set('filter', filter);
    if (p > 1) params.set('page', String(p));
    const s = params.toString();
    return s ? `${base}?${s}` : base;
  };
  return {
    title: 'Supplier register',
    query,
    batch: batch ?? null,
    filter,
    filters: FILTERS.map((f) => ({ value: f.id, text: f.text, selected: f.id === filter })),
    counts: list.counts,
    count: list.count,
    spendScopeText: list.wholePartnership
      ? 'Spend is across all organisations in the partnership.'
      : 'Spend is your organisation’s spend with each supplier.',
    suppliers: list.rows.map((s) => ({
      ...s,
      href: `${base}/${s.id}`,
      typeText: typeLabel(s.type),
      placeText:
        s.location_precision === 'none'
          ? s.postcode_problem
            ? (PROBLEM[s.postcode_problem] ?? 'Not placed')
            : 'No postcode'
          : `${s.postcode ?? ''} (${districtName(s.lad ?? '')})`,
      spend: poundsText(s.pence),
    })),
    previous: page > 1 ? { href: link(page - 1), text: 'Previous' } : null,
    next: page < list.pages ? { href: link(page + 1), text: 'Next' } : null,
    pageText: `Page ${page} of ${list.pages}`,
    canEdit: options.canEdit,
    csvHref: `${base}/register.csv`,
    uploadHref: `${base}/upload`,
    breadcrumbs: [{ href: `/manage/${partnership.slug}`, text: partnership.name }],
  };
}

/** The register as CSV rows, in the columns the upload reads. */
export function registerCsv(
  rows: Awaited<ReturnType<SupplierRegisterService['csvRows']>>,
  districtName: DistrictName,
): string[][] {
  const header = [
    'supplier_id',
    'supplier',
    'postcode',
    'type',
    'vat_number',
    'company_number',
    'charity_number',
    'district',
    'placed_by',
    'spend',
  ];
  return [
    header,
    ...rows.map((r) => [
      r.id,
      r.name,
      r.postcode ?? '',
      r.type,
      r.vat_number ?? '',
      r.company_number ?? '',
      r.charity_number ?? '',
      r.lad ? districtName(r.lad) : '',
      r.location_precision,
      (Number(r.pence) / 100).toFixed(2),
    ]),
  ];
}

/** The upload page: blank, or with the file's problem, or with every problem in its rows. */
export function uploadPage(
  partnership: Partnership,
  extra: { problems?: { line: number; column: string; message: string }[]; error?: string } = {},
) {
  const base = registerPath(partnership);
  const count = extra.problems?.length ?? 0;
  return {
    title: 'Upload supplier details',
    errors: extra.error
      ? formErrors([{ field: 'file', text: extra.error }])
      : count
        ? formErrors([
            {
              field: 'file',
              text: `The file has ${count} ${count === 1 ? 'problem' : 'problems'}: nothing was saved. Fix ${count === 1 ? 'it' : 'them'} and upload the file again.`,
            },
          ])
        : noErrors,
    problems: (extra.problems ?? []).slice(0, 200),
    moreProblems: Math.max(0, count - 200),
    action: `${base}/upload`,
    csvHref: `${base}/register.csv`,
    types: SUPPLIER_TYPES.filter((t) => t.id !== 'unclassified'),
    back: { href: base, text: 'Back to the supplier register' },
  };
}

export function supplierPage(
  partnership: Partnership,
  d: Awaited<ReturnType<SupplierRegisterService['details']>>,
  canEdit: boolean,
  districtName: DistrictName,
) {
  const base = registerPath(partnership);
  const { supplier, lsoa, decile } = d;
  const local = supplier.lad ? partnership.local_area.includes(supplier.lad) : null;
  return {
    title: supplier.name,
    supplier,
    typeText: typeLabel(supplier.type),
    districtText: supplier.lad
      ? `${districtName(supplier.lad)} (${local ? 'in the local area' : 'outside the local area'})`
      : 'Not known',
    neighbourhoodText: lsoa
      ? `${lsoa}: ${decile ? `IMD ${partnership.imd_edition} decile ${decile}${decile <= 2 ? ' (among the most deprived 20%)' : ''}` : `not in IMD ${partnership.imd_edition}`}`
      : 'Not known',
    precisionText: PRECISION[supplier.location_precision] ?? supplier.location_precision,
    problemText: supplier.postcode_problem ? PROBLEM[supplier.postcode_problem] : null,
    aliases: d.aliases.map((a) => a.name_norm),
    spend: d.spend.map((s) => ({
      ...s,
      year: fyLabel(s.fy, partnership.fy_start_month),
      amount: poundsText(s.pence),
    })),
    spendScopeText: d.wholePartnership
      ? 'Spend by every organisation in the partnership.'
      : 'Spend by your organisation.',
    history: d.history.map((h) => ({
      ...h,
      changes: describeChanges(h.before, h.after),
    })),
    canEdit,
    editHref: `${base}/${supplier.id}/edit`,
    breadcrumbs: [
      { href: `/manage/${partnership.slug}`, text: partnership.name },
      { href: base, text: 'Supplier register' },
    ],
  };
}

/**
 * The form to correct a supplier: its values (from the supplier, a chosen company, or as typed),
 * the problems found, and a Companies House search with its results when one was made.
 */
export function editPage(
  partnership: Partnership,
  supplier: Supplier,
  values: SupplierForm,
  options: {
    companiesHouse: boolean;
    problems?: { field: string; text: string }[];
    lookup?: CompanyLookup | null;
    filledFrom?: string | null;
  },
) {
  const base = registerPath(partnership);
  const lookup = options.lookup
    ? {
        query: options.lookup.query,
        error: options.lookup.error,
        results: options.lookup.results.map((c) => {
          const params = new URLSearchParams({
            lookup: options.lookup?.query ?? '',
            use: c.number,
          });
          const hint = suggestedType(c);
          return {
            number: c.number,
            name: c.name,
            status: c.status,
            address: c.address,
            typeHint: hint ? typeLabel(hint) : null,
            useHref: `${base}/${supplier.id}/edit?${params.toString()}`,
          };
        }),
      }
    : null;
  // A company chosen from the results fills the form: its search is shown again, not its error.
  const errors = formErrors([
    ...(options.problems ?? []),
    ...(lookup?.error && options.filledFrom === undefined
      ? [{ field: 'lookup', text: lookup.error }]
      : []),
  ]);
  return {
    title: `Change ${supplier.name}`,
    supplier,
    values,
    errors,
    types: SUPPLIER_TYPES.map((t) => ({
      value: t.id,
      text: t.label,
      checked: values.type === t.id,
    })),
    companiesHouse: options.companiesHouse,
    lookup,
    lookupValue:
      options.filledFrom !== undefined
        ? values.companyNumber
        : (lookup?.query ?? values.companyNumber ?? supplier.name),
    action: `${base}/${supplier.id}/edit`,
    back: { href: `${base}/${supplier.id}`, text: 'Back to the supplier' },
    ...(options.filledFrom !== undefined ? { filledFrom: options.filledFrom } : {}),
  };
}

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  postcode: 'Postcode',
  type: 'Type',
  vat_number: 'VAT number',
  company_number: 'Company number',
  charity_number: 'Charity number',
  lad: 'District',
  location_precision: 'Placed by',
};

/** "Postcode: L3 5TR → CH1 1AA" lines for an audit entry's before and after. */
export function describeChanges(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(FIELD_NAMES)) {
    if (!(key in a) && !(key in b)) continue;
    const from = b[key] ?? null;
    const to = a[key] ?? null;
    if (from === to) continue;
    const show = (v: unknown) => {
      const text = typeof v === 'string' || typeof v === 'number' ? String(v) : '';
      return text === '' ? 'none' : key === 'type' ? typeLabel(text) : text;
    };
    out.push(
      before
        ? `${FIELD_NAMES[key]}: ${show(from)} → ${show(to)}`
        : `${FIELD_NAMES[key]}: ${show(to)}`,
    );
  }
  return out;
}
