import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutRanges } from '../../../test/helpers/cuts.js';
import { FileLimitError } from '../file-limits.js';
import { byteOrderMarkBytes, CsvByteRecords } from './csv-bytes.js';
import { CsvBoundaryFinder, CsvRecordReader } from './csv.js';

/** What a field may hold: delimiters, quotes, CR and LF apart, spaces, non-ASCII, long runs. */
const fieldText = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      '7',
      ' ',
      ',',
      ';',
      '"',
      '\n',
      '\r',
      '\r\n',
      '\t',
      '£',
      'é',
      '😀',
      'xxxxxx',
    ),
    { maxLength: 8 },
  )
  .map((a) => a.join(''));

/** CSV text: fields quoted or not (so quotes and line breaks also appear unquoted), any line ends. */
const csvText = fc
  .record({
    records: fc.array(fc.array(fieldText, { minLength: 1, maxLength: 5 }), { maxLength: 10 }),
    quote: fc.array(fc.constantFrom('always', 'needed', 'never'), { minLength: 1, maxLength: 20 }),
    eol: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 5 }),
    boms: fc.constantFrom(0, 0, 1, 2),
    delimiter: fc.constantFrom(',', ',', ';', '\t'),
    finalEol: fc.boolean(),
  })
  .map(({ records, quote, eol, boms, delimiter, finalEol }) => {
    let k = 0;
    const lines = records.map((fields, r) => {
      const written = fields.map((f) => {
        const how = quote[k++ % quote.length];
        const needed = f.includes(delimiter) || /["\r\n]/.test(f);
        return how === 'always' || (how === 'needed' && needed) ? `"${f.replace(/"/g, '""')}"` : f;
      });
      return (
        written.join(delimiter) + (r < records.length - 1 || finalEol ? eol[r % eol.length] : '')
      );
    });
    return { text: '\ufeff'.repeat(boms) + lines.join(''), delimiter };
  });

type Read = { fields: string[]; line: number }[] | { error: string };

/** The records as the import reads the text: decoded as a stream, the reader's own way. */
function byText(bytes: Buffer, cuts: number[], delimiter: string, limits?: Limits): Read {
  const out: { fields: string[]; line: number }[] = [];
  try {
    const reader = new CsvRecordReader(delimiter, limits);
    const decoder = new TextDecoder('utf-8');
    let first = true;
    for (const piece of pieces(bytes, cuts)) {
      let text = decoder.decode(piece, { stream: true });
      if (first) {
        text = text.replace(/^\ufeff/, '');
        first = false;
      }
      reader.push(text, (fields, line) => out.push({ fields, line }));
    }
    reader.push(decoder.decode(), (fields, line) => out.push({ fields, line }));
    reader.end((fields, line) => out.push({ fields, line }));
  } catch (err) {
    if (err instanceof FileLimitError) return { error: err.message };
    throw err;
  }
  return out;
}

/** The records as CsvByteRecords finds them in the bytes, plain ones made text here. */
function byBytes(
  bytes: Buffer,
  cuts: number[],
  delimiter: string,
  limits: Limits,
  from?: { line: number },
): Read {
  const out: { fields: string[]; line: number }[] = [];
  try {
    const reader = new CsvByteRecords(delimiter, limits, from);
    const plain = (
      b: Buffer,
      starts: Int32Array,
      ends: Int32Array,
      count: number,
      line: number,
    ) => {
      const fields: string[] = [];
      for (let k = 0; k < count; k++) fields.push(b.toString('latin1', starts[k], ends[k]));
      out.push({ fields, line });
    };
    const text = (fields: string[], line: number) => out.push({ fields, line });
    for (const piece of pieces(bytes, cuts)) reader.push(piece, plain, text);
    reader.end(plain, text);
  } catch (err) {
    if (err instanceof FileLimitError) return { error: err.message };
    throw err;
  }
  return out;
}

type Limits = { columns: number; cellChars: number };
const NO_LIMITS: Limits = { columns: 1_000, cellChars: 1_000_000 };

/**
 * The bytes cut at the given places (inside characters too), as a file is read in chunks. The
 * first chunk holds at least the first 6 bytes, as a file's does (its first chunk is a megabyte):
 * the text reader drops byte-order marks only at the start of the first chunk's text.
 */
function pieces(bytes: Buffer, cuts: number[]): Buffer[] {
  return cutRanges(bytes.length, cuts, 6).map(([from, to]) => bytes.subarray(from, to));
}

describe('CsvByteRecords', { timeout: 60_000 }, () => {
  it('finds the records and lines the text reader reads, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 6 }), ({ text, delimiter }, cuts) => {
        const bytes = Buffer.from(text, 'utf8');
        expect(byBytes(bytes, cuts, delimiter, NO_LIMITS)).toEqual(byText(bytes, cuts, delimiter));
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a record past the limits as the text reader does, naming the same line', () => {
    const limits = fc.record({
      columns: fc.integer({ min: 1, max: 4 }),
      cellChars: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(
      fc.property(
        csvText,
        limits,
        fc.array(fc.nat(), { maxLength: 4 }),
        ({ text, delimiter }, l, cuts) => {
          const bytes = Buffer.from(text, 'utf8');
          expect(byBytes(bytes, cuts, delimiter, l)).toEqual(byText(bytes, cuts, delimiter, l));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('reads the rest of the file as text from a record too long to hold, and stops at it', () => {
    const limits = { columns: 3, cellChars: 10 };
    const huge = `a,b\n1,2\n"${'x'.repeat(500)}\n`;
    const bytes = Buffer.from(huge, 'utf8');
    const read = byBytes(bytes, [5, 20, 40, 80, 200], ',', limits);
    expect(read).toEqual(byText(bytes, [], ',', limits));
    expect(read).toEqual({ error: expect.stringContaining('line 3, column 1') as unknown });
  });

  it('hands plain ASCII records over as byte ranges without their quotes', () => {
    const plain: string[][] = [];
    const text: string[][] = [];
    const reader = new CsvByteRecords(',', NO_LIMITS);
    const toPlain = (b: Buffer, starts: Int32Array, ends: Int32Array, count: number) => {
      const f: string[] = [];
      for (let k = 0; k < count; k++) f.push(b.toString('latin1', starts[k], ends[k]));
      plain.push(f);
    };
    reader.push(Buffer.from('a,"b, c",d\r\n"x""y",2\n£5,3\n"q"r,4\n'), toPlain, (f) =>
      text.push(f),
    );
    reader.end(toPlain, (f) => text.push(f));
    expect(plain).toEqual([['a', 'b, c', 'd']]);
    expect(text).toEqual([
      ['x"y', '2'],
      ['£5', '3'],
      ['qr', '4'],
    ]);
  });
});

describe('a file read in two parts', { timeout: 60_000 }, () => {
  it('gives the records and lines of the whole, the second part read from the boundary found', () => {
    fc.assert(
      fc.property(
        csvText,
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 4 }),
        ({ text, delimiter }, t, cuts) => {
          const bytes = Buffer.from(text, 'utf8');
          // As the import cuts a file: past its byte-order marks, which the reader drops.
          const skip = byteOrderMarkBytes(bytes);
          const finder = new CsvBoundaryFinder(delimiter, t % (bytes.length - skip + 1));
          for (const [from, to] of cutRanges(bytes.length - skip, cuts))
            finder.push(bytes.subarray(skip + from, skip + to));
          const found = finder.found;
          if (!found) return;
          const at = skip + found.offset;
          const first = byBytes(bytes.subarray(0, at), cuts, delimiter, NO_LIMITS);
          const second = byBytes(bytes.subarray(at), cuts, delimiter, NO_LIMITS, found);
          if ('error' in first || 'error' in second) throw new Error('no limits were set');
          expect(first.length).toBe(found.records);
          expect([...first, ...second]).toEqual(byBytes(bytes, cuts, delimiter, NO_LIMITS));
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
