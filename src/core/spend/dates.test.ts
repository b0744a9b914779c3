import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MONTH_NAMES } from '../../lib/months.js';
import { excelSerialToIso, parsePaymentDate } from './dates.js';

const DAY = 86_400_000;

/** A real calendar date between 1900 and 2100, worked out with Date, not with the parser's rules. */
const calendarDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / DAY, max: Date.UTC(2100, 11, 31) / DAY })
  .map((days) => {
    const d = new Date(days * DAY);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), days };
  });

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoOf = (x: { y: number; m: number; d: number }) => `${x.y}-${pad(x.m)}-${pad(x.d)}`;

type Form = (x: { y: number; m: number; d: number }) => string | null;

/** Every written form the parser claims to read (see dates.ts), each for the dates it can express. */
const FORMS: Record<string, Form> = {
  'dd/mm/yyyy': (x) => `${pad(x.d)}/${pad(x.m)}/${x.y}`,
  'd/m/yyyy': (x) => `${x.d}/${x.m}/${x.y}`,
  'dd-mm-yyyy': (x) => `${pad(x.d)}-${pad(x.m)}-${x.y}`,
  'dd.mm.yyyy': (x) => `${pad(x.d)}.${pad(x.m)}.${x.y}`,
  'd/m/yy': (x) => (x.y >= 1970 && x.y <= 2069 ? `${x.d}/${x.m}/${pad(x.y % 100)}` : null),
  'yyyy-mm-dd': (x) => isoOf(x),
  'yyyy-m-d': (x) => `${x.y}-${x.m}-${x.d}`,
  'yyyy-mm-ddTHH:MM:SS': (x) => `${isoOf(x)}T13:45:00`,
  'yyyy-mm-ddTHH:MM:SS.sssZ': (x) => `${isoOf(x)}T00:00:00.000Z`,
  'yyyy-mm-dd HH:MM:SS+01:00': (x) => `${isoOf(x)} 09:30:00+01:00`,
  'dd-Mon-yy': (x) =>
    x.y >= 1970 && x.y <= 2069
      ? `${pad(x.d)}-${MONTH_NAMES[x.m - 1]!.slice(0, 3)}-${pad(x.y % 100)}`
      : null,
  'dd-MON-yyyy': (x) => `${pad(x.d)}-${MONTH_NAMES[x.m - 1]!.slice(0, 3).toUpperCase()}-${x.y}`,
  'd Mon yyyy': (x) => `${x.d} ${MONTH_NAMES[x.m - 1]!.slice(0, 3)} ${x.y}`,
  'd/Month/yyyy': (x) => `${x.d}/${MONTH_NAMES[x.m - 1]!}/${x.y}`,
  'd Month, yyyy': (x) => `${x.d} ${MONTH_NAMES[x.m - 1]!}, ${x.y}`,
  'dd month yyyy': (x) => `${pad(x.d)} ${MONTH_NAMES[x.m - 1]!.toLowerCase()} ${x.y}`,
  'with spaces around': (x) => ` ${pad(x.d)}/${pad(x.m)}/${x.y} `,
};

describe('parsePaymentDate', { timeout: 30_000 }, () => {
  it.each([
    ['02/04/2020', '2020-04-02'],
    ['2/4/20', '2020-04-02'],
    ['02-Apr-20', '2020-04-02'],
    ['03-FEB-2021 ', '2021-02-03'],
    ['2025-03-31', '2025-03-31'],
    ['2025-03-31 00:00:00', '2025-03-31'],
    ['2025-03-31T00:00:00Z', '2025-03-31'],
    ['02.04.2020', '2020-04-02'],
    ['44256', '2021-03-01'],
    ['44256.0', '2021-03-01'],
    ['29/02/2020', '2020-02-29'],
    ['1 Sept 2020', '2020-09-01'],
    ['31/12/69', '2069-12-31'],
    ['01/01/70', '1970-01-01'],
  ])('%j → %s', (text, iso) => {
    expect(parsePaymentDate(text)).toEqual({ ok: true, iso });
  });

  it.each([
    '',
    '  ',
    'abc',
    '31/02/2020',
    '29/02/2021',
    '29/02/1900',
    '00/01/2020',
    '32/01/2020',
    '15/13/2020',
    '15/00/2020',
    '2020-13-01',
    '2020-02-30',
    '2020-02-30T10:00:00',
    '30-Feb-21',
    '01-Foo-2021',
    '1/1',
    '01/01/1899',
    '01/01/2101',
    '12345678',
    '1234',
    '44256.5',
    '2020/04/02/01',
    'April 2020',
  ])('%j is not a date', (text) => {
    const r = parsePaymentDate(text);
    expect(r.ok, JSON.stringify(r)).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
  });
});

describe('parsePaymentDate: properties', { timeout: 30_000 }, () => {
  it('reads every claimed form of every real date as that date', () => {
    fc.assert(
      fc.property(calendarDate, fc.constantFrom(...Object.keys(FORMS)), (x, form) => {
        const text = FORMS[form]!(x);
        fc.pre(text !== null);
        expect(parsePaymentDate(text), `${form}: ${text}`).toEqual({ ok: true, iso: isoOf(x) });
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects a day beyond the end of its month, in every day-first form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        (y, m, extra) => {
          const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
          const d = last + extra;
          fc.pre(d <= 99);
          for (const text of [
            `${d}/${m}/${y}`,
            `${y}-${pad(m)}-${pad(d)}`,
            `${d}-${MONTH_NAMES[m - 1]!.slice(0, 3)}-${y}`,
          ]) {
            expect(parsePaymentDate(text).ok, text).toBe(false);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('Excel serial numbers', { timeout: 30_000 }, () => {
  /** Excel's serial: days since 30 December 1899, plus one for its 29 February 1900 before March 1900. */
  const serialOf = (days: number) => {
    const s = days - Date.UTC(1899, 11, 30) / DAY;
    return s < 61 ? s - 1 : s;
  };

  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [43922, '2020-04-01'],
    [44256, '2021-03-01'],
    [45747, '2025-03-31'],
    [2_958_465, '9999-12-31'],
  ])('%i → %s', (serial, iso) => {
    if (iso > '2100') expect(excelSerialToIso(serial)).toBeNull();
    else expect(excelSerialToIso(serial)).toBe(iso);
  });

  it('serial 60, Excel’s 29 February 1900 that never was, is not a date', () => {
    expect(excelSerialToIso(60)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN, 2_958_466])('%d is not a serial', (serial) => {
    expect(excelSerialToIso(serial)).toBeNull();
  });

  it('turns every date into its serial and back', () => {
    fc.assert(
      fc.property(calendarDate, (x) => {
        const serial = serialOf(x.days);
        expect(excelSerialToIso(serial)).toBe(isoOf(x));
        if (serial >= 10_000 && serial <= 99_999) {
          expect(parsePaymentDate(String(serial))).toEqual({ ok: true, iso: isoOf(x) });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives different dates for different serials', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 73_050 }), (serial) => {
        const a = excelSerialToIso(serial);
        const b = excelSerialToIso(serial + 1);
        if (a !== null && b !== null) expect(b > a).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(excelSerialToIso(60)).not.toBe(excelSerialToIso(61));
  });
});
