/**
 * When the parser summarises a file's supplier names itself and when it leaves them to the
 * database (decision 042). What the summary says is held to the database's summary of the same
 * file in spend-import.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectColumns } from '../../core/imports/columns.js';
import type { SpendField } from '../../core/spend/mapping.js';
import type { RowInput } from '../imports/engine.js';
import { inspectFile } from '../imports/files.js';
import { readRows } from '../imports/read-rows.js';
import { SPEND_KIND } from './spend-import-kind.js';
import { joinSpans, SpendRowWriter } from './spend-rows.js';

function row(line: number, values: Partial<Record<SpendField, string>>): RowInput<SpendField> {
  return {
    line,
    fields: Object.values(values),
    value: (f) => values[f] ?? '',
    column: (f) => `“${f}”`,
    has: (f) => f in values,
  };
}

function writer(organisations: number, namesSummarised?: number) {
  const ids = Array.from({ length: organisations }, () => randomUUID());
  const byCode = new Map(ids.map((id, i) => [`ORG${i}`, id]));
  const w = new SpendRowWriter({ own: ids[0]!, byCode, writable: new Set(ids) }, namesSummarised);
  return {
    w,
    add: (line: number, code: string, supplier: string, amount = '10.00') => {
      w.row(row(line, { date: '01/04/2025', organisation: code, supplier, amount }), []);
    },
  };
}

describe('the supplier names a spend file is summarised into', () => {
  it('are summarised by the parser for up to 31 organisations', () => {
    const { w, add } = writer(31);
    for (let i = 0; i < 31; i++) add(i + 2, `ORG${i}`, `Supplier ${i % 3}`);
    const names = w.names();
    expect(names).not.toBeNull();
    expect(names!.byteLength).toBeGreaterThan(0);
  });

  it('are left to the database for a file naming a 32nd organisation', () => {
    const { w, add } = writer(32);
    for (let i = 0; i < 32; i++) add(i + 2, `ORG${i}`, 'Acme Ltd');
    expect(w.names()).toBeNull();
  });

  it('are left to the database for more names than the parser keeps', () => {
    const { w, add } = writer(1, 2);
    add(2, 'ORG0', 'Acme Ltd');
    add(3, 'ORG0', 'ACME LIMITED'); // the same name
    add(4, 'ORG0', 'Bolt plc');
    expect(w.names()).not.toBeNull();
    add(5, 'ORG0', 'Cole & Co');
    expect(w.names()).toBeNull();
  });

  it('are none, and nothing to copy, when no row is accepted', () => {
    const { w, add } = writer(1);
    add(2, 'ORG0', 'Acme Ltd', 'not money');
    expect(w.names()?.byteLength).toBe(0);
  });
});

describe('the names the parser keeps as written', () => {
  // A few suppliers written several ways (case, spaces, suffixes), as a ledger writes them.
  const spelling = fc.record({
    name: fc.constantFrom('Acme', 'Bolt', 'Cole & Co', 'Dunn'),
    upper: fc.boolean(),
    suffix: fc.constantFrom('', ' Ltd', ' LIMITED', ' plc'),
    padded: fc.boolean(),
  });
  const line = fc.record({
    supplier: spelling.map(({ name, upper, suffix, padded }) => {
      const written = `${upper ? name.toUpperCase() : name}${suffix}`;
      return padded ? `  ${written} ` : written;
    }),
    organisation: fc.constantFrom('ORG0', 'ORG1', 'ORG2'),
    amount: fc.constantFrom('10.00', '-2.50', 'not money'),
    vatNumber: fc.constantFrom('', 'GB123456789', 'GB987654321'),
    postcode: fc.constantFrom('', 'M1 1AA', 'L1 8JQ'),
  });

  it('change nothing the parser writes, however many are kept and whenever they are judged', () => {
    const ids = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
    const byCode = new Map(ids.map((id, i) => [`ORG${i}`, id]));
    const organisations = { own: ids[0]!, byCode, writable: new Set(ids) };
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const written = [
          { kept: 50_000, judgedAfter: 1 << 16 },
          { kept: 0, judgedAfter: 1 },
          { kept: 2, judgedAfter: 4 },
          { kept: 3, judgedAfter: 1000 },
        ].map((namesCached) => {
          const w = new SpendRowWriter(organisations, undefined, namesCached);
          lines.forEach((l, i) => w.row(row(i + 2, { date: '01/04/2025', ...l }), []));
          return { rows: w.take()?.toString('hex'), names: w.names()?.toString('hex') };
        });
        for (const other of written.slice(1)) expect(other).toEqual(written[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('summarise a file read in two parts, joined, as one parser reading it all', () => {
    const ids = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
    const byCode = new Map(ids.map((id, i) => [`ORG${i}`, id]));
    const organisations = { own: ids[0]!, byCode, writable: new Set(ids) };
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.nat(), (lines, k) => {
        const cut = k % (lines.length + 1);
        const write = (from: number, to: number, namesSummarised?: number) => {
          const w = new SpendRowWriter(organisations, namesSummarised);
          for (let i = from; i < to; i++)
            w.row(row(i + 2, { date: '01/04/2025', ...lines[i]! }), []);
          return w;
        };
        const whole = write(0, lines.length).names();
        const first = write(0, cut);
        // Handed from one thread to the other as a structured clone.
        first.absorb(structuredClone(write(cut, lines.length).namesPart()));
        expect(first.names()?.toString('hex')).toEqual(whole?.toString('hex'));
        // More names together than are kept: left to the database, as for one parser.
        const kept = first.names() ? new Set(lines.map((l) => l.supplier)).size : 0;
        if (kept > 1) {
          const few = write(0, cut, kept - 1);
          few.absorb(write(cut, lines.length, kept - 1).namesPart());
          const one = write(0, lines.length, kept - 1).names();
          expect(few.names()?.toString('hex')).toEqual(one?.toString('hex'));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('rows read from the bytes of a UTF-8 file (plainRow)', () => {
  // Values a ledger's cells hold, well-formed or not, so that rows are accepted and rejected for
  // every reason, written plain, quoted, with doubled quotes, padded and in other alphabets.
  const cell = {
    organisation: fc.constantFrom('ORG0', 'ORG1', ' org1 ', 'XX9', 'ORG2', ''),
    date: fc.constantFrom('01/04/2025', '2025-04-03', ' 3 Apr 2025 ', 'soon', '', '31/02/2025'),
    amount: fc.constantFrom('10.00', '1,264.15', '(5.00)', '£5', '-0.00', '12 CR', 'abc', ''),
    supplier: fc.constantFrom(
      'Acme Ltd',
      '  Acme LTD ',
      'Cole & Co',
      'Café Nero',
      '',
      'REDACTED',
      'The "Best" Bakery',
      'X'.repeat(501),
      '\tBolt plc\t',
    ),
    text: fc.constantFrom(
      '',
      'Drugs',
      ' Estates ',
      'IT, Software',
      'Line\nbreak',
      'Ünits',
      'y'.repeat(600),
    ),
    vat: fc.constantFrom('', 'GB123456789', '123 4567 89', 'nope'),
  };
  const line = fc.tuple(
    cell.organisation,
    cell.date,
    cell.supplier,
    cell.amount,
    cell.text,
    cell.text,
    cell.text,
    cell.vat,
  );
  const HEADER = [
    'Organisation Code',
    'Payment Date',
    'Supplier',
    'Amount',
    'Expense Type',
    'Expense Area',
    'Transaction Number',
    'VAT Registration Number',
  ];
  const csvField = (v: string, always: boolean) =>
    always || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  const file = fc
    .record({
      lines: fc.array(
        fc.oneof(
          { weight: 8, arbitrary: line.map((l) => l as string[]) },
          {
            weight: 1,
            arbitrary: fc.constantFrom<string[]>([''], ['  ', ''], ['ORG0', '01/04/2025']),
          },
        ),
        { minLength: 1, maxLength: 25 },
      ),
      quoteAll: fc.boolean(),
      eol: fc.constantFrom('\n', '\r\n'),
    })
    .map(
      ({ lines, quoteAll, eol }) =>
        [HEADER, ...lines].map((l) => l.map((v) => csvField(v, quoteAll)).join(',')).join(eol) +
        eol,
    );

  async function read(path: string, plain: boolean) {
    const inspection = await inspectFile(path, SPEND_KIND.limits);
    const mapping = detectColumns<SpendField>(SPEND_KIND.fields, inspection.headers);
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    const w = new SpendRowWriter({
      own: ids[0]!,
      byCode: new Map([
        ['ORG0', ids[0]!],
        ['ORG1', ids[1]!],
        ['ORG2', '00000000-0000-4000-8000-000000000003'],
      ]),
      writable: new Set(ids),
    });
    if (plain) w.readsPlain(mapping, SPEND_KIND.textChars);
    const chunks: string[] = [];
    const rows = await readRows(
      {
        kind: SPEND_KIND,
        filePath: path,
        inspection,
        mapping,
        jobId: 'test',
        report: async () => {},
      },
      {
        row: (r, reasons) => w.row(r, reasons),
        ...(plain
          ? {
              plainRow: (...record: Parameters<SpendRowWriter['plainRow']>) =>
                w.plainRow(...record),
            }
          : {}),
        flush: () => {
          const chunk = w.take();
          if (chunk) chunks.push(chunk.toString('hex'));
          return Promise.resolve();
        },
        merge: () => Promise.reject(new Error('not here')),
        close: () => Promise.resolve(),
      },
    ).catch((err: Error) => err.message);
    return {
      rows,
      chunks,
      names: w.names()?.toString('hex'),
      span: { ...w.span, organisations: [...w.span.organisations] },
    };
  }

  it('are written exactly as the same rows read as text', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-plain-'));
    try {
      await fc.assert(
        fc.asyncProperty(file, async (text) => {
          const at = path.join(dir, 'spend.csv');
          fs.writeFileSync(at, text);
          expect(await read(at, true)).toEqual(await read(at, false));
        }),
        { numRuns: 200 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

/** A span's counts and sums before any row. */
const NO_ROWS_COUNTED = {
  accepted: 0,
  acceptedPence: 0n,
  acceptedMagnitude: 0n,
  rejected: 0,
  rejectedPence: 0n,
  rejectedMagnitude: 0n,
};

