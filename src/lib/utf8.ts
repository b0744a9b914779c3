/**
 * Whether a stream of bytes is valid UTF-8, read a chunk at a time: each chunk is checked with
 * Node's own validator (buffer.isUtf8) without making a string of it, and a character cut in two
 * by a chunk's end is checked once its remaining bytes arrive.
 */
import { isUtf8 } from 'node:buffer';

/** The bytes in a character that starts with this byte (1 for one that cannot start one). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

export class Utf8Check {
  #valid = true;
  /** The first bytes of a character the last chunk ended inside. */
  #tail: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): void {
    if (!this.#valid) return;
    let start = 0;
    if (this.#tail.length > 0) {
      const need = sequenceLength(this.#tail[0]!) - this.#tail.length;
      if (chunk.length < need) {
        this.#tail = Buffer.concat([this.#tail, chunk]);
        return;
      }
      if (!isUtf8(Buffer.concat([this.#tail, chunk.subarray(0, need)]))) {
        this.#valid = false;
        return;
      }
      this.#tail = Buffer.alloc(0);
      start = need;
    }
    // Does a character start in the last three bytes and go on past the end?
    let end = chunk.length;
    for (let i = chunk.length - 1; i >= Math.max(start, chunk.length - 3); i--) {
      const b = chunk[i]!;
      if (b >= 0x80 && b < 0xc0) continue; // a continuation byte: look further back
      if (i + sequenceLength(b) > chunk.length) end = i;
      break;
    }
    if (!isUtf8(chunk.subarray(start, end))) {
      this.#valid = false;
      return;
    }
    if (end < chunk.length) this.#tail = Buffer.from(chunk.subarray(end));
  }

  /** The stream has ended: a character still cut short makes it invalid. */
  end(): boolean {
    if (this.#tail.length > 0) this.#valid = false;
    this.#tail = Buffer.alloc(0);
    return this.#valid;
  }
}
