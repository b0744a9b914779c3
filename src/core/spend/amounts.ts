/**
 * Money as it appears in spend files: "67,132.60", "£1,234", "(250.00)", "-195.75", "1 234,56"
 * is not accepted (UK files use a point), "12.3 CR" is a credit. Parsed exactly, to whole pence,
 * without floating point.
 */
export type AmountResult = { ok: true; pence: number } | { ok: false; reason: string };

const MAX_PENCE = 9_000_000_000_000_00; // £9 trillion: far beyond any real line, inside safe integers

const PLAIN = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

export function parseAmount(text: string): AmountResult {
  // The common case, "1234.5" or "-195.75", without the general rules below.
  const plain = PLAIN.exec(text);
  if (plain) {
    const pence = Number(plain[2]) * 100 + (plain[3] ? Number(plain[3].padEnd(2, '0')) : 0);
    if (pence > MAX_PENCE) return { ok: false, reason: `“${text}” is too large to be a payment` };
    return { ok: true, pence: plain[1] ? -pence || 0 : pence };
  }
  let t = text.trim();
  if (t === '') return { ok: false, reason: 'The amount is empty' };
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  if (/\s*CR$/i.test(t)) {
    negative = !negative;
    t = t.replace(/\s*CR$/i, '');
  } else if (/\s*DR$/i.test(t)) {
    t = t.replace(/\s*DR$/i, '');
  }
  t = t.replace(/\u2212/g, '-');
  let signed = false;
  if (t.startsWith('-')) {
    negative = !negative;
    signed = true;
    t = t.slice(1).trim();
  } else if (t.startsWith('+')) {
    signed = true;
    t = t.slice(1).trim();
  }
  t = t.replace(/^£\s*/, '').replace(/^GBP\s*/i, '');
  if (t.startsWith('-')) {
    // One sign only: "--5" and "-£-5" are not amounts.
    if (signed) return { ok: false, reason: `“${text.trim()}” is not an amount of money` };
    negative = !negative;
    t = t.slice(1).trim();
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === undefined && (m[2] === undefined || m[2] === ''))) {
    return { ok: false, reason: `“${text.trim()}” is not an amount of money` };
  }
  const whole = (m[1] ?? '0').replace(/,/g, '');
  const fraction = m[2] ?? '';
  let pence = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  // Round half away from zero on the third decimal place, if any.
  if (fraction.length > 2 && Number(fraction[2]) >= 5) pence += 1;
  if (!Number.isSafeInteger(pence) || pence > MAX_PENCE) {
    return { ok: false, reason: `“${text.trim()}” is too large to be a payment` };
  }
  return { ok: true, pence: negative ? -pence || 0 : pence };
}

/**
 * A sum of amounts parsed by parseAmount, in whole pence, exact however large, and their size (a
 * credit counted as a payment, what bounds every total of them: MAX_EXACT_PENCE). Each is
 * added as a number while that is exact (each amount is at most MAX_PENCE, under 2^52, so a sum
 * kept within 2^52 stays within 2^53), and carried into a bigint beyond.
 */
export class PenceSum {
  #small = 0;
  #carried = 0n;
  #smallSize = 0;
  #carriedSize = 0n;

  add(pence: number): void {
    this.#small += pence;
    if (this.#small > CARRY_AT || this.#small < -CARRY_AT) {
      this.#carried += BigInt(this.#small);
      this.#small = 0;
    }
    this.#smallSize += pence < 0 ? -pence : pence;
    if (this.#smallSize > CARRY_AT) {
      this.#carriedSize += BigInt(this.#smallSize);
      this.#smallSize = 0;
    }
  }

  get value(): bigint {
    return this.#carried + BigInt(this.#small);
  }

  get magnitude(): bigint {
    return this.#carriedSize + BigInt(this.#smallSize);
  }
}

const CARRY_AT = 2 ** 52;

/**
 * The most a partnership's stored spend may come to by size, every credit counted as a payment,
 * and the most the money it records by hand (register amounts, money pooled in initiatives) may
 * come to: 2^53 − 1 pence, £90,071,992,547,409.91. Every total of them (a month's, a supplier's,
 * the local share, a year's grants) and every sum of such totals is then exact as a number, and
 * within what the database's bigint holds. Far beyond any real partnership: it is there for files
 * and forms made to break the sums (decisions 051 and 052).
 */
export const MAX_EXACT_PENCE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Whether a file's lines may join a partnership's: the magnitude already stored, the file's lines
 * added and its rejected rows' amounts (shown with the batch, so held to the same bound).
 */
export function withinSpendBound(stored: bigint, added: bigint, rejected: bigint): boolean {
  return stored + added + rejected <= MAX_EXACT_PENCE;
}

/** Pence as pounds with two decimals ("-195.75"), exact, for JSON and CSV output. */
export function penceToPounds(pence: number | bigint): string {
  const p = BigInt(pence);
  const negative = p < 0n;
  const abs = negative ? -p : p;
  const pounds = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${pounds}.${rest}`;
}

/**
 * Pence for people to read: "£1,250.50", "−£99.99" (a true minus sign). With `whole`, rounded to
 * the nearest pound, halves away from zero: "£1,251". Exact for whole pence of any size.
 */
export function formatPounds(pence: number | bigint, options: { whole?: boolean } = {}): string {
  // Worked-out amounts (LM3's re-spend, say) can have fractions of a penny: to the nearest penny.
  let p = typeof pence === 'bigint' ? pence : BigInt(Math.round(pence));
  const negative = p < 0n;
  if (negative) p = -p;
  if (options.whole) p = ((p + 50n) / 100n) * 100n;
  const pounds = (p / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = options.whole ? '' : `.${(p % 100n).toString().padStart(2, '0')}`;
  return `${negative && p !== 0n ? '−' : ''}£${pounds}${rest}`;
}
