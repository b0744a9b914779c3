import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from './tokens.js';

describe('newToken', () => {
  it('is 43 characters of base64url (256 bits, no padding)', () => {
    for (let i = 0; i < 50; i++) expect(newToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('decodes to 32 bytes', () => {
    expect(Buffer.from(newToken(), 'base64url')).toHaveLength(32);
  });

  it('is unique', () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => newToken()));
    expect(tokens.size).toBe(2000);
  });
});

describe('hashToken', () => {
  it('is 64 lowercase hex characters', () => {
    expect(hashToken(newToken())).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken('')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic', () => {
    const t = newToken();
    expect(hashToken(t)).toBe(hashToken(t));
  });

  it('is SHA-256 of the UTF-8 text', () => {
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashToken('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('differs for different tokens and does not contain the token', () => {
    const a = newToken();
    const b = newToken();
    expect(hashToken(a)).not.toBe(hashToken(b));
    expect(hashToken(a)).not.toContain(a);
  });
});
