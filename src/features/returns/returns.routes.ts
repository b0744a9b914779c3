/** Reporting periods, an organisation's returns (task list, sections, evidence details), submission, review and corrections. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, forbidden, notFound } from '../../core/errors.js';
import { formatValue } from '../../core/framework/format.js';
import { pillarOfItem, type Section } from '../../core/framework/sections.js';
import { isoDate } from '../../core/periods.js';
import { isPillarId, PILLARS } from '../../core/pillars.js';
import { can, type Actor } from '../../core/roles.js';
import type { Organisation, Partnership, ReportingPeriod, User } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { paragraph } from '../../lib/text.js';
import {
  field,
  formErrors,
  noErrors,
  validateForm,
  type FormErrors,
} from '../../http/form-errors.js';
import { FileTooLargeError } from '../evidence/evidence.service.js';
import {
  checkTemplate,
  readTemplate,
  templateCsv,
  templateRows,
  templateXlsx,
  type BulkProblem,
} from './bulk.js';
import {
  ReturnsService,
  EDITABLE,
  type ReturnContext,
  type ReturnState,
} from './returns.service.js';

const V = 'features/returns/views';

type SlugParams = { Params: { slug: string } };
type ReturnParams = { Params: { slug: string; orgId: string; periodId: string } };

export const STATUS_TAGS: Record<string, { text: string; colour: string }> = {
  draft: { text: 'Draft', colour: 'grey' },
  submitted: { text: 'Submitted', colour: 'blue' },
  returned: { text: 'Returned with queries', colour: 'orange' },
  approved: { text: 'Approved', colour: 'green' },
  'not-started': { text: 'Not started', colour: 'grey' },
  'in-progress': { text: 'In progress', colour: 'blue' },
  completed: { text: 'Completed', colour: 'green' },
};

const periodSchema = z
  .object({
    kind: z.enum(['quarter', 'year'], { error: 'Select a quarter or a whole year' }),
    fyStartYear: z.coerce
      .number({ error: 'Select the financial year' })
      .int('Select the financial year')
      .min(2000, 'Select the financial year')
      .max(2100, 'Select the financial year'),
    quarter: z.string().optional(),
    dueOn: z
      .string({ error: 'Enter the due date' })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the due date as a real date')
      .refine(
        (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
        'Enter the due date as a real date',
      ),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'quarter' && !/^[1-4]$/.test(v.quarter ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['quarter'], message: 'Select the quarter' });
    }
  });

/** The due date comes from three boxes (day, month, year), as the NHS date input pattern has it. */
function dateFromParts(body: Record<string, unknown>, name: string): string {
  const part = (p: string) => field(body, `${name}-${p}`).trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return '';
  const date = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && isoDate(parsed) === date ? date : 'invalid';
}

