/** Figures for people: formatting by unit, and reading numbers typed in forms and files. Pure. */
import type { Unit } from './types.js';

const MINUS = '\u2212';

function grouped(n: number, maxFraction: number, minFraction = 0): string {
  return n.toLocaleString('en-GB', {
    maximumFractionDigits: maxFraction,
    minimumFractionDigits: minFraction,
    useGrouping: true,
  });
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
      const text = grouped(Math.round(abs), 0);
      return value < 0 && /[1-9]/.test(text) ? `${MINUS}£${text}` : `£${text}`;
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
