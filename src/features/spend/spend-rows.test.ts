/**
 * When the parser summarises a file's supplier names itself and when it leaves them to the
 * database (decision 042). What the summary says is held to the database's summary of the same
 * file in spend-import.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
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
