import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileLimitError, type XlsxLimits } from '../core/file-limits.js';
import { columnRef, rowXml, xlsx, zip } from '../../test/helpers/zip.js';
import { isDateFormat, readXlsxRows, type SheetRow } from './xlsx.js';

const LIMITS: XlsxLimits = {
  rows: 1_000,
  columns: 50,
  cellChars: 1_000,
  headerChars: 100,
  inflatedBytes: 1024 * 1024,
  sharedStringsBytes: 256 * 1024,
  sharedStrings: 1_000,
};

async function readAll(input: Buffer, limits = LIMITS): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of readXlsxRows(input, limits)) rows.push(...batch);
  return rows;
}

async function refusal(input: Buffer, limits = LIMITS): Promise<string> {
  try {
    await readAll(input, limits);
  } catch (err) {
    if (err instanceof FileLimitError) return err.message;
    throw err;
  }
  throw new Error('the file was read');
}

/** Text that XML 1.0 can carry (no control characters other than tab and line breaks). */
const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) =>
  [...s]
    .filter((ch) => ch >= ' ' || ch === '\t' || ch === '\n')
    .join('')
    .replace(/[\ufffe\uffff]/g, ''),
);

const cellValue = fc.oneof(
  text,
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
  fc.date({
    min: new Date(Date.UTC(1901, 0, 1)),
    max: new Date(Date.UTC(2099, 11, 31)),
    noInvalidDate: true,
  }),
  fc.boolean(),
);

const expected = (v: string | number | Date | boolean): string =>
  v instanceof Date
    ? v.toISOString().slice(0, 10)
    : typeof v === 'boolean'
      ? v
        ? 'TRUE'
        : 'FALSE'
      : typeof v === 'number'
        ? String(Object.is(v, -0) ? 0 : v)
        : v;

const trimmed = (fields: readonly string[]) => {
  const out = [...fields];
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
};

