/**
 * A consultation's optional survey (decision 029). For staff: a version's questions, adding,
 * changing and removing them while the version is a draft, and the results through disclosure
 * control. For residents: the survey on a version out for consultation (public to read; answering
 * needs a light account), with an optional home postcode that is placed and dropped.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readAnswers, readQuestion, tallySurvey } from '../../core/charter/survey.js';
import { DomainError, notFound } from '../../core/errors.js';
import { isoDate } from '../../core/periods.js';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { formBody, inPartnership } from '../../http/route-context.js';
import type { CharterVersion } from '../charter/charter.service.js';
import { consultationPath, windowOf } from '../consultation/consultation.pages.js';
import {
  V,
  publicSurveyPage,
  questionFormPage,
  questionFormValues,
  questionsPage,
  removeQuestionPage,
  resultsPage,
  surveyPath,
} from './survey.pages.js';
import { SurveyService } from './survey.service.js';

type StaffVersion = { Params: { slug: string; versionId: string } };
type StaffQuestion = { Params: { slug: string; versionId: string; questionId: string } };
type PublicVersion = { Params: { slug: string; number: string } };

const EDIT = { config: { access: 'charter.edit' as const } };
const VIEW = { config: { access: 'consultation.view' as const } };

const today = () => isoDate(new Date());

function refusal(error: unknown): string | undefined {
  return error instanceof DomainError && error.code === 'CONFLICT'
    ? (error.userMessage ?? error.message)
    : undefined;
}

export function registerSurveyRoutes(app: FastifyInstance, deps: Deps) {
  const survey = new SurveyService(deps);
  const charter = deps.charter;
  const windowMs = deps.config.rateLimits.windowMinutes * 60_000;
  /** Posting is limited per account (or per address before signing in). */
  const posting = {
    access: 'public' as const,
    rateLimit: {
      max: deps.config.rateLimits.posting,
      timeWindow: windowMs,
      keyGenerator: (request: FastifyRequest) =>
        request.session.userId ? `account:${request.session.userId}` : `address:${request.ip}`,
    },
  };

  // Staff pages.

  async function staffVersion(request: FastifyRequest<StaffVersion>) {
    const { partnership } = inPartnership(request);
    const current = await charter.version(partnership.id, request.params.versionId);
    if (!current) throw notFound();
    return current.version;
  }

  async function staffQuestion(request: FastifyRequest<StaffQuestion>) {
    const { partnership } = inPartnership(request);
    const version = await staffVersion(request);
    const question = await survey.question(partnership.id, version.id, request.params.questionId);
    if (!question) throw notFound();
    return { version, question };
  }

  /** Back to the survey with a banner, when the version is no longer a draft. */
  function notDraft(request: FastifyRequest, version: CharterVersion) {
    const { partnership } = inPartnership(request);
    request.session.notice = `Version ${version.number} is no longer a draft: its survey cannot be changed.`;
    return surveyPath(partnership, version);
  }

  app.get<StaffVersion>(
    '/manage/:slug/charter/versions/:versionId/survey',
    VIEW,
    async function surveyGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const version = await staffVersion(request);
      const [questions, answers] = await Promise.all([
        survey.questions(partnership.id, version.id),
        survey.answerCount(version.id),
      ]);
      return reply.page(
        `${V}/survey.njk`,
        questionsPage(partnership, version, questions, {
          canEdit: can(actor, 'charter.edit', { partnershipId: partnership.id }),
          answers,
        }),
      );
    },
  );

  app.get<StaffVersion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/new',
    EDIT,
    async function surveyQuestionNewGet(request, reply) {
      const { partnership } = inPartnership(request);
      const version = await staffVersion(request);
      if (version.state !== 'draft') return reply.redirect(notDraft(request, version), 303);
      return reply.page(
        `${V}/question-form.njk`,
        questionFormPage(partnership, version, undefined, {
          values: { required: 'no' },
          errors: noErrors,
        }),
      );
    },
  );

  app.post<StaffVersion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/new',
    EDIT,
    async function surveyQuestionNewPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const version = await staffVersion(request);
      if (version.state !== 'draft') return reply.redirect(notDraft(request, version), 303);
      const body = formBody(request);
      const read = readQuestion(body);
      if (!read.ok)
        return reply.page(
          `${V}/question-form.njk`,
          questionFormPage(partnership, version, undefined, {
            values: body,
            errors: formErrors(read.problems),
          }),
          400,
        );
      try {
        await survey.addQuestion(version, read.values, auditActor);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        request.session.notice = reason;
        return reply.redirect(surveyPath(partnership, version), 303);
      }
      request.session.flash = `The question “${read.values.prompt}” has been added to the survey.`;
      return reply.redirect(surveyPath(partnership, version), 303);
    },
  );

  app.get<StaffQuestion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/:questionId',
    EDIT,
    async function surveyQuestionGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { version, question } = await staffQuestion(request);
      if (version.state !== 'draft') return reply.redirect(notDraft(request, version), 303);
      return reply.page(
        `${V}/question-form.njk`,
        questionFormPage(partnership, version, question, {
          values: questionFormValues(question),
          errors: noErrors,
        }),
      );
    },
  );

  app.post<StaffQuestion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/:questionId',
    EDIT,
    async function surveyQuestionPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { version, question } = await staffQuestion(request);
      if (version.state !== 'draft') return reply.redirect(notDraft(request, version), 303);
      const body = formBody(request);
      const read = readQuestion(body);
      if (!read.ok)
        return reply.page(
          `${V}/question-form.njk`,
          questionFormPage(partnership, version, question, {
            values: body,
            errors: formErrors(read.problems),
          }),
          400,
        );
      try {
        await survey.updateQuestion(version, question.id, read.values, auditActor);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        request.session.notice = reason;
        return reply.redirect(surveyPath(partnership, version), 303);
      }
      request.session.flash = 'The question has been saved.';
      return reply.redirect(surveyPath(partnership, version), 303);
    },
  );

  app.get<StaffQuestion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/:questionId/remove',
    EDIT,
    async function surveyQuestionRemoveGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { version, question } = await staffQuestion(request);
      if (version.state !== 'draft') return reply.redirect(notDraft(request, version), 303);
      return reply.page(
        `${V}/remove-question.njk`,
        removeQuestionPage(partnership, version, question),
      );
    },
  );

  app.post<StaffQuestion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/:questionId/remove',
    EDIT,
    async function surveyQuestionRemovePost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { version, question } = await staffQuestion(request);
      if (version.state !== 'draft') return reply.redirect(notDraft(request, version), 303);
      try {
        await survey.removeQuestion(version, question.id, auditActor);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        request.session.notice = reason;
        return reply.redirect(surveyPath(partnership, version), 303);
      }
      request.session.flash = `The question “${question.prompt}” has been removed from the survey.`;
      return reply.redirect(surveyPath(partnership, version), 303);
    },
  );

  app.get<StaffVersion>(
    '/manage/:slug/charter/versions/:versionId/survey/results',
    VIEW,
    async function surveyResultsGet(request, reply) {
      const { partnership } = inPartnership(request);
      const version = await staffVersion(request);
      const [questions, answers] = await Promise.all([
        survey.questions(partnership.id, version.id),
        survey.answers(partnership.id, version.id),
      ]);
      const tally = tallySurvey(questions, answers, partnership.local_area);
      return reply.page(
        `${V}/results.njk`,
        resultsPage(partnership, version, tally, (code) => deps.districts.name(code)),
      );
    },
  );

  // Residents' page.

  /** A public partnership's version that has been out for consultation, or 404. */
  async function publicVersion(request: FastifyRequest<PublicVersion>) {
    const { partnership } = await deps.publicSite.partnership(request.params.slug);
    request.partnership = partnership;
    const number = /^\d{1,6}$/.test(request.params.number) ? Number(request.params.number) : 0;
    const current = await charter.versionByNumber(partnership.id, number);
    if (!current || current.version.state === 'draft' || !current.version.consultation_opens)
      throw notFound();
    const questions = await survey.questions(partnership.id, current.version.id);
    const user = request.user;
    const [answered, blocked] = user
      ? await Promise.all([
          survey.hasAnswered(current.version.id, user.id),
          deps.consultation.isBlocked(partnership.id, user.id),
        ])
      : [false, false];
    return { partnership, version: current.version, questions, answered, blocked };
  }

  app.get<PublicVersion>(
    '/p/:slug/charter/versions/:number/consultation/survey',
    { config: { access: 'public' } },
    async function publicSurveyGet(request, reply) {
      const s = await publicVersion(request);
      return reply.page(
        `${V}/public-survey.njk`,
        publicSurveyPage(
          s.partnership,
          s.version,
          s.questions,
          {
            today: today(),
            signedIn: request.user !== null,
            answered: s.answered,
            blocked: s.blocked,
          },
          { values: {}, errors: noErrors },
        ),
      );
    },
  );

  app.post<PublicVersion>(
    '/p/:slug/charter/versions/:number/consultation/survey',
    { config: posting },
    async function publicSurveyPost(request, reply) {
      const s = await publicVersion(request);
      const back = `${consultationPath(s.partnership, s.version)}/survey`;
      const user = request.user;
      if (!user) return reply.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
      const body = formBody(request);
      const page = (errors: ReturnType<typeof formErrors>, status: number, answered = s.answered) =>
        reply.page(
          `${V}/public-survey.njk`,
          publicSurveyPage(
            s.partnership,
            s.version,
            s.questions,
            { today: today(), signedIn: true, answered, blocked: s.blocked },
            { values: errors.list.length ? body : {}, errors },
          ),
          status,
        );
      const open =
        windowOf(s.version, today()).open && !s.answered && !s.blocked && s.questions.length > 0;
      if (!open) return page(noErrors, 409);
      const read = readAnswers(body, s.questions);
      if (!read.ok) return page(formErrors(read.problems), 400);
      try {
        await survey.answer(s.version, s.partnership, read.values, user.id);
      } catch (error) {
        if (!refusal(error)) throw error;
        return page(noErrors, 409, true);
      }
      request.session.flash =
        'Thank you. Your answers to the survey have been received. The partnership publishes only totals.';
      return reply.redirect(consultationPath(s.partnership, s.version), 303);
    },
  );
}
