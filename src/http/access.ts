/**
 * Access control for every route, in one place:
 * 1. every route must declare `config.access` (registration fails otherwise: default deny);
 * 2. state-changing requests must carry a valid CSRF token;
 * 3. the signed-in user and their memberships are loaded from the session;
 * 4. a partnership in the URL (:slug) must be one the user belongs to, or the answer is 404;
 *    an organisation in the URL (:orgId) must belong to that partnership, or 404;
 * 5. the route's action is checked against the role matrix, or 403.
 *
 * Routes of the returns API (config.auth 'token') take a personal API token instead of the
 * session (http/token-auth.ts): no CSRF check, no session read, and steps 4 and 5 as for any
 * route, with the token's own limits (its partnership; reading only, for a read token). Their
 * organisation may be named by its code (:orgCode) rather than its id.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from './types.js';
import { belongsTo, can, type Action } from '../core/roles.js';
import { TOKEN_ACTIONS, tokenAllows } from '../core/api/tokens.js';
import { DomainError, notFound, forbidden } from '../core/errors.js';
import type { Deps } from '../deps.js';
import {
  findUserById,
  loadActor,
  secondFactorRequired,
} from '../features/accounts/accounts.repo.js';
import {
  findOrganisation,
  findOrganisationByCode,
  findPartnershipBySlug,
} from '../features/tenancy/tenancy.repo.js';
import { signInByToken } from './token-auth.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
  readonly auth?: 'token';
}

export function registerAccessControl(app: FastifyInstance, deps: Deps) {
  const db = deps.database.db;
  app.decorateRequest('user', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('partnership', null);
  app.decorateRequest('organisation', null);
  app.decorateRequest('apiToken', null);

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/assets/') || route.url.startsWith('/static/')) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    const access = route.config?.access;
    if (!access) {
      throw new Error(
        `Route ${JSON.stringify(route.method)} ${route.url} does not declare config.access`,
      );
    }
    const auth = route.config?.auth;
    if (auth === 'token' && !Object.hasOwn(TOKEN_ACTIONS, access)) {
      throw new Error(
        `Route ${JSON.stringify(route.method)} ${route.url} takes an API token, so its access must be an action a token may be used for (core/api/tokens.ts), not ${access}`,
      );
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routeTable.push({ method, url: route.url, access, ...(auth ? { auth } : {}) });
    }
  });

  // The CSRF check answers the request itself (403 page) when the token is missing or wrong. An
  // upload's token is in its multipart body, which only the upload reads (http/upload.ts checks
  // it there, before the file is kept); any other route refuses a multipart body here.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE.has(request.method) || request.routeOptions.config.auth === 'token') return done();
    if (request.isMultipart() && request.routeOptions.config.upload) return done();
    app.csrfProtection(request, reply, done);
  });

  app.addHook('preHandler', async (request, reply) => {
    const byToken = request.routeOptions.config.auth === 'token';
    if (byToken) {
      if (!request.is404) await signInByToken(request, db);
    } else if (request.session.userId) {
      const userId = request.session.userId;
      const user = await findUserById(db, userId);
      if (user && !user.disabled_at) {
        request.user = user;
        request.actor = await loadActor(db, user);
      } else {
        await request.session.destroy();
      }
    }

    const access = request.routeOptions.config.access;
    if (access === 'public' || request.is404) return;

    if (!request.user || !request.actor) return redirectToSignIn(request, reply);

    if (
      !byToken &&
      !request.routeOptions.config.beforeSecondFactor &&
      !request.user.totp_enabled_at &&
      (await secondFactorRequired(db, request.user.id))
    ) {
      return reply.redirect('/account/second-factor?required=1', 303);
    }

    const params = request.params as Record<string, string | undefined>;
    if (params.slug !== undefined) {
      const partnership = await findPartnershipBySlug(db, params.slug);
      if (!partnership || !belongsTo(request.actor, partnership.id)) throw notFound();
      request.partnership = partnership;
      const organisation =
        params.orgId !== undefined
          ? await findOrganisation(db, partnership.id, params.orgId)
          : params.orgCode !== undefined
            ? await findOrganisationByCode(db, partnership.id, params.orgCode)
            : null;
      if (organisation === undefined) throw notFound();
      request.organisation = organisation;
    }

    if (access === 'signed-in') return;
    if (!can(request.actor, access as Action, targetOf(request))) throw forbidden(access);
    if (request.apiToken && !tokenAllows(request.apiToken.scope, access as Action))
      throw new DomainError(
        'FORBIDDEN',
        `a ${request.apiToken.scope} token cannot ${access}`,
        'This API token can only read: make a read-and-write token to change returns.',
      );
  });
}

export function targetOf(request: FastifyRequest): {
  partnershipId?: string;
  organisationId?: string;
} {
  return {
    ...(request.partnership ? { partnershipId: request.partnership.id } : {}),
    ...(request.organisation ? { organisationId: request.organisation.id } : {}),
  };
}

function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.method === 'GET') {
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  }
  return reply.redirect('/sign-in', 303);
}
