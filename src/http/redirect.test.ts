import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RETURN_PATH, safeReturnPath } from './redirect.js';

/** What a browser does with a Location header: the WHATWG URL parser, against our origin. */
function browserTarget(location: string): URL {
  return new URL(location, 'https://anchorage.example/manage/p/here');
}

describe('safeReturnPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    for (const p of [
      '/manage',
      '/manage/demo/organisations/abc/spend?year=2024',
      '/manage/demo/framework#W1',
      '/sign-in?next=%2Fmanage',
      "/a-b_c.d~e!$&'()*+,;=:@/",
    ]) {
      expect(safeReturnPath(p)).toBe(p);
    }
  });

  it('refuses other sites and the tricks that reach them', () => {
    for (const p of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r/evil.example',
      '\t//evil.example',
      ' /manage',
      '/manage\r\nSet-Cookie: x=1',
      '/manage\u0000',
      '/ｅvil', // full-width letters
      '/%zz',
      'manage',
      '',
      '/'.padEnd(MAX_RETURN_PATH + 1, 'a'),
      'javascript:alert(1)',
    ]) {
      expect(safeReturnPath(p), JSON.stringify(p)).toBeUndefined();
    }
    expect(safeReturnPath(undefined)).toBeUndefined();
    expect(safeReturnPath(['/manage'])).toBeUndefined();
  });

  it('accepts nothing a browser would take to another origin or that HTTP refuses in a header', () => {
    const alphabet = fc.constantFrom(
      ..."/\\\t\n\r :@.%?#abcXYZ019-_~!$&'()*+,;=\u0000\u00a0\u2028\uff0f".split(''),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: alphabet, maxLength: 40 }),
          fc.string({ unit: alphabet, maxLength: 40 }).map((s) => `/${s}`),
          fc.stringMatching(/^(https?:)?\/\/[a-z0-9.-]{1,20}(\/[a-z0-9._~%/-]{0,20})?$/),
        ),
        (candidate) => {
          const kept = safeReturnPath(candidate);
          if (kept === undefined) return;
          expect(kept).toBe(candidate);
          expect(browserTarget(kept).origin).toBe('https://anchorage.example');
          expect([...kept].every((ch) => ch > ' ' && ch < '\u007f' && ch !== '\\')).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