describe('what the parts of a file span', () => {
  const none = NO_ROWS_COUNTED;
  it('is every organisation of either, from the earliest date to the latest', () => {
    expect(
      joinSpans([
        { ...none, organisations: ['a'], from: '2025-04-02', to: '2025-04-30' },
        { ...none, organisations: [], from: '', to: '' },
        { ...none, organisations: ['b', 'a'], from: '2025-03-31', to: '2025-04-03' },
      ]),
    ).toEqual({
      ...none,
      organisations: new Set(['a', 'b']),
      from: '2025-03-31',
      to: '2025-04-30',
    });
    expect(joinSpans([{ ...none, organisations: [], from: '', to: '' }])).toEqual({
      ...none,
      organisations: new Set(),
      from: '',
      to: '',
    });
  });

  it('holds the rows of both, accepted and rejected, and their amounts', () => {
    const joined = joinSpans([
      {
        ...none,
        organisations: ['a'],
        from: '2025-04-02',
        to: '2025-04-30',
        accepted: 2,
        acceptedPence: 150n,
        acceptedMagnitude: 170n,
        rejected: 1,
        rejectedPence: -20n,
        rejectedMagnitude: 20n,
      },
      {
        ...none,
        organisations: ['a'],
        from: '2025-04-01',
        to: '2025-04-01',
        accepted: 3,
        acceptedPence: 2n ** 60n,
        acceptedMagnitude: 2n ** 60n,
        rejected: 4,
        rejectedMagnitude: 7n,
      },
    ]);
    expect(joined).toMatchObject({
      accepted: 5,
      acceptedPence: 150n + 2n ** 60n,
      acceptedMagnitude: 170n + 2n ** 60n,
      rejected: 5,
      rejectedPence: -20n,
      rejectedMagnitude: 27n,
    });
  });
});

