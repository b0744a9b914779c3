/**
 * Participants' light accounts and their own data (decision 029): creating an account to take
 * part, signing in with a one-time link sent by email, everything the person contributed (a page,
 * and downloads in JSON and CSV), and deleting the account.
 *
 * Neither "create an account" nor "send me a link" says whether an address has an account: each
 * answers with the same page, and the email says what applies. Both are limited like the password
 * reset, and so is using a link. A link's page shows a button, so that a mail scanner that opens
 * links does not use it up; the button signs in.
 */
import type { FastifyInstance } from 'fastify';
import { isParticipant } from '../../core/participants/accounts.js';
import {
  contributionsCsvRows,
  contributionsDocument,
} from '../../core/participants/contributions.js';
import type { Deps } from '../../deps.js';
import { sendCsv } from '../../http/csv-download.js';
import { validateForm } from '../../http/form-errors.js';
import { safeReturnPath } from '../../http/redirect.js';
import { formBody, signedIn } from '../../http/route-context.js';
import { attemptLimits } from '../accounts/attempt-limits.js';
import { awaitSecondFactor, signInAs } from '../accounts/sign-in-session.js';
import {
  blankForm,
  contributionsPage,
  CONTRIBUTIONS_PATH,
  deletedPage,
  deletePage,
  joinPage,
  joinSentPage,
  linkExpiredPage,
  linkRequestPage,
  linkSentPage,
  linkUsePage,
  staffDeletePage,
  V,
  type DeletedSummary,
} from './participants.pages.js';
import { deleteSchema, joinSchema, linkSchema } from './participants.schema.js';
import { ParticipantsService } from './participants.service.js';

declare module 'fastify' {
  interface Session {
    /**
     * Set by "create an account" in this browser: the hash of the link it sent for a new account
     * (null when the address had one). Used in this browser, that link keeps the password given.
     */
    joinLink?: string | null;
    /** What deleting the account did, for the page that says so once the person is signed out. */
    deletedAccount?: DeletedSummary;
  }
}

type TokenParams = { Params: { token: string } };
type NextQuery = { Querystring: { next?: string } };

const PASSWORD_NOT_KEPT =
  'You opened the link in a different browser from the one you created your account in, so to keep your account safe we have not kept the password you chose. Sign in with a link sent by email, or choose a password with ‘I have forgotten my password’ on the sign-in page.';

