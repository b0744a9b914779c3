/** Signing in and out, second factor, password reset and change, invitations, your account. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { DomainError } from '../../core/errors.js';
import { ROLE_LABELS } from '../../core/roles.js';
import { pillarTitle } from '../../core/pillars.js';
import type { Deps } from '../../deps.js';
import { validateForm, noErrors, formErrors, type FormErrors } from '../../http/form-errors.js';
import { safeReturnPath } from '../../http/redirect.js';
import { formBody, signedIn } from '../../http/route-context.js';
import { totpUri } from '../../lib/totp.js';
import type { User } from '../../db/schema.js';
import {
  blankForm,
  changePasswordPage,
  codePage,
  forgotPage,
  invitationPage,
  resetPage,
  secondFactorOnPage,
  secondFactorSetupPage,
  signInPage,
  V,
} from './accounts.pages.js';
import { attemptLimits } from './attempt-limits.js';
import { awaitSecondFactor, signInAs } from './sign-in-session.js';
import {
  acceptInvitationSchema,
  changePasswordSchema,
  codeSchema,
  disableSecondFactorSchema,
  forgotSchema,
  resetSchema,
  signInSchema,
} from './accounts.schema.js';

export function registerAccountRoutes(app: FastifyInstance, deps: Deps) {
  const { accounts } = deps;
  // Every route that checks a password, a security code or an emailed link is limited.
  const limited = attemptLimits({ windowMinutes: deps.config.rateLimits.windowMinutes, accounts });
  const { signIn: signInMax, reset: resetMax, account: accountMax } = deps.config.rateLimits;

  function afterSignIn(request: FastifyRequest, reply: FastifyReply) {
    const next = safeReturnPath(request.session.returnTo) ?? '/manage';
    request.session.returnTo = undefined;
    return reply.redirect(next, 303);
  }

  app.get<{ Querystring: { next?: string } }>(
    '/sign-in',
    { config: { access: 'public' } },
    async function signInGet(request, reply) {
      if (request.user) return reply.redirect(safeReturnPath(request.query.next) ?? '/manage', 303);
      return reply.page(
        `${V}/sign-in.njk`,
        signInPage(blankForm(), safeReturnPath(request.query.next)),
      );
    },
  );

  app.post(
    '/sign-in',
    limited({ access: 'public', what: 'Signing in', max: signInMax, by: 'address' }),
    async function signInPost(request, reply) {
      const body = formBody(request);
      const next = safeReturnPath(body.next);
      const form = validateForm(signInSchema, body);
      if (!form.ok) return reply.page(`${V}/sign-in.njk`, signInPage(form, next), 400);
      const result = await accounts.signIn(form.data.email, form.data.password);
      if (result.kind === 'invalid') {
        return reply.page(
          `${V}/sign-in.njk`,
          signInPage(
            {
              errors: formErrors([
                { field: 'email', text: 'Enter a correct email address and password' },
              ]),
              values: { email: form.data.email },
            },
            next,
          ),
          400,
        );
      }
      if (result.kind === 'second-factor') {
        await awaitSecondFactor(request, result.user, next);
        return reply.redirect('/sign-in/code', 303);
      }
      await signInAs(request, result.user, next);
      return afterSignIn(request, reply);
    },
  );

  app.get(
    '/sign-in/code',
    { config: { access: 'public' } },
    async function codeGet(request, reply) {
      if (!request.session.pendingUserId) return reply.redirect('/sign-in', 303);
      return reply.page(`${V}/code.njk`, codePage());
    },
  );

  app.post(
    '/sign-in/code',
    limited({
      access: 'public',
      what: 'Entering a security code to sign in',
      max: accountMax,
      by: 'account',
    }),
    async function codePost(request, reply) {
      const pendingUserId = request.session.pendingUserId;
      if (!pendingUserId) return reply.redirect('/sign-in', 303);
      const form = validateForm(codeSchema, request.body);
      const user = form.ok ? await accounts.verifySecondFactor(pendingUserId, form.data.otp) : null;
      if (!user) {
        const errors = form.ok
          ? formErrors([
              {
                field: 'otp',
                text: 'The code is not right or has expired. Enter the latest code from your app',
              },
            ])
          : form.errors;
        return reply.page(`${V}/code.njk`, codePage(errors), 400);
      }
      const returnTo = request.session.returnTo;
      await signInAs(request, user, returnTo);
      return afterSignIn(request, reply);
    },
  );

  app.post(
    '/sign-out',
    { config: { access: 'public' } },
    async function signOutPost(request, reply) {
      await request.session.destroy();
      return reply.redirect('/signed-out', 303);
    },
  );

  app.get(
    '/signed-out',
    { config: { access: 'public' } },
    async function signedOutGet(request, reply) {
      return reply.page(`${V}/signed-out.njk`, { title: 'You have signed out' });
    },
  );

  app.get(
    '/forgot-password',
    { config: { access: 'public' } },
    async function forgotGet(request, reply) {
      return reply.page(`${V}/forgot.njk`, forgotPage(blankForm()));
    },
  );

  app.post(
    '/forgot-password',
    limited({
      access: 'public',
      what: 'Asking for a password reset',
      max: resetMax,
      by: 'address',
    }),
    async function forgotPost(request, reply) {
      const form = validateForm(forgotSchema, request.body);
      if (!form.ok) {
        return reply.page(`${V}/forgot.njk`, forgotPage(form), 400);
      }
      await accounts.requestPasswordReset(form.data.email);
      return reply.redirect('/forgot-password/sent', 303);
    },
  );

  app.get(
    '/forgot-password/sent',
    { config: { access: 'public' } },
    async function forgotSentGet(request, reply) {
      return reply.page(`${V}/forgot-sent.njk`, { title: 'Check your email' });
    },
  );

  app.get<{ Params: { token: string } }>(
    '/reset-password/:token',
    { config: { access: 'public' } },
    async function resetGet(request, reply) {
      if (!(await accounts.isResetTokenValid(request.params.token))) {
        return reply.page(`${V}/link-expired.njk`, { title: 'This link has expired' }, 404);
      }
      return reply.page(`${V}/reset.njk`, resetPage());
    },
  );

  app.post<{ Params: { token: string } }>(
    '/reset-password/:token',
    limited({
      access: 'public',
      what: 'Choosing a new password from a reset link',
      max: resetMax,
      by: 'address',
    }),
    async function resetPost(request, reply) {
      const form = validateForm(resetSchema, request.body);
      if (!form.ok) {
        return reply.page(`${V}/reset.njk`, resetPage(form.errors), 400);
      }
      if (!(await accounts.completePasswordReset(request.params.token, form.data.password))) {
        return reply.page(`${V}/link-expired.njk`, { title: 'This link has expired' }, 404);
      }
      await request.session.destroy();
      return reply.page(`${V}/password-changed.njk`, { title: 'Your password has been changed' });
    },
  );

  app.get<{ Params: { token: string } }>(
    '/invitations/:token',
    { config: { access: 'public' } },
    async function invitationGet(request, reply) {
      const invitation = await accounts.findInvitation(request.params.token);
      if (!invitation) {
        return reply.page(
          `${V}/link-expired.njk`,
          { title: 'This invitation has expired', invitation: true },
          404,
        );
      }
      return reply.page(
        `${V}/invitation.njk`,
        invitationPage(
          invitation,
          request.user,
          request.url,
          blankForm({ displayName: invitation.displayName }),
        ),
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    '/invitations/:token',
    limited({ access: 'public', what: 'Accepting an invitation', max: signInMax, by: 'address' }),
    async function invitationPost(request, reply) {
      const token = request.params.token;
      const invitation = await accounts.findInvitation(token);
      if (!invitation) {
        return reply.page(
          `${V}/link-expired.njk`,
          { title: 'This invitation has expired', invitation: true },
          404,
        );
      }
      let user: User;
      if (invitation.existingUser) {
        if (!request.user)
          return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
        user = await accounts.acceptInvitation(token, {
          kind: 'existing',
          userId: request.user.id,
        });
      } else {
        const form = validateForm(acceptInvitationSchema, request.body);
        if (!form.ok) {
          return reply.page(
            `${V}/invitation.njk`,
            invitationPage(invitation, request.user, request.url, form),
            400,
          );
        }
        user = await accounts.acceptInvitation(token, {
          kind: 'new',
          displayName: form.data.displayName,
          password: form.data.password,
        });
      }
      await signInAs(request, user);
      request.session.flash = `You have joined ${invitation.partnershipName} as ${invitation.roleLabel.toLowerCase()}.`;
      return reply.redirect(`/manage/${invitation.partnershipSlug}`, 303);
    },
  );

  app.get(
    '/account',
    { config: { access: 'signed-in', beforeSecondFactor: true } },
    async function accountGet(request, reply) {
      const { user } = signedIn(request);
      const memberships = await accounts.memberships(user.id);
      return reply.page(`${V}/account.njk`, {
        title: 'Your account',
        account: user,
        memberships: memberships.map((m) => ({
          ...m,
          roleLabel: ROLE_LABELS[m.role],
          pillarTitles: (m.pillars ?? []).map(pillarTitle),
        })),
      });
    },
  );

  app.get(
    '/account/password',
    { config: { access: 'signed-in' } },
    async function passwordGet(request, reply) {
      return reply.page(`${V}/change-password.njk`, changePasswordPage());
    },
  );

  app.post(
    '/account/password',
    limited({ access: 'signed-in', what: 'Changing the password', max: accountMax, by: 'account' }),
    async function passwordPost(request, reply) {
      const form = validateForm(changePasswordSchema, request.body);
      const page = (errors: FormErrors) =>
        reply.page(`${V}/change-password.njk`, changePasswordPage(errors), 400);
      if (!form.ok) return page(form.errors);
      const changed = await accounts.changePassword(
        signedIn(request).user.id,
        form.data.currentPassword,
        form.data.password,
        request.session.sessionId,
      );
      if (!changed)
        return page(
          formErrors([{ field: 'currentPassword', text: 'Your current password is not right' }]),
        );
      request.session.flash =
        'Your password has been changed. Any other devices have been signed out.';
      return reply.redirect('/account', 303);
    },
  );

  async function secondFactorPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors = noErrors,
    status?: number,
  ) {
    const { user } = signedIn(request);
    const required = await accounts.secondFactorRequired(user.id);
    if (user.totp_enabled_at) {
      return reply.page(`${V}/second-factor-on.njk`, secondFactorOnPage(required, errors), status);
    }
    request.session.pendingTotpSecret ??= accounts.newTotpSecret();
    const secret = request.session.pendingTotpSecret;
    const uri = totpUri(secret, user.email);
    const qr = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return reply.page(
      `${V}/second-factor-setup.njk`,
      secondFactorSetupPage(required, secret, qr, errors),
      status,
    );
  }

  app.get(
    '/account/second-factor',
    { config: { access: 'signed-in', beforeSecondFactor: true } },
    async function secondFactorGet(request, reply) {
      return secondFactorPage(request, reply);
    },
  );

  app.post(
    '/account/second-factor',
    limited({
      access: 'signed-in',
      beforeSecondFactor: true,
      what: 'Turning on two-step sign-in',
      max: accountMax,
      by: 'account',
    }),
    async function secondFactorPost(request, reply) {
      const { user } = signedIn(request);
      const secret = request.session.pendingTotpSecret;
      if (user.totp_enabled_at || !secret) return reply.redirect('/account/second-factor', 303);
      const form = validateForm(codeSchema, request.body);
      if (!form.ok) return secondFactorPage(request, reply, form.errors, 400);
      if (!(await accounts.enableTotp(user.id, secret, form.data.otp))) {
        return secondFactorPage(
          request,
          reply,
          formErrors([
            {
              field: 'otp',
              text: 'The code is not right. Enter the latest 6-digit code from your app',
            },
          ]),
          400,
        );
      }
      request.session.pendingTotpSecret = undefined;
      request.session.flash =
        'Two-step sign in is on. You will be asked for a code each time you sign in.';
      return reply.redirect('/account', 303);
    },
  );

  app.post(
    '/account/second-factor/remove',
    limited({
      access: 'signed-in',
      beforeSecondFactor: true,
      what: 'Turning off two-step sign-in',
      max: accountMax,
      by: 'account',
    }),
    async function secondFactorRemovePost(request, reply) {
      const { user } = signedIn(request);
      if (await accounts.secondFactorRequired(user.id)) {
        throw new DomainError(
          'FORBIDDEN',
          'second factor required',
          'Your partnership requires two-step sign in, so it cannot be turned off.',
        );
      }
      const form = validateForm(disableSecondFactorSchema, request.body);
      const ok = form.ok && (await accounts.disableTotp(user.id, form.data.password));
      if (!ok) {
        const errors = form.ok
          ? formErrors([{ field: 'password', text: 'Your password is not right' }])
          : form.errors;
        return secondFactorPage(request, reply, errors, 400);
      }
      request.session.flash = 'Two-step sign in is off.';
      return reply.redirect('/account', 303);
    },
  );
}
