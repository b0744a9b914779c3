/**
 * Server-rendered SVG line charts with a title and a text summary, no script and no inline
 * styles (presentation attributes only, for the CSP), so they work without JavaScript, print, and
 * are announced by screen readers as one image with a title and a description (the data table
 * beside each chart carries the figures). Deterministic: the same input, the same string.
 * Scales, ticks and the line come from d3-scale and d3-shape (decision 032).
 */
import { formatValue } from '../framework/format.js';
import type { Unit } from '../framework/types.js';
import { chartId, CHART_COLOURS, escapeXml, isFigure, num, size } from './frame.js';
import { periodsChartSvg } from './periods-frame.js';

export { CHART_COLOURS, escapeXml } from './frame.js';

export interface SeriesPoint {
  /** The period, e.g. '2024/25' or 'Q2 2025/26'. */
  readonly label: string;
  readonly value: number | null;
  /** How the figure reads where it is published, when not just its value in the unit. */
  readonly text?: string;
}

export interface LineChartOptions {
  /** Unique on the page: the title's and description's ids are made from it. */
  readonly id: string;
  readonly title: string;
  readonly points: readonly SeriesPoint[];
  readonly unit: Unit;
  /** A figure to reach, drawn as a dashed line across the chart. */
  readonly target?: number | null;
  /** What the value axis counts, said above it ("Organisations answering yes"). */
  readonly axisLabel?: string;
  readonly width?: number;
  readonly height?: number;
}

type Known = { readonly label: string; readonly value: number; readonly text?: string };

function isKnown(p: SeriesPoint): p is Known {
  return isFigure(p.value);
}

/** A plain-English summary of a series: first and last figures, and whether it rose or fell. */
export function describeTrend(points: readonly SeriesPoint[], unit: Unit): string {
  const known = points.filter(isKnown);
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return 'No figures yet.';
  const from = first.text ?? formatValue(first.value, unit);
  if (known.length === 1) return `Only one figure: ${from} in ${first.label}.`;
  const to = last.text ?? formatValue(last.value, unit);
  const between = points.slice(points.indexOf(first), points.indexOf(last) + 1);
  const gaps = between.some((p) => !isKnown(p));
  if (from === to) {
    // "Stayed at" only when every period between was shown, at the same figure.
    const same = between.every((p) => isKnown(p) && (p.text ?? formatValue(p.value, unit)) === to);
    if (same) return `Stayed at ${to} from ${first.label} to ${last.label}.`;
    return `${to} in ${last.label}, as in ${first.label}${gaps ? '; some periods between have no figure shown' : ', with changes between'}.`;
  }
  if (last.value === first.value)
    return `${to} in ${last.label}, the same number as in ${first.label} (${from}).`;
  const verb = unit === 'yes/no' ? 'Changed' : last.value > first.value ? 'Rose' : 'Fell';
  return `${verb} from ${from} in ${first.label} to ${to} in ${last.label}.`;
}

/** A line over periods, broken at missing figures, with an optional dashed target line. */
export function lineChartSvg(options: LineChartOptions): string {
  const { points, unit } = options;
  const target = isFigure(options.target) ? options.target : null;
  return periodsChartSvg({
    id: chartId(options.id),
    title: options.title,
    desc: describeTrend(points, unit),
    unit,
    ...(options.axisLabel ? { axisLabel: options.axisLabel } : {}),
    width: size(options.width, 400, 160),
    height: size(options.height, 260, 120),
    top: 28,
    labels: points.map((p) => p.label),
    values: points.map((p) => p.value),
    alsoShow: target === null ? [] : [target],
    under: ({ y, left, right }) => {
      if (target === null) return [];
      const ty = num(y(target));
      return [
        `<line x1="${num(left)}" x2="${num(right)}" y1="${ty}" y2="${ty}" stroke="${CHART_COLOURS.target}" stroke-width="2" stroke-dasharray="8 6" data-value="${String(target)}"/>`,
      ];
    },
    // The target's label over the line, with a white halo so that the line never hides it.
    over: ({ y, right }) =>
      target === null
        ? []
        : [
            `<text x="${num(right)}" y="${num(y(target))}" dy="-8" text-anchor="end" fill="${CHART_COLOURS.target}" font-weight="bold" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeXml(`Target ${formatValue(target, unit)}`)}</text>`,
          ],
  });
}
