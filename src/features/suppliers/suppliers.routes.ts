/**
 * The supplier register pages: the list (largest spend first, with what needs fixing), one
 * supplier's details, spend and history, correcting a supplier (with an optional Companies House
 * lookup), and uploading or downloading the register as CSV.
 */
import { formatPounds } from '../../core/spend/amounts.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, forbidden, notFound } from '../../core/errors.js';
import { fyLabel } from '../../core/periods.js';
import {
  isSupplierType,
  normaliseCharityNumber,
  normaliseCompanyNumber,
  normaliseSupplierName,
  normaliseVatNumber,
  SUPPLIER_TYPES,
  type SupplierType,
} from '../../core/spend/suppliers.js';
import { can, type Actor } from '../../core/roles.js';
import type { Partnership, Supplier, User } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { field, formErrors, noErrors } from '../../http/form-errors.js';
import { normalisePostcode } from '../../lib/postcodes.js';
import { sendCsv } from '../../http/csv-download.js';
import { CompaniesHouse, CompaniesHouseError, suggestedType } from './companies-house.js';
import {
  imdDecile,
  listSuppliers,
  PAGE_SIZE,
  registerCounts,
  registerRows,
  supplierAliases,
  supplierHistory,
  supplierSpend,
  type SpendScope,
  type SupplierFilter,
} from './suppliers.repo.js';

const V = 'features/suppliers/views';
type SlugParams = { Params: { slug: string } };
type SupplierParams = { Params: { slug: string; supplierId: string } };

const FILTERS: { id: SupplierFilter; text: string }[] = [
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

const poundsText = (pence: number) => formatPounds(pence);

function typeLabel(id: string): string {
  return SUPPLIER_TYPES.find((t) => t.id === id)?.label ?? id;
}

/** Whose spend the reader may see: the whole partnership's, or only their own organisations'. */
export function spendScope(actor: Actor, partnershipId: string): SpendScope {
  if (can(actor, 'spend.partnership.view', { partnershipId })) return null;
  const ids = actor.memberships
    .filter((m) => m.partnershipId === partnershipId && m.organisationId)
    .map((m) => m.organisationId as string)
    .filter((organisationId) => can(actor, 'spend.view', { partnershipId, organisationId }));
  return [...new Set(ids)];
}

interface SupplierForm {
  name: string;
  type: string;
  postcode: string;
  vatNumber: string;
  companyNumber: string;
  charityNumber: string;
}

function formFromSupplier(s: Supplier): SupplierForm {
  return {
    name: s.name,
    type: s.type,
    postcode: s.postcode ?? '',
    vatNumber: s.vat_number ?? '',
    companyNumber: s.company_number ?? '',
    charityNumber: s.charity_number ?? '',
  };
}

/** Checks a submitted supplier form; returns the problems by field, in form order. */
export function checkSupplierForm(v: SupplierForm): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = [];
  if (!v.name.trim()) problems.push({ field: 'name', text: 'Enter the supplier’s name' });
  else if (v.name.trim().length > 200)
    problems.push({ field: 'name', text: 'The name must be 200 characters or fewer' });
  else if (!normaliseSupplierName(v.name))
    problems.push({ field: 'name', text: 'The name must contain letters or numbers' });
  if (!isSupplierType(v.type))
    problems.push({ field: 'type', text: 'Select the type of supplier' });
  if (v.postcode.trim() && !normalisePostcode(v.postcode))
    problems.push({
      field: 'postcode',
      text: 'Enter a full UK postcode, like L3 5TR, or leave it empty',
    });
  if (v.vatNumber.trim() && !normaliseVatNumber(v.vatNumber))
    problems.push({
      field: 'vatNumber',
      text: 'Enter a UK VAT number of 9 digits, like GB123456789, or leave it empty',
    });
  if (v.companyNumber.trim() && !normaliseCompanyNumber(v.companyNumber))
    problems.push({
      field: 'companyNumber',
      text: 'Enter a Companies House number of 8 characters, like 01234567 or SC123456, or leave it empty',
    });
  if (v.charityNumber.trim() && !normaliseCharityNumber(v.charityNumber))
    problems.push({
      field: 'charityNumber',
      text: 'Enter a charity number, like 1234567 or SC012345, or leave it empty',
    });
  return problems;
}

