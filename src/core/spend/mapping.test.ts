import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectMapping,
  mappingFromNames,
  missingRequired,
  normaliseHeader,
  shapeKey,
  type SpendField,
} from './mapping.js';

/** Header rows exactly as real files have them (see test/fixtures/spend/SOURCES.md). */
const REAL_HEADERS = {
  chweApril:
    'Department Family,Entity,Date Paid,Expense Type,Expense Area,Supplier Name,Transaction Reference,amount',
  chweJuly:
    'Department Family,Entity,Date Paid,Expense Type ,Expense Area,Supplier Name,Transaction Reference,amount',
  chweJune:
    'Date Paid,9AN - Level 9 Account Name,Cost Centre Name,Supplier Name,Transaction Reference,amount',
  chweFebruary:
    'Department Family,Entity,Date Paid,Expense Type ,Expense Area,Supplier Name,Their Reference,amount',
  impc: 'Department Family,Entity,Date Paid,Expense Type,Expenses Area,Supplier Name,Transaction Reference,Amount',
  trafford:
    'OrganisationLabel,OrganisationURI,EffectiveDate,OrganisationalUnit,BeneficiaryName,BeneficiaryOtherID,PaymentDate,TransactionNumber,Amount,IrrecoverableVATAmount,Purpose,ProclassLabel,ProclassCode,InvoiceNumber,ProfitCentre,VATRegistrationNumber',
};

const named = (headers: string[], mapping: Partial<Record<SpendField, number>>) =>
  Object.fromEntries(Object.entries(mapping).map(([f, i]) => [f, headers[i]]));

describe('detectMapping on real headers', { timeout: 30_000 }, () => {
  it('finds the NHS trust columns, with a trailing space or a lower-case amount', () => {
    for (const key of ['chweApril', 'chweJuly', 'impc'] as const) {
      const headers = REAL_HEADERS[key].split(',');
      const m = detectMapping(headers);
      expect(missingRequired(m), key).toEqual([]);
      expect(named(headers, m), key).toMatchObject({
        date: 'Date Paid',
        supplier: 'Supplier Name',
        amount: expect.stringMatching(/^amount$/i) as string,
        expenseType: expect.stringMatching(/^Expense Type ?$/) as string,
        expenseArea: expect.stringMatching(/^Expenses? Area$/) as string,
        transactionRef: 'Transaction Reference',
      });
    }
  });

  it('finds the June 2020 schema and “Their Reference”', () => {
    const june = REAL_HEADERS.chweJune.split(',');
    expect(named(june, detectMapping(june))).toMatchObject({
      date: 'Date Paid',
      supplier: 'Supplier Name',
      amount: 'amount',
      expenseType: '9AN - Level 9 Account Name',
      expenseArea: 'Cost Centre Name',
    });
    const feb = REAL_HEADERS.chweFebruary.split(',');
    expect(named(feb, detectMapping(feb)).transactionRef).toBe('Their Reference');
  });

  it('finds Trafford’s columns: payment date over effective date, and not the VAT amount', () => {
    const headers = REAL_HEADERS.trafford.split(',');
    expect(named(headers, detectMapping(headers))).toEqual({
      date: 'PaymentDate',
      supplier: 'BeneficiaryName',
      amount: 'Amount',
      expenseType: 'ProclassLabel',
      expenseArea: 'OrganisationalUnit',
      transactionRef: 'TransactionNumber',
      vatNumber: 'VATRegistrationNumber',
    });
  });

  it('uses a column for one field only', () => {
    const headers = ['Date', 'Supplier', 'Amount', 'Supplier Name', 'Value'];
    const m = detectMapping(headers);
    const used = Object.values(m);
    expect(new Set(used).size).toBe(used.length);
    expect(named(headers, m)).toMatchObject({ supplier: 'Supplier Name', amount: 'Amount' });
  });

  it('says which required columns are missing', () => {
    expect(missingRequired(detectMapping(['Supplier', 'Notes']))).toEqual(['date', 'amount']);
    expect(missingRequired(detectMapping([]))).toEqual(['date', 'supplier', 'amount']);
  });
});

