/**
 * Encodings: a spend file's text reads the same whether it was saved as UTF-8, UTF-8 with a byte
 * order mark, or Windows-1252, and `£` is never mangled. Detection and decoding live in
 * inspectSpendFile (spend-import.ts), which works on files; these tests need no database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSpendFile } from './spend-import.js';

let tmp: string;
let n = 0;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-encoding-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Windows-1252 for the characters these tests use (ASCII, Latin-1, and the 0x80–0x9F ones). */
const CP1252: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
function encodeWindows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = CP1252[ch] ?? ch.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
      return code;
    }),
  );
}

function write(bytes: Buffer): string {
  const file = path.join(tmp, `f${n++}.csv`);
  fs.writeFileSync(file, bytes);
  return file;
}

const ASCII = 'abcXYZ019 ,.&-"'.split('');
const NON_ASCII = ['£', 'é', 'ü', '–', '’', '“', '”', '€', '½', 'Ñ'];

/**
 * Text with non-ASCII characters, each followed by an ASCII one. (Some Windows-1252 byte runs,
 * like "é€€", happen to be valid UTF-8 too, and no detector can tell those apart; real text
 * does not look like that.)
 */
const fieldText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ASCII) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...NON_ASCII), fc.constantFrom(...ASCII))
          .map(([a, b]) => a + b),
      },
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((a) => a.join(''));

const table = fc.record({
  rows: fc.array(fc.tuple(fieldText, fieldText, fieldText), { minLength: 1, maxLength: 8 }),
  eol: fc.constantFrom('\n', '\r\n'),
});

describe('encodings', () => {
  it('UTF-8, UTF-8 with a BOM and Windows-1252 read identically, £ included', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ rows, eol }) => {
        const header = ['Supplier Name', 'Amount in Sterling £', 'Expense Type '];
        const text = stringify([header, ...rows], {
          record_delimiter: eol === '\n' ? 'unix' : 'windows',
        });
        const utf8 = await inspectSpendFile(write(Buffer.from(text, 'utf8')), 100);
        const bom = await inspectSpendFile(
          write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])),
          100,
        );
        const cp1252 = await inspectSpendFile(write(encodeWindows1252(text)), 100);
        expect([utf8.encoding, bom.encoding, cp1252.encoding]).toEqual([
          'utf-8',
          'utf-8',
          'windows-1252',
        ]);
        const expectedHeaders = header.map((h) => h.trim());
        for (const r of [utf8, bom, cp1252]) {
          expect(r.headers).toEqual(expectedHeaders);
          expect(r.preview).toEqual(rows.filter((row) => row.some((f) => f.trim() !== '')));
          expect(r.delimiter).toBe(',');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads a UTF-8 £ split across the 1 MiB read boundary', async () => {
    // The £ (C2 A3) of row k straddles byte 1,048,576 of the file.
    const header = 'Supplier Name,Amount\n';
    const filler = 'Bywest Ltd,1.00\n';
    const before = header + filler.repeat(Math.floor((1 << 20) / filler.length) - 2);
    const pad = (1 << 20) - 1 - Buffer.byteLength(before) - 'Caf,'.length;
    const text = `${before}${'x'.repeat(pad)}Caf,£5\nThe Café Ltd,£1,234\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.indexOf(Buffer.from('£', 'utf8'), (1 << 20) - 8)).toBe((1 << 20) - 1);
    const r = await inspectSpendFile(write(bytes), 1_000_000);
    expect(r.encoding).toBe('utf-8');
    expect(r.preview.slice(-2)).toEqual([
      [`${'x'.repeat(pad)}Caf`, '£5'],
      ['The Café Ltd', '£1', '234'],
    ]);
  });

  it('detects Windows-1252 even when the first megabyte is plain ASCII', async () => {
    const filler = 'Bywest Ltd,1.00\r\n';
    const text = `Supplier Name,Amount\r\n${filler.repeat(70_000)}Café Nero – Soho,"£1,000.00"\r\n`;
    const r = await inspectSpendFile(write(encodeWindows1252(text)), 100_000);
    expect(r.encoding).toBe('windows-1252');
    expect(r.preview.at(-1)).toEqual(['Café Nero – Soho', '£1,000.00']);
  });
});
