/**
 * Local Multiplier 3: the partnership lead's page (the year's LM3, local suppliers, survey links)
 * and the public survey a supplier answers through its link, without an account.
 */
import { formatPounds } from '../../core/spend/amounts.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { fyLabel, fyStartYearOf, isoDate, periodDates } from '../../core/periods.js';
import type { Lm3Result } from '../../core/spend/lm3.js';
import type { Partnership, User } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors, validateForm, type FormErrors } from '../../http/form-errors.js';
import {
  LM3_METHOD,
  LM3_SURVEY_TTL_DAYS,
  type CreatedLink,
  type SurveyByToken,
} from './lm3.service.js';
import { optionalEmail, surveyAnswerSchema } from './lm3.schema.js';

const V = 'features/lm3/views';
type SlugParams = { Params: { slug: string } };
type SurveyParams = { Params: { slug: string; surveyId: string } };
type TokenParams = { Params: { token: string } };

const pounds = (pence: number) => formatPounds(pence, { whole: true });
const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);
const dateText = (d: Date) =>
  d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
const pctText = (v: number) => `${Number(v.toFixed(2))}%`;

/** "Liverpool", "Liverpool and Sefton", "Knowsley, Liverpool and Sefton". */
function listText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'the local area';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function resultView(r: Lm3Result) {
  return {
    r1: pounds(r.r1),
    r2: pounds(r.r2),
    r3: pounds(r.r3),
    lm3: r.lm3 === null ? '–' : r.lm3.toFixed(2),
    localShare: r.r1 > 0 ? percent(r.r2 / r.r1) : '–',
    answered: r.answered,
    asked: r.asked,
    localSuppliers: r.localSuppliers,
    coverage: percent(r.coverage),
    answeredText: `${r.answered} of ${r.asked} asked`,
  };
}