export function registerParticipantRoutes(app: FastifyInstance, deps: Deps) {
  const participants = ParticipantsService.fromDeps(deps);
  const limited = attemptLimits({
    windowMinutes: deps.config.rateLimits.windowMinutes,
    accounts: deps.accounts,
  });
  const resetMax = deps.config.rateLimits.reset;

  // ----- Creating an account -----

  app.get<NextQuery>(
    '/join',
    { config: { access: 'public' } },
    async function joinGet(request, reply) {
      const next = safeReturnPath(request.query.next);
      if (request.user) return reply.redirect(next ?? CONTRIBUTIONS_PATH, 303);
      return reply.page(`${V}/join.njk`, joinPage(blankForm(), next));
    },
  );

  app.post(
    '/join',
    limited({
      access: 'public',
      what: 'Creating an account to take part',
      max: resetMax,
      by: 'address',
    }),
    async function joinPost(request, reply) {
      const body = formBody(request);
      const next = safeReturnPath(body.next);
      if (request.user) return reply.redirect(next ?? CONTRIBUTIONS_PATH, 303);
      const form = validateForm(joinSchema, body);
      if (!form.ok) return reply.page(`${V}/join.njk`, joinPage(form, next), 400);
      // Set either way, so that the answer (a session made, or not) does not tell the cases apart.
      request.session.joinLink = await participants.join(form.data.email, form.data.password, next);
      return reply.redirect('/join/sent', 303);
    },
  );

  app.get(
    '/join/sent',
    { config: { access: 'public' } },
    async function joinSentGet(request, reply) {
      return reply.page(`${V}/join-sent.njk`, joinSentPage());
    },
  );

  // ----- Signing in with a link sent by email -----

  app.get<NextQuery>(
    '/sign-in/link',
    { config: { access: 'public' } },
    async function linkGet(request, reply) {
      const next = safeReturnPath(request.query.next);
      if (request.user) return reply.redirect(next ?? CONTRIBUTIONS_PATH, 303);
      return reply.page(`${V}/link.njk`, linkRequestPage(blankForm(), next));
    },
  );

  app.post(
    '/sign-in/link',
    limited({
      access: 'public',
      what: 'Asking for a link to sign in',
      max: resetMax,
      by: 'address',
    }),
    async function linkPost(request, reply) {
      const body = formBody(request);
      const next = safeReturnPath(body.next);
      const form = validateForm(linkSchema, body);
      if (!form.ok) return reply.page(`${V}/link.njk`, linkRequestPage(form, next), 400);
      await participants.requestLink(form.data.email, next);
      // Not under /sign-in, where access control sends the people it refuses.
      return reply.redirect('/check-your-email', 303);
    },
  );

  app.get(
    '/check-your-email',
    { config: { access: 'public' } },
    async function linkSentGet(request, reply) {
      return reply.page(`${V}/link-sent.njk`, linkSentPage());
    },
  );

  app.get<TokenParams & NextQuery>(
    '/sign-in/link/:token',
    { config: { access: 'public' } },
    async function linkUseGet(request, reply) {
      const next = safeReturnPath(request.query.next);
      if (request.user) return reply.redirect(next ?? CONTRIBUTIONS_PATH, 303);
      const link = await participants.findLink(request.params.token);
      if (!link) return reply.page(`${V}/link-expired.njk`, linkExpiredPage(), 404);
      return reply.page(`${V}/link-use.njk`, linkUsePage(link.joining, next));
    },
  );

  app.post<TokenParams>(
    '/sign-in/link/:token',
    limited({
      access: 'public',
      what: 'Signing in with a link sent by email',
      // A sign-in: the same limit as signing in with a password, not the tighter one for
      // sending emails (people at one event share an address).
      max: deps.config.rateLimits.signIn,
      by: 'address',
    }),
    async function linkUsePost(request, reply) {
      const next = safeReturnPath(formBody(request).next);
      // Someone signed in already: the link is left for its owner, unused.
      if (request.user) return reply.redirect(next ?? CONTRIBUTIONS_PATH, 303);
      const used = await participants.useLink(
        request.params.token,
        request.session.joinLink ?? undefined,
      );
      if (!used) return reply.page(`${V}/link-expired.njk`, linkExpiredPage(), 404);
      if (used.kind === 'second-factor') {
        await awaitSecondFactor(request, used.user, next);
        return reply.redirect('/sign-in/code', 303);
      }
      await signInAs(request, used.user);
      if (used.joined) request.session.flash = 'Your account has been created.';
      if (used.passwordDropped) request.session.notice = PASSWORD_NOT_KEPT;
      return reply.redirect(next ?? CONTRIBUTIONS_PATH, 303);
    },
  );

  // ----- Their own data -----

  app.get(
    CONTRIBUTIONS_PATH,
    { config: { access: 'signed-in' } },
    async function contributionsGet(request, reply) {
      const { user, actor } = signedIn(request);
      const contributions = await participants.contributions(user.id);
      return reply.page(
        `${V}/contributions.njk`,
        contributionsPage(contributions, isParticipant(actor), (code) => deps.districts.name(code)),
      );
    },
  );

  app.get(
    `${CONTRIBUTIONS_PATH}.json`,
    { config: { access: 'signed-in' } },
    async function contributionsJsonGet(request, reply) {
      const { user, auditActor } = signedIn(request);
      const contributions = await participants.download(user.id, auditActor, 'json');
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="anchorage-contributions.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(contributionsDocument(contributions, new Date()), null, 2));
    },
  );

  app.get(
    `${CONTRIBUTIONS_PATH}.csv`,
    { config: { access: 'signed-in' } },
    async function contributionsCsvGet(request, reply) {
      const { user, auditActor } = signedIn(request);
      const contributions = await participants.download(user.id, auditActor, 'csv');
      reply.header('cache-control', 'no-store');
      return sendCsv(reply, 'anchorage-contributions.csv', contributionsCsvRows(contributions));
    },
  );

  // ----- Deleting the account -----

  app.get(
    '/account/delete',
    { config: { access: 'signed-in' } },
    async function deleteGet(request, reply) {
      if (!isParticipant(signedIn(request).actor)) {
        return reply.page(`${V}/delete-staff.njk`, staffDeletePage());
      }
      return reply.page(`${V}/delete.njk`, deletePage(blankForm()));
    },
  );

  app.post(
    '/account/delete',
    { config: { access: 'signed-in' } },
    async function deletePost(request, reply) {
      const { user, actor } = signedIn(request);
      // A staff account is removed by its partnership's lead: the page explains.
      if (!isParticipant(actor)) return reply.redirect('/account/delete', 303);
      const form = validateForm(deleteSchema, formBody(request));
      if (!form.ok) return reply.page(`${V}/delete.njk`, deletePage(form), 400);
      const choice = form.data.contributions;
      const counts = await participants.deleteAccount(user.id, choice);
      // Signed out: a new session, holding only what the next page says.
      await request.session.regenerate();
      request.session.deletedAccount = { choice, counts };
      return reply.redirect('/account/deleted', 303);
    },
  );

  app.get(
    '/account/deleted',
    { config: { access: 'public' } },
    async function deletedGet(request, reply) {
      const summary = request.session.deletedAccount;
      request.session.deletedAccount = undefined;
      return reply.page(`${V}/deleted.njk`, deletedPage(summary));
    },
  );
}
