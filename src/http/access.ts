/**
 * Access control for every route, in one place:
 * 1. every route must declare `config.access` (registration fails otherwise: default deny);
 * 2. state-changing requests must carry a valid CSRF token;
 * 3. the signed-in user and their memberships are loaded from the session;
 * 4. a partnership in the URL (:slug) must be one the user belongs to, or the answer is 404;
 *    an organisation in the URL (:orgId) must belong to that partnership, or 404;
 * 5. the route's action is checked against the role matrix, or 403.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from './types.js';
import { belongsTo, can, type Action } from '../core/roles.js';
import { notFound, forbidden } from '../core/errors.js';
import type { Deps } from '../deps.js';
import {
  findUserById,
  loadActor,
  secondFactorRequired,
} from '../features/accounts/accounts.repo.js';
import { findOrganisation, findPartnershipBySlug } from '../features/tenancy/tenancy.repo.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

export function registerAccessControl(app: FastifyInstance, deps: Deps) {
  const db = deps.database.db;
  app.decorateRequest('user', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('partnership', null);
  app.decorateRequest('organisation', null);

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
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
    }
  });

  // The CSRF check answers the request itself (403 page) when the token is missing or wrong. An
  // upload's token is in its multipart body, which only the upload reads (http/upload.ts checks
  // it there, before the file is kept); any other route refuses a multipart body here.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE.has(request.method)) return done();
    if (request.isMultipart() && request.routeOptions.config.upload) return done();
    app.csrfProtection(request, reply, done);
  });

  app.addHook('preHandler', async (request, reply) => {
    const userId = request.session.userId;
    if (userId) {
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
      if (params.orgId !== undefined) {
        const organisation = await findOrganisation(db, partnership.id, params.orgId);
        if (!organisation) throw notFound();
        request.organisation = organisation;
      }
    }

    if (access === 'signed-in') return;
    if (!can(request.actor, access as Action, targetOf(request))) throw forbidden(access);
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
