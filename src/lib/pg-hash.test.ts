import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashBytesExtended, hashTextExtended } from './pg-hash.js';

describe('hashTextExtended', () => {
  it('gives what PostgreSQL’s hashtextextended(text, 0) gives', () => {
    // From SELECT hashtextextended(t, 0) on PostgreSQL 15 and PGlite: every length of the last
    // block (0 to 11 bytes and whole blocks), several-byte characters, a long text.
    const known: [string, string][] = [
      ['', '-6939563903564495251'],
      ['a', '3591986179850072241'],
      ['ab', '2833316173711343549'],
      ['abc', '-6747756470228489321'],
      ['abcd', '-1038429303365892052'],
      ['abcde', '3076356108696143428'],
      ['abcdefgh', '-8882191227074733005'],
      ['abcdefghijk', '3112909444737856467'],
      ['abcdefghijkl', '-7556637188122330412'],
      ['abcdefghijklm', '8871624171452417744'],
      ['Café — £12 ✓ 𝄞', '909761992654055255'],
      ['x'.repeat(1000), '8373529910559647588'],
      ['\u00ff\u00fe\u0080', '7379556083153884584'],
      ['ACME LTD|2024-01-01|-12345', '-3586249259543007388'],
    ];
    for (const [text, hash] of known) expect(hashTextExtended(text).toString(), text).toBe(hash);
  });

  it('hashes only the bytes it is given, wherever they lie in the buffer', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.uint8Array({ maxLength: 20 }),
        (bytes, tail) => {
          const alone = new Uint32Array(2);
          hashBytesExtended(bytes, bytes.length, alone);
          const padded = new Uint8Array([...bytes, ...tail]);
          const within = new Uint32Array(2);
          hashBytesExtended(padded, bytes.length, within);
          expect([...within]).toEqual([...alone]);
        },
      ),
    );
  });
});
