import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles.js';
import {
  API_TOKEN_PATTERN,
  apiTokenHash,
  bearerToken,
  expiryOf,
  newApiToken,
  tokenActor,
  tokenAllows,
  tokenRefusal,
  viaToken,
} from './tokens.js';

describe('a new API token', () => {
  it('is anc_ and 43 base64url characters, different each time, stored only as its SHA-256', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { text, hash } = newApiToken();
      expect(text).toMatch(API_TOKEN_PATTERN);
      expect(text).toHaveLength(47);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(apiTokenHash(text));
      expect(hash).not.toContain(text.slice(4));
      seen.add(text);
    }
    expect(seen.size).toBe(50);
  });

  it('hashes as SHA-256 of its whole text', () => {
    expect(apiTokenHash('a')).toBe(
      'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
    );
  });
});

describe('bearerToken', () => {
  const { text } = newApiToken();

  it('reads the token from Authorization: Bearer, the scheme in any case', () => {
    expect(bearerToken(`Bearer ${text}`)).toBe(text);
    expect(bearerToken(`bearer ${text}`)).toBe(text);
    expect(bearerToken(`BEARER  ${text} `)).toBe(text);
  });

  it('finds nothing in a missing header, another scheme or text that is not a token', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${text}`,
      text,
      `Bearer ${text}x`,
      `Bearer ${text.slice(0, -1)}`,
      `Bearer ${text.replace('anc_', 'abc_')}`,
      `Bearer ${text} ${text}`,
      `Bearer ${text.slice(0, 10)}+${text.slice(11)}`,
      `Bearer ${text}\n`,
    ])
      expect(bearerToken(header), String(header)).toBeNull();
  });
});

describe('tokenRefusal', () => {
  const now = new Date('2026-06-30T12:00:00Z');
  const later = new Date('2026-07-30T12:00:00Z');
  const working = { revokedAt: null, expiresAt: later };

  it('lets a token work until it expires, is revoked or its account is disabled', () => {
    expect(tokenRefusal(working, { disabledAt: null }, now)).toBeNull();
    expect(tokenRefusal(working, { disabledAt: null }, later)).toBe('expired');
    expect(tokenRefusal({ ...working, revokedAt: now }, { disabledAt: null }, now)).toBe('revoked');
    expect(tokenRefusal(working, { disabledAt: now }, now)).toBe('account disabled');
  });

  it('counts the days of expiry from when it is made', () => {
    expect(expiryOf(now, 30).toISOString()).toBe('2026-07-30T12:00:00.000Z');
    expect(expiryOf(now, 365).toISOString()).toBe('2027-06-30T12:00:00.000Z');
  });
});

describe('what a token may do', () => {
  it('reads with either scope, changes only with a read-and-write token', () => {
    expect(tokenAllows('read', 'return.view')).toBe(true);
    expect(tokenAllows('read', 'partnership.view')).toBe(true);
    expect(tokenAllows('read', 'return.edit')).toBe(false);
    expect(tokenAllows('read', 'return.submit')).toBe(false);
    expect(tokenAllows('write', 'return.edit')).toBe(true);
    expect(tokenAllows('write', 'return.submit')).toBe(true);
  });

  it('is never used for anything else, whatever its scope', () => {
    for (const action of ['return.review', 'figures.publish', 'platform.audit.view'] as const) {
      expect(tokenAllows('write', action)).toBe(false);
      expect(tokenAllows('read', action)).toBe(false);
    }
  });

  it('acts with its person’s roles in its own partnership only, never as a platform administrator', () => {
    const actor: Actor = {
      userId: 'u',
      isPlatformAdmin: true,
      memberships: [
        { partnershipId: 'a', organisationId: 'o', role: 'org-lead', pillars: null },
        { partnershipId: 'b', organisationId: null, role: 'partnership-lead', pillars: null },
      ],
    };
    expect(tokenActor(actor, 'a')).toEqual({
      userId: 'u',
      isPlatformAdmin: false,
      memberships: [{ partnershipId: 'a', organisationId: 'o', role: 'org-lead', pillars: null }],
    });
    expect(tokenActor(actor, 'c').memberships).toEqual([]);
  });

  it('is named in the audit log by its name', () => {
    expect(viaToken('Power BI')).toBe('API token “Power BI”');
  });
});
