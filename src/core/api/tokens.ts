/**
 * Personal API tokens (decision 035). A token is `anc_` and 43 base64url characters (32 random
 * bytes): the prefix lets secret scanners recognise one in a log or a repository. Only the
 * SHA-256 of its text is stored. A token acts as its person, with their roles as they are when
 * it is used, but only in the partnership it was made for, never with a platform
 * administrator's rights, and, when it only reads, only for reading. Pure.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Action, Actor } from '../roles.js';

export const API_TOKEN_PREFIX = 'anc_';

/** A token's whole text. */
export const API_TOKEN_PATTERN = /^anc_[A-Za-z0-9_-]{43}$/;

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SCOPE_LABELS: Readonly<Record<TokenScope, string>> = {
  read: 'Read only',
  write: 'Read and write',
};

/** How long a token can be made to last, in days. */
export const EXPIRY_DAYS = [30, 90, 365] as const;
export type ExpiryDays = (typeof EXPIRY_DAYS)[number];

export const MAX_TOKEN_NAME = 100;

/** A new token: its text, shown once, and the hash that is stored. */
export function newApiToken(): { readonly text: string; readonly hash: string } {
  const text = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { text, hash: apiTokenHash(text) };
}

/** The hex SHA-256 of a token's text: what is stored and looked up. */
export function apiTokenHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The token in an Authorization header (`Bearer anc_…`, the scheme in any case), or null when
 * the header is missing, is another scheme, or does not hold a token's text.
 */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer +(\S+) *$/i.exec(header);
  const text = m?.[1];
  return text !== undefined && API_TOKEN_PATTERN.test(text) ? text : null;
}

/** Why a token that was found does not work now, or null when it does. */
export type TokenRefusal = 'revoked' | 'expired' | 'account disabled';

export function tokenRefusal(
  token: { readonly revokedAt: Date | null; readonly expiresAt: Date },
  user: { readonly disabledAt: Date | null },
  now: Date,
): TokenRefusal | null {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (user.disabledAt) return 'account disabled';
  return null;
}

/** When a token made now for `days` days stops working. */
export function expiryOf(now: Date, days: ExpiryDays): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

/**
 * What a token may be used for at all, and the scope each needs. Anything else is refused to
 * every token, whatever its person's roles: a token reads and sends returns, nothing more.
 */
export const TOKEN_ACTIONS: Readonly<Partial<Record<Action, TokenScope>>> = {
  'partnership.view': 'read',
  'return.view': 'read',
  'return.edit': 'write',
  'return.submit': 'write',
};

/** Whether a token of this scope may be used for the action (the role matrix is checked too). */
export function tokenAllows(scope: TokenScope, action: Action): boolean {
  const needs = TOKEN_ACTIONS[action];
  return needs !== undefined && (needs === 'read' || scope === 'write');
}

/**
 * Who a token acts as: its person's roles now, in the token's partnership only, without a
 * platform administrator's rights.
 */
export function tokenActor(actor: Actor, partnershipId: string): Actor {
  return {
    userId: actor.userId,
    isPlatformAdmin: false,
    memberships: actor.memberships.filter((m) => m.partnershipId === partnershipId),
  };
}

/** How the audit log names a token a change was made through. */
export function viaToken(name: string): string {
  return `API token “${name}”`;
}
