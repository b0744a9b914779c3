/**
 * A memo of at most `maxEntries` values and `maxSize` in all (each value's size as `sizeOf`
 * says), the least recently used dropped first. A value larger than a sixteenth of `maxSize` is
 * not kept, so one huge value cannot push out everything else.
 */
export class BoundedMemo<V> {
  readonly #values = new Map<string, V>();
  readonly #maxEntries: number;
  readonly #maxSize: number;
  readonly #sizeOf: (value: V) => number;
  #size = 0;

  constructor(options: {
    readonly maxEntries: number;
    readonly maxSize: number;
    readonly sizeOf: (value: V) => number;
  }) {
    this.#maxEntries = options.maxEntries;
    this.#maxSize = options.maxSize;
    this.#sizeOf = options.sizeOf;
  }

  get size(): number {
    return this.#values.size;
  }

  get(key: string): V | undefined {
    const value = this.#values.get(key);
    if (value === undefined) return undefined;
    // Most recently used last: the first entry is the one to drop.
    this.#values.delete(key);
    this.#values.set(key, value);
    return value;
  }

  clear(): void {
    this.#values.clear();
    this.#size = 0;
  }

  set(key: string, value: V): void {
    const size = this.#sizeOf(value);
    if (size > this.#maxSize / 16 || this.#values.has(key)) return;
    this.#values.set(key, value);
    this.#size += size;
    for (const [oldest, old] of this.#values) {
      if (this.#values.size <= this.#maxEntries && this.#size <= this.#maxSize) break;
      this.#values.delete(oldest);
      this.#size -= this.#sizeOf(old);
    }
  }
}
