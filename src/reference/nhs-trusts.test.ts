import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NhsTrusts, titleCase } from './nhs-trusts.js';

const trusts = NhsTrusts.load();

describe('NhsTrusts.load', () => {
  it('finds the open trusts only', () => {
    // data/reference/nhs-trusts-etr.csv: 273 rows, 68 of them with a close date (column 12).
    expect(trusts.all).toHaveLength(205);
    // Closed trusts are left out…
    expect(trusts.get('R0C')).toBeUndefined(); // Project Nightingale, closed 2020
    expect(trusts.get('R1C')).toBeUndefined(); // Solent NHS Trust, closed 2024
    // …open ones are there.
    expect(trusts.get('R0A')?.name).toBe('Manchester University NHS Foundation Trust');
  });

  it('gives every trust a code, a name and a postcode', () => {
    for (const t of trusts.all) {
      expect(t.code).toMatch(/^[A-Z0-9]{3,5}$/);
      expect(t.name, t.code).not.toBe('');
      expect(t.name, t.code).not.toBe(t.name.toUpperCase()); // title-cased, not capitals
      expect(t.postcode, t.code).toMatch(/^[A-Z0-9]{2,4} [0-9][A-Z]{2}$/);
    }
    expect(new Set(trusts.all.map((t) => t.code)).size).toBe(trusts.all.length);
  });

  it('looks trusts up by code, ignoring case and spaces', () => {
    const expected = {
      code: 'RBQ',
      name: 'Liverpool Heart and Chest Hospital NHS Foundation Trust',
      icbCode: 'QYG',
      postcode: 'L14 3PE',
    };
    expect(trusts.get('RBQ')).toEqual(expected);
    expect(trusts.get('rbq')).toEqual(expected);
    expect(trusts.get(' Rbq ')).toEqual(expected);
  });

  it('answers undefined for unknown codes', () => {
    expect(trusts.get('ZZZ')).toBeUndefined();
    expect(trusts.get('')).toBeUndefined();
  });

  describe('from a small file', () => {
    let dir = '';
    let file = '';
    const row = (code: string, name: string, postcode: string, closed: string) =>
      [code, name, 'Y62', 'QYG', '', '', '', 'TOWN', '', postcode, '20000101', closed]
        .map((v) => `"${v}"`)
        .join(',');

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-trusts-'));
      file = path.join(dir, 'etr.csv');
      fs.writeFileSync(
        file,
        [
          row('AAA', 'OPEN NHS TRUST', 'L1 8JQ', ''),
          row('BBB', 'CLOSED NHS TRUST', 'L2 2AA', '20200101'),
          row('CCC', ' SPACED NHS TRUST ', ' L3 3AA ', ' '),
          '"DDD","SHORT ROW NHS TRUST"',
        ].join('\n'),
      );
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('keeps the rows with no close date, including short rows', () => {
      const small = NhsTrusts.load(file);
      expect(small.all.map((t) => t.code)).toEqual(['AAA', 'CCC', 'DDD']);
      expect(small.get('ccc')).toEqual({
        code: 'CCC',
        name: 'Spaced NHS Trust',
        icbCode: 'QYG',
        postcode: 'L3 3AA',
      });
      expect(small.get('DDD')).toEqual({
        code: 'DDD',
        name: 'Short Row NHS Trust',
        icbCode: '',
        postcode: '',
      });
    });
  });
});

describe('titleCase', () => {
  it.each([
    [
      'LIVERPOOL HEART AND CHEST HOSPITAL NHS FOUNDATION TRUST',
      'Liverpool Heart and Chest Hospital NHS Foundation Trust',
    ],
    ['ISLE OF WIGHT NHS TRUST', 'Isle of Wight NHS Trust'],
    ['THE CHRISTIE NHS FOUNDATION TRUST', 'The Christie NHS Foundation Trust'],
    ["ALDER HEY CHILDREN'S NHS FOUNDATION TRUST", "Alder Hey Children's NHS Foundation Trust"],
    ['STOCKTON-ON-TEES', 'Stockton-on-Tees'],
    ['NORTH TEES AND HARTLEPOOL (NHS) TRUST', 'North Tees and Hartlepool (NHS) Trust'],
    ['SOMEWHERE UK CIC', 'Somewhere UK CIC'],
    ['FOR THE PEOPLE', 'For the People'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(titleCase(input)).toBe(expected);
  });

  it('keeps the spacing it was given', () => {
    expect(titleCase('ST.  HELENS')).toBe('St.  Helens');
  });
});
