import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isRedactedName,
  REDACTED_NAME_PATTERN,
  normaliseCharityNumber,
  normaliseCompanyNumber,
  normaliseByRules,
  normaliseSupplierName,
  normaliseVatNumber,
  normaliseWords,
} from './suppliers.js';

/** Distinct suppliers named in the fixture files (test/fixtures/spend), as the files spell them. */
const REAL_DISTINCT = [
  'Bywest Ltd',
  'Boots Uk Ltd',
  'Care Providers Ltd',
  'Beijing Easymonitor',
  'Specialist Lift Services',
  'Jca Engineering Limited',
  'Nhs Resolution C/O Nhs Litigation Authority',
  'Nhs Litigation Authority',
  'Imperial College London',
  'Imperial College Healthcare Nhs Trust',
  'Royal Brompton & Harefield Nhs Ft',
  'Royal Borough Of Kensington And Chelsea',
  'Central London Community Healthcare Nhs Trust',
  'Bt Payment Services Ltd',
  'Hca Healthcare Uk',
  'Tuskerdirect Ltd',
  'Simon Jersey Ltd',
  'Stream Republic Ltd',
  'Reed',
  'Reed Specialist Recruitment Ltd',
  'Optimus It Infra Ltd',
  'Cbre Managed Services Ltd',
  'Capsticks Solicitors Llp',
  'Pricewaterhousecoopers Llp',
  'Abbott Laboratories Ltd',
  'VLC (Stairlifts) Limited',
  'UPS Building & Maintenance Limited',
  'West Wallasey Car Hire Ltd',
  'Barton Huxley Management LTD',
  'Eyworks Limited',
  'Redacted',
];

describe('normaliseSupplierName', { timeout: 30_000 }, () => {
  it('matches the spellings of one company across ledgers', () => {
    const keys = [
      'BYWEST LTD',
      'Bywest Limited',
      'NHS0000RJ701 : Bywest Ltd',
      'bywest ltd.',
      'V12345 | Bywest',
      'The Bywest Company Ltd',
    ].map(normaliseSupplierName);
    expect(new Set(keys)).toEqual(new Set(['BYWEST']));
  });

  it.each([
    ['Anna Whalen T/A Anna Whalen Consult', 'ANNA WHALEN'],
    ['Smith (t/a Smith Plumbing)', 'SMITH'],
    ['J Bloggs trading as Bloggs Taxis', 'J BLOGGS'],
    ['Marks & Spencer plc', 'MARKS AND SPENCER'],
    ['  ', ''],
    ['Ltd', 'LTD'],
    ['The Group', 'GROUP'],
    ['The The Partnership', 'PARTNERSHIP'],
    ['Abc Trading-As Def Ltd', 'ABC'],
  ])('%j → %j', (raw, key) => {
    expect(normaliseSupplierName(raw)).toBe(key);
  });

  it('keeps distinct real suppliers distinct', () => {
    const keys = REAL_DISTINCT.map(normaliseSupplierName);
    expect(new Set(keys).size).toBe(REAL_DISTINCT.length);
    expect(keys.every((k) => k.length > 0)).toBe(true);
  });
});

