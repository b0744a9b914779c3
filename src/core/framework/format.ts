/** Figures for people: formatting by unit, and reading numbers typed in forms and files. Pure. */
import { formatPounds } from '../spend/amounts.js';
import type { Unit } from './types.js';

const MINUS = '\u2212';

const FORMATS = new Map<string, Intl.NumberFormat>();

/** en-GB number formats, made once each (making one costs far more than using it). */
function numberFormat(maxFraction: number, minFraction: number, grouping: boolean) {
  const k = `${maxFraction}:${minFraction}:${grouping}`;
  let f = FORMATS.get(k);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', {
      maximumFractionDigits: maxFraction,
      minimumFractionDigits: minFraction,
      useGrouping: grouping,
    });
    FORMATS.set(k, f);
  }
  return f;
}

function grouped(n: number, maxFraction: number, minFraction = 0): string {
  return numberFormat(maxFraction, minFraction, true).format(n);
}

/**
 * How many decimal places a figure is shown with, by unit: what formatValue writes. Money is
 * shown to the penny; yes/no figures other than 0 and 1 (never in practice) to two places.
 */
export const DISPLAY_PLACES: Readonly<Record<Unit, number>> = {
  '%': 1,
  '£': 2,
  count: 0,
  hours: 1,
  tCO2e: 1,
  kWh: 0,
  tonnes: 1,
  'm³': 1,
  ratio: 2,
  'yes/no': 2,
  level: 1,
};

/**
 * A figure rounded as it is shown, so that a rule applied to it agrees with what people read:
 * 96.18 and 96.2 are both "96.2%". Read back from the same formatting formatValue uses (so the
 * two never disagree at a half), the same either side of zero. Not finite: as it is.
 */
export function roundAsShown(value: number, unit: Unit): number {
  if (!Number.isFinite(value)) return value;
  const places = DISPLAY_PLACES[unit];
  const abs = Math.abs(value);
  const shown =
    unit === '£'
      ? Math.round(abs * 100) / 100
      : Number(numberFormat(places, places, false).format(abs));
  if (!Number.isFinite(shown)) return value;
  return value < 0 && shown !== 0 ? -shown : shown;
}

/** A figure for display: en-GB thousands separators, a true minus sign, "No data" for null. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return 'No data';
  const abs = Math.abs(value);
  // The sign is shown only when the figure as displayed is not zero (never "−0.0%").
  const signed = (text: string) => (value < 0 && /[1-9]/.test(text) ? `${MINUS}${text}` : text);
  switch (unit) {
    case '%':
      return `${signed(grouped(abs, 1, 1))}%`;
    case '£': {
      // Money keeps its pence: whole pounds as "£1,275,000", otherwise "£1,275,000.50". Past
      // £10 trillion a double no longer holds pence: whole pounds.
      if (abs >= 1e13) {
        const text = grouped(Math.round(abs), 0);
        return value < 0 ? `${MINUS}£${text}` : `£${text}`;
      }
      const pence = Math.round(value * 100);
      return formatPounds(pence, { whole: pence % 100 === 0 });
    }
    case 'count':
      return signed(grouped(abs, 0));
    case 'hours': {
      const text = signed(grouped(abs, 1));
      return `${text} ${text === '1' ? 'hour' : 'hours'}`;
    }
    case 'tCO2e':
      return `${signed(grouped(abs, 1))} tCO2e`;
    case 'kWh':
      return `${signed(grouped(abs, 0))} kWh`;
    case 'tonnes':
      return `${signed(grouped(abs, 1))} tonnes`;
    case 'm³':
      return `${signed(grouped(abs, 1))} m³`;
    case 'ratio':
      return signed(grouped(abs, 2, 2));
    case 'yes/no':
      if (value === 1) return 'Yes';
      if (value === 0) return 'No';
      return signed(grouped(abs, 2));
    case 'level':
      return `Level ${signed(grouped(abs, 1))}`;
  }
}

// An optional sign, then digits (plain, or grouped in threes with commas) with an optional
// fraction, or a fraction alone; then an optional exponent (as String(n) writes large numbers).
const NUMBER = /^[-+]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Reads a number as people type it: spaces around it, thousands separators, a leading £ or a
 * trailing %, a minus sign (- or −) or brackets for negatives: '1,234.5', ' 12 ', '£1,234',
 * '12%', '-5', '(5)' (−5). Anything else (words, two decimal points, Infinity, numbers too large
 * to hold) is not a number: null.
 */
export function parseNumber(text: string): number | null {
  let t = text.trim().replace(/\u2212/g, '-');
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(t);
  if (bracketed) {
    negative = true;
    t = (bracketed[1] ?? '').trim();
    if (/^[-+]/.test(t)) return null; // "(-5)": one way of saying negative is enough
  }
  // A sign may come before or after a pound sign: -£5 or £-5.
  const sign = /^[-+]/.exec(t)?.[0] ?? '';
  t = t.slice(sign.length);
  const pounds = t.startsWith('£');
  if (pounds) t = t.slice(1).trimStart();
  if (!pounds && t.endsWith('%')) t = t.slice(0, -1).trimEnd();
  if (!sign && pounds && /^[-+]/.test(t)) {
    negative = negative !== t.startsWith('-');
    t = t.slice(1);
  }
  if (!NUMBER.test(t) || /^[-+]/.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  const signed = (sign === '-') !== negative ? -n : n;
  return signed === 0 ? 0 : signed;
}

/**
 * A stored figure as it goes back into a form box, so that saving the form unchanged keeps it:
 * money with its pence ("1275000.50"), other figures as they were typed, never in exponent form.
 */
export function formInputValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '';
  if (unit === '£') {
    const pence = Math.round(value * 100);
    const text = (Math.abs(pence) / 100).toFixed(pence % 100 === 0 ? 0 : 2);
    return pence < 0 ? `-${text}` : text;
  }
  return plainDecimal(String(value));
}

/** "1.5e-7" → "0.00000015", "1e21" → "1000000000000000000000": the same digits, no exponent. */
function plainDecimal(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([-+]?\d+)$/i.exec(text);
  if (!m) return text;
  const [, sign = '', whole = '', fraction = '', exp = '0'] = m;
  const digits = whole + fraction;
  const point = whole.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A figure's words inside a sentence: "is fewer than 10", "is not known"; a number, or a name's
 * capital, stays as it is.
 */
export function inSentence(text: string): string {
  return /^(Fewer|Not|No|Hidden|Yes)\b/.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}

/**
 * A label inside a sentence: its first letter in lower case ("Directly employed staff …" →
 * "directly employed staff …"), unless its first word is an abbreviation ("SMEs", "NHS"). The
 * rest keeps its capitals: "the Real Living Wage".
 */
export function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
