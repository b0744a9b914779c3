import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkParts } from './links.js';

// fc.webUrl() is slow to generate; an address of the same shape is enough here.
const WEB_ADDRESS = fc.stringMatching(
  /^https?:\/\/[a-z0-9-]{1,12}(\.[a-z]{2,6}){1,2}(\/[A-Za-z0-9._~%/?=&-]{0,24})?$/,
);

describe('linkParts', () => {
  it('picks out web addresses and leaves the rest as text', () => {
    expect(
      linkParts('Sign in at https://anchorage.example/invitations/abc. Thanks, <Ann>'),
    ).toEqual([
      { text: 'Sign in at ' },
      {
        text: 'https://anchorage.example/invitations/abc',
        href: 'https://anchorage.example/invitations/abc',
      },
      { text: '. Thanks, <Ann>' },
    ]);
  });

  it('makes no link of other schemes or of markup', () => {
    for (const text of [
      'javascript:alert(1)',
      '<meta http-equiv="refresh" content="0;url=https://evil.example">',
      'data:text/html,<b>x</b>',
    ]) {
      for (const part of linkParts(text)) {
        if (part.href) expect(part.href).toMatch(/^https?:\/\/[^\s<>"']+$/);
      }
    }
  });

  it('keeps every character of the text, in order', () => {
    fc.assert(
      fc.property(fc.string(), WEB_ADDRESS, fc.string(), (a, url, b) => {
        const text = `${a} ${url} ${b}`;
        expect(
          linkParts(text)
            .map((p) => p.text)
            .join(''),
        ).toBe(text);
      }),
    );
  });
});
