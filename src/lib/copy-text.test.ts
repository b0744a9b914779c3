import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyField, CopyTextWriter } from './copy-text.js';

/** The same rows as one string per line, joined and encoded: what the writer must equal. */
function reference(rows: readonly (readonly (string | null)[])[]): Buffer {
  return Buffer.from(
    rows.map((r) => r.map((v) => (v ? copyField(v) : '\\N')).join('\t') + '\n').join(''),
    'utf8',
  );
}

function written(rows: readonly (readonly (string | null)[])[], initialBytes?: number) {
  const w = new CopyTextWriter(initialBytes);
  for (const r of rows) {
    r.forEach((v, i) => {
      if (i > 0) w.tab();
      w.optional(v);
    });
    w.end();
  }
  return w.take();
}

describe('CopyTextWriter', () => {
  it('escapes backslashes, tabs and line breaks, and writes empty values as null', () => {
    const bytes = written([['a\\b', 'c\td', 'e\nf\rg', '', null, 'Café £5']]);
    expect(bytes?.toString('utf8')).toBe('a\\\\b\tc\\td\te\\nf\\rg\t\\N\t\\N\tCafé £5\n');
  });

  it('writes the same bytes as escaping, joining and encoding each line (any text, any buffer size)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({
        unit: fc.constantFrom('a', 'Z', '9', ' ', '\\', '\t', '\n', '\r', 'é', '£', '😀', '\ud800'),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(text), { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        (rows, initialBytes) => {
          const bytes = written(rows, initialBytes);
          const expected = reference(rows);
          if (expected.length === 0) expect(bytes).toBeNull();
          else expect(bytes?.equals(expected)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('starts again after a take, and hands over memory of its own', () => {
    const w = new CopyTextWriter(4);
    w.field('first');
    w.end();
    const one = w.take();
    expect(w.take()).toBeNull();
    w.bytes(Buffer.from('x\t'));
    w.null();
    w.end();
    const two = w.take();
    expect(one?.toString()).toBe('first\n');
    expect(two?.toString()).toBe('x\t\\N\n');
    expect(two?.byteOffset).toBe(0);
    expect(two?.buffer.byteLength).toBe(two?.length);
  });
});
