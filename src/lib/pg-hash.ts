/**
 * PostgreSQL's 64-bit hash of bytes (`hash_bytes_extended` in src/common/hashfn.c, Bob Jenkins's
 * lookup3), as `hashtextextended(text, 0)` gives it for text in a deterministic collation. Worked
 * out here so that a value the database would otherwise hash (a spend line's key, decision 045)
 * can be written as it is read, and still equal the keys the database made for stored rows.
 * Little-endian, as on every machine the service runs on (x86-64, arm64, WebAssembly).
 */

/** Whether this machine stores the low byte of a word first (every machine the service runs on). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function rot(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The four bytes of `k` from `i`, little-endian, as a 32-bit word. */
function word(k: Uint8Array, i: number): number {
  return k[i]! | (k[i + 1]! << 8) | (k[i + 2]! << 16) | (k[i + 3]! << 24);
}

/**
 * Hashes the first `length` bytes of `k` with seed 0 and writes the 64-bit result into `out` as
 * two unsigned 32-bit words, high then low (the database's int8, written big-endian, is these
 * two words in turn). `words`, when given, is a Uint32Array over the same memory as `k`, which
 * starts on a 4-byte boundary, on a little-endian machine (LITTLE_ENDIAN): quicker to read.
 */
export function hashBytesExtended(
  k: Uint8Array,
  length: number,
  out: Uint32Array,
  words?: Uint32Array,
): void {
  let a = (0x9e3779b9 + length + 3923095) | 0;
  let b = a;
  let c = a;
  let len = length;
  let i = 0;
  while (len >= 12) {
    if (words) {
      // The same bytes read four at a time: `words` views k's memory (a little-endian machine).
      const w = i >> 2;
      a = (a + words[w]!) | 0;
      b = (b + words[w + 1]!) | 0;
      c = (c + words[w + 2]!) | 0;
    } else {
      a = (a + word(k, i)) | 0;
      b = (b + word(k, i + 4)) | 0;
      c = (c + word(k, i + 8)) | 0;
    }
    a = (a - c) | 0;
    a ^= rot(c, 4);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= rot(a, 6);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= rot(b, 8);
    b = (b + a) | 0;
    a = (a - c) | 0;
    a ^= rot(c, 16);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= rot(a, 19);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= rot(b, 4);
    b = (b + a) | 0;
    i += 12;
    len -= 12;
  }
  // The last 0 to 11 bytes, little-endian into a, b and c; the lowest byte of c is left as it is.
  for (let j = 0; j < len; j++) {
    const v = k[i + j]!;
    if (j < 4) a = (a + (v << (j * 8))) | 0;
    else if (j < 8) b = (b + (v << ((j - 4) * 8))) | 0;
    else c = (c + (v << ((j - 7) * 8))) | 0;
  }
  c ^= b;
  c = (c - rot(b, 14)) | 0;
  a ^= c;
  a = (a - rot(c, 11)) | 0;
  b ^= a;
  b = (b - rot(a, 25)) | 0;
  c ^= b;
  c = (c - rot(b, 16)) | 0;
  a ^= c;
  a = (a - rot(c, 4)) | 0;
  b ^= a;
  b = (b - rot(a, 14)) | 0;
  c ^= b;
  c = (c - rot(b, 24)) | 0;
  out[0] = b >>> 0;
  out[1] = c >>> 0;
}

/** The same as a signed 64-bit integer, as the database shows it (for tests and reading). */
export function hashTextExtended(text: string): bigint {
  const bytes = Buffer.from(text, 'utf8');
  const out = new Uint32Array(2);
  hashBytesExtended(bytes, bytes.length, out);
  return BigInt.asIntN(64, (BigInt(out[0]!) << 32n) | BigInt(out[1]!));
}
