/**
 * What a handler knows about the request once access control has passed, typed: who is asking
 * (user, their rights as an Actor, and how the audit log names them), and the partnership and
 * organisation named in the URL. Access control (access.ts) loads these before any handler runs;
 * a handler reads them here instead of casting request fields.
 *
 * A route that asks for something its URL and access cannot give (a partnership on a route
 * without :slug, a user on a public route) is a programming error, reported as such: a 500 with
 * the route named in the log, never a page about someone else's data.
 */
import type { FastifyRequest } from 'fastify';
import { viaToken } from '../core/api/tokens.js';
import type { Actor } from '../core/roles.js';
import type { Organisation, Partnership, User } from '../db/schema.js';
import type { AuditActor } from '../features/audit/audit.repo.js';

export interface SignedIn {
  readonly user: User;
  readonly actor: Actor;
  /** How the audit log names this person. */
  readonly auditActor: AuditActor;
}

export interface InPartnership extends SignedIn {
  readonly partnership: Partnership;
}

export interface InOrganisation extends InPartnership {
  readonly organisation: Organisation;
}

/** How the audit log names a signed-in person: their account and email address. */
export function auditActorOf(user: Pick<User, 'id' | 'email'>): AuditActor {
  return { userId: user.id, label: user.email };
}

/**
 * The signed-in person: for routes whose access is 'signed-in' or an action. On the returns API,
 * the person whose API token it is; the audit log names the token too.
 */
export function signedIn(request: FastifyRequest): SignedIn {
  const { user, actor, apiToken } = request;
  if (!user || !actor) throw missing(request, 'a signed-in user');
  const auditActor = apiToken
    ? { ...auditActorOf(user), via: viaToken(apiToken.name) }
    : auditActorOf(user);
  return { user, actor, auditActor };
}

/** The person and the partnership in the URL (/manage/:slug/...). */
export function inPartnership(request: FastifyRequest): InPartnership {
  const partnership = request.partnership;
  if (!partnership) throw missing(request, 'a partnership (:slug)');
  return { ...signedIn(request), partnership };
}

/** The person, the partnership and the organisation in the URL (.../organisations/:orgId/...). */
export function inOrganisation(request: FastifyRequest): InOrganisation {
  const organisation = request.organisation;
  if (!organisation) throw missing(request, 'an organisation (:orgId)');
  return { ...inPartnership(request), organisation };
}

/** The submitted form's fields (an empty object when there is no body), for schemas to parse. */
export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Buffer.isBuffer(body)
    ? (body as Record<string, unknown>)
    : {};
}

function missing(request: FastifyRequest, what: string): Error {
  return new Error(
    `${request.method} ${request.routeOptions.url ?? request.url} needs ${what}, which access control did not provide: check the route's URL and config.access`,
  );
}
