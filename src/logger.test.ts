import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, maskValues, safeUrl, serializeError } from './logger.js';

const TOKEN = 'Zm9vYmFyLWJhei1xdXV4LXRva2VuLXNlY3JldC0xMjM0';

describe('safeUrl', () => {
  it('strips the query string', () => {
    expect(safeUrl('/manage/cm?page=2&q=secret')).toBe('/manage/cm');
    expect(safeUrl('/sign-in?next=%2Fmanage')).toBe('/sign-in');
    expect(safeUrl('/?')).toBe('/');
    expect(safeUrl('/a?b?c')).toBe('/a');
  });

  it('masks the token of a reset-password link', () => {
    expect(safeUrl(`/reset-password/${TOKEN}`)).toBe('/reset-password/[token]');
  });

  it('masks the token of a sign-in link', () => {
    expect(safeUrl(`/sign-in/link/${TOKEN}?next=%2Fabout`)).toBe('/sign-in/link/[token]');
    expect(safeUrl('/sign-in/link')).toBe('/sign-in/link');
  });

  it('masks the token of an invitation link', () => {
    expect(safeUrl(`/invitations/${TOKEN}`)).toBe('/invitations/[token]');
  });

  it('masks the token when a path follows it', () => {
    expect(safeUrl(`/reset-password/${TOKEN}/done`)).toBe('/reset-password/[token]/done');
    expect(safeUrl(`/invitations/${TOKEN}/accept`)).toBe('/invitations/[token]/accept');
    expect(safeUrl(`/invitations/${TOKEN}/`)).toBe('/invitations/[token]/');
  });

  it('masks the token and drops the query string when one follows it', () => {
    expect(safeUrl(`/reset-password/${TOKEN}?x=1`)).toBe('/reset-password/[token]');
    expect(safeUrl(`/invitations/${TOKEN}?from=email&t=${TOKEN}`)).toBe('/invitations/[token]');
    expect(safeUrl(`/invitations/${TOKEN}/accept?t=1`)).toBe('/invitations/[token]/accept');
  });

  it('leaves other paths alone', () => {
    for (const url of [
      '/',
      '/manage/cheshire-and-merseyside/organisations/42',
      '/sign-in',
      '/reset-password',
      '/reset-password/',
      '/invitations',
      '/manage/x/invitations/abc', // not at the start: an internal page, no emailed token
      '/assets/app.css',
    ]) {
      expect(safeUrl(url), url).toBe(url);
    }
  });

  it('copes with an empty URL', () => {
    expect(safeUrl('')).toBe('');
  });
});

