import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random token with 256 bits of entropy, for emailed links. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