describe('header synonyms: properties', { timeout: 30_000 }, () => {
  /** Real spellings of each required field, from the files and the specification. */
  const SPELLINGS: Record<'date' | 'supplier' | 'amount', string[]> = {
    date: ['Date Paid', 'Payment Date', 'PaymentDate', 'Transaction Date', 'Date', 'Paid Date'],
    supplier: [
      'Supplier',
      'Supplier Name',
      'BeneficiaryName',
      'Beneficiary Name',
      'Payee',
      'Vendor Name',
    ],
    amount: ['Amount', 'amount', 'Amount in Sterling £', 'Amount (£)', 'Net Amount', 'Value'],
  };
  const recase = (s: string, how: number) =>
    how === 0
      ? s
      : how === 1
        ? s.toUpperCase()
        : how === 2
          ? s.toLowerCase()
          : s.replace(/ /g, '_');
  const variant = (options: string[]) =>
    fc
      .tuple(
        fc.constantFrom(...options),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('', ' ', '  ', '\t'),
        fc.constantFrom('', ' ', '  ', ':', '.', ': ', ' : '),
      )
      .map(([s, how, before, after]) => `${before}${recase(s, how)}${after}`);
  const extra = fc.constantFrom('Department Family', 'Entity', 'Notes', 'ID', 'Comments');

  it('finds each required column whatever its case, spacing or trailing punctuation', () => {
    const headerRow = fc
      .tuple(
        variant(SPELLINGS.date),
        variant(SPELLINGS.supplier),
        variant(SPELLINGS.amount),
        fc.array(extra, { maxLength: 3 }),
      )
      .chain(([date, supplier, amount, others]) =>
        fc
          .shuffledSubarray([date, supplier, amount, ...others], { minLength: 3 + others.length })
          .map((headers) => ({ date, supplier, amount, headers })),
      );
    fc.assert(
      fc.property(headerRow, fc.boolean(), ({ date, supplier, amount, headers }, bom) => {
        if (bom) headers[0] = `\ufeff${headers[0]}`;
        const m = detectMapping(headers);
        expect(missingRequired(m)).toEqual([]);
        expect(normaliseHeader(headers[m.date!]!)).toBe(normaliseHeader(date));
        expect(normaliseHeader(headers[m.supplier!]!)).toBe(normaliseHeader(supplier));
        expect(normaliseHeader(headers[m.amount!]!)).toBe(normaliseHeader(amount));
      }),
      { numRuns: 1000 },
    );
  });

  it('normalising a header twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string(), (h) => {
        expect(normaliseHeader(normaliseHeader(h))).toBe(normaliseHeader(h));
      }),
      { numRuns: 2000 },
    );
  });

  it('a file’s shape does not depend on case, spacing or a BOM', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(REAL_HEADERS)), fc.boolean(), (row, bom) => {
        const headers = row.split(',');
        const other = headers.map(
          (h, i) => (i === 0 && bom ? '\ufeff' : '') + ` ${h.toUpperCase()}  `,
        );
        expect(shapeKey(other)).toBe(shapeKey(headers));
      }),
    );
    expect(shapeKey(REAL_HEADERS.chweApril.split(','))).not.toBe(
      shapeKey(REAL_HEADERS.chweJune.split(',')),
    );
  });

  it('a shape can always be stored in an index: a long one is kept as its hash', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 100 }),
        (headers) => {
          const key = shapeKey(headers);
          expect(Buffer.byteLength(key)).toBeLessThanOrEqual(1_000);
        },
      ),
    );
    expect(shapeKey(['Date', 'Supplier'])).toBe('date|supplier');
    expect(shapeKey(Array.from({ length: 100 }, (_, i) => `${'h'.repeat(20)}${i}`))).toMatch(
      /^sha256:[0-9a-f]{64}$/,
    );
  });
});

describe('mappingFromNames', { timeout: 30_000 }, () => {
  it('finds the columns named, whatever their case and spaces, and reports unknown names', () => {
    const headers = REAL_HEADERS.chweJuly.split(',');
    const r = mappingFromNames(headers, {
      date: 'date paid',
      supplier: 'SUPPLIER NAME ',
      amount: 'Amount',
      expenseType: 'expense type',
      postcode: 'Supplier Postcode',
    });
    expect(r.unknown).toEqual(['Supplier Postcode']);
    expect(named(headers, r.mapping)).toEqual({
      date: 'Date Paid',
      supplier: 'Supplier Name',
      amount: 'amount',
      expenseType: 'Expense Type ',
    });
  });
});
