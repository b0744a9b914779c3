/**
 * Local Multiplier 3: the partnership lead's page (the year's LM3, local suppliers, survey links)
 * and the public survey a supplier answers through its link, without an account.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { fyStartYearOf, isoDate } from '../../core/periods.js';
import type { Partnership } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { formErrors, validateForm } from '../../http/form-errors.js';
import { formBody, inPartnership, type InPartnership } from '../../http/route-context.js';
import {
  answerValues,
  blankForm,
  closedPage,
  linksPage,
  listText,
  lm3Path,
  reissuePage,
  staffPage,
  surveyDonePage,
  surveyPage,
  V,
  type FormState,
} from './lm3.pages.js';
import { readReissueEmail, readSurveyChoices, surveyAnswerSchema } from './lm3.schema.js';
import type { CreatedLink, SurveyByToken } from './lm3.service.js';

type SlugParams = { Params: { slug: string } };
type SurveyParams = { Params: { slug: string; surveyId: string } };
type TokenParams = { Params: { token: string } };

export function registerLm3Routes(app: FastifyInstance, deps: Deps) {
  const lm3 = deps.lm3;
  const windowMs = deps.config.rateLimits.windowMinutes * 60_000;
  const surveyLimit = {
    access: 'public' as const,
    rateLimit: { max: deps.config.rateLimits.survey, timeWindow: windowMs },
  };
  const areaOf = (codes: readonly string[]) => listText(codes.map((c) => deps.districts.name(c)));

  /** The year asked for if it has spend, else the latest with spend (or this year). */
  async function chosenYear(p: Partnership, raw: unknown) {
    const years = await lm3.years(p);
    const y = Number(raw);
    const current = fyStartYearOf(isoDate(new Date()), p.fy_start_month);
    const valid = Number.isInteger(y) && years.includes(y);
    return { year: valid ? y : (years[0] ?? current), years, valid };
  }

  async function showStaffPage(
    ctx: InPartnership,
    reply: FastifyReply,
    chosen: { year: number; years: number[] },
    form: FormState = blankForm(),
    status?: number,
  ) {
    const { partnership } = ctx;
    const [results, suppliers, links] = await Promise.all([
      lm3.results(partnership, chosen.year),
      lm3.localSuppliers(partnership, chosen.year),
      lm3.surveyList(partnership.id, chosen.year),
    ]);
    return reply.page(
      `${V}/lm3.njk`,
      staffPage(
        partnership,
        areaOf(partnership.local_area),
        chosen.year,
        chosen.years,
        { results, suppliers, links },
        form,
      ),
      status,
    );
  }

  function showLinks(
    reply: FastifyReply,
    partnership: Partnership,
    year: number,
    links: readonly CreatedLink[],
  ) {
    return reply
      .header('cache-control', 'no-store')
      .page(`${V}/links.njk`, linksPage(partnership, year, links));
  }

  app.get<SlugParams & { Querystring: { year?: string } }>(
    '/manage/:slug/lm3',
    { config: { access: 'lm3.manage' } },
    async function lm3Get(request, reply) {
      const ctx = inPartnership(request);
      return showStaffPage(ctx, reply, await chosenYear(ctx.partnership, request.query.year));
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/lm3/surveys',
    { config: { access: 'lm3.manage' } },
    async function lm3SurveysPost(request, reply) {
      const ctx = inPartnership(request);
      const { partnership, auditActor } = ctx;
      const body = formBody(request);
      const chosen = await chosenYear(partnership, body.year);
      const values = { ...body };
      delete values._csrf;
      const again = (problems: { field: string; text: string }[]) =>
        showStaffPage(ctx, reply, chosen, { errors: formErrors(problems), values }, 400);
      if (!chosen.valid)
        return again([{ field: 'supplier', text: 'Choose a financial year with spend' }]);
      const local = new Map(
        (await lm3.localSuppliers(partnership, chosen.year)).map((s) => [s.id, s]),
      );
      const { choices, problems } = readSurveyChoices(body, local);
      if (problems.length) return again(problems);
      try {
        const created = await lm3.createLinks(partnership, chosen.year, choices, auditActor);
        return showLinks(reply, partnership, chosen.year, created);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'CONFLICT')
          return again([{ field: 'supplier', text: err.userMessage ?? err.message }]);
        throw err;
      }
    },
  );

  app.post<SurveyParams>(
    '/manage/:slug/lm3/surveys/:surveyId/revoke',
    { config: { access: 'lm3.manage' } },
    async function lm3RevokePost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const result = await lm3.revoke(partnership.id, request.params.surveyId, auditActor);
      request.session.flash = result.alreadyRevoked
        ? `The link for ${result.supplierName} had already been withdrawn.`
        : `The link for ${result.supplierName} has been withdrawn and no longer works.`;
      return reply.redirect(`${lm3Path(partnership)}?year=${result.fyStartYear}`, 303);
    },
  );

  app.get<SurveyParams>(
    '/manage/:slug/lm3/surveys/:surveyId/reissue',
    { config: { access: 'lm3.manage' } },
    async function lm3ReissueGet(request, reply) {
      const { partnership } = inPartnership(request);
      const survey = await lm3.find(partnership.id, request.params.surveyId);
      return reply.page(
        `${V}/reissue.njk`,
        reissuePage(partnership, survey, blankForm({ email: survey.sent_to ?? '' })),
      );
    },
  );

  app.post<SurveyParams>(
    '/manage/:slug/lm3/surveys/:surveyId/reissue',
    { config: { access: 'lm3.manage' } },
    async function lm3ReissuePost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const survey = await lm3.find(partnership.id, request.params.surveyId);
      const body = formBody(request);
      const email = readReissueEmail(body);
      if (!email.ok)
        return reply.page(
          `${V}/reissue.njk`,
          reissuePage(partnership, survey, {
            errors: formErrors([email.problem]),
            values: { email: body.email },
          }),
          400,
        );
      const link = await lm3.reissue(partnership, survey.id, email.email, auditActor);
      return showLinks(reply, partnership, link.fyStartYear, [link]);
    },
  );

  // ---------- The public survey ----------

  function showClosed(reply: FastifyReply, survey: SurveyByToken | undefined) {
    const { status, data } = closedPage(survey);
    return reply.header('cache-control', 'no-store').page(`${V}/survey-closed.njk`, data, status);
  }

  app.get<TokenParams>(
    '/survey/:token',
    { config: { access: 'public' } },
    async function surveyGet(request, reply) {
      const token = request.params.token;
      const survey = await lm3.findByToken(token);
      if (!survey || survey.status !== 'open') return showClosed(reply, survey);
      return reply
        .header('cache-control', 'no-store')
        .page(
          `${V}/survey.njk`,
          surveyPage(token, survey, areaOf(survey.localArea), blankForm(answerValues(survey))),
        );
    },
  );

  app.post<TokenParams>(
    '/survey/:token',
    { config: surveyLimit },
    async function surveyPost(request, reply) {
      const token = request.params.token;
      const survey = await lm3.findByToken(token);
      if (!survey || survey.status !== 'open') return showClosed(reply, survey);
      const area = areaOf(survey.localArea);
      const form = validateForm(surveyAnswerSchema(area), request.body);
      if (!form.ok) {
        return reply
          .header('cache-control', 'no-store')
          .page(`${V}/survey.njk`, surveyPage(token, survey, area, form), 400);
      }
      const saved = await lm3.answer(token, form.data);
      if (!saved) return showClosed(reply, await lm3.findByToken(token));
      return reply.redirect(`/survey/${token}/thank-you`, 303);
    },
  );

  app.get<TokenParams>(
    '/survey/:token/thank-you',
    { config: { access: 'public' } },
    async function surveyThanksGet(request, reply) {
      const token = request.params.token;
      const survey = await lm3.findByToken(token);
      if (!survey || survey.status !== 'open') return showClosed(reply, survey);
      if (!survey.answer) return reply.redirect(`/survey/${token}`, 303);
      return reply
        .header('cache-control', 'no-store')
        .page(
          `${V}/survey-done.njk`,
          surveyDonePage(token, { ...survey, answer: survey.answer }, areaOf(survey.localArea)),
        );
    },
  );
}
