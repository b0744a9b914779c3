/**
 * Local priorities (SPEC §2.8, decision 029). For residents (public; raising and supporting need
 * a light account): every priority with the partnership's answers and C3, one priority with the
 * button to support it, raising a priority, and reporting one to a moderator. For staff: every
 * priority, one priority (moderate, block, answer), and raising a priority for someone.
 */
import { notifyPriorityAnswered } from '../notifications/notifications.service.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  readPriority,
  readPriorityAnswer,
  readPriorityEnteredHow,
} from '../../core/charter/priorities.js';
import { readFlagReason } from '../../core/charter/responses.js';
import { notFound } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { formBody, inPartnership } from '../../http/route-context.js';
import {
  V,
  assistPage,
  flagPage,
  isStaffFilter,
  publicListPage,
  publicPath,
  publicPriority,
  publicPriorityPage,
  raisePage,
  staffListPage,
  staffPath,
  staffPriorityPage,
  type FormState,
  type Names,
} from './priorities.pages.js';
import { prioritiesService, type Priority } from './priorities.service.js';
import {
  blockFromForm,
  moderateFromForm,
  mustSignIn,
  postingConfig,
  refusal,
  type ModerationForms,
} from '../consultation/participation.http.js';

type PublicList = { Params: { slug: string } };
type OnePriority = { Params: { slug: string; priorityId: string } };

