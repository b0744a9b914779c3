/**
 * PostgreSQL's COPY text format (tab-separated, \N for null, backslash escapes), written straight
 * into bytes: one growing buffer per chunk of rows rather than a string per field, a string per
 * line and a string per chunk that is then encoded. Text without anything to escape and without
 * characters beyond ASCII (nearly all of a spend file) is copied a character at a time; anything
 * else goes through the escaping and UTF-8 encoding below, so the bytes are the same either way.
 */

const TAB = 9;
const NEWLINE = 10;
const RETURN = 13;
const BACKSLASH = 92;
const N = 78;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value escaped for COPY text (backslash, tab, newline and carriage return). */
export function copyField(v: string): string {
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export class CopyTextWriter {
  #buf: Buffer;
  #at = 0;

  constructor(initialBytes = 1 << 22) {
    this.#buf = Buffer.allocUnsafeSlow(initialBytes);
  }

  /** Bytes written since the last take. */
  get length(): number {
    return this.#at;
  }

  #room(n: number): void {
    if (this.#at + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.#buf.length * 2, this.#at + n));
    this.#buf.copy(next, 0, 0, this.#at);
    this.#buf = next;
  }

  /** The separator before the next column. */
  tab(): void {
    this.#room(1);
    this.#buf[this.#at++] = TAB;
  }

  /** The end of a row. */
  end(): void {
    this.#room(1);
    this.#buf[this.#at++] = NEWLINE;
  }

  null(): void {
    this.#room(2);
    this.#buf[this.#at++] = BACKSLASH;
    this.#buf[this.#at++] = N;
  }

  /** Bytes already in COPY text (a value encoded once and written on many rows). */
  bytes(b: Uint8Array): void {
    this.#room(b.length);
    this.#buf.set(b, this.#at);
    this.#at += b.length;
  }

  /** A value, escaped. */
  field(s: string): void {
    const n = s.length;
    this.#room(n);
    const b = this.#buf;
    let at = this.#at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || c === BACKSLASH || c === TAB || c === NEWLINE || c === RETURN) {
        this.#at = at;
        this.#escaped(s.slice(i));
        return;
      }
      b[at++] = c;
    }
    this.#at = at;
  }

  #escaped(rest: string): void {
    const text = copyField(rest);
    this.#room(Buffer.byteLength(text, 'utf8'));
    this.#at += this.#buf.write(text, this.#at, 'utf8');
  }

  /** A value, or \N when it is null, undefined or empty. */
  optional(v: string | null | undefined): void {
    if (v) this.field(v);
    else this.null();
  }

  /**
   * The bytes written since the last call, or null when there are none. They have memory of their
   * own (not Node's shared buffer pool), so that a thread can hand them over without copying.
   */
  take(): Buffer | null {
    if (!this.#at) return null;
    const out = Buffer.allocUnsafeSlow(this.#at);
    this.#buf.copy(out, 0, 0, this.#at);
    this.#at = 0;
    return out;
  }
}
