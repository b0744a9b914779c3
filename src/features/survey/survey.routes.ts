/**
 * A consultation's optional survey (decision 029). For staff: a version's questions, adding,
 * changing and removing them while the version is a draft, and the results through disclosure
 * control. For residents: the survey on a version out for consultation (public to read; answering
 * needs a light account), with an optional home postcode that is placed and dropped.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  readAnswers,
  readQuestion,
  tallySurvey,
  type SurveyQuestion,
} from '../../core/charter/survey.js';
import { notFound } from '../../core/errors.js';
import { isoDate } from '../../core/periods.js';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import type { Partnership } from '../../db/schema.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import { formBody, inPartnership } from '../../http/route-context.js';
import type { CharterVersion } from '../charter/charter.service.js';
import {
  draftFormGet,
  draftFormPost,
  whileDraft,
  type DraftForm,
  type DraftOnly,
} from '../charter/draft-form.js';
import { consultationPath, windowOf } from '../consultation/consultation.pages.js';
import { consultedVersion, postingConfig, refusal } from '../consultation/participation.http.js';
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

export function registerSurveyRoutes(app: FastifyInstance, deps: Deps) {
  const survey = new SurveyService(deps);
  const charter = deps.charter;
  const posting = postingConfig(deps);

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

  /** A survey changes only while its version is a draft: else back to it with a banner. */
  const surveyOnly = (partnership: Partnership, version: CharterVersion): DraftOnly => ({
    back: surveyPath(partnership, version),
    what: 'its survey',
  });

  /** The form to add a question, or to change `question`. */
  const questionForm = (
    partnership: Partnership,
    version: CharterVersion,
    question?: SurveyQuestion,
  ): DraftForm => ({
    ...surveyOnly(partnership, version),
    template: `${V}/question-form.njk`,
    page: (form) => questionFormPage(partnership, version, question, form),
  });

  /** Makes a change to the survey, then back to it with a banner: what was done, or the refusal. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    version: CharterVersion,
    make: () => Promise<unknown>,
    done: string,
  ) {
    const { partnership } = inPartnership(request);
    try {
      await make();
      request.session.flash = done;
    } catch (error) {
      const reason = refusal(error);
      if (!reason) throw error;
      request.session.notice = reason;
    }
    return reply.redirect(surveyPath(partnership, version), 303);
  }

  /** The question form posted: a new question, or `question` changed. */
  function saveQuestion(
    request: FastifyRequest,
    reply: FastifyReply,
    version: CharterVersion,
    question?: SurveyQuestion,
  ) {
    const { partnership, auditActor } = inPartnership(request);
    return draftFormPost(
      request,
      reply,
      version,
      questionForm(partnership, version, question),
      readQuestion,
      (values) =>
        question
          ? change(
              request,
              reply,
              version,
              () => survey.updateQuestion(version, question.id, values, auditActor),
              'The question has been saved.',
            )
          : change(
              request,
              reply,
              version,
              () => survey.addQuestion(version, values, auditActor),
              `The question “${values.prompt}” has been added to the survey.`,
            ),
    );
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
      return draftFormGet(request, reply, version, questionForm(partnership, version), {
        required: 'no',
      });
    },
  );

  app.post<StaffVersion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/new',
    EDIT,
    async function surveyQuestionNewPost(request, reply) {
      return saveQuestion(request, reply, await staffVersion(request));
    },
  );

  app.get<StaffQuestion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/:questionId',
    EDIT,
    async function surveyQuestionGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { version, question } = await staffQuestion(request);
      return draftFormGet(
        request,
        reply,
        version,
        questionForm(partnership, version, question),
        questionFormValues(question),
      );
    },
  );

  app.post<StaffQuestion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/:questionId',
    EDIT,
    async function surveyQuestionPost(request, reply) {
      const { version, question } = await staffQuestion(request);
      return saveQuestion(request, reply, version, question);
    },
  );

  app.get<StaffQuestion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/:questionId/remove',
    EDIT,
    async function surveyQuestionRemoveGet(request, reply) {
      const { partnership } = inPartnership(request);
      const { version, question } = await staffQuestion(request);
      return whileDraft(request, reply, version, surveyOnly(partnership, version), () =>
        reply.page(`${V}/remove-question.njk`, removeQuestionPage(partnership, version, question)),
      );
    },
  );

  app.post<StaffQuestion>(
    '/manage/:slug/charter/versions/:versionId/survey/questions/:questionId/remove',
    EDIT,
    async function surveyQuestionRemovePost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const { version, question } = await staffQuestion(request);
      return whileDraft(request, reply, version, surveyOnly(partnership, version), () =>
        change(
          request,
          reply,
          version,
          () => survey.removeQuestion(version, question.id, auditActor),
          `The question “${question.prompt}” has been removed from the survey.`,
        ),
      );
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
    const { partnership, current } = await consultedVersion(deps, request);
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
