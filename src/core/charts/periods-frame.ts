/**
 * The frame of a chart over periods (the line chart and the target-trajectory chart): periods
 * along the bottom on a d3 point scale, thinned so that labels never overlap and the latest is
 * always shown; figures up the side on a d3 linear scale with grid lines; and the figures as a
 * line from d3-shape, broken where a figure is missing, with a marker on each figure.
 */
import { scalePoint, type ScaleLinear, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { formatValue } from '../framework/format.js';
import type { Unit } from '../framework/types.js';
import {
  CHAR_WIDTH,
  CHART_COLOURS,
  dataValue,
  escapeXml,
  isFigure,
  num,
  openSvg,
  textElement,
  tickText,
  axisUnit,
  valueTicks,
} from './frame.js';

/** Period labels longer than this are cut (the full label stays in a tooltip and the table). */
const MAX_PERIOD_CHARS = 14;

export interface PeriodsFrame {
  readonly x: (i: number) => number;
  readonly y: ScaleLinear<number, number>;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface PeriodsChartSpec {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  readonly unit: Unit;
  /** What the value axis counts, said above it instead of the unit. */
  readonly axisLabel?: string;
  readonly width: number;
  readonly height: number;
  /** Room above the plot, for a legend (and the axis's unit, which goes just above the plot). */
  readonly top: number;
  readonly labels: readonly string[];
  /** The figures, one per label; null (or not finite) is a gap. */
  readonly values: readonly (number | null)[];
  /** Other figures the value axis must reach (a target, a path). */
  readonly alsoShow: readonly number[];
  /** Drawn under the line (after the grid): target lines, paths. */
  readonly under?: (f: PeriodsFrame) => string[];
  /** Drawn over everything: legends, labels. */
  readonly over?: (f: PeriodsFrame) => string[];
}

export function periodsChartSvg(spec: PeriodsChartSpec): string {
  const { unit, width, height, labels, values } = spec;
  const figures = values.filter(isFigure);
  const { lo, hi, ticks } = valueTicks([...figures, ...spec.alsoShow], unit);
  const tickLabels = ticks.map((v) => tickText(formatValue(v, unit), unit));
  const caption = spec.axisLabel ?? axisUnit(unit);

  // Room for the longest y label on the left, and half the longest x label on the right.
  const longestX = Math.min(
    MAX_PERIOD_CHARS,
    Math.max(1, ...labels.map((l) => Array.from(l).length)),
  );
  const xLabelWidth = longestX * CHAR_WIDTH + 12;
  const longestTick = Math.max(...tickLabels.map((l) => Array.from(l).length));
  const margin = {
    top: spec.top + (caption ? 20 : 0),
    right: Math.max(24, Math.ceil(xLabelWidth / 2)),
    bottom: 44,
    left: Math.max(48, Math.ceil(longestTick * CHAR_WIDTH) + 16),
  };
  const plotW = Math.max(1, width - margin.left - margin.right);
  const plotH = Math.max(1, height - margin.top - margin.bottom);
  const top = margin.top;
  const bottom = top + plotH;
  const left = margin.left;
  const right = left + plotW;
  const n = labels.length;
  const points = scalePoint<number>()
    .domain(labels.map((_, i) => i))
    .range([left, right])
    .align(0.5);
  const x = (i: number) => points(i) ?? left + plotW / 2;
  const y = scaleLinear().domain([lo, hi]).range([bottom, top]);
  const frame: PeriodsFrame = { x, y, left, right, top, bottom };
  const text = CHART_COLOURS.text;

  const out = openSvg({ id: spec.id, title: spec.title, desc: spec.desc, width, height });

  // Grid lines and y tick labels.
  ticks.forEach((v, i) => {
    const yy = num(y(v));
    out.push(
      `<line x1="${num(left)}" x2="${num(right)}" y1="${yy}" y2="${yy}" stroke="${CHART_COLOURS.grid}" stroke-width="1"/>`,
      `<text x="${num(left - 8)}" y="${yy}" dy="0.35em" text-anchor="end" fill="${text}">${escapeXml(tickLabels[i] ?? '')}</text>`,
    );
  });
  if (caption)
    out.push(`<text x="4" y="${num(top - 14)}" fill="${text}">${escapeXml(caption)}</text>`);
  // Axes: the left edge, and the zero line (the bottom when every figure is positive).
  const zero = num(y(Math.min(Math.max(0, lo), hi)));
  out.push(
    `<line x1="${num(left)}" x2="${num(left)}" y1="${num(top)}" y2="${num(bottom)}" stroke="${text}" stroke-width="1"/>`,
    `<line x1="${num(left)}" x2="${num(right)}" y1="${zero}" y2="${zero}" stroke="${text}" stroke-width="1"/>`,
  );

  // X labels, thinned so that they do not overlap, always keeping the latest period.
  const spacing = n <= 1 ? plotW : points.step();
  const every = Math.max(1, Math.ceil(xLabelWidth / Math.max(spacing, 1e-9)));
  labels.forEach((label, i) => {
    if ((n - 1 - i) % every !== 0) return;
    out.push(
      textElement(
        `x="${num(x(i))}" y="${num(bottom + 24)}" text-anchor="middle" fill="${text}"`,
        label,
        MAX_PERIOD_CHARS * CHAR_WIDTH,
      ),
    );
  });

  out.push(...(spec.under?.(frame) ?? []));

  // The line, broken where a figure is missing (a figure alone between gaps has only its marker).
  const known = (i: number) => isFigure(values[i]);
  const path = line<number>()
    .defined((i) => known(i) && (known(i - 1) || known(i + 1)))
    .x((i) => x(i))
    .y((i) => y(values[i] ?? 0))
    .digits(1)(values.map((_, i) => i));
  if (path)
    out.push(
      `<path d="${path}" fill="none" stroke="${CHART_COLOURS.line}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  values.forEach((v, i) => {
    if (!isFigure(v)) return;
    out.push(
      `<circle cx="${num(x(i))}" cy="${num(y(v))}" r="5" fill="${CHART_COLOURS.line}" stroke="#ffffff" stroke-width="1.5" data-value="${dataValue(v)}"/>`,
    );
  });

  out.push(...(spec.over?.(frame) ?? []));
  out.push('</svg>');
  return out.join('\n');
}