export function registerReturnRoutes(app: FastifyInstance, deps: Deps) {
  const returns = deps.returns;
  const auditActor = (r: FastifyRequest) => {
    const user = r.user as User;
    return { userId: user.id, label: user.email };
  };
  const base = (p: Partnership) => `/manage/${p.slug}`;
  const returnPath = (p: Partnership, o: Organisation, period: ReportingPeriod) =>
    `${base(p)}/organisations/${o.id}/returns/${period.id}`;

  async function contextOf(request: FastifyRequest<ReturnParams>): Promise<ReturnContext> {
    const partnership = request.partnership as Partnership;
    const organisation = request.organisation as Organisation;
    const period = await returns.findPeriod(partnership.id, request.params.periodId);
    if (!period) throw notFound();
    return { partnership, organisation, period };
  }

  const target = (ctx: ReturnContext, pillar?: string) => ({
    partnershipId: ctx.partnership.id,
    organisationId: ctx.organisation.id,
    ...(pillar ? { pillar } : {}),
  });

  /** Sections this person may see: a contributor limited to some pillars sees only those. */
  function visibleSections(actor: Actor, ctx: ReturnContext, state: ReturnState): Section[] {
    if (can(actor, 'return.review', target(ctx))) return [...state.sections];
    return state.sections.filter(
      (s) =>
        can(actor, 'return.view', target(ctx, s.pillar)) && mayTouchPillar(actor, ctx, s.pillar),
    );
  }

  function mayTouchPillar(actor: Actor, ctx: ReturnContext, pillar: string): boolean {
    const mine = actor.memberships.filter(
      (m) => m.partnershipId === ctx.partnership.id && m.organisationId === ctx.organisation.id,
    );
    if (mine.length === 0) return true;
    return mine.some(
      (m) => m.role !== 'contributor' || !m.pillars?.length || m.pillars.includes(pillar),
    );
  }

  // ----- Periods -----

  app.get<SlugParams>(
    '/manage/:slug/periods',
    { config: { access: 'partnership.view' } },
    async function periodsGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const periods = await returns.listPeriods(partnership.id);
      return reply.page(`${V}/periods.njk`, {
        title: 'Reporting periods',
        periods,
        today: isoDate(new Date()),
        canManage: can(request.actor, 'periods.manage', { partnershipId: partnership.id }),
        breadcrumbs: [{ href: base(partnership), text: partnership.name }],
      });
    },
  );

  function periodForm(
    partnership: Partnership,
    values: Record<string, unknown>,
    errors: FormErrors,
  ) {
    const thisYear = new Date().getUTCFullYear();
    const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({
      value: String(y),
      text: `${y}/${String((y + 1) % 100).padStart(2, '0')}`,
      selected:
        (field(values, 'fyStartYear') ||
          String(
            thisYear - (new Date().getUTCMonth() + 1 < partnership.fy_start_month ? 1 : 0),
          )) === String(y),
    }));
    return {
      title: 'Open a reporting period',
      values,
      errors,
      years,
      back: { href: `${base(partnership)}/periods`, text: 'Back to reporting periods' },
    };
  }

  app.get<SlugParams>(
    '/manage/:slug/periods/new',
    { config: { access: 'periods.manage' } },
    async function periodNewGet(request, reply) {
      return reply.page(
        `${V}/period-new.njk`,
        periodForm(request.partnership as Partnership, {}, noErrors),
      );
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/periods/new',
    { config: { access: 'periods.manage' } },
    async function periodNewPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const body = request.body as Record<string, unknown>;
      const form = validateForm(periodSchema, { ...body, dueOn: dateFromParts(body, 'dueOn') });
      if (!form.ok) {
        const errors = formErrors(
          form.errors.list.map((e) => ({
            field: e.href.slice(1) === 'dueOn' ? 'dueOn-day' : e.href.slice(1),
            text: e.text,
          })),
        );
        return reply.page(`${V}/period-new.njk`, periodForm(partnership, body, errors), 400);
      }
      try {
        const period = await returns.openPeriod(
          partnership,
          {
            kind: form.data.kind,
            fyStartYear: form.data.fyStartYear,
            quarter: form.data.kind === 'quarter' ? Number(form.data.quarter) : null,
            dueOn: form.data.dueOn,
          },
          auditActor(request),
        );
        request.session.flash = `${period.label} is open. Returns are due by ${period.due_on}.`;
        return reply.redirect(`${base(partnership)}/periods`, 303);
      } catch (err) {
        if (err instanceof DomainError && (err.code === 'CONFLICT' || err.code === 'INVALID')) {
          const field = err.code === 'INVALID' ? 'dueOn-day' : 'kind';
          return reply.page(
            `${V}/period-new.njk`,
            periodForm(
              partnership,
              body,
              formErrors([{ field, text: err.userMessage ?? err.message }]),
            ),
            400,
          );
        }
        throw err;
      }
    },
  );

  // ----- Reviews across the partnership -----

  app.get<SlugParams>(
    '/manage/:slug/returns',
    { config: { access: 'reviews.queue' } },
    async function returnsOverviewGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const [queue, periods, organisations, statuses] = await Promise.all([
        returns.reviewQueue(partnership.id),
        returns.listPeriods(partnership.id),
        deps.database.db
          .selectFrom('organisations')
          .select(['id', 'name'])
          .where('partnership_id', '=', partnership.id)
          .orderBy('name')
          .execute(),
        returns.returnsOverview(partnership.id),
      ]);
      const statusOf = new Map(statuses.map((s) => [`${s.organisation_id}:${s.period_id}`, s]));
      const today = isoDate(new Date());
      return reply.page(`${V}/overview.njk`, {
        title: 'Returns',
        queue: queue.map((q) => ({
          ...q,
          late: q.submitted_at ? isoDate(q.submitted_at) > q.due_on : today > q.due_on,
          href: `${base(partnership)}/organisations/${q.organisation_id}/returns/${q.period_id}${q.status === 'submitted' ? '/review' : ''}`,
        })),
        grid: periods.slice(0, 8).map((p) => ({
          period: p,
          cells: organisations.map((o) => {
            const s = statusOf.get(`${o.id}:${p.id}`);
            const overdue = today > p.due_on && (!s || s.status === 'draft');
            return {
              organisation: o,
              tag: s
                ? STATUS_TAGS[s.status]
                : { text: overdue ? 'Overdue' : 'Not started', colour: overdue ? 'red' : 'grey' },
              late: s?.submitted_at ? isoDate(s.submitted_at) > p.due_on : overdue,
              href: `${base(partnership)}/organisations/${o.id}/returns/${p.id}`,
            };
          }),
        })),
        organisations,
        breadcrumbs: [{ href: base(partnership), text: partnership.name }],
      });
    },
  );

  // ----- One organisation's returns -----

  app.get<{ Params: { slug: string; orgId: string } }>(
    '/manage/:slug/organisations/:orgId/returns',
    { config: { access: 'return.view' } },
    async function organisationReturnsGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const organisation = request.organisation as Organisation;
      const periods = await returns.listPeriods(partnership.id);
      const statuses = new Map(
        (await returns.returnsOverview(partnership.id))
          .filter((s) => s.organisation_id === organisation.id)
          .map((s) => [s.period_id, s]),
      );
      const today = isoDate(new Date());
      return reply.page(`${V}/organisation-returns.njk`, {
        title: `Returns for ${organisation.name}`,
        organisation,
        periods: periods.map((p) => {
          const s = statuses.get(p.id);
          const overdue = today > p.due_on && (!s || EDITABLE.has(s.status));
          return {
            ...p,
            tag: s ? STATUS_TAGS[s.status] : STATUS_TAGS['not-started'],
            overdue,
            href: `${base(partnership)}/organisations/${organisation.id}/returns/${p.id}`,
          };
        }),
        breadcrumbs: [
          { href: base(partnership), text: partnership.name },
          {
            href: `${base(partnership)}/organisations/${organisation.id}`,
            text: organisation.name,
          },
        ],
      });
    },
  );

  app.get<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId',
    { config: { access: 'return.view' } },
    async function returnGet(request, reply) {
      const ctx = await contextOf(request);
      const actor = request.actor as Actor;
      const state = await returns.load(ctx, auditActor(request));
      const sections = visibleSections(actor, ctx, state);
      const comments = await returns.listComments(state.revision.id);
      const path = returnPath(ctx.partnership, ctx.organisation, ctx.period);
      const editable =
        EDITABLE.has(state.revision.status) && can(actor, 'return.edit', target(ctx));
      const today = isoDate(new Date());
      return reply.page(`${V}/task-list.njk`, {
        title: `${ctx.period.label} return`,
        ctx,
        state,
        path,
        statusTag: STATUS_TAGS[state.revision.status],
        overdue: EDITABLE.has(state.revision.status) && today > ctx.period.due_on,
        tasks: sections.map((s) => {
          const status = ReturnsService.taskStatus(state.revision, state.values, s);
          return {
            title: s.title,
            pillar: s.pillar,
            href:
              editable &&
              mayTouchPillar(actor, ctx, s.pillar) &&
              can(actor, 'return.edit', target(ctx, s.pillar))
                ? `${path}/sections/${s.pillar}`
                : undefined,
            tag: STATUS_TAGS[status],
            count: s.items.length,
            rows: s.items.map((item) => {
              const v = state.values.get(item.id);
              return {
                item,
                value: v?.value == null ? 'Not entered' : formatValue(Number(v.value), item.unit),
                note: v?.note,
                confidence: v?.confidence,
                href: `${path}/items/${item.id}`,
              };
            }),
          };
        }),
        hiddenSections: state.sections.length - sections.length,
        queries: comments.map((c) => ({
          ...c,
          itemLabel: state.sections
            .flatMap((sec) => sec.items)
            .find((item) => item.id === c.item_id)?.label,
        })),
        canSubmit: EDITABLE.has(state.revision.status) && can(actor, 'return.submit', target(ctx)),
        canReview:
          state.revision.status === 'submitted' && can(actor, 'return.review', target(ctx)),
        canCorrect:
          state.revision.status === 'approved' && can(actor, 'return.correct', target(ctx)),
        canAnswer: state.revision.status === 'returned' && can(actor, 'return.edit', target(ctx)),
        problems: ReturnsService.submissionProblems(state),
        breadcrumbs: [
          { href: base(ctx.partnership), text: ctx.partnership.name },
          {
            href: `${base(ctx.partnership)}/organisations/${ctx.organisation.id}/returns`,
            text: `${ctx.organisation.name} returns`,
          },
        ],
      });
    },
  );

  async function sectionPage(
    request: FastifyRequest<ReturnParams & { Params: { pillar: string } }>,
  ): Promise<{ ctx: ReturnContext; state: ReturnState; section: Section }> {
    const ctx = await contextOf(request);
    const pillar = request.params.pillar;
    if (!isPillarId(pillar)) throw notFound();
    const actor = request.actor as Actor;
    if (!can(actor, 'return.edit', target(ctx, pillar)) || !mayTouchPillar(actor, ctx, pillar)) {
      throw forbidden('pillar not allowed');
    }
    const state = await returns.load(ctx, auditActor(request));
    const section = state.sections.find((s) => s.pillar === pillar);
    if (!section) throw notFound();
    return { ctx, state, section };
  }

  function sectionView(
    ctx: ReturnContext,
    state: ReturnState,
    section: Section,
    values: Record<string, unknown>,
    errors: FormErrors,
  ) {
    const path = returnPath(ctx.partnership, ctx.organisation, ctx.period);
    return {
      title: `${section.title}: ${ctx.period.label}`,
      ctx,
      section,
      pillarTitle: PILLARS.find((p) => p.id === section.pillar)?.title,
      editable: EDITABLE.has(state.revision.status),
      values,
      errors,
      path,
      action: `${path}/sections/${section.pillar}`,
      back: { href: path, text: 'Back to the return' },
    };
  }

  app.get<ReturnParams & { Params: { pillar: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/sections/:pillar',
    { config: { access: 'return.edit' } },
    async function sectionGet(request, reply) {
      const { ctx, state, section } = await sectionPage(request);
      // A return sent for review, or approved, is read on its own page, not in a form.
      if (!EDITABLE.has(state.revision.status)) {
        request.session.flash =
          state.revision.status === 'approved'
            ? 'This return is approved, so its figures cannot be changed. An organisation lead can start a correction.'
            : 'This return has been sent for review, so its figures cannot be changed now.';
        return reply.redirect(returnPath(ctx.partnership, ctx.organisation, ctx.period), 303);
      }
      const values: Record<string, string> = {};
      for (const item of section.items) {
        const v = state.values.get(item.id)?.value;
        if (v != null)
          values[item.id] =
            item.unit === 'yes/no' ? (Number(v) === 1 ? 'yes' : 'no') : String(Number(v));
      }
      return reply.page(`${V}/section.njk`, sectionView(ctx, state, section, values, noErrors));
    },
  );

  app.post<ReturnParams & { Params: { pillar: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/sections/:pillar',
    { config: { access: 'return.edit' } },
    async function sectionPost(request, reply) {
      const { ctx, state, section } = await sectionPage(request);
      const body = request.body as Record<string, unknown>;
      const raw: Record<string, string> = {};
      for (const item of section.items)
        raw[item.id] = typeof body[item.id] === 'string' ? (body[item.id] as string) : '';
      const complete = body.complete === 'yes';
      const { errors } = await returns.savePillar(
        state,
        ctx,
        section.pillar,
        raw,
        complete,
        auditActor(request),
      );
      if (errors.length) {
        return reply.page(
          `${V}/section.njk`,
          sectionView(
            ctx,
            state,
            section,
            { ...raw, complete: body.complete },
            formErrors(errors.map((e) => ({ field: e.item, text: e.text }))),
          ),
          400,
        );
      }
      request.session.flash = complete
        ? `${section.title} is complete.`
        : `${section.title} has been saved. You can come back to it later.`;
      return reply.redirect(returnPath(ctx.partnership, ctx.organisation, ctx.period), 303);
    },
  );

  // ----- Evidence details for one figure (note, confidence, links; files are added on the same page) -----

  const evidenceSchema = z.object({
    note: paragraph('the note', 4000).optional(),
    confidence: z
      .enum(['low', 'medium', 'high'], { error: 'Select how confident you are in this figure' })
      .optional(),
    links: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(/\s+/)
          .map((l) => l.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z.url({
              protocol: /^https?$/,
              error: 'Each link must be a full web address starting with https://',
            }),
          )
          .max(10, 'Add up to 10 links'),
      ),
  });

  async function itemPage(request: FastifyRequest<ReturnParams & { Params: { itemId: string } }>) {
    const ctx = await contextOf(request);
    const state = await returns.load(ctx, auditActor(request));
    const pillar = pillarOfItem(state.sections, request.params.itemId);
    const section = state.sections.find((s) => s.pillar === pillar);
    const item = section?.items.find((i) => i.id === request.params.itemId);
    if (!section || !item || !pillar) throw notFound();
    const actor = request.actor as Actor;
    if (!can(actor, 'return.review', target(ctx)) && !mayTouchPillar(actor, ctx, pillar))
      throw forbidden('pillar not allowed');
    const files = await deps.database.db
      .selectFrom('evidence_files')
      .select(['id', 'original_name', 'content_type', 'size_bytes', 'uploaded_at'])
      .where('revision_id', '=', state.revision.id)
      .where('item_id', '=', item.id)
      .orderBy('uploaded_at')
      .execute();
    const comments = (await returns.listComments(state.revision.id)).filter(
      (c) => c.item_id === item.id,
    );
    const editable =
      EDITABLE.has(state.revision.status) &&
      can(actor, 'return.edit', target(ctx, pillar)) &&
      mayTouchPillar(actor, ctx, pillar);
    return { ctx, state, section, item, files, comments, editable };
  }

  function itemView(
    p: Awaited<ReturnType<typeof itemPage>>,
    values: Record<string, unknown>,
    errors: FormErrors,
    csrfToken?: string,
  ) {
    const path = returnPath(p.ctx.partnership, p.ctx.organisation, p.ctx.period);
    const v = p.state.values.get(p.item.id);
    return {
      title: p.item.label,
      ...p,
      value: v?.value == null ? 'Not entered' : formatValue(Number(v.value), p.item.unit),
      values,
      errors,
      path,
      action: `${path}/items/${p.item.id}`,
      uploadAction: `${path}/items/${p.item.id}/files`,
      csrfForUpload: csrfToken,
      maxUploadMb: Math.round(deps.config.uploadMaxBytes / 1024 / 1024),
      back: { href: path, text: 'Back to the return' },
    };
  }

  app.get<ReturnParams & { Params: { itemId: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/items/:itemId',
    { config: { access: 'return.view' } },
    async function itemGet(request, reply) {
      const p = await itemPage(request);
      const v = p.state.values.get(p.item.id);
      return reply.page(
        `${V}/item.njk`,
        itemView(
          p,
          {
            note: v?.note ?? '',
            confidence: v?.confidence ?? '',
            links: (v?.links ?? []).join('\n'),
          },
          noErrors,
        ),
      );
    },
  );

  app.post<ReturnParams & { Params: { itemId: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/items/:itemId',
    { config: { access: 'return.edit' } },
    async function itemPost(request, reply) {
      const p = await itemPage(request);
      if (!p.editable) throw forbidden('not editable');
      const body = request.body as Record<string, unknown>;
      const form = validateForm(evidenceSchema, body);
      if (!form.ok) return reply.page(`${V}/item.njk`, itemView(p, body, form.errors), 400);
      await returns.saveEvidenceDetails(
        p.state,
        p.ctx,
        p.item.id,
        {
          note: form.data.note || null,
          confidence: form.data.confidence ?? null,
          links: form.data.links,
        },
        auditActor(request),
      );
      request.session.flash = 'The evidence has been saved.';
      return reply.redirect(
        `${returnPath(p.ctx.partnership, p.ctx.organisation, p.ctx.period)}/items/${p.item.id}`,
        303,
      );
    },
  );

  app.post<ReturnParams & { Params: { itemId: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/items/:itemId/files',
    { config: { access: 'return.edit' } },
    async function evidenceUploadPost(request, reply) {
      const p = await itemPage(request);
      if (!p.editable) throw forbidden('not editable');
      const again = (text: string, status: number) => {
        const v = p.state.values.get(p.item.id);
        return reply.page(
          `${V}/item.njk`,
          itemView(
            p,
            {
              note: v?.note ?? '',
              confidence: v?.confidence ?? '',
              links: (v?.links ?? []).join('\n'),
            },
            formErrors([{ field: 'file', text }]),
          ),
          status,
        );
      };
      let file;
      try {
        file = request.isMultipart() ? await request.file() : undefined;
      } catch (err) {
        if (err instanceof DomainError && err.code === 'INVALID')
          return again(err.userMessage ?? err.message, 400);
        return again('Select a file to upload', 400);
      }
      if (!file || !file.filename) {
        await file?.toBuffer().catch(() => undefined);
        return again('Select a file to upload', 400);
      }
      try {
        await deps.evidence.add(
          {
            partnershipId: p.ctx.partnership.id,
            returnId: p.state.returnId,
            revisionId: p.state.revision.id,
            itemId: p.item.id,
          },
          { filename: file.filename, stream: file.file, truncated: () => file.file.truncated },
          auditActor(request),
        );
      } catch (err) {
        if (
          err instanceof FileTooLargeError ||
          (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
        ) {
          const mb = Math.round((deps.config.uploadMaxBytes / 1024 / 1024) * 10) / 10;
          return again(`The file must be smaller than ${mb} MB`, 413);
        }
        if (err instanceof DomainError && err.code === 'INVALID')
          return again(err.userMessage ?? err.message, 400);
        throw err;
      }
      request.session.flash = `${file.filename} has been added as evidence.`;
      return reply.redirect(
        `${returnPath(p.ctx.partnership, p.ctx.organisation, p.ctx.period)}/items/${p.item.id}`,
        303,
      );
    },
  );

  app.post<ReturnParams & { Params: { itemId: string; fileId: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/items/:itemId/files/:fileId/remove',
    { config: { access: 'return.edit' } },
    async function evidenceRemovePost(request, reply) {
      const p = await itemPage(request);
      if (!p.editable) throw forbidden('not editable');
      await deps.evidence.remove(
        {
          partnershipId: p.ctx.partnership.id,
          returnId: p.state.returnId,
          revisionId: p.state.revision.id,
          itemId: p.item.id,
        },
        request.params.fileId,
        auditActor(request),
      );
      request.session.flash = 'The file has been removed from this figure’s evidence.';
      return reply.redirect(
        `${returnPath(p.ctx.partnership, p.ctx.organisation, p.ctx.period)}/items/${p.item.id}`,
        303,
      );
    },
  );

  // ----- The whole return as a CSV or XLSX template -----

  const fileBase = (ctx: ReturnContext) =>
    `${ctx.organisation.code}-${ctx.period.label.replace(/[^A-Za-z0-9]+/g, '-')}-return`;

  app.get<ReturnParams & { Params: { format: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/template.:format',
    { config: { access: 'return.view' } },
    async function templateGet(request, reply) {
      const ctx = await contextOf(request);
      const state = await returns.load(ctx, auditActor(request));
      const rows = templateRows(visibleSections(request.actor as Actor, ctx, state), state.values);
      if (request.params.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileBase(ctx)}.csv"`)
          .send(templateCsv(rows));
      }
      if (request.params.format === 'xlsx') {
        return reply
          .header(
            'content-type',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', `attachment; filename="${fileBase(ctx)}.xlsx"`)
          .send(await templateXlsx(rows, `${ctx.organisation.name} ${ctx.period.label}`));
      }
      throw notFound();
    },
  );

  function editablePillars(actor: Actor, ctx: ReturnContext, state: ReturnState): Set<string> {
    return new Set(
      state.sections
        .filter(
          (s) =>
            can(actor, 'return.edit', target(ctx, s.pillar)) &&
            mayTouchPillar(actor, ctx, s.pillar),
        )
        .map((s) => s.pillar),
    );
  }

  function uploadView(ctx: ReturnContext, problems: readonly BulkProblem[] = []) {
    const path = returnPath(ctx.partnership, ctx.organisation, ctx.period);
    return {
      title: 'Upload figures from a template',
      ctx,
      path,
      problems,
      errors: problems.length
        ? formErrors([
            {
              field: 'file',
              text:
                problems.length === 1
                  ? 'The file has a problem: see below'
                  : `The file has ${problems.length} problems: see below`,
            },
          ])
        : noErrors,
      maxUploadMb: Math.round(deps.config.uploadMaxBytes / 1024 / 1024),
      back: { href: path, text: 'Back to the return' },
    };
  }

  app.get<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/upload',
    { config: { access: 'return.edit' } },
    async function uploadGet(request, reply) {
      const ctx = await contextOf(request);
      return reply.page(`${V}/upload.njk`, uploadView(ctx));
    },
  );

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/upload',
    { config: { access: 'return.edit' } },
    async function uploadPost(request, reply) {
      const ctx = await contextOf(request);
      const state = await returns.load(ctx, auditActor(request));
      if (!EDITABLE.has(state.revision.status))
        throw new DomainError('CONFLICT', 'locked', 'This return cannot be changed now.');
      let bytes: Buffer | undefined;
      try {
        const file = request.isMultipart() ? await request.file() : undefined;
        bytes = file?.filename ? await file.toBuffer() : undefined;
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          return reply.page(
            `${V}/upload.njk`,
            uploadView(ctx, [{ line: 0, column: '-', message: 'The file is too large' }]),
            413,
          );
        }
        throw err;
      }
      if (!bytes?.length)
        return reply.page(
          `${V}/upload.njk`,
          uploadView(ctx, [{ line: 0, column: '-', message: 'Select a CSV or XLSX file' }]),
          400,
        );
      const { rows, headerProblems } = await readTemplate(bytes);
      const checked = checkTemplate(
        state.sections,
        rows,
        editablePillars(request.actor as Actor, ctx, state),
      );
      const problems = [...headerProblems, ...checked.problems];
      if (problems.length) return reply.page(`${V}/upload.njk`, uploadView(ctx, problems), 400);
      const path = returnPath(ctx.partnership, ctx.organisation, ctx.period);
      return reply.page(`${V}/upload-preview.njk`, {
        title: 'Check the figures before saving',
        ctx,
        path,
        entries: checked.entries.map((e) => {
          const old = state.values.get(e.item.id);
          const oldValue = old?.value == null ? null : Number(old.value);
          return {
            ...e,
            field:
              e.item.unit === 'yes/no'
                ? e.value === null
                  ? ''
                  : e.value === 1
                    ? 'yes'
                    : 'no'
                : e.value === null
                  ? ''
                  : String(e.value),
            before: oldValue === null ? 'Not entered' : formatValue(oldValue, e.item.unit),
            after: e.value === null ? 'Unchanged' : formatValue(e.value, e.item.unit),
            changed:
              (e.value !== null && e.value !== oldValue) ||
              (e.note !== null && e.note !== (old?.note ?? null)) ||
              (e.confidence !== null && e.confidence !== (old?.confidence ?? null)),
          };
        }),
        back: { href: `${path}/upload`, text: 'Upload a different file' },
      });
    },
  );

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/upload/confirm',
    { config: { access: 'return.edit' } },
    async function uploadConfirmPost(request, reply) {
      const ctx = await contextOf(request);
      const state = await returns.load(ctx, auditActor(request));
      const body = request.body as Record<string, unknown>;
      const ids = ([] as unknown[])
        .concat(body.item ?? [])
        .filter((v): v is string => typeof v === 'string');
      const rows = ids.map((id, i) => ({
        line: i + 2,
        cells: {
          item_id: id,
          value: field(body, `value-${id}`),
          note: field(body, `note-${id}`),
          confidence: field(body, `confidence-${id}`),
        },
      }));
      const checked = checkTemplate(
        state.sections,
        rows,
        editablePillars(request.actor as Actor, ctx, state),
      );
      if (checked.problems.length)
        return reply.page(`${V}/upload.njk`, uploadView(ctx, checked.problems), 400);
      const changed = await returns.applyBulk(state, ctx, checked.entries, auditActor(request));
      request.session.flash = `${changed} ${changed === 1 ? 'figure was' : 'figures were'} saved from the template. Check each section and mark it complete.`;
      return reply.redirect(returnPath(ctx.partnership, ctx.organisation, ctx.period), 303);
    },
  );

  // ----- Submitting, answering queries, reviewing, correcting -----

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/submit',
    { config: { access: 'return.submit' } },
    async function submitPost(request, reply) {
      const ctx = await contextOf(request);
      const state = await returns.load(ctx, auditActor(request));
      await returns.submit(state, ctx, auditActor(request));
      request.session.flash = `The ${ctx.period.label} return has been sent for review.`;
      return reply.redirect(returnPath(ctx.partnership, ctx.organisation, ctx.period), 303);
    },
  );

  const answerSchema = z.object({
    itemId: z.string().optional(),
    body: paragraph('the answer', 4000, { required: 'Write your answer' }),
  });

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/answer',
    { config: { access: 'return.edit' } },
    async function answerPost(request, reply) {
      const ctx = await contextOf(request);
      const state = await returns.load(ctx, auditActor(request));
      const form = validateForm(answerSchema, request.body);
      if (!form.ok)
        throw new DomainError('INVALID', 'empty answer', 'Write your answer before sending it');
      const itemId =
        form.data.itemId &&
        state.sections.some((s) => s.items.some((i) => i.id === form.data.itemId))
          ? form.data.itemId
          : null;
      await returns.answer(state, ctx, itemId, form.data.body, auditActor(request));
      request.session.flash =
        'Your answer has been added. Change any figures, then send the return again.';
      return reply.redirect(
        itemId
          ? `${returnPath(ctx.partnership, ctx.organisation, ctx.period)}/items/${itemId}`
          : returnPath(ctx.partnership, ctx.organisation, ctx.period),
        303,
      );
    },
  );

  async function reviewView(
    ctx: ReturnContext,
    state: ReturnState,
    values: Record<string, unknown>,
    errors: FormErrors,
  ) {
    const comments = await returns.listComments(state.revision.id);
    const files = await deps.database.db
      .selectFrom('evidence_files')
      .select(['id', 'item_id', 'original_name'])
      .where('revision_id', '=', state.revision.id)
      .execute();
    const path = returnPath(ctx.partnership, ctx.organisation, ctx.period);
    return {
      title: `Review: ${ctx.organisation.name}, ${ctx.period.label}`,
      ctx,
      state,
      path,
      values,
      errors,
      sections: state.sections.map((s) => ({
        ...s,
        rows: s.items.map((item) => {
          const v = state.values.get(item.id);
          return {
            item,
            value: v?.value == null ? 'Not entered' : formatValue(Number(v.value), item.unit),
            note: v?.note,
            confidence: v?.confidence,
            links: v?.links ?? [],
            files: files.filter((f) => f.item_id === item.id),
            comments: comments.filter((c) => c.item_id === item.id),
          };
        }),
      })),
      generalComments: comments.filter((c) => c.item_id === null),
      back: { href: path, text: 'Back to the return' },
    };
  }

  app.get<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/review',
    { config: { access: 'return.review' } },
    async function reviewGet(request, reply) {
      const ctx = await contextOf(request);
      const state = await returns.load(ctx, auditActor(request));
      if (state.revision.status !== 'submitted')
        return reply.redirect(returnPath(ctx.partnership, ctx.organisation, ctx.period), 303);
      return reply.page(`${V}/review.njk`, await reviewView(ctx, state, {}, noErrors));
    },
  );

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/review',
    { config: { access: 'return.review' } },
    async function reviewPost(request, reply) {
      const ctx = await contextOf(request);
      const state = await returns.load(ctx, auditActor(request));
      const body = request.body as Record<string, unknown>;
      const decision = body.decision;
      const queries: { itemId: string | null; body: string }[] = [];
      const problems: { field: string; text: string }[] = [];
      const general = typeof body['query-general'] === 'string' ? body['query-general'].trim() : '';
      if (general) queries.push({ itemId: null, body: general });
      for (const s of state.sections) {
        for (const item of s.items) {
          const text = body[`query-${item.id}`];
          if (typeof text === 'string' && text.trim()) {
            if (text.length > 4000)
              problems.push({
                field: `query-${item.id}`,
                text: 'A query must be 4,000 characters or fewer',
              });
            queries.push({ itemId: item.id, body: text.trim() });
          }
        }
      }
      if (decision !== 'approve' && decision !== 'return')
        problems.push({
          field: 'decision',
          text: 'Select whether to approve the return or return it with queries',
        });
      if (decision === 'return' && queries.length === 0)
        problems.push({
          field: 'query-general',
          text: 'Write at least one query to return this for changes',
        });
      if (decision === 'approve' && queries.length > 0)
        problems.push({
          field: 'decision',
          text: 'To approve, remove your queries; to ask about them, return it with queries',
        });
      if (problems.length)
        return reply.page(
          `${V}/review.njk`,
          await reviewView(ctx, state, body, formErrors(problems)),
          400,
        );
      if (decision === 'approve') {
        await returns.approve(state, ctx, auditActor(request));
        request.session.flash = `${ctx.organisation.name}’s ${ctx.period.label} return is approved. Its figures are now locked.`;
      } else {
        await returns.returnWithQueries(state, ctx, queries, auditActor(request));
        request.session.flash = `${ctx.organisation.name}’s ${ctx.period.label} return has been returned with ${queries.length} ${queries.length === 1 ? 'query' : 'queries'}.`;
      }
      return reply.redirect(`${base(ctx.partnership)}/returns`, 303);
    },
  );

  const correctionSchema = z.object({
    reason: paragraph('the reason', 2000, { required: 'Say what needs correcting' }),
  });

  app.get<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/correct',
    { config: { access: 'return.correct' } },
    async function correctGet(request, reply) {
      const ctx = await contextOf(request);
      const path = returnPath(ctx.partnership, ctx.organisation, ctx.period);
      return reply.page(`${V}/correct.njk`, {
        title: 'Correct an approved return',
        ctx,
        values: {},
        errors: noErrors,
        action: `${path}/correct`,
        back: { href: path, text: 'Back to the return' },
      });
    },
  );

  app.post<ReturnParams>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/correct',
    { config: { access: 'return.correct' } },
    async function correctPost(request, reply) {
      const ctx = await contextOf(request);
      const path = returnPath(ctx.partnership, ctx.organisation, ctx.period);
      const form = validateForm(correctionSchema, request.body);
      if (!form.ok) {
        return reply.page(
          `${V}/correct.njk`,
          {
            title: 'Correct an approved return',
            ctx,
            ...form,
            action: `${path}/correct`,
            back: { href: path, text: 'Back to the return' },
          },
          400,
        );
      }
      const state = await returns.load(ctx, auditActor(request));
      await returns.correct(state, ctx, form.data.reason, auditActor(request));
      request.session.flash =
        'A correction has been started. The approved figures stay as they are until the corrected return is approved.';
      return reply.redirect(path, 303);
    },
  );

  app.get<ReturnParams & { Params: { number: string } }>(
    '/manage/:slug/organisations/:orgId/returns/:periodId/revisions/:number',
    { config: { access: 'return.view' } },
    async function revisionGet(request, reply) {
      const ctx = await contextOf(request);
      const state = await returns.load(ctx, auditActor(request));
      const revision = state.revisions.find((r) => String(r.number) === request.params.number);
      if (!revision) throw notFound();
      const values = await returns.valuesOf(revision.id);
      const comments = await returns.listComments(revision.id);
      const path = returnPath(ctx.partnership, ctx.organisation, ctx.period);
      return reply.page(`${V}/revision.njk`, {
        title: `Revision ${revision.number}: ${ctx.period.label}`,
        ctx,
        revision,
        statusTag: STATUS_TAGS[revision.status],
        sections: state.sections.map((s) => ({
          ...s,
          rows: s.items.map((item) => {
            const v = values.get(item.id);
            return {
              item,
              value: v?.value == null ? 'Not entered' : formatValue(Number(v.value), item.unit),
              note: v?.note,
            };
          }),
        })),
        comments,
        back: { href: path, text: 'Back to the return' },
      });
    },
  );
}
