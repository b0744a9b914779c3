import type { FastifyRequest } from 'fastify';

/**
 * What a CSRF token is bound to besides the browser's secret cookie: the session's id while
 * someone is signed in (or half way, waiting for their one-time code), a fixed value before.
 * Sessions get a new id at every sign-in, so no token outlives the session it was issued in.
 */
export function csrfUserInfo(request: FastifyRequest): string {
  const session = request.session;
  if (session?.userId || session?.pendingUserId) return `session:${session.sessionId}`;
  return 'anonymous';
}
