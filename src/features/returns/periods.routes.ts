/** Reporting periods: the list, and opening a period with its due date. */
import type { FastifyInstance } from 'fastify';
import { formatDate } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { formBody, inPartnership } from '../../http/route-context.js';
import { periodFormPage, periodsPage, periodsPath, V } from './returns.pages.js';
import { readPeriod } from './returns.schema.js';

type SlugParams = { Params: { slug: string } };

export function registerPeriodRoutes(app: FastifyInstance, deps: Deps) {
  const returns = deps.returns;

  app.get<SlugParams>(
    '/manage/:slug/periods',
    { config: { access: 'partnership.view' } },
    async function periodsGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const periods = await returns.listPeriods(partnership.id);
      const canManage = can(actor, 'periods.manage', { partnershipId: partnership.id });
      return reply.page(`${V}/periods.njk`, periodsPage(partnership, periods, canManage));
    },
  );

  app.get<SlugParams>(
    '/manage/:slug/periods/new',
    { config: { access: 'periods.manage' } },
    async function periodNewGet(request, reply) {
      const { partnership } = inPartnership(request);
      return reply.page(
        `${V}/period-new.njk`,
        periodFormPage(partnership, { values: {}, errors: noErrors }),
      );
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/periods/new',
    { config: { access: 'periods.manage' } },
    async function periodNewPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const values = formBody(request);
      const form = readPeriod(values);
      if (!form.ok)
        return reply.page(`${V}/period-new.njk`, periodFormPage(partnership, form), 400);
      try {
        const period = await returns.openPeriod(partnership, form.data, auditActor);
        request.session.flash = `${period.label} is open. Returns are due by ${formatDate(period.due_on)}.`;
        return reply.redirect(periodsPath(partnership), 303);
      } catch (err) {
        if (err instanceof DomainError && (err.code === 'CONFLICT' || err.code === 'INVALID')) {
          const field = err.code === 'INVALID' ? 'dueOn-day' : 'kind';
          return reply.page(
            `${V}/period-new.njk`,
            periodFormPage(partnership, {
              values,
              errors: formErrors([{ field, text: err.userMessage ?? err.message }]),
            }),
            400,
          );
        }
        throw err;
      }
    },
  );
}