export function registerSupplierRoutes(app: FastifyInstance, deps: Deps) {
  const db = deps.database.db;
  const base = (p: Partnership) => `/manage/${p.slug}/suppliers`;
  const companiesHouse = deps.config.companiesHouse
    ? new CompaniesHouse(deps.config.companiesHouse)
    : null;
  const auditActor = (r: FastifyRequest) => {
    const user = r.user as User;
    return { userId: user.id, label: user.email };
  };

  /** The register is procurement data: contributors limited to other pillars may only read it. */
  const mayEdit = (request: FastifyRequest) =>
    can(request.actor, 'suppliers.edit', {
      partnershipId: (request.partnership as Partnership).id,
      pillar: 'procurement',
    });
  function assertMayEdit(request: FastifyRequest) {
    if (!mayEdit(request)) throw forbidden('not a procurement contributor');
  }

  async function supplierOf(request: FastifyRequest<SupplierParams>) {
    const partnership = request.partnership as Partnership;
    const supplier = await deps.suppliers.find(partnership.id, request.params.supplierId);
    if (!supplier) throw notFound();
    return { partnership, supplier };
  }

  app.get<SlugParams & { Querystring: { q?: string; filter?: string; page?: string } }>(
    '/manage/:slug/suppliers',
    { config: { access: 'suppliers.view' } },
    async function suppliersGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const actor = request.actor as Actor;
      const query = (request.query.q ?? '').trim().slice(0, 100);
      const filter = FILTERS.find((f) => f.id === request.query.filter)?.id ?? 'all';
      const requested = Number(request.query.page);
      const page = Number.isInteger(requested) && requested > 0 ? requested : 1;
      const scope = spendScope(actor, partnership.id);
      const [list, counts] = await Promise.all([
        listSuppliers(db, partnership.id, {
          query,
          normalised: normaliseSupplierName(query),
          filter,
          page,
          scope,
        }),
        registerCounts(db, partnership.id),
      ]);
      const pages = Math.max(1, Math.ceil(list.count / PAGE_SIZE));
      const link = (p: number) => {
        const params = new URLSearchParams();
        if (query) params.set('q', query);
        if (filter !== 'all') params.set('filter', filter);
        if (p > 1) params.set('page', String(p));
        const s = params.toString();
        return s ? `${base(partnership)}?${s}` : base(partnership);
      };
      return reply.page(`${V}/list.njk`, {
        title: 'Supplier register',
        query,
        filter,
        filters: FILTERS.map((f) => ({ value: f.id, text: f.text, selected: f.id === filter })),
        counts,
        count: list.count,
        spendScopeText:
          scope === null
            ? 'Spend is across all organisations in the partnership.'
            : 'Spend is your organisation’s spend with each supplier.',
        suppliers: list.rows.map((s) => ({
          ...s,
          href: `${base(partnership)}/${s.id}`,
          typeText: typeLabel(s.type),
          placeText:
            s.location_precision === 'none'
              ? s.postcode_problem
                ? (PROBLEM[s.postcode_problem] ?? 'Not placed')
                : 'No postcode'
              : `${s.postcode ?? ''} (${deps.districts.name(s.lad ?? '')})`,
          spend: poundsText(s.pence),
        })),
        previous: page > 1 ? { href: link(page - 1), text: 'Previous' } : null,
        next: page < pages ? { href: link(page + 1), text: 'Next' } : null,
        pageText: `Page ${page} of ${pages}`,
        canEdit: mayEdit(request),
        csvHref: `${base(partnership)}/register.csv`,
        uploadHref: `${base(partnership)}/upload`,
        breadcrumbs: [{ href: `/manage/${partnership.slug}`, text: partnership.name }],
      });
    },
  );

  app.get<SlugParams>(
    '/manage/:slug/suppliers/register.csv',
    { config: { access: 'suppliers.view' } },
    async function suppliersCsvGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const rows = await registerRows(
        db,
        partnership.id,
        spendScope(request.actor as Actor, partnership.id),
      );
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
      return sendCsv(reply, `supplier-register-${partnership.slug}.csv`, [
        header,
        ...rows.map((r) => [
          r.id,
          r.name,
          r.postcode ?? '',
          r.type,
          r.vat_number ?? '',
          r.company_number ?? '',
          r.charity_number ?? '',
          r.lad ? deps.districts.name(r.lad) : '',
          r.location_precision,
          (Number(r.pence) / 100).toFixed(2),
        ]),
      ]);
    },
  );

  const uploadView = (
    partnership: Partnership,
    extra: { problems?: { line: number; column: string; message: string }[]; error?: string } = {},
  ) => ({
    title: 'Upload supplier details',
    errors: extra.error
      ? formErrors([{ field: 'file', text: extra.error }])
      : extra.problems?.length
        ? formErrors([
            {
              field: 'file',
              text: `The file has ${extra.problems.length} ${extra.problems.length === 1 ? 'problem' : 'problems'}: nothing was saved. Fix ${extra.problems.length === 1 ? 'it' : 'them'} and upload the file again.`,
            },
          ])
        : noErrors,
    problems: (extra.problems ?? []).slice(0, 200),
    moreProblems: Math.max(0, (extra.problems?.length ?? 0) - 200),
    action: `${base(partnership)}/upload`,
    csvHref: `${base(partnership)}/register.csv`,
    types: SUPPLIER_TYPES.filter((t) => t.id !== 'unclassified'),
    back: { href: base(partnership), text: 'Back to the supplier register' },
  });

  app.get<SlugParams>(
    '/manage/:slug/suppliers/upload',
    { config: { access: 'suppliers.edit' } },
    async function suppliersUploadGet(request, reply) {
      assertMayEdit(request);
      return reply.page(`${V}/upload.njk`, uploadView(request.partnership as Partnership));
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/suppliers/upload',
    { config: { access: 'suppliers.edit' } },
    async function suppliersUploadPost(request, reply) {
      assertMayEdit(request);
      const partnership = request.partnership as Partnership;
      const again = (extra: Parameters<typeof uploadView>[1]) =>
        reply.page(`${V}/upload.njk`, uploadView(partnership, extra), 400);
      const file = request.isMultipart()
        ? await request.file({ limits: { fileSize: deps.config.uploadMaxBytes } })
        : undefined;
      if (!file?.filename) {
        await file?.toBuffer().catch(() => undefined);
        return again({ error: 'Select a CSV file of supplier details' });
      }
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          return again({
            error: `The file must be smaller than ${Math.round(deps.config.uploadMaxBytes / 1024 / 1024)} MB`,
          });
        throw err;
      }
      if (bytes.includes(0))
        return again({
          error: 'The file must be a CSV file (text), not a spreadsheet or other file',
        });
      const result = await deps.suppliers.upload(partnership.id, bytes, auditActor(request));
      if (result.problems.length) return again({ problems: result.problems });
      request.session.flash = `Supplier details saved: ${result.updated} updated, ${result.added} added.`;
      return reply.redirect(base(partnership), 303);
    },
  );

  app.get<SupplierParams>(
    '/manage/:slug/suppliers/:supplierId',
    { config: { access: 'suppliers.view' } },
    async function supplierGet(request, reply) {
      const { partnership, supplier } = await supplierOf(request);
      const actor = request.actor as Actor;
      const scope = spendScope(actor, partnership.id);
      const lsoa = partnership.imd_edition === 2019 ? supplier.lsoa11 : supplier.lsoa21;
      const [spend, aliases, history, decile] = await Promise.all([
        supplierSpend(db, partnership.id, supplier.id, partnership.fy_start_month, scope),
        supplierAliases(db, partnership.id, supplier.id),
        supplierHistory(db, partnership.id, supplier.id),
        imdDecile(db, partnership.imd_edition, lsoa),
      ]);
      const local = supplier.lad ? partnership.local_area.includes(supplier.lad) : null;
      return reply.page(`${V}/supplier.njk`, {
        title: supplier.name,
        supplier,
        typeText: typeLabel(supplier.type),
        districtText: supplier.lad
          ? `${deps.districts.name(supplier.lad)} (${local ? 'in the local area' : 'outside the local area'})`
          : 'Not known',
        neighbourhoodText: lsoa
          ? `${lsoa}: ${decile ? `IMD ${partnership.imd_edition} decile ${decile}${decile <= 2 ? ' (among the most deprived 20%)' : ''}` : `not in IMD ${partnership.imd_edition}`}`
          : 'Not known',
        precisionText: PRECISION[supplier.location_precision] ?? supplier.location_precision,
        problemText: supplier.postcode_problem ? PROBLEM[supplier.postcode_problem] : null,
        aliases: aliases.map((a) => a.name_norm),
        spend: spend.map((s) => ({
          ...s,
          year: fyLabel(s.fy, partnership.fy_start_month),
          amount: poundsText(s.pence),
        })),
        spendScopeText:
          scope === null
            ? 'Spend by every organisation in the partnership.'
            : 'Spend by your organisation.',
        history: history.map((h) => ({
          ...h,
          changes: describeChanges(h.before, h.after),
        })),
        canEdit: mayEdit(request),
        editHref: `${base(partnership)}/${supplier.id}/edit`,
        breadcrumbs: [
          { href: `/manage/${partnership.slug}`, text: partnership.name },
          { href: base(partnership), text: 'Supplier register' },
        ],
      });
    },
  );

  async function editView(
    partnership: Partnership,
    supplier: Supplier,
    values: SupplierForm,
    options: { problems?: { field: string; text: string }[]; lookup?: string } = {},
  ) {
    let lookup: {
      query: string;
      error: string | null;
      results: {
        number: string;
        name: string;
        status: string;
        address: string;
        useHref: string;
        typeHint: string | null;
      }[];
    } | null = null;
    if (companiesHouse && options.lookup !== undefined) {
      const query = options.lookup.trim().slice(0, 160);
      lookup = { query, error: null, results: [] };
      if (!query) lookup.error = 'Enter a company number or name to look up';
      else {
        try {
          const found = await companiesHouse.lookUp(query);
          lookup.results = found.map((c) => {
            const params = new URLSearchParams({ lookup: query, use: c.number });
            const hint = suggestedType(c);
            return {
              number: c.number,
              name: c.name,
              status: c.status,
              address: c.address,
              typeHint: hint ? typeLabel(hint) : null,
              useHref: `${base(partnership)}/${supplier.id}/edit?${params.toString()}`,
            };
          });
          if (!found.length) lookup.error = `Companies House has no company matching “${query}”`;
        } catch (err) {
          if (!(err instanceof CompaniesHouseError)) throw err;
          lookup.error = err.message;
        }
      }
    }
    const errors = formErrors([
      ...(options.problems ?? []),
      ...(lookup?.error ? [{ field: 'lookup', text: lookup.error }] : []),
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
      companiesHouse: companiesHouse !== null,
      lookup,
      lookupValue: lookup?.query ?? values.companyNumber ?? supplier.name,
      action: `${base(partnership)}/${supplier.id}/edit`,
      back: { href: `${base(partnership)}/${supplier.id}`, text: 'Back to the supplier' },
    };
  }

  app.get<SupplierParams & { Querystring: { lookup?: string; use?: string } }>(
    '/manage/:slug/suppliers/:supplierId/edit',
    { config: { access: 'suppliers.edit' } },
    async function supplierEditGet(request, reply) {
      assertMayEdit(request);
      const { partnership, supplier } = await supplierOf(request);
      const values = formFromSupplier(supplier);
      const view = await editView(partnership, supplier, values, {
        ...(request.query.lookup !== undefined ? { lookup: request.query.lookup } : {}),
      });
      // "Use these details": fill the form from the chosen company; nothing is saved yet.
      const chosen = request.query.use
        ? view.lookup?.results.find((r) => r.number === request.query.use)
        : undefined;
      if (chosen && companiesHouse) {
        const [company] = await companiesHouse.lookUp(chosen.number);
        if (company) {
          values.companyNumber = company.number;
          if (company.postcode) values.postcode = company.postcode;
          const hint = suggestedType(company);
          if (hint && values.type === 'unclassified') values.type = hint;
        }
        const filled = await editView(partnership, supplier, values);
        return reply.page(`${V}/edit.njk`, {
          ...filled,
          lookup: view.lookup,
          filledFrom: company ? `${company.name} (${company.number})` : null,
        });
      }
      return reply.page(`${V}/edit.njk`, view);
    },
  );

  app.post<SupplierParams>(
    '/manage/:slug/suppliers/:supplierId/edit',
    { config: { access: 'suppliers.edit' } },
    async function supplierEditPost(request, reply) {
      assertMayEdit(request);
      const { partnership, supplier } = await supplierOf(request);
      const body = request.body;
      const values: SupplierForm = {
        name: field(body, 'name').trim(),
        type: field(body, 'type'),
        postcode: field(body, 'postcode').trim(),
        vatNumber: field(body, 'vatNumber').trim(),
        companyNumber: field(body, 'companyNumber').trim(),
        charityNumber: field(body, 'charityNumber').trim(),
      };
      const problems = checkSupplierForm(values);
      const again = async (p: { field: string; text: string }[]) =>
        reply.page(
          `${V}/edit.njk`,
          await editView(partnership, supplier, values, { problems: p }),
          400,
        );
      if (problems.length) return again(problems);
      try {
        await deps.suppliers.update(
          partnership.id,
          supplier.id,
          {
            name: values.name,
            type: values.type as SupplierType,
            postcode: values.postcode ? (normalisePostcode(values.postcode) ?? '') : '',
            vatNumber: values.vatNumber,
            companyNumber: values.companyNumber,
            charityNumber: values.charityNumber,
          },
          auditActor(request),
        );
      } catch (err) {
        if (err instanceof DomainError && err.code === 'CONFLICT') {
          const text = err.userMessage ?? err.message;
          const fieldName = /vat/i.test(text)
            ? 'vatNumber'
            : /company/i.test(text)
              ? 'companyNumber'
              : /charity/i.test(text)
                ? 'charityNumber'
                : 'name';
          return again([{ field: fieldName, text }]);
        }
        throw err;
      }
      request.session.flash =
        'The supplier’s details have been saved and the spend figures updated.';
      return reply.redirect(`${base(partnership)}/${supplier.id}`, 303);
    },
  );
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
