/**
 * The registers of the other pillars: each organisation's registers (a list, add, change) and
 * the partnership's joint initiatives (a list, one initiative, add, change). Each save redirects
 * to the list with a banner saying what was saved and which figure it feeds.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldAnchor, formValues, readEntry } from '../../core/registers/entry-form.js';
import { initiativeFormValues, readInitiative } from '../../core/registers/initiative-form.js';
import { REGISTER_LIST, type RegisterDefinition } from '../../core/registers/registers.js';
import { lowerFirst } from '../../core/framework/format.js';
import { can, type Action } from '../../core/roles.js';
import { notFound } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors, type FormErrors } from '../../http/form-errors.js';
import { formBody, inOrganisation, inPartnership } from '../../http/route-context.js';
import {
  entryFormPage,
  initiativeFormPage,
  initiativePage,
  initiativesListPage,
  initiativesPath,
  registerListPage,
  registerPath,
  registersIndexPage,
  V,
} from './registers.pages.js';
import { RecordedMoneyError } from './recorded-money.js';

type OrgParams = { Params: { slug: string; orgId: string } & Record<string, string> };
type InitiativeParams = { Params: { slug: string; initiativeId: string } };

/** Who may add and change a register's entries: the organisation, for that register's pillar. */
function editAction(def: RegisterDefinition): Action {
  return def.pillar === 'infrastructure'
    ? 'registers.infrastructure.edit'
    : 'registers.community.edit';
}

/** A change refused for the money it records, as the form's error at `field`; else rethrown. */
function refusal(e: unknown, field: string): FormErrors {
  if (e instanceof RecordedMoneyError) return formErrors([{ field, text: e.message }]);
  throw e;
}

/** A register's amount box, where a refusal of its money is shown. */
function moneyAnchor(def: RegisterDefinition): string {
  const money = def.fields.find((f) => f.kind === 'money');
  return money ? fieldAnchor(money) : 'title';
}

