import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyBinaryWriter, pgDays, uuidBytes } from './copy-binary.js';

describe('binary COPY values', () => {
  it('counts days from 1 January 2000, as PostgreSQL stores a date', () => {
    expect(pgDays('2000-01-01')).toBe(0);
    expect(pgDays('1999-12-31')).toBe(-1);
    expect(pgDays('2000-03-01')).toBe(60); // 2000 was a leap year
    expect(pgDays('2025-04-01')).toBe(9222);
    expect(pgDays('1900-01-01')).toBe(-36524);
  });

  it('writes a UUID as its 16 bytes, and refuses anything else', () => {
    expect(uuidBytes('7b0f9c5e-2d1a-4c3b-9e8f-0a1b2c3d4e5f').toString('hex')).toBe(
      '7b0f9c5e2d1a4c3b9e8f0a1b2c3d4e5f',
    );
    expect(() => uuidBytes('not-a-uuid')).toThrow();
  });

  it('writes any safe whole number as the 64-bit integer it is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        (n) => {
          const w = new CopyBinaryWriter(16);
          w.row(1);
          w.int8(n);
          const bytes = w.take()!;
          // Header (19 bytes), field count (2), length (4), value (8), trailer (2).
          expect(bytes.length).toBe(19 + 2 + 4 + 8 + 2);
          expect(bytes.readInt32BE(21)).toBe(8);
          expect(bytes.readBigInt64BE(25)).toBe(BigInt(n));
          expect(bytes.readInt16BE(33)).toBe(-1);
        },
      ),
    );
  });

  it('writes text as UTF-8 with its length in bytes, whatever the buffer’s size', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 64 }), (s, size) => {
        const w = new CopyBinaryWriter(size);
        w.row(1);
        w.text(s);
        const bytes = w.take()!;
        const expected = Buffer.from(s, 'utf8');
        expect(bytes.readInt32BE(21)).toBe(expected.length);
        expect(bytes.subarray(25, 25 + expected.length).equals(expected)).toBe(true);
      }),
    );
  });

  it('starts each chunk with the header again, and hands over memory of its own', () => {
    const w = new CopyBinaryWriter(8);
    expect(w.take()).toBeNull();
    w.row(1);
    w.null();
    const one = w.take()!;
    w.row(1);
    w.int4(7);
    const two = w.take()!;
    for (const b of [one, two]) {
      expect(b.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
      expect(b.byteOffset).toBe(0);
    }
    expect(one.readInt32BE(21)).toBe(-1);
    // Memory of its own: transferring one chunk's memory (as to another thread) leaves the other whole.
    const moved = new Uint8Array(
      structuredClone(one.buffer, { transfer: [one.buffer as ArrayBuffer] }),
    );
    expect(one.length).toBe(0);
    expect(moved[0]).toBe(0x50); // P of PGCOPY
    expect(two.readInt32BE(25)).toBe(7);
  });

  it('writes later chunks into memory given back, and never into a chunk not given back', () => {
    const w = new CopyBinaryWriter(64);
    w.row(1);
    w.int4(1);
    const one = w.take()!;
    const oneBytes = Buffer.from(one);
    w.row(1);
    w.int4(2);
    const two = w.take()!;
    // Neither chunk was given back: each is still as it was taken.
    expect(Buffer.compare(one, oneBytes)).toBe(0);
    expect(two.buffer).not.toBe(one.buffer);
    w.recycle(one.buffer as ArrayBuffer);
    w.row(1);
    w.int4(3);
    w.take(); // the chunk being written when `one` came back
    w.row(1);
    w.int4(4);
    const four = w.take()!;
    expect(four.buffer).toBe(one.buffer);
    expect(four.readInt32BE(25)).toBe(4);
    expect(two.readInt32BE(25)).toBe(2);
  });
});