describe('what a writer counts of the rows it writes', () => {
  const MAX_PENCE = 900_000_000_000_000;
  const pounds = (pence: number) =>
    `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;
  it('is every row, accepted or rejected, and their pence and sizes exactly, however large the sum', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pence: fc.option(
              fc.oneof(fc.integer({ min: -MAX_PENCE, max: MAX_PENCE }), fc.constant(MAX_PENCE)),
              { nil: null },
            ),
            supplier: fc.constantFrom('Acme Ltd', 'Bolt plc', ''),
            code: fc.constantFrom('ORG0', 'ORG1', 'NOPE'),
          }),
          { maxLength: 60 },
        ),
        (rows) => {
          const { w, add } = writer(2);
          const want = { ...NO_ROWS_COUNTED };
          const size = (pence: number) => BigInt(Math.abs(pence));
          rows.forEach((r, i) => {
            add(i + 2, r.code, r.supplier, r.pence === null ? 'not money' : pounds(r.pence));
            const accepted = r.pence !== null && r.supplier !== '' && r.code !== 'NOPE';
            if (accepted) {
              want.accepted++;
              want.acceptedPence += BigInt(r.pence!);
              want.acceptedMagnitude += size(r.pence!);
            } else {
              want.rejected++;
              if (r.pence !== null) {
                want.rejectedPence += BigInt(r.pence);
                want.rejectedMagnitude += size(r.pence);
              }
            }
          });
          expect(w.span).toMatchObject(want);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps every penny of a sum beyond what a number holds exactly', () => {
    const { w, add } = writer(1);
    for (let i = 0; i < 11; i++) add(i + 2, 'ORG0', 'Acme Ltd', pounds(MAX_PENCE));
    add(13, 'ORG0', 'Acme Ltd', '0.01');
    expect(w.span.acceptedPence).toBe(11n * BigInt(MAX_PENCE) + 1n);
    expect(w.span.acceptedMagnitude).toBe(11n * BigInt(MAX_PENCE) + 1n);
  });

  it('counts a credit by its size, beside the sum it takes from', () => {
    const { w, add } = writer(1);
    add(2, 'ORG0', 'Acme Ltd', pounds(MAX_PENCE));
    add(3, 'ORG0', 'Acme Ltd', pounds(-MAX_PENCE));
    add(4, 'ORG0', 'Acme Ltd', '-0.01');
    add(5, 'ORG0', '', '-2.50');
    expect(w.span).toMatchObject({
      acceptedPence: -1n,
      acceptedMagnitude: 2n * BigInt(MAX_PENCE) + 1n,
      rejectedPence: -250n,
      rejectedMagnitude: 250n,
    });
  });
});
