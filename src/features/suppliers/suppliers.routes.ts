/**
 * The supplier register pages: the list (largest spend first, with what needs fixing), one
 * supplier's details, spend and history, correcting a supplier (with an optional Companies House
 * lookup), and uploading or downloading the register as CSV.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import type { SupplierType } from '../../core/spend/suppliers.js';
import type { Deps } from '../../deps.js';
import { sendCsv } from '../../http/csv-download.js';
import { inPartnership } from '../../http/route-context.js';
import { receiveUpload } from '../../http/upload.js';
import { normalisePostcode } from '../../lib/postcodes.js';
import { suggestedType } from './companies-house.js';
import {
  editPage,
  FILTERS,
  listPage,
  registerCsv,
  registerPath,
  supplierPage,
  uploadPage,
  V,
} from './suppliers.pages.js';
import { checkSupplierForm, formFromBody, formFromSupplier } from './suppliers.schema.js';

type SlugParams = { Params: { slug: string } };
type SupplierParams = { Params: { slug: string; supplierId: string } };

export function registerSupplierRoutes(app: FastifyInstance, deps: Deps) {
  const register = deps.supplierRegister;
  const districtName = (code: string) => deps.districts.name(code);
  const mayEdit = (ctx: ReturnType<typeof inPartnership>) =>
    can(ctx.actor, 'suppliers.edit', { partnershipId: ctx.partnership.id });

  app.get<
    SlugParams & { Querystring: { q?: string; filter?: string; page?: string; batch?: string } }
  >(
    '/manage/:slug/suppliers',
    { config: { access: 'suppliers.view' } },
    async function suppliersGet(request, reply) {
      const ctx = inPartnership(request);
      const query = (request.query.q ?? '').trim().slice(0, 100);
      const filter = FILTERS.find((f) => f.id === request.query.filter)?.id ?? 'all';
      const requested = Number(request.query.page);
      const page = Number.isInteger(requested) && requested > 0 ? requested : 1;
      // Suppliers of one imported file, as the file's reconciliation page links to them.
      const batch = request.query.batch;
      const list = await register.list(ctx.partnership, ctx.actor, { query, filter, page, batch });
      return reply.page(
        `${V}/list.njk`,
        listPage(
          ctx.partnership,
          list,
          { query, filter, page, batch, canEdit: mayEdit(ctx) },
          districtName,
        ),
      );
    },
  );

  app.get<SlugParams>(
    '/manage/:slug/suppliers/register.csv',
    { config: { access: 'suppliers.view' } },
    async function suppliersCsvGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const rows = await register.csvRows(partnership, actor);
      return sendCsv(
        reply,
        `supplier-register-${partnership.slug}.csv`,
        registerCsv(rows, districtName),
      );
    },
  );

  app.get<SlugParams>(
    '/manage/:slug/suppliers/upload',
    { config: { access: 'suppliers.edit' } },
    async function suppliersUploadGet(request, reply) {
      return reply.page(`${V}/upload.njk`, uploadPage(inPartnership(request).partnership));
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/suppliers/upload',
    { config: { access: 'suppliers.edit', upload: true } },
    async function suppliersUploadPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const upload = await receiveUpload(request, {
        maxBytes: deps.config.uploadMaxBytes,
        prompt: 'Select a CSV file of supplier details',
      });
      if (!upload.ok)
        return reply.page(
          `${V}/upload.njk`,
          uploadPage(partnership, { error: upload.message }),
          upload.status,
        );
      if (upload.file.bytes.includes(0))
        return reply.page(
          `${V}/upload.njk`,
          uploadPage(partnership, {
            error: 'The file must be a CSV file (text), not a spreadsheet or other file',
          }),
          400,
        );
      const result = await deps.suppliers.upload(partnership.id, upload.file.bytes, auditActor);
      if (result.problems.length)
        return reply.page(
          `${V}/upload.njk`,
          uploadPage(partnership, { problems: result.problems }),
          400,
        );
      request.session.flash = `Supplier details saved: ${result.updated} updated, ${result.added} added.`;
      return reply.redirect(registerPath(partnership), 303);
    },
  );

  app.get<SupplierParams>(
    '/manage/:slug/suppliers/:supplierId',
    { config: { access: 'suppliers.view' } },
    async function supplierGet(request, reply) {
      const ctx = inPartnership(request);
      const details = await register.details(ctx.partnership, ctx.actor, request.params.supplierId);
      return reply.page(
        `${V}/supplier.njk`,
        supplierPage(ctx.partnership, details, mayEdit(ctx), districtName),
      );
    },
  );

  app.get<SupplierParams & { Querystring: { lookup?: string; use?: string } }>(
    '/manage/:slug/suppliers/:supplierId/edit',
    { config: { access: 'suppliers.edit' } },
    async function supplierEditGet(request, reply) {
      const { partnership } = inPartnership(request);
      const supplier = await register.find(partnership, request.params.supplierId);
      const values = formFromSupplier(supplier);
      const lookup =
        request.query.lookup !== undefined
          ? await register.lookUpCompanies(request.query.lookup)
          : null;
      const options = { companiesHouse: register.companiesHouse, lookup };
      // "Use these details": fill the form from the chosen company; nothing is saved yet.
      const chosen = request.query.use
        ? lookup?.results.find((r) => r.number === request.query.use)
        : undefined;
      if (chosen) {
        const company = await register.company(chosen.number);
        if (company) {
          values.companyNumber = company.number;
          if (company.postcode) values.postcode = company.postcode;
          const hint = suggestedType(company);
          if (hint && values.type === 'unclassified') values.type = hint;
        }
        const filledFrom = company ? `${company.name} (${company.number})` : null;
        return reply.page(
          `${V}/edit.njk`,
          editPage(partnership, supplier, values, { ...options, filledFrom }),
        );
      }
      return reply.page(`${V}/edit.njk`, editPage(partnership, supplier, values, options));
    },
  );

  app.post<SupplierParams>(
    '/manage/:slug/suppliers/:supplierId/edit',
    { config: { access: 'suppliers.edit' } },
    async function supplierEditPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const supplier = await register.find(partnership, request.params.supplierId);
      const values = formFromBody(request.body);
      const again = (problems: { field: string; text: string }[]) =>
        reply.page(
          `${V}/edit.njk`,
          editPage(partnership, supplier, values, {
            companiesHouse: register.companiesHouse,
            problems,
          }),
          400,
        );
      const problems = checkSupplierForm(values);
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
          auditActor,
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
      return reply.redirect(`${registerPath(partnership)}/${supplier.id}`, 303);
    },
  );
}
