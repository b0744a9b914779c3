import { beforeAll, describe, expect, it } from 'vitest';
import {
  MIN_PASSWORD_LENGTH,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.js';

// Argon2id is deliberately slow: hash once and reuse it.
const PASSWORD = 'correct horse battery staple';
let stored = '';

beforeAll(async () => {
  stored = await hashPassword(PASSWORD);
});

describe('hashPassword', () => {
  it('produces an Argon2id PHC string with the OWASP settings and a salt', () => {
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(stored).toContain('m=19456,t=2,p=1');
    expect(stored).not.toContain(PASSWORD);
  });
});

describe('verifyPassword', () => {
  it('is true for the right password', async () => {
    expect(await verifyPassword(stored, PASSWORD)).toBe(true);
  });

  it('is false for a wrong password, including near misses', async () => {
    expect(await verifyPassword(stored, 'Correct horse battery staple')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('is false, not an exception, for a garbage stored hash', async () => {
    await expect(verifyPassword('not-a-hash', PASSWORD)).resolves.toBe(false);
    await expect(verifyPassword('', PASSWORD)).resolves.toBe(false);
    await expect(verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$garbage', PASSWORD)).resolves.toBe(
      false,
    );
  });
});

describe('verifyAgainstDummy', () => {
  it('is always false', async () => {
    await expect(verifyAgainstDummy(PASSWORD)).resolves.toBe(false);
  });
});

describe('MIN_PASSWORD_LENGTH', () => {
  it('is 12', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
  });
});
