/**
 * When the parser summarises a file's supplier names itself and when it leaves them to the
 * database (decision 042). What the summary says is held to the database's summary of the same
 * file in spend-import.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SpendField } from '../../core/spend/mapping.js';
import type { RowInput } from '../imports/engine.js';
import { SpendRowWriter } from './spend-rows.js';

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
});
