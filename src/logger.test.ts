import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeUrl } from './logger.js';

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
