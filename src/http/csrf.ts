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

/**
 * Tokens read from the body of a multipart form (an upload). Such a body is read by the upload
 * itself (http/upload.ts), after the hooks have run, so the token is checked there, from the
 * form field sent before the file: never from the query string, which would leave it in the
 * address bar and the history when the form is shown again.
 */
const multipartTokens = new WeakMap<FastifyRequest, string>();

export function setMultipartToken(request: FastifyRequest, token: string): void {
  multipartTokens.set(request, token);
}

/**
 * The token a form sent: the `_csrf` field of a URL-encoded body, or of a multipart body once
 * the upload has read it. Never the query string: a token in an address stays in the browser's
 * history and the server's log.
 */
export function csrfTokenOf(request: FastifyRequest): string | undefined {
  if (request.isMultipart()) return multipartTokens.get(request);
  const body = request.body as Record<string, unknown> | undefined;
  const token = body?._csrf;
  return typeof token === 'string' ? token : undefined;
}
