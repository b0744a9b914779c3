import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutRanges } from '../../../test/helpers/cuts.js';
import { FileLimitError } from '../file-limits.js';
import { CsvBoundaryFinder, CsvRecordReader, detectDelimiter, readCsv } from './csv.js';

interface Generated {
  text: string;
  records: string[][];
  /** The line each record starts on, counted independently while writing the text. */
  lines: number[];
}

/** Text a spend file's field may hold: commas, quotes, line breaks (LF and CRLF), £, spaces. */
const fieldText = fc
  .array(
    fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\n', '\r\n', '£', 'é', '–', ';', '\t', "'"),
    { maxLength: 8 },
  )
  .map((a) => a.join(''));

const record = fc.array(fieldText, { minLength: 1, maxLength: 6 });

/** Writes records as RFC 4180 CSV, quoting fields that need it (and some that do not). */
const csvFile = fc
  .record({
    records: fc.array(record, { minLength: 1, maxLength: 12 }),
    eol: fc.constantFrom('\n', '\r\n'),
    quoteAll: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    finalEol: fc.boolean(),
  })
  .map(({ records, eol, quoteAll, finalEol }): Generated => {
    let text = '';
    const lines: number[] = [];
    let k = 0;
    records.forEach((fields, r) => {
      lines.push(text.split('\n').length);
      const written = fields.map((f) => {
        const must = /[",\r\n]/.test(f) || (fields.length === 1 && f === '');
        return must || quoteAll[k++ % quoteAll.length] ? `"${f.replace(/"/g, '""')}"` : f;
      });
      text += written.join(',');
      if (r < records.length - 1 || finalEol) text += eol;
    });
    return { text, records, lines };
  });

/** Cuts text into pieces at random places (including inside "" and between CR and LF). */
function chunks(text: string, cuts: number[]): string[] {
  return cutRanges(text.length, cuts).map(([from, to]) => text.slice(from, to));
}

function readInChunks(pieces: string[]): { fields: string[]; line: number }[] {
  const reader = new CsvRecordReader(',');
  const out: { fields: string[]; line: number }[] = [];
  const take = (fields: string[], line: number) => out.push({ fields, line });
  for (const p of pieces) reader.push(p, take);
  reader.end(take);
  return out;
}

describe('CsvRecordReader', { timeout: 30_000 }, () => {
  it('reads what csv-parse reads, whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(csvFile, fc.array(fc.nat(), { maxLength: 20 }), (file, cuts) => {
        const oracle = parse(file.text, { relax_column_count: true });
        expect(oracle).toEqual(file.records);
        const got = readInChunks(chunks(file.text, cuts));
        expect(got.map((r) => r.fields)).toEqual(oracle);
        expect(got.map((r) => r.line)).toEqual(file.lines);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads one character at a time as it reads the whole text', () => {
    fc.assert(
      fc.property(csvFile, (file) => {
        const whole = readCsv(file.text);
        const byChar = readInChunks([...file.text]);
        expect(byChar).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });

  it('reads other delimiters', () => {
    fc.assert(
      fc.property(csvFile, fc.constantFrom(';', '\t', '|'), (file, d) => {
        fc.pre(!file.text.includes(d));
        const text = file.text.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, d);
        const oracle = parse(text, { relax_column_count: true, delimiter: d });
        expect(readCsv(text, d).map((r) => r.fields)).toEqual(oracle);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    [
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'a,b\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['"67,132.60",x\r\n', [['67,132.60', 'x']]],
    ['"say ""hi""",2\n', [['say "hi"', '2']]],
    ['"two\r\nlines",3\r\n', [['two\r\nlines', '3']]],
    ['a,,\n', [['a', '', '']]],
    ['""\n', [['']]],
    ['a""b,c\n', [['a""b', 'c']]],
  ])('%j', (text, expected) => {
    expect(readCsv(text).map((r) => r.fields)).toEqual(expected);
  });

  it('gives each record the line it starts on', () => {
    const rows = readCsv('h1,h2\r\n"multi\r\nline",x\r\nnext,y\r\n\r\nlast,z');
    expect(rows.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h1'],
      [2, 'multi\r\nline'],
      [4, 'next'],
      [5, ''],
      [6, 'last'],
    ]);
  });
});

describe('CsvRecordReader with limits', { timeout: 30_000 }, () => {
  const read = (pieces: string[], limits: { columns: number; cellChars: number }) => {
    const reader = new CsvRecordReader(',', limits);
    const out: string[][] = [];
    const take = (fields: string[]) => out.push(fields);
    for (const p of pieces) reader.push(p, take);
    reader.end(take);
    return out;
  };

  it('reads a file within the limits as it would without them, and refuses one past them', () => {
    fc.assert(
      fc.property(
        csvFile,
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 8 }),
        (file, cuts, columns, cellChars) => {
          const within = file.records.every(
            (r) => r.length <= columns && r.every((f) => f.length <= cellChars),
          );
          const pieces = chunks(file.text, cuts);
          if (within) {
            expect(read(pieces, { columns, cellChars })).toEqual(file.records);
          } else {
            expect(() => read(pieces, { columns, cellChars })).toThrow(FileLimitError);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('names the line and column, and stops before reading a huge field whole', () => {
    expect(() => read(['a,b\nc,"dddd', 'dd"\n'], { columns: 5, cellChars: 4 })).toThrow(
      'The cell at line 2, column 2 is longer than 4 characters. Shorten it and upload the file again.',
    );
    expect(() => read(['a,b,c\n'], { columns: 2, cellChars: 4 })).toThrow(
      'Line 1 has more than 2 columns. Remove the columns that are not needed and upload the file again.',
    );
    // A 50 MB field, fed a megabyte at a time, is refused at the first megabyte.
    const reader = new CsvRecordReader(',', { columns: 10, cellChars: 32_767 });
    const mb = 'x'.repeat(1024 * 1024);
    let fed = 0;
    expect(() => {
      for (let i = 0; i < 50; i++) {
        fed++;
        reader.push(mb, () => undefined);
      }
    }).toThrow(FileLimitError);
    expect(fed).toBe(1);
  });
});

describe('detectDelimiter', { timeout: 30_000 }, () => {
  it.each([
    ['Department Family,Entity,Date Paid,Expense Type,Amount', ','],
    ['Date;Supplier;Amount', ';'],
    ['Date\tSupplier\tAmount', '\t'],
    ['Date|Supplier|Amount', '|'],
    ['Amount', ','],
  ])('%j → %j', (header, d) => {
    expect(detectDelimiter(header)).toBe(d);
  });
});

describe('CsvBoundaryFinder', { timeout: 30_000 }, () => {
  /** Any text: stray and doubled quotes, lone CRs, blank lines, delimiters, multi-byte characters. */
  const anyText = fc
    .array(fc.constantFrom('a', 'Z', ' ', ',', '"', '""', '\n', '\r', '\r\n', '£', '–', '\t'), {
      maxLength: 120,
    })
    .map((a) => a.join(''));

  function read(text: string, firstLine = 1) {
    const reader = new CsvRecordReader(',', undefined, firstLine);
    const out: { fields: string[]; line: number }[] = [];
    const take = (fields: string[], line: number) => out.push({ fields, line });
    reader.push(text, take);
    reader.end(take);
    return out;
  }

  function find(bytes: Uint8Array, target: number, cuts: number[]) {
    const finder = new CsvBoundaryFinder(',', target);
    const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    let prev = 0;
    for (const c of [...at, bytes.length]) {
      finder.push(bytes.subarray(prev, c));
      prev = c;
    }
    return finder.found;
  }

  it('splits a file into two parts whose records, read apart, are the records of the whole', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), fc.array(fc.nat(), { maxLength: 6 }), (text, t, cuts) => {
        const bytes = Buffer.from(text, 'utf8');
        const target = t % (bytes.length + 1);
        const found = find(bytes, target, cuts);
        if (!found) return;
        expect(found.offset).toBeGreaterThanOrEqual(target);
        const first = bytes.subarray(0, found.offset).toString('utf8');
        const second = bytes.subarray(found.offset).toString('utf8');
        const before = read(first);
        expect(before.length).toBe(found.records);
        // The heading row is in the first part: a record there is not blank.
        expect(before.some((r) => r.fields.some((f) => f.trim() !== ''))).toBe(true);
        const after = second === '' ? [] : read(second, found.line);
        expect([...before, ...after]).toEqual(read(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the first record that starts at or after the target once a heading is behind', () => {
    const text =
      'Date,Amount\r\n01/04/2024,"1,000"\r\n"02/04/2024","multi\nline"\n\n03/04/2024,5\n';
    const bytes = Buffer.from(text);
    const offsets = [...Array(bytes.length + 1).keys()].map((t) => find(bytes, t, [])?.offset);
    const starts = [13, 33, 59, 60, 73];
    for (let t = 0; t <= bytes.length; t++) expect(offsets[t]).toBe(starts.find((s) => s >= t));
    expect(find(bytes, 34, [])).toEqual({ offset: 59, line: 5, records: 3 });
    // Blank lines before the heading: no boundary until a record with something in it has ended.
    expect(find(Buffer.from('\n , \n"",""\nA,B\nx,y\n'), 0, [])?.offset).toBe(15);
  });
});
