/**
 * What the JSON API (every address under /api/) answers when something is wrong: JSON, never an
 * HTML page, as `{ "error": { "code": "not_found", "message": "…" } }` with the status the code
 * stands for. A 401 says how to authenticate (WWW-Authenticate: Bearer, RFC 6750); a 429 says
 * when to try again (Retry-After, set by the rate limit). The pages' errors are unchanged.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.js';

export const API_ERROR_CODES = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'server_error',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const DOMAIN: Record<DomainError['code'], { status: number; code: ApiErrorCode; text: string }> = {
  NOT_FOUND: { status: 404, code: 'not_found', text: 'There is nothing at this address.' },
  FORBIDDEN: { status: 403, code: 'forbidden', text: 'You cannot do this.' },
  CONFLICT: { status: 409, code: 'conflict', text: 'This cannot be done now.' },
  INVALID: { status: 400, code: 'invalid', text: 'Something sent was not right.' },
  UNAUTHENTICATED: {
    status: 401,
    code: 'unauthenticated',
    text: 'Send an API token: Authorization: Bearer anc_…',
  },
};

/** Whether the request is to the JSON API (its errors are JSON). */
export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Sends an API error: its status, and the JSON body the OpenAPI document describes. */
export function sendApiError(
  reply: FastifyReply,
  status: number,
  code: ApiErrorCode,
  message: string,
  problems?: readonly { readonly item: string; readonly message: string }[],
): FastifyReply {
  if (status === 401)
    reply.header(
      'www-authenticate',
      reply.request.headers.authorization
        ? 'Bearer realm="Anchorage", error="invalid_token"'
        : 'Bearer realm="Anchorage"',
    );
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...(problems ? { problems } : {}) } });
}

/** The API's answer to an error thrown while handling a request to it. */
export function sendApiErrorFor(
  reply: FastifyReply,
  error: FastifyError | DomainError,
): FastifyReply {
  if (error instanceof DomainError) {
    const d = DOMAIN[error.code];
    return sendApiError(reply, d.status, d.code, error.userMessage ?? d.text);
  }
  const status = error.statusCode ?? 500;
  if (status === 429) {
    const wait = reply.getHeader('retry-after');
    return sendApiError(
      reply,
      429,
      'rate_limited',
      `Too many requests with this API token.${wait === undefined ? '' : ` Try again in ${String(wait)} seconds.`}`,
    );
  }
  if (status === 413)
    return sendApiError(reply, 413, 'payload_too_large', 'The request body is too large.');
  if (status === 415)
    return sendApiError(
      reply,
      415,
      'unsupported_media_type',
      'Send the request body as JSON (Content-Type: application/json).',
    );
  if (status >= 400 && status < 500)
    return sendApiError(
      reply,
      status,
      'bad_request',
      'The request could not be understood: check it is well-formed JSON.',
    );
  reply.request.log.error({ err: error }, 'request failed');
  return sendApiError(reply, 500, 'server_error', 'Sorry, there is a problem with the service.');
}
