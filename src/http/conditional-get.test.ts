import { describe, expect, it } from 'vitest';
import { noneMatchFails } from './conditional-get.js';
import { inlineScriptHashes, nhsukInlineScriptHashes } from './csp.js';

describe('If-None-Match', () => {
  const etag = '"abc+/="';

  it('matches the tag itself, weakly, in a list, and *', () => {
    expect(noneMatchFails('"abc+/="', etag)).toBe(true);
    expect(noneMatchFails('W/"abc+/="', etag)).toBe(true);
    expect(noneMatchFails('"other", W/"abc+/="', etag)).toBe(true);
    expect(noneMatchFails('*', etag)).toBe(true);
    expect(noneMatchFails('W/"abc+/="', 'W/"abc+/="')).toBe(true);
  });

  it('does not match another tag, a missing header or an unquoted value', () => {
    expect(noneMatchFails(undefined, etag)).toBe(false);
    expect(noneMatchFails('', etag)).toBe(false);
    expect(noneMatchFails('"abd+/="', etag)).toBe(false);
    expect(noneMatchFails('abc+/=', etag)).toBe(false);
  });
});

describe('inline script hashes', () => {
  it('hash the text between the tags, whatever the attributes, and skip scripts with none', () => {
    const hashes = inlineScriptHashes(
      '<script {%- if cspNonce %} nonce="{{ cspNonce }}"{% endif %}>alert(1)</script>' +
        '<script type="module" src="/static/app.mjs"></script>',
    );
    // sha256("alert(1)"), base64
    expect(hashes).toEqual(["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]);
  });

  it('find nhsuk-frontend’s one inline script', () => {
    expect(nhsukInlineScriptHashes()).toHaveLength(1);
  });
});
