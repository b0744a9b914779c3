/**
 * Exact decimal arithmetic for conversion factors and quantities, so that 1,000,000 kWh at
 * 0.19338 kgCO2e/kWh is exactly 193,380 kg and not 193,380.00000000003. Decimals are kept as
 * canonical strings ("0.19338", "-12.5", "0"); arithmetic is done on BigInt with a scale.
 *
 * Pure: no I/O.
 */

interface Scaled {
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Reads a plain decimal as written in a factor file or a form ("0.19338", "1,000,000", "2.5e-3",
 * " 12 "). Returns its canonical form, or null when the text is empty or not a number.
 */
export function parseDecimal(text: string): string | null {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return null;
  const m = DECIMAL.exec(t);
  if (!m) return null;
  const [, sign = '', whole = '', fraction = '', exponent] = m;
  if (whole === '' && fraction === '') return null;
  const exp = exponent === undefined ? 0 : Number(exponent);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 40) return null;
  const digits = BigInt(`${sign === '-' ? '-' : ''}${whole}${fraction}` || '0');
  return format({ digits, scale: fraction.length - exp });
}

function scaled(decimal: string): Scaled {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) throw new Error(`not a canonical decimal: ${decimal}`);
  const [, sign = '', whole = '0', fraction = ''] = m;
  return { digits: BigInt(`${sign}${whole}${fraction}`), scale: fraction.length };
}

function format(n: Scaled): string {
  let { digits, scale } = n;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale -= 1;
  }
  const negative = digits < 0n;
  const abs = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  const fraction = abs.slice(abs.length - scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** a × b, exactly. */
export function multiply(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  return format({ digits: x.digits * y.digits, scale: x.scale + y.scale });
}

/** a + b, exactly. */
export function add(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  const scale = Math.max(x.scale, y.scale);
  return format({
    digits: x.digits * 10n ** BigInt(scale - x.scale) + y.digits * 10n ** BigInt(scale - y.scale),
    scale,
  });
}

/** The sum of decimals ("0" for none). */
export function sum(values: readonly string[]): string {
  return values.reduce((acc, v) => add(acc, v), '0');
}

/** a ÷ 10^places, exactly (kilograms to tonnes is places = 3). */
export function shift(a: string, places: number): string {
  const x = scaled(a);
  return format({ digits: x.digits, scale: x.scale + places });
}

/** Rounds half away from zero to a number of decimal places. */
export function round(a: string, places: number): string {
  const x = scaled(a);
  if (x.scale <= places) return a;
  const drop = 10n ** BigInt(x.scale - places);
  const negative = x.digits < 0n;
  const abs = negative ? -x.digits : x.digits;
  let q = abs / drop;
  if ((abs % drop) * 2n >= drop) q += 1n;
  return format({ digits: negative ? -q : q, scale: places });
}

/** Compares two decimals: negative, zero or positive. */
export function compare(a: string, b: string): number {
  const d = scaled(add(a, negate(b))).digits;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function negate(a: string): string {
  return a.startsWith('-') ? a.slice(1) : a === '0' ? a : `-${a}`;
}
