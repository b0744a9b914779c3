/**
 * What every chart shares (decisions 012 and 032): the `<svg>` element with its title and
 * one-sentence description, escaping, the NHS colours, a value axis from d3-scale, text that is
 * truncated to fit (with the full text kept), and coordinates written without NaN or noise.
 * Pure and deterministic: no DOM, no I/O.
 */
import { scaleLinear } from 'd3-scale';
import type { Unit } from '../framework/types.js';

/**
 * NHS palette: blue for the figures, dark grey for text and axes, green for a target, pale grey
 * for grid lines (decoration only). Every colour a reader must see is at least 3:1 on white
 * (blue 6.4, grey 6.4, green 5.1), and the text colour at least 4.5:1.
 */
export const CHART_COLOURS = {
  line: '#005eb8',
  text: '#4c6272',
  target: '#007f3b',
  grid: '#d8dde0',
  /** The NHS text colour, for figures written on or beside bars. */
  strong: '#212b32',
} as const;

/**
 * Colours for the parts of a stacked bar, in order: NHS blue, dark pink, green, purple, dark
 * grey, pink and dark blue. Each is at least 5:1 on white, so white text on any of them is at
 * least 4.5:1; each is paired with its own pattern (PART_PATTERNS), so colour is never the only cue.
 */
export const PART_COLOURS = [
  '#005eb8',
  '#7c2855',
  '#007f3b',
  '#330072',
  '#4c6272',
  '#ae2573',
  '#003087',
] as const;

export const FONT_SIZE = 14;
/** A generous estimate of the width of one character at FONT_SIZE, for laying out labels. */
export const CHAR_WIDTH = FONT_SIZE * 0.62;

/** Characters XML cannot hold at all (C0 controls other than tab and line ends, lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for an attribute or between tags: the five XML specials escaped, unholdable characters dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An id safe in an attribute and in `url(#…)`: letters, digits, - and _ only. */
export function chartId(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_-]/g, '-') || 'chart';
}

/** A figure that can be drawn: a finite number (null, NaN and ±Infinity are gaps). */
export function isFigure(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Tidy floating-point noise (0.30000000000000004 → 0.3) and never write −0. */
function tidy(n: number): number {
  const t = Number(n.toPrecision(12));
  return t === 0 ? 0 : t;
}

/** A coordinate with at most one decimal place; never NaN or Infinity (those become 0). */
export function num(n: number): string {
  if (!Number.isFinite(n)) return '0';
  return String(tidy(Math.round(n * 10) / 10));
}

/** A figure as written in a data attribute: exactly as given. */
export function dataValue(v: number): string {
  return String(v);
}

/** The estimated width of a text at FONT_SIZE. */
export function textWidth(text: string): number {
  return Array.from(text).length * CHAR_WIDTH;
}

/** A text cut to fit a width, with an ellipsis, by whole characters (never half a surrogate pair). */
export function truncate(text: string, maxWidth: number): string {
  const chars = Array.from(text);
  const fits = Math.max(1, Math.floor(maxWidth / CHAR_WIDTH));
  if (chars.length <= fits) return text;
  return `${chars
    .slice(0, Math.max(1, fits - 1))
    .join('')
    .trimEnd()}…`;
}

/**
 * A `<text>` element (attributes written by the caller, never from users' words), its words
 * escaped and cut to fit `maxWidth`; a cut text keeps the full words in a `<title>` (a tooltip),
 * and the table beside every chart has them too.
 */
export function textElement(attributes: string, text: string, maxWidth = Infinity): string {
  const shown = truncate(text, maxWidth);
  const full = shown === text ? '' : `<title>${escapeXml(text)}</title>`;
  return `<text ${attributes}>${escapeXml(shown)}${full}</text>`;
}

/** The opening `<svg>`, its title and its description: one image, named and described. */
export function openSvg(o: {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
}): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" viewBox="0 0 ${num(o.width)} ${num(o.height)}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="inherit" font-size="${FONT_SIZE}">`,
    `<title id="${o.id}-title">${escapeXml(o.title)}</title>`,
    `<desc id="${o.id}-desc">${escapeXml(o.desc)}</desc>`,
  ];
}

/** A size option: a finite number within reason, or the default. */
export function size(value: number | undefined, fallback: number, min: number): number {
  return isFigure(value) ? Math.min(4000, Math.max(min, Math.round(value))) : fallback;
}

/** The smallest step between ticks that the unit's display can tell apart. */
function smallestStep(unit: Unit): number {
  switch (unit) {
    case 'ratio':
      return 0.01;
    case '%':
    case 'hours':
    case 'tCO2e':
    case 'tonnes':
    case 'm³':
      return 0.1;
    default:
      return 1;
  }
}

/**
 * Value-axis ticks from d3-scale: a nice domain from zero (or below, for negative figures) to
 * the largest figure, about four steps, and never a step smaller than the unit shows (so no two
 * tick labels read the same). A maturity level's axis is its scale, 1 to 4.
 */
export function valueTicks(
  values: readonly number[],
  unit: Unit,
): { lo: number; hi: number; ticks: number[] } {
  // A maturity level runs from 1 to 4: there is no level 0 to draw from.
  if (unit === 'level' && values.every((v) => !isFigure(v) || (v >= 1 && v <= 4)))
    return { lo: 1, hi: 4, ticks: [1, 2, 3, 4] };
  const step = smallestStep(unit);
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!isFigure(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi === lo) hi = lo + (unit === '%' ? 100 : Math.max(1, step));
  else if (hi - lo < step) hi = lo + step;
  for (let count = 4; count >= 1; count--) {
    const scale = scaleLinear().domain([lo, hi]).nice(count);
    const ticks = scale.ticks(count).map(tidy);
    const [d0 = lo, d1 = hi] = scale.domain();
    const first = ticks[0];
    const second = ticks[1];
    if (first === undefined || second === undefined) continue;
    if (second - first >= step * (1 - 1e-9) || count === 1)
      return {
        lo: Math.min(tidy(d0), first),
        hi: Math.max(tidy(d1), ticks[ticks.length - 1] ?? d1),
        ticks,
      };
  }
  return { lo, hi, ticks: [lo, hi] };
}

/** Where each legend item goes: left to right, onto a new line when the next does not fit. */
export function legendLayout(
  widths: readonly number[],
  width: number,
  pad: number,
  lineHeight: number,
): { at: { x: number; y: number }[]; height: number } {
  const at: { x: number; y: number }[] = [];
  let x = pad;
  let y = pad;
  for (const w of widths) {
    if (x > pad && x + w > width - pad) {
      x = pad;
      y += lineHeight;
    }
    at.push({ x, y });
    x += w;
  }
  return { at, height: widths.length === 0 ? 0 : y - pad + lineHeight };
}

/** Units written after the figure: on an axis they are said once, above it, not on every tick. */
const AXIS_UNITS: Partial<Record<Unit, RegExp>> = {
  tCO2e: / tCO2e$/,
  kWh: / kWh$/,
  tonnes: / tonnes$/,
  'm³': / m³$/,
  hours: / hours?$/,
};

/** A tick label: the figure as formatValue writes it, less a unit said above the axis. */
export function tickText(formatted: string, unit: Unit): string {
  const suffix = AXIS_UNITS[unit];
  return suffix ? formatted.replace(suffix, '') : formatted;
}

/** The unit said once above a value axis, if its ticks leave it off. */
export function axisUnit(unit: Unit): string | null {
  return AXIS_UNITS[unit] ? unit : null;
}
