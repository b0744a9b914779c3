/**
 * A signed-in person's API tokens (decision 035): the list with the form to make one, making one
 * (its text shown once, on the page that answers the form, never kept), and revoking one.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { noErrors, validateForm } from '../../http/form-errors.js';
import { formBody, signedIn } from '../../http/route-context.js';
import { createdPage, tokenPartnerships, tokensPage, TOKENS_PATH, V } from './api-tokens.pages.js';
import { newTokenSchema } from './api-tokens.schema.js';

const SIGNED_IN = { config: { access: 'signed-in' as const } };

export function registerApiTokenRoutes(app: FastifyInstance, deps: Deps) {
  const { apiTokens, accounts } = deps;

  async function listed(userId: string) {
    const [tokens, memberships] = await Promise.all([
      apiTokens.list(userId),
      accounts.memberships(userId),
    ]);
    return { tokens, partnerships: tokenPartnerships(memberships) };
  }

  app.get(TOKENS_PATH, SIGNED_IN, async function apiTokensGet(request, reply) {
    const { tokens, partnerships } = await listed(signedIn(request).user.id);
    return reply.page(
      `${V}/api-tokens.njk`,
      tokensPage(tokens, partnerships, { values: {}, errors: noErrors }),
    );
  });

  app.post(TOKENS_PATH, SIGNED_IN, async function apiTokensPost(request, reply) {
    const { user, actor, auditActor } = signedIn(request);
    const { tokens, partnerships } = await listed(user.id);
    const form = validateForm(newTokenSchema(partnerships.map((p) => p.id)), formBody(request));
    if (!form.ok)
      return reply.page(`${V}/api-tokens.njk`, tokensPage(tokens, partnerships, form), 400);
    const { token, text } = await apiTokens.create(actor, auditActor, {
      name: form.data.name,
      partnershipId: form.data.partnership,
      scope: form.data.scope,
      days: form.data.expiry,
    });
    // The token's text is on this page alone: no cache may keep it.
    reply.header('cache-control', 'no-store');
    return reply.page(`${V}/api-token-created.njk`, createdPage(deps.config.baseUrl, token, text));
  });

  app.post<{ Params: { tokenId: string } }>(
    `${TOKENS_PATH}/:tokenId/revoke`,
    SIGNED_IN,
    async function apiTokenRevokePost(request, reply) {
      const { user, auditActor } = signedIn(request);
      const { token, already } = await apiTokens.revoke(
        user.id,
        request.params.tokenId,
        auditActor,
      );
      request.session.flash = already
        ? `The token “${token.name}” was already revoked.`
        : `The token “${token.name}” has been revoked: programs using it can no longer reach your returns.`;
      return reply.redirect(TOKENS_PATH, 303);
    },
  );
}
