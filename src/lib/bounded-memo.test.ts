import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo.js';

const memo = (maxEntries: number, maxSize: number) =>
  new BoundedMemo<string>({ maxEntries, maxSize, sizeOf: (v) => v.length });

describe('BoundedMemo', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const m = memo(2, 1000);
    m.set('a', 'A');
    m.set('b', 'B');
    expect(m.get('a')).toBe('A'); // a is now the most recently used
    m.set('c', 'C');
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBe('A');
    expect(m.get('c')).toBe('C');
    expect(m.size).toBe(2);
  });

  it('keeps at most maxSize in all', () => {
    const m = memo(100, 160);
    for (const k of ['a', 'b', 'c', 'd', 'e']) m.set(k, k.repeat(10));
    m.set('f', 'f'.repeat(10));
    // 60 characters of 160: all six are kept.
    expect(['a', 'b', 'c', 'd', 'e', 'f'].filter((k) => m.get(k) !== undefined)).toHaveLength(6);
    for (const k of 'ghijklmnopq') m.set(k, k.repeat(10));
    expect(m.size).toBe(16);
  });

  it('does not keep a value larger than a sixteenth of maxSize, nor replace a kept one', () => {
    const m = memo(100, 160);
    m.set('big', 'x'.repeat(11));
    expect(m.get('big')).toBeUndefined();
    m.set('a', 'first');
    m.set('a', 'second');
    expect(m.get('a')).toBe('first');
  });
});
