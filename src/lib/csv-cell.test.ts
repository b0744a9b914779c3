import { describe, expect, it } from 'vitest';
import { safeCell } from './csv-cell.js';

describe('safeCell', () => {
  it('leaves plain numbers alone, refunds included', () => {
    for (const n of ['-50.00', '+3', '-1,250.50', '-£50.00', '+£1,000', '-.5', '-12%', '100'])
      expect(safeCell(n), n).toBe(n);
  });

  it('writes anything else that a spreadsheet would run as text', () => {
    for (const f of [
      '=1+1',
      '+1+1',
      "-2+3+cmd|' /C calc'!A0",
      '@SUM(A1:A2)',
      '\t=1',
      '\r=1',
      '-50.00)',
      '-1e5',
      '+44 7700 900000',
      '-',
      '=HYPERLINK("http://evil.example","x")',
    ])
      expect(safeCell(f), f).toBe(`'${f}`);
  });

  it('leaves text that does not start like a formula alone', () => {
    expect(safeCell('Acme Ltd')).toBe('Acme Ltd');
    expect(safeCell('')).toBe('');
    expect(safeCell('50-50 Ltd')).toBe('50-50 Ltd');
  });
});