export function registerLm3Routes(app: FastifyInstance, deps: Deps) {
  const lm3 = deps.lm3;
  const base = (p: Partnership) => `/manage/${p.slug}/lm3`;
  const auditActor = (r: FastifyRequest) => {
    const user = r.user as User;
    return { userId: user.id, label: user.email };
  };
  const windowMs = deps.config.rateLimits.windowMinutes * 60_000;
  const surveyLimit = {
    access: 'public' as const,
    rateLimit: { max: deps.config.rateLimits.survey, timeWindow: windowMs },
  };
  const areaOf = (codes: readonly string[]) => listText(codes.map((c) => deps.districts.name(c)));

  async function chosenYear(p: Partnership, raw: unknown) {
    const years = await lm3.years(p);
    const y = Number(raw);
    const current = fyStartYearOf(isoDate(new Date()), p.fy_start_month);
    const year = Number.isInteger(y) && years.includes(y) ? y : (years[0] ?? current);
    return { year, years, valid: Number.isInteger(y) && years.includes(y) };
  }

  async function staffPage(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    years: number[],
    form: { errors: FormErrors; values: Record<string, unknown> } = {
      errors: noErrors,
      values: {},
    },
    status?: number,
  ) {
    const partnership = request.partnership as Partnership;
    const [results, suppliers, links] = await Promise.all([
      lm3.results(partnership, year),
      lm3.localSuppliers(partnership, year),
      lm3.surveyList(partnership.id, year),
    ]);
    const picked = new Set([form.values.supplier ?? []].flat().map(String));
    const now = Date.now();
    return reply.page(
      `${V}/lm3.njk`,
      {
        title: 'Local Multiplier 3',
        year,
        yearLabel: fyLabel(year, partnership.fy_start_month),
        years: years.map((y) => ({
          label: fyLabel(y, partnership.fy_start_month),
          href: `${base(partnership)}?year=${y}`,
          current: y === year,
        })),
        area: areaOf(partnership.local_area),
        result: results.partnership.r1 > 0 ? resultView(results.partnership) : null,
        organisations: results.organisations.map((o) => ({
          name: o.name,
          ...resultView(o.result),
        })),
        method: LM3_METHOD,
        ttlDays: LM3_SURVEY_TTL_DAYS,
        unasked: suppliers
          .filter((s) => !s.survey)
          .map((s) => ({
            id: s.id,
            name: s.name,
            postcode: s.postcode,
            amount: pounds(s.pence),
            checked: picked.has(s.id),
            email:
              typeof form.values[`email-${s.id}`] === 'string' ? form.values[`email-${s.id}`] : '',
          })),
        askedCount: suppliers.filter((s) => s.survey).length,
        links: links.map((l) => {
          const status = l.revoked_at
            ? { text: 'Withdrawn', colour: 'grey' }
            : l.expires_at.getTime() <= now
              ? { text: 'Closed', colour: 'grey' }
              : l.answered_at
                ? { text: 'Answered', colour: 'green' }
                : { text: 'Waiting', colour: 'blue' };
          return {
            id: l.id,
            supplierName: l.supplier_name,
            sentTo: l.sent_to,
            status,
            answered: l.answered_at ? dateText(l.answered_at) : null,
            answer: l.answer
              ? `${pctText(l.answer.staffCostPct)} staff costs, ${pctText(l.answer.staffLocalPct)} to local staff, ${pctText(l.answer.suppliersLocalPct)} of the rest to local suppliers`
              : null,
            expires: dateText(l.expires_at),
            canRevoke: !l.revoked_at,
            revokeAction: `${base(partnership)}/surveys/${l.id}/revoke`,
            reissueHref: `${base(partnership)}/surveys/${l.id}/reissue`,
          };
        }),
        action: `${base(partnership)}/surveys`,
        recalculateAction: `${base(partnership)}/recalculate`,
        spendHref: `/manage/${partnership.slug}/spend?year=${year}`,
        ...form,
        breadcrumbs: [
          { href: `/manage/${partnership.slug}`, text: partnership.name },
          { href: `/manage/${partnership.slug}/spend`, text: 'Spend' },
        ],
      },
      status,
    );
  }

  function linksPage(
    reply: FastifyReply,
    partnership: Partnership,
    year: number,
    links: readonly CreatedLink[],
  ) {
    return reply.header('cache-control', 'no-store').page(`${V}/links.njk`, {
      title: links.length === 1 ? 'Survey link created' : 'Survey links created',
      links,
      ttlDays: LM3_SURVEY_TTL_DAYS,
      back: { href: `${base(partnership)}?year=${year}`, text: 'Back to Local Multiplier 3' },
    });
  }

  app.get<SlugParams & { Querystring: { year?: string } }>(
    '/manage/:slug/lm3',
    { config: { access: 'lm3.manage' } },
    async function lm3Get(request, reply) {
      const { year, years } = await chosenYear(
        request.partnership as Partnership,
        request.query.year,
      );
      return staffPage(request, reply, year, years);
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/lm3/surveys',
    { config: { access: 'lm3.manage' } },
    async function lm3SurveysPost(request, reply) {
      const partnership = request.partnership as Partnership;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const { year, years, valid } = await chosenYear(partnership, body.year);
      const values = { ...body };
      delete values._csrf;
      const again = (issues: { field: string; text: string }[]) =>
        staffPage(request, reply, year, years, { errors: formErrors(issues), values }, 400);
      if (!valid) return again([{ field: 'supplier', text: 'Choose a financial year with spend' }]);
      const ids = [...new Set([body.supplier ?? []].flat().map(String))];
      if (ids.length === 0)
        return again([
          { field: 'supplier', text: 'Select at least one supplier to send the survey to' },
        ]);
      const local = new Map((await lm3.localSuppliers(partnership, year)).map((s) => [s.id, s]));
      const issues: { field: string; text: string }[] = [];
      const choices: { supplierId: string; email: string | null }[] = [];
      for (const id of ids) {
        const supplier = local.get(id);
        if (!supplier) {
          issues.push({ field: 'supplier', text: 'Select suppliers from the list' });
          continue;
        }
        if (supplier.survey) {
          issues.push({
            field: 'supplier',
            text: `${supplier.name} has already been sent the survey for this year`,
          });
          continue;
        }
        const email = optionalEmail.safeParse(
          typeof body[`email-${id}`] === 'string' ? body[`email-${id}`] : '',
        );
        if (!email.success) {
          issues.push({
            field: `email-${id}`,
            text: `${email.error.issues[0]?.message ?? 'Enter a correct email address'} for ${supplier.name}`,
          });
          continue;
        }
        choices.push({ supplierId: id, email: email.data || null });
      }
      if (issues.length) return again(issues);
      try {
        const created = await lm3.createLinks(partnership, year, choices, auditActor(request));
        return linksPage(reply, partnership, year, created);
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
      const partnership = request.partnership as Partnership;
      const result = await lm3.revoke(partnership.id, request.params.surveyId, auditActor(request));
      request.session.flash = result.alreadyRevoked
        ? `The link for ${result.supplierName} had already been withdrawn.`
        : `The link for ${result.supplierName} has been withdrawn and no longer works.`;
      return reply.redirect(`${base(partnership)}?year=${result.fyStartYear}`, 303);
    },
  );

  const reissueView = (
    partnership: Partnership,
    survey: { id: string; supplier_name: string; fy_start_year: number },
    form: { errors: FormErrors; values: Record<string, unknown> },
  ) => ({
    title: `Send a new survey link to ${survey.supplier_name}`,
    supplierName: survey.supplier_name,
    ttlDays: LM3_SURVEY_TTL_DAYS,
    yearLabel: fyLabel(survey.fy_start_year, partnership.fy_start_month),
    back: { href: `${base(partnership)}?year=${survey.fy_start_year}`, text: 'Back' },
    ...form,
  });

  app.get<SurveyParams>(
    '/manage/:slug/lm3/surveys/:surveyId/reissue',
    { config: { access: 'lm3.manage' } },
    async function lm3ReissueGet(request, reply) {
      const partnership = request.partnership as Partnership;
      const survey = await lm3.find(partnership.id, request.params.surveyId);
      return reply.page(
        `${V}/reissue.njk`,
        reissueView(partnership, survey, {
          errors: noErrors,
          values: { email: survey.sent_to ?? '' },
        }),
      );
    },
  );

  app.post<SurveyParams>(
    '/manage/:slug/lm3/surveys/:surveyId/reissue',
    { config: { access: 'lm3.manage' } },
    async function lm3ReissuePost(request, reply) {
      const partnership = request.partnership as Partnership;
      const survey = await lm3.find(partnership.id, request.params.surveyId);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const email = optionalEmail.safeParse(typeof body.email === 'string' ? body.email : '');
      if (!email.success) {
        return reply.page(
          `${V}/reissue.njk`,
          reissueView(partnership, survey, {
            errors: formErrors([
              {
                field: 'email',
                text: email.error.issues[0]?.message ?? 'Enter a correct email address',
              },
            ]),
            values: { email: body.email },
          }),
          400,
        );
      }
      const link = await lm3.reissue(
        partnership,
        survey.id,
        email.data || null,
        auditActor(request),
      );
      return linksPage(reply, partnership, link.fyStartYear, [link]);
    },
  );

  app.post<SlugParams>(
    '/manage/:slug/lm3/recalculate',
    { config: { access: 'lm3.manage' } },
    async function lm3RecalculatePost(request, reply) {
      const partnership = request.partnership as Partnership;
      const body = (request.body ?? {}) as Record<string, unknown>;
      await lm3.refreshAll(partnership.id, auditActor(request));
      request.session.flash =
        'Local Multiplier 3 has been worked out again from the latest spend and answers for every annual reporting period.';
      const year = Number(body.year);
      return reply.redirect(
        Number.isInteger(year) ? `${base(partnership)}?year=${year}` : base(partnership),
        303,
      );
    },
  );

  // ---------- The public survey ----------

  function closedPage(reply: FastifyReply, survey: SurveyByToken | undefined) {
    reply.header('cache-control', 'no-store');
    if (!survey) {
      return reply.page(
        `${V}/survey-closed.njk`,
        { title: 'This link does not work', reason: 'unknown' },
        404,
      );
    }
    return reply.page(
      `${V}/survey-closed.njk`,
      {
        title:
          survey.status === 'revoked'
            ? 'This survey link has been withdrawn'
            : 'This survey has closed',
        reason: survey.status,
        partnershipName: survey.partnershipName,
        closedOn: dateText(survey.expiresAt),
      },
      410,
    );
  }

  function surveyView(
    token: string,
    survey: SurveyByToken,
    form: { errors: FormErrors; values: Record<string, unknown> },
  ) {
    const area = areaOf(survey.localArea);
    return {
      title: `Local spending survey for ${survey.supplierName}`,
      survey,
      area,
      yearLabel: periodDates({ kind: 'year', fyStartYear: survey.fyStartYear }, survey.fyStartMonth)
        .label,
      closes: dateText(survey.expiresAt),
      answeredOn: survey.answeredAt ? dateText(survey.answeredAt) : null,
      action: `/survey/${token}`,
      ...form,
    };
  }

  app.get<TokenParams>(
    '/survey/:token',
    { config: { access: 'public' } },
    async function surveyGet(request, reply) {
      const survey = await lm3.findByToken(request.params.token);
      if (!survey || survey.status !== 'open') return closedPage(reply, survey);
      const a = survey.answer;
      return reply.header('cache-control', 'no-store').page(
        `${V}/survey.njk`,
        surveyView(request.params.token, survey, {
          errors: noErrors,
          values: a
            ? {
                staffCostPct: String(a.staffCostPct),
                staffLocalPct: String(a.staffLocalPct),
                suppliersLocalPct: String(a.suppliersLocalPct),
              }
            : {},
        }),
      );
    },
  );

  app.post<TokenParams>(
    '/survey/:token',
    { config: surveyLimit },
    async function surveyPost(request, reply) {
      const token = request.params.token;
      const survey = await lm3.findByToken(token);
      if (!survey || survey.status !== 'open') return closedPage(reply, survey);
      const form = validateForm(surveyAnswerSchema(areaOf(survey.localArea)), request.body);
      if (!form.ok) {
        return reply
          .header('cache-control', 'no-store')
          .page(`${V}/survey.njk`, surveyView(token, survey, form), 400);
      }
      const saved = await lm3.answer(token, form.data);
      if (!saved) return closedPage(reply, await lm3.findByToken(token));
      return reply.redirect(`/survey/${token}/thank-you`, 303);
    },
  );

  app.get<TokenParams>(
    '/survey/:token/thank-you',
    { config: { access: 'public' } },
    async function surveyThanksGet(request, reply) {
      const token = request.params.token;
      const survey = await lm3.findByToken(token);
      if (!survey || survey.status !== 'open') return closedPage(reply, survey);
      if (!survey.answer) return reply.redirect(`/survey/${token}`, 303);
      const area = areaOf(survey.localArea);
      return reply.header('cache-control', 'no-store').page(`${V}/survey-done.njk`, {
        title: 'Your answers have been sent',
        survey,
        area,
        answers: [
          {
            key: 'Staff costs, as a percentage of all costs',
            value: pctText(survey.answer.staffCostPct),
          },
          {
            key: `Staff costs paid to staff living in ${area}`,
            value: pctText(survey.answer.staffLocalPct),
          },
          {
            key: `Other spending that goes to suppliers based in ${area}`,
            value: pctText(survey.answer.suppliersLocalPct),
          },
        ],
        closes: dateText(survey.expiresAt),
        changeHref: `/survey/${token}`,
      });
    },
  );
}