describe('safeUrl: property', () => {
  const base64url = fc.constantFrom(
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''),
  );
  // Real tokens are 43 characters; at least 16 keeps a token from being a mere substring of the
  // fixed text around it ("reset-password", "[token]", …).
  const token = fc.string({ unit: base64url, minLength: 16, maxLength: 86 });
  const prefix = fc.constantFrom('/reset-password/', '/invitations/');
  const suffix = fc.constantFrom('', '/', '/accept', '?x=1', '/done?from=email', '#top');

  it('never contains the token', () => {
    fc.assert(
      fc.property(prefix, token, suffix, (p, t, s) => {
        const out = safeUrl(p + t + s);
        expect(out).not.toContain(t);
        expect(out.startsWith(`${p}[token]`)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('drops any query string and keeps any other path', () => {
    const path = fc.string({ unit: fc.constantFrom(...'abc-_./019'.split('')), maxLength: 40 });
    fc.assert(
      fc.property(path, fc.string(), (p, q) => {
        expect(safeUrl(`/${p}?${q}`)).not.toContain('?');
        expect(safeUrl(`/${p}?${q}`)).toBe(`/${p}`);
      }),
    );
  });
});

describe('maskValues', () => {
  it('keeps the names of relations, columns and constraints', () => {
    for (const message of [
      'new row for relation "users" violates check constraint "users_email_check"',
      'duplicate key value violates unique constraint "users_email"',
      'null value in column "email" of relation "users" violates not-null constraint',
      'invalid byte sequence for encoding "UTF8": 0x00',
      'audit_log is append-only: UPDATE is not allowed',
    ]) {
      expect(maskValues(message)).toBe(message);
    }
  });

  it('masks the values PostgreSQL and V8 quote', () => {
    expect(maskValues('invalid input syntax for type uuid: "not-a-uuid"')).toBe(
      'invalid input syntax for type uuid: "[value]"',
    );
    expect(maskValues('value "99999999999" is out of range for type integer')).toBe(
      'value "[value]" is out of range for type integer',
    );
    expect(maskValues('invalid input value for enum role: "a "quoted" value"')).toBe(
      'invalid input value for enum role: "[value]"',
    );
    expect(maskValues('Unexpected token \'p\', "password=secret" is not valid JSON')).toBe(
      'Unexpected token \'p\', "[value]" is not valid JSON',
    );
    expect(maskValues('syntax error at or near "secret"')).toBe(
      'syntax error at or near "[value]"',
    );
  });

  it('masks a quoted value left open', () => {
    expect(maskValues('bad value "secret and the rest')).toBe('bad value "[value]"');
  });

  it('shortens a very long message', () => {
    const out = maskValues(`failed ${'x'.repeat(5000)}`);
    expect(out.length).toBeLessThanOrEqual(501);
  });
});

describe('serializeError', () => {
  /** An error shaped as pg and PGlite give them. */
  function databaseError() {
    return Object.assign(new Error('new row for relation "users" violates check constraint "c"'), {
      name: 'error',
      severity: 'ERROR',
      code: '23514',
      detail: 'Failing row contains (1, $argon2id$v=19$m=19456,t=2,p=1$abc$def).',
      where: 'JSON data, line 1: {"pendingTotpSecret":"KLYWLLSQBHEQIY54H6RD27Z5OVS5KCV2"',
      hint: 'a hint',
      schema: 'public',
      table: 'users',
      constraint: 'c',
      routine: 'ExecConstraints',
      query: 'insert into users (password_hash) values ($1)',
      params: ['$argon2id$v=19$m=19456,t=2,p=1$abc$def'],
      internalQuery: 'select 1',
    });
  }

  it('keeps what an operator needs and leaves out the values', () => {
    const out = serializeError(databaseError()) as Record<string, unknown>;
    expect(out).toMatchObject({
      type: 'Error',
      name: 'error',
      code: '23514',
      severity: 'ERROR',
      schema: 'public',
      table: 'users',
      constraint: 'c',
      routine: 'ExecConstraints',
    });
    for (const key of ['detail', 'where', 'query', 'params', 'internalQuery', 'hint']) {
      expect(out, key).not.toHaveProperty(key);
    }
    expect(String(out.stack)).toMatch(/^error: new row for relation "users"[^\n]*\n\s+at /);
  });

  it('rebuilds the stack so the message at its head is masked too', () => {
    const err = new Error('invalid input syntax for type uuid: "KLYWLLSQBHEQIY54H6RD27Z5OVS5KCV2"');
    const out = serializeError(err) as { stack: string; message: string };
    expect(out.message).not.toContain('KLYW');
    expect(out.stack).not.toContain('KLYW');
    expect(out.stack).toContain('logger.test.ts');
  });

  it('follows causes and aggregated errors, and keeps only a message and code of other objects', () => {
    const err = new Error('wrapped', { cause: databaseError() });
    const text = JSON.stringify(serializeError(err));
    expect(text).toContain('"code":"23514"');
    expect(text).not.toContain('argon2');
    expect(JSON.stringify(serializeError(new AggregateError([databaseError()])))).not.toContain(
      'argon2',
    );
    expect(serializeError({ message: 'm', code: 'X', session: { id: 'secret' } })).toEqual({
      type: 'object',
      message: 'm',
      code: 'X',
    });
    expect(serializeError('plain text')).toBe('plain text');
  });

  it('is what the logger uses for errors, and session contents and hashes are redacted', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = createLogger('info', sink);
    log.error({ err: databaseError() }, 'request failed');
    log.error(databaseError());
    log.info({ session: { pendingTotpSecret: 'KLYWLLSQBHEQIY54H6RD27Z5OVS5KCV2' } }, 'x');
    log.info({ user: { password_hash: '$argon2id$v=19$x', totp_secret: 'S', email: 'a@b' } }, 'y');
    const text = lines.join('');
    expect(lines).toHaveLength(4);
    expect(text).not.toContain('argon2');
    expect(text).not.toContain('KLYW');
    expect(text).not.toContain('a@b');
    expect(text).toContain('"code":"23514"');
  });
});