describe('normaliseSupplierName: properties', { timeout: 30_000 }, () => {
  const word = fc
    .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), {
      minLength: 2,
      maxLength: 9,
    })
    .map((a) => a.join(''));
  const name = fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...REAL_DISTINCT),
        fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
      ),
    )
    .map(([n]) => n);
  const ledgerPrefix = fc
    .tuple(
      fc.constantFrom('NHS', 'V', 'SUP', 'RJ7', ''),
      fc.integer({ min: 10_000, max: 99_999_999 }),
      fc.constantFrom(' : ', ':', ' | ', '|', '  :  '),
    )
    .map(([letters, digits, sep]) => `${letters}${digits}${sep}`);
  const casing = fc.constantFrom(
    (s: string) => s,
    (s: string) => s.toUpperCase(),
    (s: string) => s.toLowerCase(),
    (s: string) => s.replace(/\b\w/g, (c) => c.toUpperCase()),
  );
  const punctuate = fc.constantFrom(
    (s: string) => s,
    (s: string) => `${s}.`,
    (s: string) => s.replace(/ /g, ', '),
    (s: string) => s.replace(/ /g, '  '),
    (s: string) => s.replace(/ /g, ' - '),
    (s: string) => `"${s}"`,
    (s: string) => ` ${s} `,
  );

  it('is idempotent', () => {
    const anyText = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc
        .array(
          fc.oneof(
            word,
            fc.constantFrom(
              'the',
              'ltd',
              'limited',
              'plc',
              '&',
              't/a',
              'trading',
              'as',
              ':',
              '|',
              '-',
              'uk',
              'co',
              '(',
              ')',
            ),
          ),
          { maxLength: 8 },
        )
        .map((a) => a.join(' ')),
    );
    fc.assert(
      fc.property(anyText, (raw) => {
        const once = normaliseSupplierName(raw);
        expect(normaliseSupplierName(once), JSON.stringify(raw)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('ledger prefixes, case and punctuation do not change the key', () => {
    fc.assert(
      fc.property(name, ledgerPrefix, casing, punctuate, (n, prefix, recase, punct) => {
        const key = normaliseSupplierName(n);
        expect(normaliseSupplierName(prefix + n)).toBe(key);
        expect(normaliseSupplierName(recase(n))).toBe(key);
        expect(normaliseSupplierName(punct(n))).toBe(key);
        expect(normaliseSupplierName(prefix + punct(recase(n)))).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('legal endings do not change the key', () => {
    fc.assert(
      fc.property(
        name,
        fc.constantFrom(' Ltd', ' Limited', ' LTD.', ' plc', ' LLP', ' CIC', ' (UK) Ltd'),
        (n, ending) => {
          fc.pre(normaliseSupplierName(n).split(' ').length > 0);
          const key = normaliseSupplierName(n);
          fc.pre(!['CO', 'UK', 'GROUP', 'COMPANY'].includes(key));
          expect(normaliseSupplierName(n + ending)).toBe(key);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keys use only upper-case letters, digits and single spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (raw) => {
        expect(normaliseSupplierName(raw)).toMatch(/^(?:[A-Z0-9]+(?: [A-Z0-9]+)*)?$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('identifiers', { timeout: 30_000 }, () => {
  it.each([
    ['GB812311285', 'GB812311285'],
    ['gb 812 3112 85', 'GB812311285'],
    ['812311285', 'GB812311285'],
    ['GB812311285001', 'GB812311285001'],
    ['GB81231128', null],
    ['Redacted', null],
    ['NA', null],
  ])('VAT %j → %j', (raw, vat) => {
    expect(normaliseVatNumber(raw)).toBe(vat);
  });

  it.each([
    ['1234567', '01234567'],
    ['01234567', '01234567'],
    ['SC123456', 'SC123456'],
    ['sc 1234', 'SC001234'],
    ['OC300001', 'OC300001'],
    ['123456789', null],
    ['ABC123', null],
  ])('company %j → %j', (raw, n) => {
    expect(normaliseCompanyNumber(raw)).toBe(n);
  });

  it.each([
    ['1089464', '1089464'],
    ['SC012345', 'SC012345'],
    ['NIC100001', 'NIC100001'],
    ['12345', null],
  ])('charity %j → %j', (raw, n) => {
    expect(normaliseCharityNumber(raw)).toBe(n);
  });

  it('normalised identifiers normalise to themselves', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), (raw) => {
        for (const f of [normaliseVatNumber, normaliseCompanyNumber, normaliseCharityNumber]) {
          const once = f(raw);
          if (once !== null) expect(f(once)).toBe(once);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('recognises withheld payees', () => {
    expect(isRedactedName(normaliseSupplierName('Redacted'))).toBe(true);
    expect(isRedactedName(normaliseSupplierName('REDACTED PERSONAL DATA'))).toBe(true);
    expect(isRedactedName(normaliseSupplierName('Personal Data'))).toBe(true);
    expect(isRedactedName(normaliseSupplierName('Reed'))).toBe(false);
    expect(isRedactedName(normaliseSupplierName('Individual'))).toBe(true);
    expect(isRedactedName(normaliseSupplierName('Private individual'))).toBe(true);
    expect(isRedactedName(normaliseSupplierName('Individual Solutions Ltd'))).toBe(false);
  });

  it('states the rule as a pattern PostgreSQL reads the same way (anchors, groups, alternation)', () => {
    // Capital letters, spaces and ^ ( | ) ? $ only: nothing the two would read differently.
    expect(REDACTED_NAME_PATTERN).toMatch(/^\^[A-Z ()|?]+\$$/);
  });
});

describe('normaliseSupplierName: the one-pass reading of plain names', { timeout: 30_000 }, () => {
  // Plain names (printable ASCII, no slash) built from the parts the rules treat specially.
  const part = fc.oneof(
    fc.constantFrom(
      'the',
      'THE',
      'The',
      'ltd',
      'Ltd.',
      'LIMITED',
      'plc',
      'uk',
      'GB',
      'co',
      'Group',
      'trading',
      'TRADING',
      'as',
      'AS',
      'Trading-As',
      'trading as',
      'TRADINGAS',
      'xtrading',
      'asx',
      '&',
      'and',
      'T',
      'A',
      '(T',
      'A)',
      '_',
      '__',
      '-',
      '.',
      ',',
      ' ',
      '  ',
      '\t',
      "'",
      '"',
      '(',
      ')',
      '0',
      '42',
      'NHS0000RJ701 :',
      'V12345|',
      'SUP12345 : ',
    ),
    fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 6,
    }),
  );
  const plain = fc
    .array(fc.tuple(part, fc.constantFrom(' ', '', '  ', '_', '-', ', ')), { maxLength: 8 })
    .map((parts) => parts.map(([p, sep]) => p + sep).join(''))
    .map((s) => s.replace(/[/\t]/g, ' '));

  it('gives the key the rules give, for every plain name', () => {
    fc.assert(
      fc.property(plain, (name) => {
        expect(normaliseWords(name)).toBe(normaliseByRules(name));
      }),
      { numRuns: 20_000 },
    );
  });

  it('is what normaliseSupplierName uses for plain names, and the rules for the rest', () => {
    expect(normaliseSupplierName('The Kewibo Laboratories UK Ltd')).toBe('KEWIBO LABORATORIES');
    // The last word stays, whatever it is.
    expect(normaliseSupplierName('The')).toBe('THE');
    expect(normaliseSupplierName('The Ltd')).toBe('LTD');
    expect(normaliseSupplierName('Bywest & Sons trading-as Bywest')).toBe('BYWEST AND SONS');
    // A slash, a letter outside ASCII, a line break: the rules as written.
    expect(normaliseSupplierName('Smith T/A Smith Plumbing')).toBe('SMITH');
    expect(normaliseSupplierName('Café Ltd')).toBe('CAF');
    expect(normaliseSupplierName('A trading as B\nC Ltd')).toBe(
      normaliseByRules('A trading as B\nC Ltd'),
    );
  });
});
