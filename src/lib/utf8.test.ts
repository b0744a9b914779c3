import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Check } from './utf8.js';

/** The reference: a strict decoder over the whole bytes. */
function decodes(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function checkInPieces(bytes: Uint8Array, cuts: number[]): boolean {
  const check = new Utf8Check();
  let at = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1))].sort((a, b) => a - b)) {
    check.push(bytes.subarray(at, cut));
    at = cut;
  }
  check.push(bytes.subarray(at));
  return check.end();
}

// Bytes likely to be (or nearly be) UTF-8: text, with some bytes changed or cut off.
const nearlyUtf8 = fc
  .tuple(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    fc.nat({ max: 3 }),
  )
  .map(([text, changes, drop]) => {
    const bytes = Buffer.from(text, 'utf8');
    for (const [at, value] of changes) if (bytes.length) bytes[at % bytes.length] = value;
    return bytes.subarray(0, Math.max(0, bytes.length - drop));
  });

describe('Utf8Check', () => {
  it('agrees with a strict decoder of the whole, however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.oneof(nearlyUtf8, fc.uint8Array({ maxLength: 40 })),
        fc.array(fc.nat(), { maxLength: 6 }),
        (bytes, cuts) => {
          expect(checkInPieces(bytes, cuts)).toBe(decodes(bytes));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('takes a character cut across three chunks, and rejects one cut short at the end', () => {
    const euro = Buffer.from('€', 'utf8'); // three bytes
    expect(checkInPieces(euro, [1, 2])).toBe(true);
    expect(checkInPieces(euro.subarray(0, 2), [1])).toBe(false);
    // An overlong encoding, a lone continuation byte and a surrogate are not UTF-8.
    for (const bad of [[0xc0, 0x80], [0x80], [0xed, 0xa0, 0x80]])
      expect(checkInPieces(Buffer.from(bad), [1])).toBe(false);
  });
});
