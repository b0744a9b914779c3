/**
 * PostgreSQL's binary COPY format, written straight into bytes, one chunk at a time (each chunk a
 * whole COPY: its header, its rows, its trailer). The database reads a binary integer, date or
 * UUID without parsing text and a text value without looking for escapes, which is cheaper than
 * the text format for it to read, and for this side there is nothing to escape.
 *
 * Each row is its field count, then each field as its length in bytes (−1 for null) and its
 * bytes: integers big-endian, a date as days since 1 January 2000, a UUID as its 16 bytes, text
 * as UTF-8, a one-dimensional text or UUID array with its header.
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TEXT_OID = 25;
const UUID_OID = 2950;
const DAY_MS = 86_400_000;
const EPOCH_2000 = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;

/** Days from 1 January 2000 to an ISO date (yyyy-mm-dd), as PostgreSQL stores a date. */
export function pgDays(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH_2000) / DAY_MS);
}

/** A UUID's 16 bytes. */
export function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('not a UUID');
  return Buffer.from(hex, 'hex');
}

/** Chunks' memory kept to be written again: as many as may wait to be sent, and one. */
const SPARES = 3;

export class CopyBinaryWriter {
  #buf: Buffer;
  readonly #spare: Buffer[] = [];
  #at = 0;
  #rows = 0;

  constructor(initialBytes = 1 << 22) {
    this.#buf = Buffer.allocUnsafeSlow(Math.max(initialBytes, SIGNATURE.length + 8));
    this.#header();
  }

  /** Rows written since the last take. */
  get rows(): number {
    return this.#rows;
  }

