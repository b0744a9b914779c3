import { describe, expect, it } from 'vitest';
import { LazyCsrfToken, pageKey } from './render.js';

describe('the key of a remembered page', () => {
  const page = {
    title: 'A partnership',
    partnership: { name: 'P', local_area: ['E08000012'], created_at: new Date(0) },
    organisations: [{ name: 'O', code: 'X' }],
    count: 3,
    isDemo: false,
    flash: undefined,
    user: null,
  };

  it('is the same for the same template and data, and differs when either differs', () => {
    const key = pageKey('a.njk', page);
    expect(key).toBeTypeOf('string');
    expect(pageKey('a.njk', structuredClone(page))).toBe(key);
    expect(pageKey('b.njk', page)).not.toBe(key);
    expect(pageKey('a.njk', { ...page, organisations: [{ name: 'O2', code: 'X' }] })).not.toBe(key);
    // A date is not the text of its ISO form.
    expect(pageKey('a.njk', { when: new Date(0) })).not.toBe(
      pageKey('a.njk', { when: new Date(0).toISOString() }),
    );
  });

  it('leaves the CSRF token out, without making one', () => {
    let made = 0;
    const token = new LazyCsrfToken(() => `token-${++made}`);
    expect(pageKey('a.njk', { ...page, csrfToken: token })).toBe(pageKey('a.njk', page));
    expect(token.made).toBe(false);
    expect(`${String(token)}|${String(token)}`).toBe('token-1|token-1');
    expect(token.made).toBe(true);
  });

  it('is none for data that JSON would not write faithfully', () => {
    class Shape {
      readonly side = 1;
    }
    const withExtra = Object.assign(['a'], { total: 1 });
    for (const odd of [
      () => 1,
      new Map([['a', 1]]),
      new Shape(),
      Buffer.from('x'),
      Number.NaN,
      [undefined],
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      withExtra,
      1n,
    ]) {
      expect(pageKey('a.njk', { ...page, odd })).toBeUndefined();
    }
  });
});
