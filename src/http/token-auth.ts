/**
 * The returns API's routes (config.auth 'token') are reached with a personal API token, sent as
 * `Authorization: Bearer anc_…`, and never with the session cookie: a browser's cookie cannot
 * act on them, so they need no CSRF check and have none (decision 035).
 *
 * The token acts as its person with their roles as they are now (a role removed or changed
 * counts at once), only in the token's partnership, never with a platform administrator's
 * rights; a token that only reads is refused every action that changes something
 * (core/api/tokens.ts). A missing, unknown, revoked or expired token, or one whose account is
 * disabled or deleted, is answered 401 with `WWW-Authenticate: Bearer` (http/api-errors.ts).
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { apiTokenHash, bearerToken, tokenActor, tokenRefusal } from '../core/api/tokens.js';
import { DomainError } from '../core/errors.js';
import type { DB } from '../db/schema.js';
import { loadActor } from '../features/accounts/accounts.repo.js';
import { findApiToken, touchApiToken } from '../features/api/api-tokens.repo.js';

const REFUSED = {
  missing: 'Send your API token in the Authorization header: Authorization: Bearer anc_…',
  unknown:
    'This is not an API token the service knows: check it was copied whole, or make a new one.',
  revoked: 'This API token has been revoked: make a new one.',
  expired: 'This API token has expired: make a new one.',
  'account disabled': 'The account this API token belongs to is disabled or deleted.',
} as const;

const unauthenticated = (why: keyof typeof REFUSED) =>
  new DomainError('UNAUTHENTICATED', `API token refused: ${why}`, REFUSED[why]);

/** Signs the request in by its API token (request.user, actor and apiToken), or throws a 401. */
export async function signInByToken(request: FastifyRequest, db: Kysely<DB>): Promise<void> {
  const text = bearerToken(request.headers.authorization);
  if (!text) throw unauthenticated(request.headers.authorization ? 'unknown' : 'missing');
  const found = await findApiToken(db, apiTokenHash(text));
  if (!found) throw unauthenticated('unknown');
  const { token, user } = found;
  const refusal = tokenRefusal(
    { revokedAt: token.revoked_at, expiresAt: token.expires_at },
    { disabledAt: user.disabled_at },
    new Date(),
  );
  if (refusal) throw unauthenticated(refusal);
  await touchApiToken(db, token.id);
  request.user = user;
  request.actor = tokenActor(await loadActor(db, user), token.partnership_id);
  request.apiToken = {
    id: token.id,
    name: token.name,
    scope: token.scope,
    partnershipId: token.partnership_id,
  };
}

/**
 * The key the returns API's rate limit counts a request under: its token (by hash, so that the
 * limit is checked before the token is looked up), or, without a token, its address.
 */
export function apiRateKey(request: FastifyRequest): string {
  const text = bearerToken(request.headers.authorization);
  return text ? `api-token:${apiTokenHash(text)}` : `api-address:${request.ip}`;
}