export function registerRegisterRoutes(app: FastifyInstance, deps: Deps) {
  const registers = deps.registers;
  const initiatives = deps.initiatives;

  app.get<OrgParams>(
    '/manage/:slug/organisations/:orgId/registers',
    { config: { access: 'registers.view' } },
    async function registersGet(request, reply) {
      const { partnership, organisation } = inOrganisation(request);
      const counts = await registers.counts(partnership.id, organisation.id);
      return reply.page(`${V}/index.njk`, registersIndexPage(partnership, organisation, counts));
    },
  );

  for (const def of REGISTER_LIST) {
    const url = `/manage/:slug/organisations/:orgId/registers/${def.id}`;
    const edit = editAction(def);

    app.get<OrgParams>(url, { config: { access: 'registers.view' } }, async (request, reply) => {
      const { partnership, organisation, actor } = inOrganisation(request);
      const entries = await registers.list(partnership.id, organisation.id, def.id);
      const canEdit = can(actor, edit, {
        partnershipId: partnership.id,
        organisationId: organisation.id,
      });
      return reply.page(
        `${V}/list.njk`,
        registerListPage(partnership, organisation, def, entries, canEdit, partnership.local_area),
      );
    });

    app.get<OrgParams>(`${url}/new`, { config: { access: edit } }, async (request, reply) => {
      const { partnership, organisation } = inOrganisation(request);
      return reply.page(
        `${V}/entry-form.njk`,
        entryFormPage(partnership, organisation, def, undefined, { values: {}, errors: noErrors }),
      );
    });

    app.post<OrgParams>(`${url}/new`, { config: { access: edit } }, async (request, reply) => {
      const { partnership, organisation, auditActor } = inOrganisation(request);
      const body = formBody(request);
      const read = readEntry(def, body);
      const form = (errors: FormErrors) =>
        reply.page(
          `${V}/entry-form.njk`,
          entryFormPage(partnership, organisation, def, undefined, { values: body, errors }),
          400,
        );
      if (!read.ok) return form(formErrors(read.problems));
      try {
        await registers.add(partnership.id, organisation.id, def.id, read.values, auditActor);
      } catch (e) {
        return form(refusal(e, moneyAnchor(def)));
      }
      return saved(
        request,
        reply,
        def,
        read.values.title,
        registerPath(partnership, organisation, def),
      );
    });

    app.get<OrgParams>(
      `${url}/:${def.param}`,
      { config: { access: edit } },
      async (request, reply) => {
        const { partnership, organisation } = inOrganisation(request);
        const entry = await registers.get(
          partnership.id,
          organisation.id,
          def.id,
          request.params[def.param] ?? '',
        );
        if (!entry) throw notFound();
        return reply.page(
          `${V}/entry-form.njk`,
          entryFormPage(partnership, organisation, def, entry, {
            values: formValues(def, entry),
            errors: noErrors,
          }),
        );
      },
    );

    app.post<OrgParams>(
      `${url}/:${def.param}`,
      { config: { access: edit } },
      async (request, reply) => {
        const { partnership, organisation, auditActor } = inOrganisation(request);
        const id = request.params[def.param] ?? '';
        const entry = await registers.get(partnership.id, organisation.id, def.id, id);
        if (!entry) throw notFound();
        const body = formBody(request);
        const read = readEntry(def, body);
        const form = (errors: FormErrors) =>
          reply.page(
            `${V}/entry-form.njk`,
            entryFormPage(partnership, organisation, def, entry, { values: body, errors }),
            400,
          );
        if (!read.ok) return form(formErrors(read.problems));
        let changed: boolean;
        try {
          changed = await registers.update(
            partnership.id,
            organisation.id,
            def.id,
            id,
            read.values,
            auditActor,
          );
        } catch (e) {
          return form(refusal(e, moneyAnchor(def)));
        }
        if (!changed) throw notFound();
        return saved(
          request,
          reply,
          def,
          read.values.title,
          registerPath(partnership, organisation, def),
        );
      },
    );
  }

  app.get<{ Params: { slug: string } }>(
    '/manage/:slug/initiatives',
    { config: { access: 'initiatives.view' } },
    async function initiativesGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const [list, organisations] = await Promise.all([
        initiatives.list(partnership.id),
        initiatives.organisations(partnership.id),
      ]);
      const canEdit = can(actor, 'initiatives.edit', { partnershipId: partnership.id });
      return reply.page(
        `${V}/initiatives.njk`,
        initiativesListPage(partnership, list, organisations, canEdit),
      );
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/manage/:slug/initiatives/new',
    { config: { access: 'initiatives.edit' } },
    async function initiativeNewGet(request, reply) {
      const { partnership } = inPartnership(request);
      const organisations = await initiatives.organisations(partnership.id);
      return reply.page(
        `${V}/initiative-form.njk`,
        initiativeFormPage(partnership, organisations, undefined, {
          values: { status: 'active', vcse: '' },
          errors: noErrors,
        }),
      );
    },
  );

  /** Adds an initiative (`initiativeId` null) or saves a change to one, once the form reads. */
  async function saveInitiative(
    request: FastifyRequest,
    reply: FastifyReply,
    initiativeId: string | null,
  ) {
    const { partnership, auditActor } = inPartnership(request);
    const initiative =
      initiativeId === null ? undefined : await initiatives.get(partnership.id, initiativeId);
    if (initiativeId !== null && !initiative) throw notFound();
    const organisations = await initiatives.organisations(partnership.id);
    const body = formBody(request);
    const read = readInitiative(body, organisations);
    const form = (errors: FormErrors) =>
      reply.page(
        `${V}/initiative-form.njk`,
        initiativeFormPage(partnership, organisations, initiative, { values: body, errors }),
        400,
      );
    if (!read.ok) return form(formErrors(read.problems));
    let id: string;
    try {
      if (initiative) {
        if (!(await initiatives.update(partnership.id, initiative.id, read.input, auditActor)))
          throw notFound();
        id = initiative.id;
      } else id = await initiatives.add(partnership.id, read.input, auditActor);
    } catch (e) {
      // Shown at the first partner's box with money in it.
      const pooling = read.input.partners.find((p) => p.pooledPence > 0);
      return form(refusal(e, pooling ? `pooled-${pooling.organisationId}` : 'partners'));
    }
    request.session.flash = `${read.input.title} has been ${initiative ? 'saved' : 'added'}. L1, L2 and L3 of its partners have been worked out again.`;
    return reply.redirect(`${initiativesPath(partnership)}/${id}`, 303);
  }

  app.post<{ Params: { slug: string } }>(
    '/manage/:slug/initiatives/new',
    { config: { access: 'initiatives.edit' } },
    async function initiativeNewPost(request, reply) {
      return saveInitiative(request, reply, null);
    },
  );

  app.get<InitiativeParams>(
    '/manage/:slug/initiatives/:initiativeId',
    { config: { access: 'initiatives.view' } },
    async function initiativeGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const initiative = await initiatives.get(partnership.id, request.params.initiativeId);
      if (!initiative) throw notFound();
      const organisations = await initiatives.organisations(partnership.id);
      const canEdit = can(actor, 'initiatives.edit', { partnershipId: partnership.id });
      return reply.page(
        `${V}/initiative.njk`,
        initiativePage(partnership, initiative, organisations, canEdit),
      );
    },
  );

  app.get<InitiativeParams>(
    '/manage/:slug/initiatives/:initiativeId/edit',
    { config: { access: 'initiatives.edit' } },
    async function initiativeEditGet(request, reply) {
      const { partnership } = inPartnership(request);
      const initiative = await initiatives.get(partnership.id, request.params.initiativeId);
      if (!initiative) throw notFound();
      const organisations = await initiatives.organisations(partnership.id);
      return reply.page(
        `${V}/initiative-form.njk`,
        initiativeFormPage(partnership, organisations, initiative, {
          values: initiativeFormValues(initiative),
          errors: noErrors,
        }),
      );
    },
  );

  app.post<InitiativeParams>(
    '/manage/:slug/initiatives/:initiativeId/edit',
    { config: { access: 'initiatives.edit' } },
    async function initiativeEditPost(request, reply) {
      return saveInitiative(request, reply, request.params.initiativeId);
    },
  );
}

/** After a save: back to the register, with a banner naming the entry and the figure it feeds. */
function saved(
  request: FastifyRequest,
  reply: FastifyReply,
  def: RegisterDefinition,
  title: string,
  path: string,
) {
  request.session.flash = `${title} has been saved in ${lowerFirst(def.title)}. ${def.indicator === 'C1' ? 'C1 and C2 have' : `${def.indicator} has`} been worked out again.`;
  return reply.redirect(path, 303);
}