export function registerPriorityRoutes(app: FastifyInstance, deps: Deps) {
  const priorities = prioritiesService(deps);
  const posting = postingConfig(deps);
  const PUBLIC = { config: { access: 'public' as const } };
  const area = (code: string) => deps.districts.name(code);

  /** The names an answer's links are shown with. */
  async function names(partnershipId: string): Promise<Names> {
    const [adopted, framework, initiatives] = await Promise.all([
      deps.charter.adopted(partnershipId),
      deps.framework.framework(partnershipId),
      deps.initiatives.list(partnershipId),
    ]);
    return {
      area,
      commitments: new Map(
        (adopted?.items ?? []).filter((i) => i.kind === 'commitment').map((i) => [i.key, i.title]),
      ),
      indicators: new Map(framework.indicators.map((i) => [i.id, i.name])),
      initiatives: new Map(initiatives.map((i) => [i.id, { title: i.title, status: i.status }])),
    };
  }

  /** A public partnership, or 404. */
  async function publicPartnership(request: FastifyRequest<PublicList>) {
    const { partnership } = await deps.publicSite.partnership(request.params.slug);
    request.partnership = partnership;
    return partnership;
  }

  /** A priority of a public partnership the public may see (published or hidden), or 404. */
  async function publicTarget(request: FastifyRequest<OnePriority>) {
    const partnership = await publicPartnership(request);
    const priority = await priorities.priority(partnership.id, request.params.priorityId);
    if (!priority || priority.state === 'pending') throw notFound();
    return { partnership, priority };
  }

  async function blocked(partnershipId: string, request: FastifyRequest) {
    return request.user ? priorities.isBlocked(partnershipId, request.user.id) : false;
  }

  app.get<PublicList>('/p/:slug/priorities', PUBLIC, async function listGet(request, reply) {
    const partnership = await publicPartnership(request);
    const [list, known] = await Promise.all([
      priorities.list(partnership.id, { states: ['published', 'hidden'] }),
      names(partnership.id),
    ]);
    return reply.page(`${V}/public-list.njk`, publicListPage(partnership, list, known));
  });

  app.get<PublicList>('/p/:slug/priorities/new', PUBLIC, async function raiseGet(request, reply) {
    const partnership = await publicPartnership(request);
    return reply.page(
      `${V}/raise.njk`,
      raisePage(
        partnership,
        { area },
        { signedIn: request.user !== null, blocked: await blocked(partnership.id, request) },
        { values: { showAs: 'anonymous' }, errors: noErrors },
      ),
    );
  });

  app.post<PublicList>(
    '/p/:slug/priorities/new',
    { config: posting },
    async function raisePost(request, reply) {
      const partnership = await publicPartnership(request);
      if (mustSignIn(request, reply, `${publicPath(partnership)}/new`)) return reply;
      const body = formBody(request);
      const isBlocked = await blocked(partnership.id, request);
      const page = (errors: FormState['errors'], status: number) =>
        reply.page(
          `${V}/raise.njk`,
          raisePage(
            partnership,
            { area },
            { signedIn: true, blocked: isBlocked },
            { values: body, errors },
          ),
          status,
        );
      if (isBlocked) return page(noErrors, 409);
      const read = readPriority(body, new Set(partnership.local_area));
      if (!read.ok) return page(formErrors(read.problems), 400);
      try {
        const row = await priorities.raise(partnership.id, read.values, {
          kind: 'participant',
          userId: request.user?.id ?? '',
        });
        request.session.flash =
          'Thank you. Your priority has been published. The partnership will answer it in public.';
        return reply.redirect(`${publicPath(partnership)}/${row.id}`, 303);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        return page(formErrors([{ field: 'title', text: reason }]), 409);
      }
    },
  );

  async function priorityPage(
    request: FastifyRequest<OnePriority>,
    reply: FastifyReply,
    said?: { refusal: string; status: number },
  ) {
    const { partnership, priority } = await publicTarget(request);
    const user = request.user;
    const [known, isBlocked, supported] = await Promise.all([
      names(partnership.id),
      blocked(partnership.id, request),
      user ? priorities.supports(priority.id, user.id) : Promise.resolve(false),
    ]);
    return reply.page(
      `${V}/public-priority.njk`,
      publicPriorityPage(
        partnership,
        priority,
        known,
        { signedIn: user !== null, blocked: isBlocked, supported },
        said?.refusal,
      ),
      said?.status ?? 200,
    );
  }

  app.get<OnePriority>(
    '/p/:slug/priorities/:priorityId',
    PUBLIC,
    async function priorityGet(request, reply) {
      return priorityPage(request, reply);
    },
  );

  app.post<OnePriority>(
    '/p/:slug/priorities/:priorityId/support',
    { config: posting },
    async function supportPost(request, reply) {
      const { partnership, priority } = await publicTarget(request);
      const href = `${publicPath(partnership)}/${priority.id}`;
      if (mustSignIn(request, reply, href)) return reply;
      try {
        const added = await priorities.support(partnership.id, priority.id, request.user?.id ?? '');
        if (!added)
          return priorityPage(request, reply, {
            refusal: 'You already support this priority.',
            status: 409,
          });
        request.session.flash = 'Thank you. You now support this priority.';
        return reply.redirect(href, 303);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        return priorityPage(request, reply, { refusal: reason, status: 409 });
      }
    },
  );

  async function flagTarget(request: FastifyRequest<OnePriority>) {
    const target = await publicTarget(request);
    if (target.priority.state !== 'published') throw notFound();
    return target;
  }

  const shown = (partnership: { slug: string }, priority: Priority, known: Names) =>
    publicPriority(priority, known, `${publicPath(partnership)}/${priority.id}`);

  app.get<OnePriority>(
    '/p/:slug/priorities/:priorityId/flag',
    PUBLIC,
    async function flagGet(request, reply) {
      const { partnership, priority } = await flagTarget(request);
      return reply.page(
        `${V}/flag.njk`,
        flagPage(
          partnership,
          shown(partnership, priority, await names(partnership.id)),
          request.url,
          {
            values: {},
            errors: noErrors,
          },
        ),
      );
    },
  );

  app.post<OnePriority>(
    '/p/:slug/priorities/:priorityId/flag',
    { config: posting },
    async function flagPost(request, reply) {
      const { partnership, priority } = await flagTarget(request);
      const body = formBody(request);
      const read = readFlagReason(body);
      if (!read.ok)
        return reply.page(
          `${V}/flag.njk`,
          flagPage(
            partnership,
            shown(partnership, priority, await names(partnership.id)),
            request.url,
            { values: body, errors: formErrors(read.problems) },
          ),
          400,
        );
      await priorities.flag(
        partnership.id,
        priority.id,
        read.values.reason,
        request.user?.id ?? null,
      );
      request.session.flash = 'Thank you. A moderator will look at it.';
      return reply.redirect(`${publicPath(partnership)}/${priority.id}`, 303);
    },
  );

  // Staff pages.

  app.get<PublicList & { Querystring: { show?: string } }>(
    '/manage/:slug/priorities',
    { config: { access: 'consultation.view' } },
    async function staffListGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const [list, flags] = await Promise.all([
        priorities.list(partnership.id),
        priorities.openFlags(partnership.id),
      ]);
      const show = request.query.show;
      return reply.page(
        `${V}/staff-list.njk`,
        staffListPage(partnership, list, flags, { area }, isStaffFilter(show) ? show : undefined, {
          assist: can(actor, 'consultation.assist', { partnershipId: partnership.id }),
        }),
      );
    },
  );

  /** Staff's view of one priority, with the forms their roles allow. */
  async function staffView(
    request: FastifyRequest<OnePriority>,
    forms: Parameters<typeof staffPriorityPage>[7],
    refused?: string,
  ) {
    const { partnership, actor } = inPartnership(request);
    const priority = await priorities.priority(partnership.id, request.params.priorityId);
    if (!priority) throw notFound();
    const author = priority.participant_id;
    const [flags, adopted, initiatives, known, framework, authorBlocked] = await Promise.all([
      priorities.openFlags(partnership.id),
      deps.charter.adopted(partnership.id),
      deps.initiatives.list(partnership.id),
      names(partnership.id),
      deps.framework.framework(partnership.id),
      author ? priorities.isBlocked(partnership.id, author) : Promise.resolve(false),
    ]);
    const choices = {
      commitments: (adopted?.items ?? [])
        .filter((i) => i.kind === 'commitment')
        .map((i) => ({ key: i.key, title: i.title })),
      initiatives: initiatives.map((i) => ({ id: i.id, title: i.title })),
    };
    const target = { partnershipId: partnership.id };
    return {
      partnership,
      priority,
      known: {
        commitments: new Set(choices.commitments.map((c) => c.key)),
        indicators: new Set(framework.indicators.map((i) => i.id)),
        initiatives: new Set(choices.initiatives.map((i) => i.id)),
      },
      page: staffPriorityPage(
        partnership,
        priority,
        flags.get(priority.id) ?? [],
        authorBlocked,
        known,
        choices,
        {
          moderate: can(actor, 'consultation.moderate', target),
          answer: can(actor, 'consultation.answer', target),
        },
        forms,
        refused,
      ),
    };
  }

  app.get<OnePriority>(
    '/manage/:slug/priorities/:priorityId',
    { config: { access: 'consultation.view' } },
    async function staffPriorityGet(request, reply) {
      const { page } = await staffView(request, {});
      return reply.page(`${V}/staff-priority.njk`, page);
    },
  );

  /** A priority's staff page, for the moderation forms posted from it. */
  async function moderatedPage(request: FastifyRequest<OnePriority>) {
    const { partnership } = inPartnership(request);
    const { priority } = await staffView(request, {});
    return {
      id: priority.id,
      noun: 'priority',
      template: `${V}/staff-priority.njk`,
      view: async (forms: ModerationForms, refused?: string) =>
        (await staffView(request, forms, refused)).page,
      href: `${staffPath(partnership)}/${priority.id}`,
      blocked:
        'The participant has been blocked from this partnership’s consultations and priorities.',
    };
  }

  app.post<OnePriority>(
    '/manage/:slug/priorities/:priorityId/moderate',
    { config: { access: 'consultation.moderate' } },
    async function moderatePost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const page = await moderatedPage(request);
      return moderateFromForm(request, reply, page, (action, reason) =>
        priorities.moderate(partnership.id, page.id, action, reason, auditActor),
      );
    },
  );

  app.post<OnePriority>(
    '/manage/:slug/priorities/:priorityId/block',
    { config: { access: 'consultation.moderate' } },
    async function blockPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const page = await moderatedPage(request);
      return blockFromForm(request, reply, page, (reason) =>
        priorities.block(partnership.id, page.id, reason, auditActor),
      );
    },
  );

  app.post<OnePriority>(
    '/manage/:slug/priorities/:priorityId/answer',
    { config: { access: 'consultation.answer' } },
    async function answerPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const view = await staffView(request, {});
      const body = formBody(request);
      const read = readPriorityAnswer(body, view.known);
      if (!read.ok) {
        const { page } = await staffView(request, {
          answer: { values: body, errors: formErrors(read.problems) },
        });
        return reply.page(`${V}/staff-priority.njk`, page, 400);
      }
      try {
        await priorities.answer(partnership.id, view.priority.id, read.values, auditActor);
        await notifyPriorityAnswered(deps, view.priority.id);
        request.session.flash = 'The answer has been published with the priority.';
      } catch (error) {
        const said = refusal(error);
        if (!said) throw error;
        request.session.notice = said;
      }
      return reply.redirect(`${staffPath(partnership)}/${view.priority.id}`, 303);
    },
  );

  app.get<PublicList>(
    '/manage/:slug/priorities/new',
    { config: { access: 'consultation.assist' } },
    async function assistGet(request, reply) {
      const { partnership } = inPartnership(request);
      return reply.page(
        `${V}/assist.njk`,
        assistPage(partnership, { area }, { values: { showAs: 'anonymous' }, errors: noErrors }),
      );
    },
  );

  app.post<PublicList>(
    '/manage/:slug/priorities/new',
    { config: { access: 'consultation.assist' } },
    async function assistPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const body = formBody(request);
      const read = readPriority(body, new Set(partnership.local_area));
      const how = readPriorityEnteredHow(body);
      if (!read.ok || !how.ok)
        return reply.page(
          `${V}/assist.njk`,
          assistPage(
            partnership,
            { area },
            {
              values: body,
              errors: formErrors([
                ...(read.ok ? [] : read.problems),
                ...(how.ok ? [] : how.problems),
              ]),
            },
          ),
          400,
        );
      const row = await priorities.raise(partnership.id, read.values, {
        kind: 'assisted',
        actor: auditActor,
        enteredHow: how.values.enteredHow,
      });
      request.session.flash = 'The priority has been raised, marked as entered by staff.';
      return reply.redirect(`${staffPath(partnership)}/${row.id}`, 303);
    },
  );
}
