/** Platform area: the Real Living Wage table, kept by platform administrators (decision 026). */
import type { FastifyInstance } from 'fastify';
import { nextYearLabel } from '../../core/workforce/living-wage.js';
import type { Deps } from '../../deps.js';
import { noErrors, type FormErrors } from '../../http/form-errors.js';
import { formBody, signedIn } from '../../http/route-context.js';
import {
  LIVING_WAGE_PATH,
  livingWagePage,
  rateFormPage,
  V,
  yearOfSlug,
} from './living-wage.pages.js';
import { rateErrors, rateValues, readRate } from './living-wage.schema.js';

type YearParams = { Params: { year: string } };
const ACCESS = { access: 'platform.living-wage.edit' } as const;

export function registerLivingWageRoutes(app: FastifyInstance, deps: Deps) {
  const { livingWage } = deps;

  app.get(LIVING_WAGE_PATH, { config: ACCESS }, async function livingWageGet(request, reply) {
    return reply.page(`${V}/living-wage.njk`, livingWagePage(await livingWage.entries()));
  });

  app.get(
    `${LIVING_WAGE_PATH}/new`,
    { config: ACCESS },
    async function livingWageNewGet(request, reply) {
      const values = { yearLabel: nextYearLabel(await livingWage.rates()) };
      return reply.page(`${V}/rate-form.njk`, rateFormPage(null, { values, errors: noErrors }));
    },
  );

  app.post(
    `${LIVING_WAGE_PATH}/new`,
    { config: ACCESS },
    async function livingWageNewPost(request, reply) {
      const { auditActor } = signedIn(request);
      const values = formBody(request);
      const again = (errors: FormErrors) =>
        reply.page(`${V}/rate-form.njk`, rateFormPage(null, { values, errors }), 400);
      const form = readRate(values);
      if (!form.ok) return again(form.errors);
      const done = await livingWage.add(form.data, auditActor);
      if (!done.ok) return again(rateErrors(done.problems));
      request.session.flash = `The ${form.data.yearLabel} rates have been added.`;
      return reply.redirect(LIVING_WAGE_PATH, 303);
    },
  );

  app.get<YearParams>(
    `${LIVING_WAGE_PATH}/:year/edit`,
    { config: ACCESS },
    async function livingWageEditGet(request, reply) {
      const rate = await livingWage.entry(yearOfSlug(request.params.year));
      return reply.page(
        `${V}/rate-form.njk`,
        rateFormPage(rate.yearLabel, { values: rateValues(rate), errors: noErrors }),
      );
    },
  );

  app.post<YearParams>(
    `${LIVING_WAGE_PATH}/:year/edit`,
    { config: ACCESS },
    async function livingWageEditPost(request, reply) {
      const { auditActor } = signedIn(request);
      const year = (await livingWage.entry(yearOfSlug(request.params.year))).yearLabel;
      const values = formBody(request);
      const again = (errors: FormErrors) =>
        reply.page(`${V}/rate-form.njk`, rateFormPage(year, { values, errors }), 400);
      const form = readRate(values);
      if (!form.ok) return again(form.errors);
      const done = await livingWage.correct(year, form.data, auditActor);
      if (!done.ok) return again(rateErrors(done.problems));
      const n = done.measuredWithOld;
      request.session.flash =
        `The ${form.data.yearLabel} rates have been corrected.` +
        (n === 0
          ? ''
          : ` ${n === 1 ? 'One organisation’s payroll figures for a year were' : `${n} organisation-years of payroll figures were`} measured against the old rates: their workforce pages say so until the payroll is imported again.`);
      return reply.redirect(LIVING_WAGE_PATH, 303);
    },
  );
}