describe('readXlsxRows', () => {
  it('reads what exceljs writes: text, numbers, dates and booleans, row by row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellValue, { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
        async (table) => {
          const workbook = new ExcelJS.Workbook();
          const sheet = workbook.addWorksheet('Data');
          for (const row of table) {
            const dates = row.map((v) => v instanceof Date);
            const values = row.map((v) =>
              v instanceof Date
                ? new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate()))
                : v,
            );
            const added = sheet.addRow(values);
            dates.forEach((d, i) => {
              if (d) added.getCell(i + 1).numFmt = 'dd/mm/yyyy';
            });
          }
          const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
          const rows = await readAll(buffer);
          const want = table
            .map((r, i) => ({ line: i + 1, fields: trimmed(r.map(expected)) }))
            .filter((r) => r.fields.length > 0);
          const got = rows
            .map((r) => ({ line: r.line, fields: trimmed(r.fields) }))
            .filter((r) => r.fields.length > 0);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('places cells and rows that have no reference after the ones before them', async () => {
    const file = xlsx({
      sheetData:
        '<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>' +
        '<row r="4"><c r="B4"><v>2</v></c><c><v>3</v></c></row><row><c><v>5</v></c></row>',
    });
    expect(await readAll(file)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['', '2', '3'] },
      { line: 5, fields: ['5'] },
    ]);
  });

  it('reads shared strings, rich text runs without phonetic guides, and dates in 1904 workbooks', async () => {
    const file = xlsx({
      sharedStrings:
        '<si><t>Plain</t></si><si><r><t>Ri</t></r><r><t>ch</t></r><rPh><t>ignored</t></rPh></si>',
      sheetData: '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>',
    });
    expect(await readAll(file)).toEqual([{ line: 1, fields: ['Rich', 'Plain'] }]);
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[$-809]d mmmm yyyy;@')).toBe(true);
    expect(isDateFormat('#,##0.00 "days"')).toBe(false);
    expect(isDateFormat('[Red]#,##0.00;[Blue]-#,##0.00')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
  });

  it('stops early when a file holds more rows than allowed', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => rowXml(i + 1, ['x'])).join('');
    expect(await refusal(xlsx({ sheetData: rows }), { ...LIMITS, rows: 10 })).toBe(
      'The file has more than 10 rows. Split it into smaller files and upload each one.',
    );
  });

  it('refuses a row with more columns than allowed, or more cells than columns', async () => {
    const wide = rowXml(
      3,
      Array.from({ length: 51 }, () => 'x'),
    );
    expect(await refusal(xlsx({ sheetData: wide }))).toMatch(/^Row 3 has more than 50 columns/);
    const far = '<row r="2"><c r="ZZ2"><v>1</v></c></row>';
    expect(await refusal(xlsx({ sheetData: far }))).toMatch(/^Row 2 has more than 50 columns/);
    const repeated = `<row r="1">${'<c r="A1"/>'.repeat(51)}</row>`;
    expect(await refusal(xlsx({ sheetData: repeated }))).toMatch(/^Row 1 has more than 50 columns/);
  });

  it('refuses a cell longer than allowed, naming its row and column', async () => {
    const file = xlsx({ sheetData: rowXml(7, ['a', 'b', 'x'.repeat(1001)]) });
    expect(await refusal(file)).toBe(
      'The cell at row 7, column C is longer than 1,000 characters. Shorten it and upload the file again.',
    );
    const shared = xlsx({
      sharedStrings: `<si><t>${'y'.repeat(1001)}</t></si>`,
      sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
    });
    expect(await refusal(shared)).toMatch(/^A cell in the spreadsheet is longer than 1,000/);
  });

  it('counts the real inflated bytes, whatever the zip declares, and stops at the limit', async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => rowXml(i + 1, ['padding'.repeat(20)]));
    const big = rows.join('');
    // Declared honestly: refused before inflating, on the declared size.
    expect(await refusal(xlsx({ sheetData: big }), { ...LIMITS, rows: 1e6 })).toMatch(
      /^The spreadsheet holds more than 1 MB of data once opened/,
    );
    // Declared small: refused as soon as the real bytes pass the declared size.
    expect(
      await refusal(xlsx({ sheetData: big, sheetDeclaredSize: 1000 }), { ...LIMITS, rows: 1e6 }),
    ).toMatch(/^The file is not a readable XLSX spreadsheet/);
    // Within the declared size but past the limit across parts: the shared strings count too.
    const strings = `<si><t>${'s'.repeat(900)}</t></si>`.repeat(270);
    expect(
      await refusal(xlsx({ sharedStrings: strings, sheetData: rows.slice(0, 4_000).join('') }), {
        ...LIMITS,
        rows: 1e6,
      }),
    ).toMatch(/^The spreadsheet holds more than 1 MB/);
  });

  it('refuses a part that inflates to more than 100 times its compressed size', async () => {
    const rows = rowXml(1, ['x']).repeat(20_000);
    const roomy = { ...LIMITS, rows: 1e6, inflatedBytes: 100 * 1024 * 1024 };
    const message = /^The spreadsheet grows to more than 100 times its size when opened/;
    expect(await refusal(xlsx({ sheetData: rows }), roomy)).toMatch(message);
    // Declared as compressible as a spreadsheet, the real bytes still count.
    const file = xlsx({ sheetData: rows, sheetDeclaredSize: 1024 * 1024 });
    expect(await refusal(file, roomy)).toMatch(/^The file is not a readable XLSX|grows to more/);
  });

  it('refuses too many shared strings, and a shared-strings part that is too large', async () => {
    const many = '<si><t>a</t></si>'.repeat(1_001);
    expect(await refusal(xlsx({ sharedStrings: many, sheetData: rowXml(1, ['a']) }))).toMatch(
      /too much text/,
    );
    const large = `<si><t>${'b'.repeat(900)}</t></si>`.repeat(300);
    expect(await refusal(xlsx({ sharedStrings: large, sheetData: rowXml(1, ['a']) }))).toMatch(
      /too much text/,
    );
  });

  it('refuses damaged and hostile files with a plain message', async () => {
    const good = xlsx({ sheetData: rowXml(1, ['a', 'b']) });
    const unreadable = /^The file is not a readable XLSX spreadsheet/;
    // Cut short.
    expect(await refusal(good.subarray(0, good.length - 30))).toMatch(unreadable);
    expect(await refusal(good.subarray(0, 200))).toMatch(unreadable);
    // Not a zip at all.
    expect(await refusal(Buffer.from('PK\u0003\u0004 not really a zip'))).toMatch(unreadable);
    // A document type (entity expansion).
    const doctype = xlsx({
      sheetData: Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>',
      ),
    });
    expect(await refusal(doctype)).toMatch(unreadable);
    // Nested without end, and a crowd of attributes.
    expect(await refusal(xlsx({ sheetData: `${'<x>'.repeat(100)}${'</x>'.repeat(100)}` }))).toMatch(
      unreadable,
    );
    const attrs = Array.from({ length: 100 }, (_, i) => `a${i}="1"`).join(' ');
    expect(await refusal(xlsx({ sheetData: `<row r="1" ${attrs}/>` }))).toMatch(unreadable);
    // Not well-formed, or a bad cell reference.
    expect(await refusal(xlsx({ sheetData: '<row r="1"><c r="A1"><v>1</c></row>' }))).toMatch(
      unreadable,
    );
    expect(await refusal(xlsx({ sheetData: '<row r="1"><c r="A-1"><v>1</v></c></row>' }))).toMatch(
      unreadable,
    );
    // No workbook.
    expect(await refusal(zip([{ name: 'a.txt', data: 'hello' }]))).toMatch(unreadable);
  });

  it('never inflates parts it does not need, however large they claim to be', async () => {
    const file = xlsx({
      sheetData: rowXml(1, ['a']),
      extra: [{ name: 'xl/media/bomb.bin', data: Buffer.alloc(4 * 1024 * 1024) }],
    });
    expect(await readAll(file)).toEqual([{ line: 1, fields: ['a'] }]);
  });

  it('keeps within its limits on any bytes: a FileLimitError or rows, never another error', async () => {
    const base = xlsx({
      sharedStrings: '<si><t>one</t></si>',
      sheetData: `${rowXml(1, ['h1', 'h2'])}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="${columnRef(2)}2"><v>2.5</v></c></row>`,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (flips) => {
          const bytes = Buffer.from(base);
          for (const [at, value] of flips) bytes[at] = value;
          try {
            await readAll(bytes);
          } catch (err) {
            expect(err).toBeInstanceOf(FileLimitError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
