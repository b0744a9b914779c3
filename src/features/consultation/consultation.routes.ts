/**
 * Consultation pages. For residents (public; taking part needs a light account): a version's
 * consultation, one commitment with its responses and the form to respond, suggesting a new
 * commitment, reporting a response to a moderator, and "you said, we did". For staff: a version's
 * responses, one response (moderate, block, answer), entering a response for someone, and the
 * moderation log.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  readAnswerForm,
  readEnteredHow,
  readFlagReason,
  readNewCommitment,
  readResponse,
} from '../../core/charter/responses.js';
import { notFound } from '../../core/errors.js';
import { isoDate } from '../../core/periods.js';
import { can } from '../../core/roles.js';
import type { Deps } from '../../deps.js';
import { field, formErrors, noErrors } from '../../http/form-errors.js';
import { formBody, inPartnership } from '../../http/route-context.js';
import type { VersionWithText } from '../charter/charter.service.js';
import {
  assistPage,
  consultationPath,
  flagPage,
  moderationLogPage,
  progressOfIndicators,
  publicCommitmentPage,
  publicConsultationPage,
  publicResponse,
  publicSuggestPage,
  responsePage,
  responsesPath,
  responsesPage,
  V,
  windowOf,
  youSaidWeDidPage,
} from './consultation.pages.js';
import { isSuggestion } from './consultation.service.js';
import {
  blockFromForm,
  consultedVersion,
  moderateFromForm,
  mustSignIn,
  postingConfig,
  refusal,
  type ModerationForms,
} from './participation.http.js';
import { notifyAnswered } from '../notifications/notifications.service.js';
import { SurveyService } from '../survey/survey.service.js';
import { publicSurveyPath, surveyPath } from '../survey/survey.pages.js';

type PublicVersion = { Params: { slug: string; number: string } };
type PublicItem = { Params: { slug: string; number: string; key: string } };
type PublicResponse = { Params: { slug: string; number: string; responseId: string } };
type StaffVersion = { Params: { slug: string; versionId: string } };
type StaffResponse = { Params: { slug: string; versionId: string; responseId: string } };

const today = () => isoDate(new Date());

export function registerConsultationRoutes(app: FastifyInstance, deps: Deps) {
  const consultation = deps.consultation;
  const charter = deps.charter;
  const survey = new SurveyService(deps);
  const posting = postingConfig(deps);
  const PUBLIC = { config: { access: 'public' as const } };

  async function blocked(partnershipId: string, request: FastifyRequest) {
    return request.user ? consultation.isBlocked(partnershipId, request.user.id) : false;
  }

  app.get<PublicVersion>(
    '/p/:slug/charter/versions/:number/consultation',
    PUBLIC,
    async function consultationGet(request, reply) {
      const { partnership, current } = await consultedVersion(deps, request);
      const [counts, suggestions, questions] = await Promise.all([
        consultation.counts(partnership.id, current.version.id),
        consultation.responses(partnership.id, current.version.id, {
          states: ['published', 'hidden'],
          itemKey: null,
        }),
        survey.questions(partnership.id, current.version.id),
      ]);
      const base = consultationPath(partnership, current.version);
      return reply.page(`${V}/public-consultation.njk`, {
        surveyHref:
          questions.length > 0 ? publicSurveyPath(partnership, current.version) : undefined,
        ...publicConsultationPage(
          partnership,
          current,
          counts,
          suggestions.map((r) => publicResponse(r, `${base}/responses/${r.id}/flag`)),
          today(),
          request.user !== null,
        ),
      });
    },
  );

  async function commitmentState(
    request: FastifyRequest<PublicItem>,
    partnershipId: string,
    current: VersionWithText,
  ) {
    const item = current.items.find((i) => i.kind === 'commitment' && i.key === request.params.key);
    if (!item) throw notFound();
    const [responses, counts, isBlocked, responded] = await Promise.all([
      consultation.responses(partnershipId, current.version.id, {
        states: ['published', 'hidden'],
        itemKey: item.key,
      }),
      consultation.counts(partnershipId, current.version.id),
      blocked(partnershipId, request),
      request.user
        ? consultation.hasResponded(current.version.id, item.key, request.user.id)
        : Promise.resolve(false),
    ]);
    return { item, responses, counts: counts.get(item.key), isBlocked, responded };
  }

  app.get<PublicItem>(
    '/p/:slug/charter/versions/:number/consultation/:key',
    PUBLIC,
    async function consultationItemGet(request, reply) {
      const { partnership, current } = await consultedVersion(deps, request);
      const s = await commitmentState(request, partnership.id, current);
      const base = consultationPath(partnership, current.version);
      return reply.page(
        `${V}/public-commitment.njk`,
        publicCommitmentPage(
          partnership,
          current.version,
          s.item,
          s.responses.map((r) => publicResponse(r, `${base}/responses/${r.id}/flag`)),
          s.counts,
          {
            window: windowOf(current.version, today()),
            signedIn: request.user !== null,
            responded: s.responded,
            blocked: s.isBlocked,
          },
          { values: { showAs: 'anonymous' }, errors: noErrors },
        ),
      );
    },
  );

  app.post<PublicItem>(
    '/p/:slug/charter/versions/:number/consultation/:key',
    { config: posting },
    async function consultationItemPost(request, reply) {
      const { partnership, current } = await consultedVersion(deps, request);
      const base = consultationPath(partnership, current.version);
      if (mustSignIn(request, reply, `${base}/${request.params.key}`)) return reply;
      const s = await commitmentState(request, partnership.id, current);
      const window = windowOf(current.version, today());
      const body = formBody(request);
      const page = (errors: ReturnType<typeof formErrors>, status: number) =>
        reply.page(
          `${V}/public-commitment.njk`,
          publicCommitmentPage(
            partnership,
            current.version,
            s.item,
            s.responses.map((r) => publicResponse(r)),
            s.counts,
            { window, signedIn: true, responded: s.responded, blocked: s.isBlocked },
            { values: body, errors },
          ),
          status,
        );
      if (!window.open || s.responded || s.isBlocked) return page(noErrors, 409);
      const read = readResponse(body);
      if (!read.ok) return page(formErrors(read.problems), 400);
      try {
        const row = await consultation.respond(
          current.version,
          { itemKey: s.item.key, ...read.values },
          { kind: 'participant', userId: request.user?.id ?? '' },
        );
        request.session.flash =
          row.state === 'pending'
            ? 'Thank you. Your response has been received: a moderator checks it before it is shown.'
            : 'Thank you. Your response has been published.';
        return reply.redirect(`${base}/${s.item.key}`, 303);
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        return page(formErrors([{ field: 'stance', text: reason }]), 409);
      }
    },
  );

  app.get<PublicVersion>(
    '/p/:slug/charter/versions/:number/consultation/suggest',
    PUBLIC,
    async function suggestGet(request, reply) {
      const { partnership, current } = await consultedVersion(deps, request);
      return reply.page(
        `${V}/public-suggest.njk`,
        publicSuggestPage(
          partnership,
          current.version,
          {
            window: windowOf(current.version, today()),
            signedIn: request.user !== null,
            blocked: await blocked(partnership.id, request),
          },
          { values: { showAs: 'anonymous' }, errors: noErrors },
        ),
      );
    },
  );

  app.post<PublicVersion>(
    '/p/:slug/charter/versions/:number/consultation/suggest',
    { config: posting },
    async function suggestPost(request, reply) {
      const { partnership, current } = await consultedVersion(deps, request);
      const base = consultationPath(partnership, current.version);
      if (mustSignIn(request, reply, `${base}/suggest`)) return reply;
      const window = windowOf(current.version, today());
      const isBlocked = await blocked(partnership.id, request);
      const body = formBody(request);
      const page = (errors: ReturnType<typeof formErrors>, status: number) =>
        reply.page(
          `${V}/public-suggest.njk`,
          publicSuggestPage(
            partnership,
            current.version,
            { window, signedIn: true, blocked: isBlocked },
            { values: body, errors },
          ),
          status,
        );
      if (!window.open || isBlocked) return page(noErrors, 409);
      const read = readNewCommitment(body);
      if (!read.ok) return page(formErrors(read.problems), 400);
      const row = await consultation.respond(
        current.version,
        { itemKey: null, stance: null, ...read.values },
        { kind: 'participant', userId: request.user?.id ?? '' },
      );
      request.session.flash =
        row.state === 'pending'
          ? 'Thank you. Your suggestion has been received: a moderator checks it before it is shown. The partnership will answer it in public.'
          : 'Thank you. Your suggestion has been published. The partnership will answer it in public.';
      return reply.redirect(base, 303);
    },
  );

  async function flagTarget(request: FastifyRequest<PublicResponse>) {
    const { partnership, current } = await consultedVersion(deps, request);
    const response = await consultation.response(partnership.id, request.params.responseId);
    if (!response || response.version_id !== current.version.id || response.state !== 'published')
      throw notFound();
    return { partnership, current, response };
  }

  app.get<PublicResponse>(
    '/p/:slug/charter/versions/:number/consultation/responses/:responseId/flag',
    PUBLIC,
    async function flagGet(request, reply) {
      const { partnership, current, response } = await flagTarget(request);
      return reply.page(
        `${V}/flag.njk`,
        flagPage(partnership, current.version, publicResponse(response), request.url, {
          values: {},
          errors: noErrors,
        }),
      );
    },
  );

  app.post<PublicResponse>(
    '/p/:slug/charter/versions/:number/consultation/responses/:responseId/flag',
    { config: posting },
    async function flagPost(request, reply) {
      const { partnership, current, response } = await flagTarget(request);
      const body = formBody(request);
      const read = readFlagReason(body);
      if (!read.ok)
        return reply.page(
          `${V}/flag.njk`,
          flagPage(partnership, current.version, publicResponse(response), request.url, {
            values: body,
            errors: formErrors(read.problems),
          }),
          400,
        );
      await consultation.flag(
        partnership.id,
        response.id,
        read.values.reason,
        request.user?.id ?? null,
      );
      request.session.flash = 'Thank you. A moderator will look at it.';
      return reply.redirect(consultationPath(partnership, current.version), 303);
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/p/:slug/you-said-we-did',
    PUBLIC,
    async function youSaidWeDidGet(request, reply) {
      const { partnership } = await deps.publicSite.partnership(request.params.slug);
      request.partnership = partnership;
      const [versions, indicators, published, initiatives] = await Promise.all([
        consultation.consulted(partnership.id),
        deps.publishing.describedIndicators(partnership.id),
        deps.publishing.latestOfEachYear(partnership.id),
        deps.initiatives.list(partnership.id),
      ]);
      const withSuggestions = [];
      for (const version of versions) {
        const [text, responses] = await Promise.all([
          charter.version(partnership.id, version.id),
          consultation.responses(partnership.id, version.id, { states: ['published'] }),
        ]);
        withSuggestions.push({
          version,
          items: text?.items ?? [],
          suggestions: responses.filter(isSuggestion),
        });
      }
      return reply.page(
        `${V}/you-said-we-did.njk`,
        youSaidWeDidPage(
          partnership,
          withSuggestions,
          progressOfIndicators(indicators, published[0]?.snapshot),
          new Map(
            initiatives.map((i) => [
              i.id,
              {
                title: i.title,
                status: i.status,
                milestones: i.milestones.length,
                done: i.milestones.filter((m) => m.done).length,
              },
            ]),
          ),
          today(),
        ),
      );
    },
  );

  // Staff pages.

  async function staffVersion(request: FastifyRequest<StaffVersion>) {
    const { partnership } = inPartnership(request);
    const current = await charter.version(partnership.id, request.params.versionId);
    if (!current || !current.version.consultation_opens) throw notFound();
    return current;
  }

  app.get<StaffVersion & { Querystring: { show?: string } }>(
    '/manage/:slug/charter/versions/:versionId/responses',
    { config: { access: 'consultation.view' } },
    async function responsesGet(request, reply) {
      const { partnership, actor } = inPartnership(request);
      const current = await staffVersion(request);
      const [responses, counts, flags] = await Promise.all([
        consultation.responses(partnership.id, current.version.id),
        consultation.counts(partnership.id, current.version.id),
        consultation.openFlags(partnership.id, current.version.id),
      ]);
      const show = ['pending', 'unanswered', 'flagged'].includes(request.query.show ?? '')
        ? request.query.show
        : undefined;
      return reply.page(`${V}/responses.njk`, {
        ...responsesPage(partnership, current, responses, counts, flags, show, today(), {
          assist: can(actor, 'consultation.assist', { partnershipId: partnership.id }),
        }),
        surveyHref: `${surveyPath(partnership, current.version)}/results`,
      });
    },
  );

  async function responseView(
    request: FastifyRequest<StaffResponse>,
    forms: Parameters<typeof responsePage>[6],
    refused?: string,
  ) {
    const { partnership, actor } = inPartnership(request);
    const current = await staffVersion(request);
    const response = await consultation.response(partnership.id, request.params.responseId);
    if (!response || response.version_id !== current.version.id) throw notFound();
    const [flags, latest, initiatives] = await Promise.all([
      consultation.openFlags(partnership.id, current.version.id),
      charter.versions(partnership.id),
      deps.initiatives.list(partnership.id),
    ]);
    // An answer can lead to commitments of this version or of the version being worked on now.
    const newest = latest[0] && (await charter.version(partnership.id, latest[0].id));
    const keys = new Map(
      [...current.items, ...(newest?.items ?? [])]
        .filter((i) => i.kind === 'commitment')
        .map((i) => [i.key, i]),
    );
    const target = { partnershipId: partnership.id };
    return {
      partnership,
      current,
      response,
      choices: {
        commitments: [...keys.values()],
        initiatives: initiatives.map((i) => ({ id: i.id, title: i.title })),
      },
      page: responsePage(
        partnership,
        current,
        response,
        flags.get(response.id) ?? [],
        {
          commitments: [...keys.values()],
          initiatives: initiatives.map((i) => ({ id: i.id, title: i.title })),
        },
        {
          moderate: can(actor, 'consultation.moderate', target),
          answer: can(actor, 'consultation.answer', target),
        },
        forms,
        refused,
      ),
    };
  }

  app.get<StaffResponse>(
    '/manage/:slug/charter/versions/:versionId/responses/:responseId',
    { config: { access: 'consultation.view' } },
    async function responseGet(request, reply) {
      const { page } = await responseView(request, {});
      return reply.page(`${V}/response.njk`, page);
    },
  );

  /** A response's staff page, for the moderation forms posted from it. */
  async function moderatedPage(request: FastifyRequest<StaffResponse>) {
    const { partnership } = inPartnership(request);
    const { current, response } = await responseView(request, {});
    return {
      id: response.id,
      noun: 'response',
      template: `${V}/response.njk`,
      view: async (forms: ModerationForms, refused?: string) =>
        (await responseView(request, forms, refused)).page,
      href: `${responsesPath(partnership, current.version)}/${response.id}`,
      blocked: 'The participant has been blocked from this partnership’s consultations.',
    };
  }

  app.post<StaffResponse>(
    '/manage/:slug/charter/versions/:versionId/responses/:responseId/moderate',
    { config: { access: 'consultation.moderate' } },
    async function moderatePost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const page = await moderatedPage(request);
      return moderateFromForm(request, reply, page, (action, reason) =>
        consultation.moderate(partnership.id, page.id, action, reason, auditActor),
      );
    },
  );

  app.post<StaffResponse>(
    '/manage/:slug/charter/versions/:versionId/responses/:responseId/block',
    { config: { access: 'consultation.moderate' } },
    async function blockPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const page = await moderatedPage(request);
      return blockFromForm(request, reply, page, (reason) =>
        consultation.block(partnership.id, page.id, reason, auditActor),
      );
    },
  );

  app.post<StaffResponse>(
    '/manage/:slug/charter/versions/:versionId/responses/:responseId/answer',
    { config: { access: 'consultation.answer' } },
    async function answerPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const view = await responseView(request, {});
      const framework = await deps.framework.framework(partnership.id);
      const body = formBody(request);
      const read = readAnswerForm(body, {
        commitments: new Set(view.choices.commitments.map((c) => c.key)),
        indicators: new Set(framework.indicators.map((i) => i.id)),
        initiatives: new Set(view.choices.initiatives.map((i) => i.id)),
      });
      if (!read.ok) {
        const { page } = await responseView(request, {
          answer: { values: body, errors: formErrors(read.problems) },
        });
        return reply.page(`${V}/response.njk`, page, 400);
      }
      try {
        await consultation.answer(partnership.id, view.response.id, read.values, auditActor);
        await notifyAnswered(deps, view.response.id);
        request.session.flash = 'The answer has been published on “You said, we did”.';
      } catch (error) {
        const reason = refusal(error);
        if (!reason) throw error;
        request.session.notice = reason;
      }
      return reply.redirect(
        `${responsesPath(partnership, view.current.version)}?show=unanswered`,
        303,
      );
    },
  );

  app.get<StaffVersion>(
    '/manage/:slug/charter/versions/:versionId/responses/new',
    { config: { access: 'consultation.assist' } },
    async function assistGet(request, reply) {
      const { partnership } = inPartnership(request);
      const current = await staffVersion(request);
      return reply.page(
        `${V}/assist.njk`,
        assistPage(partnership, current, { values: { showAs: 'anonymous' }, errors: noErrors }),
      );
    },
  );

  app.post<StaffVersion>(
    '/manage/:slug/charter/versions/:versionId/responses/new',
    { config: { access: 'consultation.assist' } },
    async function assistPost(request, reply) {
      const { partnership, auditActor } = inPartnership(request);
      const current = await staffVersion(request);
      const body = formBody(request);
      const about = field(body, 'about');
      const item = current.items.find((i) => i.kind === 'commitment' && i.key === about);
      const read = about === 'new' ? readNewCommitment(body) : readResponse(body);
      const how = readEnteredHow(body);
      const problems = [
        ...(!item && about !== 'new'
          ? [{ field: 'about', text: 'Select what the response is about' }]
          : []),
        ...(read.ok ? [] : read.problems),
        ...(how.ok ? [] : how.problems),
      ];
      const window = windowOf(current.version, today());
      if (!window.open)
        problems.unshift({ field: 'about', text: `The consultation is not open. ${window.text}` });
      if (problems.length > 0 || !read.ok || !how.ok)
        return reply.page(
          `${V}/assist.njk`,
          assistPage(partnership, current, { values: body, errors: formErrors(problems) }),
          400,
        );
      const values = read.values;
      await consultation.respond(
        current.version,
        'pillar' in values
          ? { itemKey: null, stance: null, ...values }
          : { itemKey: item?.key ?? null, ...values },
        { kind: 'assisted', actor: auditActor, enteredHow: how.values.enteredHow },
      );
      request.session.flash = 'The response has been entered, marked as entered by staff.';
      return reply.redirect(responsesPath(partnership, current.version), 303);
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/manage/:slug/moderation',
    { config: { access: 'consultation.view' } },
    async function moderationLogGet(request, reply) {
      const { partnership } = inPartnership(request);
      const rows = await consultation.log(partnership.id);
      return reply.page(`${V}/moderation-log.njk`, moderationLogPage(partnership, rows));
    },
  );
}
