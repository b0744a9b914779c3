/**
 * Payment dates as they appear in spend files: 02/04/2020 (UK day first), 2/4/20, 02-Apr-20,
 * 03-FEB-2021, 2025-03-31 (with or without a time), 02.04.2020, and Excel serial numbers
 * (44256 = 1 March 2021). Returns an ISO date.
 */
export type DateResult = { ok: true; iso: string } | { ok: false; reason: string };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function year(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

/** Excel's day 1 is 1 January 1900, and it counts a 29 February 1900 that never was. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) return null;
  if (serial === 60) return null; // Excel's 29 February 1900
  const epoch = Date.UTC(1899, 11, 30);
  const d = new Date(epoch + (serial < 61 ? serial + 1 : serial) * 86_400_000);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function parsePaymentDate(text: string): DateResult {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'The date is empty' };
  const bad = {
    ok: false as const,
    reason: `“${t}” is not a date (use day/month/year, like 31/03/2025)`,
  };
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const r = iso(year(m[3]!), Number(m[2]), Number(m[1]));
    return r ? { ok: true, iso: r } : bad;
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) {
    const r = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return r ? { ok: true, iso: r } : bad;
  }
  m = /^(\d{1,2})[\s/-]([A-Za-z]{3,9})[\s/-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    const r = month ? iso(year(m[3]!), month, Number(m[1])) : null;
    return r ? { ok: true, iso: r } : bad;
  }
  m = /^(\d{1,2}) ([A-Za-z]{3,9}),? (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    const r = month ? iso(Number(m[3]), month, Number(m[1])) : null;
    return r ? { ok: true, iso: r } : bad;
  }
  if (/^\d{5}(\.0+)?$/.test(t)) {
    const r = excelSerialToIso(Math.trunc(Number(t)));
    return r ? { ok: true, iso: r } : bad;
  }
  return bad;
}
