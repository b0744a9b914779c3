/**
 * Server-rendered SVG line charts with a title and a text summary, no script and no inline
 * styles (presentation attributes only, for the CSP), so they work without JavaScript, print, and
 * are announced by screen readers as one image with a title and a description (the data table
 * beside each chart carries the figures). Deterministic: the same input, the same string.
 */
import { formatValue } from '../framework/format.js';
import type { Unit } from '../framework/types.js';

export interface SeriesPoint {
  /** The period, e.g. '2024/25' or 'Q2 2025/26'. */
  readonly label: string;
  readonly value: number | null;
}

/** NHS palette: blue for the figures, dark grey for text and axes, green for the target. */
export const CHART_COLOURS = {
  line: '#005eb8',
  text: '#4c6272',
  target: '#007f3b',
  grid: '#d8dde0',
} as const;

const FONT_SIZE = 14;
/** A generous estimate of the width of one character at FONT_SIZE, for laying out labels. */
const CHAR_WIDTH = FONT_SIZE * 0.62;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Known = { readonly label: string; readonly value: number };

function isKnown(p: SeriesPoint): p is Known {
  return p.value !== null && Number.isFinite(p.value);
}

/** A plain-English summary of a series: first and last figures, and whether it rose or fell. */
export function describeTrend(points: readonly SeriesPoint[], unit: Unit): string {
  const known = points.filter(isKnown);
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return 'No figures yet.';
  const from = formatValue(first.value, unit);
  if (known.length === 1) return `Only one figure: ${from} in ${first.label}.`;
  const to = formatValue(last.value, unit);
  if (from === to) return `Stayed at ${to} from ${first.label} to ${last.label}.`;
  const verb = unit === 'yes/no' ? 'Changed' : last.value > first.value ? 'Rose' : 'Fell';
  return `${verb} from ${from} in ${first.label} to ${to} in ${last.label}.`;
}

/** The smallest step between y ticks that the unit's display can tell apart. */
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

/** 1, 2 or 5 × a power of ten, at least range ÷ ticks. */
function niceStep(range: number, ticks: number): number {
  const raw = range / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1;
  return nice * magnitude;
}

/** Tidy floating-point noise (0.30000000000000004 → 0.3). */
function tidy(n: number): number {
  const t = Number(n.toPrecision(12));
  return t === 0 ? 0 : t;
}

/** A coordinate with at most one decimal place. */
function coord(n: number): string {
  return String(tidy(Math.round(n * 10) / 10));
}

function yScale(
  values: readonly number[],
  unit: Unit,
): { ticks: number[]; lo: number; hi: number } {
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi === lo) hi = lo + (unit === '%' ? 100 : 1);
  const step = Math.max(niceStep(hi - lo, 4), smallestStep(unit));
  lo = tidy(Math.floor(lo / step) * step);
  hi = tidy(Math.ceil(hi / step) * step);
  const count = Math.round((hi - lo) / step);
  const ticks: number[] = [];
  for (let i = 0; i <= count; i++) ticks.push(tidy(lo + i * step));
  return { ticks, lo, hi };
}

export function lineChartSvg(options: {
  id: string;
  title: string;
  points: readonly SeriesPoint[];
  unit: Unit;
  target?: number | null;
  width?: number;
  height?: number;
}): string {
  const { points, unit } = options;
  const width = options.width ?? 640;
  const height = options.height ?? 280;
  const id = options.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const target =
    typeof options.target === 'number' && Number.isFinite(options.target) ? options.target : null;
  const values = points.filter(isKnown).map((p) => p.value);
  const { ticks, lo, hi } = yScale(target === null ? values : [...values, target], unit);
  const tickLabels = ticks.map((v) => formatValue(v, unit));

  // Room for the longest y label on the left, and half the longest x label on the right.
  const longestX = Math.max(1, ...points.map((p) => p.label.length));
  const xLabelWidth = longestX * CHAR_WIDTH + 12;
  const margin = {
    top: 28,
    right: Math.max(24, Math.ceil(xLabelWidth / 2)),
    bottom: 44,
    left: Math.max(48, Math.ceil(Math.max(...tickLabels.map((l) => l.length)) * CHAR_WIDTH) + 16),
  };
  const plotW = Math.max(1, width - margin.left - margin.right);
  const plotH = Math.max(1, height - margin.top - margin.bottom);
  const bottom = margin.top + plotH;
  const right = margin.left + plotW;
  const n = points.length;
  const x = (i: number) => margin.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => bottom - ((v - lo) / (hi - lo)) * plotH;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="inherit" font-size="${FONT_SIZE}">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(describeTrend(points, unit))}</desc>`,
  ];

  // Grid lines and y tick labels.
  ticks.forEach((v, i) => {
    const yy = coord(y(v));
    out.push(
      `<line x1="${margin.left}" x2="${right}" y1="${yy}" y2="${yy}" stroke="${CHART_COLOURS.grid}" stroke-width="1"/>`,
      `<text x="${margin.left - 8}" y="${yy}" dy="0.35em" text-anchor="end" fill="${CHART_COLOURS.text}">${escapeXml(tickLabels[i] ?? '')}</text>`,
    );
  });
  // Axes.
  out.push(
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${bottom}" stroke="${CHART_COLOURS.text}" stroke-width="1"/>`,
    `<line x1="${margin.left}" x2="${right}" y1="${coord(y(lo))}" y2="${coord(y(lo))}" stroke="${CHART_COLOURS.text}" stroke-width="1"/>`,
  );

  // X labels, thinned so that they do not overlap, always keeping the latest period.
  const spacing = n <= 1 ? plotW : plotW / (n - 1);
  const every = Math.max(1, Math.ceil(xLabelWidth / spacing));
  points.forEach((p, i) => {
    if ((n - 1 - i) % every !== 0) return;
    out.push(
      `<text x="${coord(x(i))}" y="${bottom + 24}" text-anchor="middle" fill="${CHART_COLOURS.text}">${escapeXml(p.label)}</text>`,
    );
  });

  if (target !== null) {
    const ty = coord(y(target));
    out.push(
      `<line x1="${margin.left}" x2="${right}" y1="${ty}" y2="${ty}" stroke="${CHART_COLOURS.target}" stroke-width="2" stroke-dasharray="8 6"/>`,
      `<text x="${right}" y="${ty}" dy="-8" text-anchor="end" fill="${CHART_COLOURS.target}" font-weight="bold">${escapeXml(`Target ${formatValue(target, unit)}`)}</text>`,
    );
  }

  // The line, broken where a figure is missing, then a marker on every figure.
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) {
      out.push(
        `<polyline points="${run.join(' ')}" fill="none" stroke="${CHART_COLOURS.line}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    }
    run = [];
  };
  points.forEach((p, i) => {
    if (isKnown(p)) run.push(`${coord(x(i))},${coord(y(p.value))}`);
    else flush();
  });
  flush();
  points.forEach((p, i) => {
    if (!isKnown(p)) return;
    out.push(
      `<circle cx="${coord(x(i))}" cy="${coord(y(p.value))}" r="5" fill="${CHART_COLOURS.line}" stroke="#ffffff" stroke-width="1.5"/>`,
    );
  });

  out.push('</svg>');
  return out.join('\n');
}