  #header(): void {
    this.#buf.set(SIGNATURE, 0);
    this.#buf.writeInt32BE(0, SIGNATURE.length); // flags
    this.#buf.writeInt32BE(0, SIGNATURE.length + 4); // no header extension
    this.#at = SIGNATURE.length + 8;
  }

  #room(n: number): void {
    if (this.#at + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.#buf.length * 2, this.#at + n));
    this.#buf.copy(next, 0, 0, this.#at);
    this.#buf = next;
  }

  /** Starts a row of this many fields. */
  row(fields: number): void {
    this.#room(2);
    this.#buf.writeInt16BE(fields, this.#at);
    this.#at += 2;
    this.#rows++;
  }

  null(): void {
    this.#room(4);
    this.#buf.writeInt32BE(-1, this.#at);
    this.#at += 4;
  }

  int4(n: number): void {
    this.#room(8);
    this.#buf.writeInt32BE(4, this.#at);
    this.#buf.writeInt32BE(n, this.#at + 4);
    this.#at += 8;
  }

  /** A whole number within JavaScript's safe integers, as a 64-bit integer. */
  int8(n: number): void {
    this.#room(12);
    const high = Math.floor(n / TWO_32);
    this.#buf.writeInt32BE(8, this.#at);
    this.#buf.writeInt32BE(high, this.#at + 4);
    this.#buf.writeUInt32BE(n - high * TWO_32, this.#at + 8);
    this.#at += 12;
  }

  /** Where the next field is written: a field's position, to read its bytes back (copyField). */
  get position(): number {
    return this.#at;
  }

  /**
   * Copies the bytes of the field written at `position` (text as UTF-8; nothing for a null) into
   * `into` from `to`, and returns where they end there. `into` must have room for them.
   */
  copyField(position: number, into: Uint8Array, to: number): number {
    const b = this.#buf;
    const length = b.readInt32BE(position);
    if (length <= 0) return to;
    const from = position + 4;
    if (length > 32) into.set(b.subarray(from, from + length), to);
    else for (let i = 0; i < length; i++) into[to + i] = b[from + i]!;
    return to + length;
  }

  /** Whether the field written at `position` is null. */
  isNull(position: number): boolean {
    return this.#buf.readInt32BE(position) < 0;
  }

  /** A 64-bit integer given as its two unsigned 32-bit words, high then low. */
  int8Words(high: number, low: number): void {
    this.#room(12);
    this.#buf.writeInt32BE(8, this.#at);
    this.#buf.writeUInt32BE(high, this.#at + 4);
    this.#buf.writeUInt32BE(low, this.#at + 8);
    this.#at += 12;
  }

  /** A date as days since 1 January 2000 (pgDays). */
  date(days: number): void {
    this.int4(days);
  }

  /**
   * A field's bytes as they are, b[from, to): a UUID's 16 bytes, say, or text already in UTF-8
   * (an ASCII field of a file).
   */
  bytes(b: Uint8Array, from = 0, to = b.length): void {
    const length = to - from;
    this.#room(4 + length);
    const buf = this.#buf;
    buf.writeInt32BE(length, this.#at);
    const at = this.#at + 4;
    if (length > 32) buf.set(b.subarray(from, to), at);
    else for (let i = 0; i < length; i++) buf[at + i] = b[from + i]!;
    this.#at = at + length;
  }

  /** Text as UTF-8. */
  text(s: string): void {
    // Room for the worst case (3 bytes per UTF-16 unit), then the length written after the text.
    this.#room(4 + s.length * 3);
    const start = this.#at + 4;
    const b = this.#buf;
    const n = s.length;
    let at = start;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      b[at++] = c;
    }
    if (i < n) at += b.write(s.slice(i), at, 'utf8');
    b.writeInt32BE(at - start, this.#at);
    this.#at = at;
  }

  /** Text, or null when it is null, undefined or empty. */
  optional(v: string | null | undefined): void {
    if (v) this.text(v);
    else this.null();
  }

  /** A one-dimensional text[] without nulls. */
  textArray(values: readonly string[]): void {
    this.#array(TEXT_OID, values, (v) => this.text(v));
  }

  /** A one-dimensional uuid[] without nulls, from each UUID's 16 bytes. */
  uuidArray(values: readonly Uint8Array[]): void {
    this.#array(UUID_OID, values, (v) => this.bytes(v));
  }

  #array<T>(elementType: number, values: readonly T[], element: (v: T) => void): void {
    this.#room(4 + 20);
    const lengthAt = this.#at;
    const b = this.#buf;
    b.writeInt32BE(1, lengthAt + 4); // dimensions
    b.writeInt32BE(0, lengthAt + 8); // no nulls
    b.writeInt32BE(elementType, lengthAt + 12);
    b.writeInt32BE(values.length, lengthAt + 16);
    b.writeInt32BE(1, lengthAt + 20); // lower bound
    this.#at = lengthAt + 24;
    for (const v of values) element(v);
    this.#buf.writeInt32BE(this.#at - lengthAt - 4, lengthAt);
  }

  /**
   * The rows since the last call as one binary COPY (header, rows, trailer), or null when there
   * are none. The bytes are the writer's own memory, handed over as they are (not copied): a view
   * from the start of an ArrayBuffer that nothing else shares (not Node's shared buffer pool), so
   * that a thread can transfer it without copying. The writer carries on in memory given back
   * with recycle(), or in new memory.
   */
  take(): Buffer | null {
    if (!this.#rows) return null;
    this.#room(2);
    this.#buf.writeInt16BE(-1, this.#at);
    this.#at += 2;
    const out = this.#buf.subarray(0, this.#at);
    this.#buf = this.#spare.pop() ?? Buffer.allocUnsafeSlow(this.#buf.length);
    this.#rows = 0;
    this.#header();
    return out;
  }

  /**
   * Gives back the memory of a chunk that take() handed over, once the chunk is no longer needed
   * (sent to the database), to write later chunks into: no new memory to fault in, nothing copied.
   */
  recycle(memory: ArrayBuffer): void {
    if (this.#spare.length < SPARES && memory.byteLength >= SIGNATURE.length + 8)
      this.#spare.push(Buffer.from(memory));
  }
}
