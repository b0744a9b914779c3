/**
 * A target-trajectory chart: the actual figures by period as a solid line with markers, and the
 * path to a target as a dashed green line from a baseline, through any milestones, to the target
 * period, with a legend and the target written beside its marker (so line style and words, not
 * colour alone, tell them apart). The path between its points is straight (a d3 linear scale
 * over the points), so the summary can say where the latest figure stands against it.
 * Server-rendered like the other charts (decisions 012 and 032); the NHS net-zero chart is in
 * trajectory.ts.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { formatValue } from '../framework/format.js';
import type { Unit } from '../framework/types.js';
import {
  chartId,
  CHART_COLOURS,
  dataValue,
  escapeXml,
  isFigure,
  legendLayout,
  num,
  size,
  textElement,
  textWidth,
} from './frame.js';
import { periodsChartSvg } from './periods-frame.js';
import { describeTrend, type SeriesPoint } from './svg.js';

export interface PathPoint {
  /** The period, as in `points` (a period not among them is added to the axis). */
  readonly label: string;
  readonly value: number;
}

export interface TargetTrajectoryOptions {
  /** Unique on the page: the title's and description's ids are made from it. */
  readonly id: string;
  readonly title: string;
  readonly unit: Unit;
  /**
   * The figures by period, in order, null where unknown (a gap). List the periods up to the
   * target with null figures to space the axis evenly up to it.
   */
  readonly points: readonly SeriesPoint[];
  /** Where the path starts: usually the first actual figure. */
  readonly baseline: PathPoint;
  /** Where the path ends; `by` says when in words ("March 2027"), else the period's label. */
  readonly target: PathPoint & { readonly by?: string };
  /** Points the path passes through on the way, e.g. an interim target. */
  readonly milestones?: readonly PathPoint[];
  /** Legend names: 'Actual' and 'Target path' unless given. */
  readonly names?: { readonly actual?: string; readonly path?: string };
  readonly width?: number;
  readonly height?: number;
}

const PAD = 8;
/** The width of a legend's sample of line. */
const SAMPLE = 28;
const LEGEND_LINE = 24;

type Summary = Pick<
  TargetTrajectoryOptions,
  'unit' | 'points' | 'baseline' | 'target' | 'milestones'
>;

interface Layout {
  /** The periods along the axis, in order. */
  readonly labels: string[];
  /** The figures, one per period (null: a gap, or a period only the path has). */
  readonly values: (number | null)[];
  /** Where the latest figure is on the axis, if there is one. */
  readonly latest: { readonly at: number; readonly value: number; readonly label: string } | null;
  /** The path's points as (axis position, figure), in axis order. */
  readonly path: [number, number][];
}

/**
 * The axis is the figures' periods, with the baseline's period put first and the milestones'
 * and target's put last when they are not among them (a period listed twice keeps both places;
 * the path goes through the first).
 */
function layout(o: Summary): Layout {
  const labels = o.points.map((p) => p.label);
  const values = o.points.map((p) => (isFigure(p.value) ? p.value : null));
  if (!labels.includes(o.baseline.label)) {
    labels.unshift(o.baseline.label);
    values.unshift(null);
  }
  for (const m of [...(o.milestones ?? []), o.target])
    if (!labels.includes(m.label)) {
      labels.push(m.label);
      values.push(null);
    }
  let latest: Layout['latest'] = null;
  values.forEach((value, at) => {
    if (value !== null) latest = { at, value, label: labels[at] ?? '' };
  });
  const path = [o.baseline, ...(o.milestones ?? []), o.target]
    .filter((p) => isFigure(p.value))
    .map((p): [number, number] => [labels.indexOf(p.label), p.value])
    .sort((x, y) => x[0] - y[0]);
  return { labels, values, latest, path };
}

/** The path's figure at an axis position, when the position is within the path. */
function pathAt(path: readonly [number, number][], i: number): number | null {
  const first = path[0];
  const last = path[path.length - 1];
  if (!first || !last || path.length < 2 || i < first[0] || i > last[0]) return null;
  const value = scaleLinear()
    .domain(path.map((p) => p[0]))
    .range(path.map((p) => p[1]))(i);
  return isFigure(value) ? value : null;
}

/**
 * One sentence: how the figures moved, where the latest stands against the path, and the target.
 * "Rose from 41.2% in 2023/24 to 48.0% in 2025/26, ahead of the path (46.8%); the target is
 * 50.0% by March 2027."
 */
export function describeTargetTrajectory(o: Summary): string {
  const trend = describeTrend(o.points, o.unit).slice(0, -1);
  const { latest, path } = layout(o);
  const target = isFigure(o.target.value) ? formatValue(o.target.value, o.unit) : null;
  const when = o.target.by ?? o.target.label;
  const goal = target === null ? '' : `; the target is ${target} by ${when}`;
  let against = '';
  if (latest) {
    const expected = pathAt(path, latest.at);
    if (expected !== null) {
      const shown = formatValue(expected, o.unit);
      const rising = (path[path.length - 1]?.[1] ?? 0) - (path[0]?.[1] ?? 0);
      const above = latest.value > expected;
      const where =
        formatValue(latest.value, o.unit) === shown
          ? 'on the path'
          : rising === 0
            ? above
              ? 'above the path'
              : 'below the path'
            : above === rising > 0
              ? 'ahead of the path'
              : 'behind the path';
      against = `, ${where} (${shown})`;
    }
  }
  return `${trend}${against}${goal}.`;
}

export function targetTrajectoryChartSvg(options: TargetTrajectoryOptions): string {
  const { unit } = options;
  const { labels, values, path } = layout(options);
  const actualName = options.names?.actual ?? 'Actual';
  const pathName = options.names?.path ?? 'Target path';
  const target = isFigure(options.target.value) ? options.target.value : null;
  const when = options.target.by ?? options.target.label;
  const width = size(options.width, 400, 200);
  const legendNames = [actualName, target === null ? pathName : `${pathName} to ${when}`];
  const nameRoom = width - 2 * PAD - SAMPLE - 8;
  const legend = legendLayout(
    legendNames.map((n) => SAMPLE + 8 + Math.min(textWidth(n), nameRoom) + 20),
    width,
    PAD,
    LEGEND_LINE,
  );

  return periodsChartSvg({
    id: chartId(options.id),
    title: options.title,
    desc: describeTargetTrajectory(options),
    unit,
    width,
    height: size(options.height, 300, 140) + legend.height - LEGEND_LINE,
    top: PAD + legend.height + 20,
    labels,
    values,
    alsoShow: path.map((p) => p[1]),
    under: ({ x, y }) => {
      const out: string[] = [];
      const d = line<[number, number]>()
        .x((p) => x(p[0]))
        .y((p) => y(p[1]))
        .digits(1)(path);
      if (d && path.length > 1)
        out.push(
          `<path d="${d}" fill="none" stroke="${CHART_COLOURS.target}" stroke-width="2.5" stroke-dasharray="8 6" data-values="${path.map((p) => dataValue(p[1])).join(' ')}"/>`,
        );
      for (const [i, v] of path)
        out.push(
          `<circle cx="${num(x(i))}" cy="${num(y(v))}" r="4" fill="#ffffff" stroke="${CHART_COLOURS.target}" stroke-width="2" data-value="${dataValue(v)}"/>`,
        );
      return out;
    },
    over: ({ x, y, left, right, top }) => {
      const out: string[] = [];
      // The target, written beside its marker: above it, or below when it is near the top.
      const end = path[path.length - 1];
      if (target !== null && end) {
        const tx = x(end[0]);
        const ty = y(end[1]);
        const text = `Target ${formatValue(target, unit)}`;
        const anchorEnd = tx + textWidth(text) / 2 > right;
        const anchorStart = tx - textWidth(text) / 2 < left;
        out.push(
          `<text x="${num(tx)}" y="${num(ty)}" dy="${ty - top < 24 ? '1.4em' : '-0.9em'}" text-anchor="${anchorEnd ? 'end' : anchorStart ? 'start' : 'middle'}" fill="${CHART_COLOURS.target}" font-weight="bold" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeXml(text)}</text>`,
        );
      }
      // The legend, in the chart so that it prints: a solid line with a marker, a dashed line.
      const [actualItem, pathItem] = legend.at;
      if (actualItem)
        out.push(
          `<line x1="${num(actualItem.x)}" x2="${num(actualItem.x + SAMPLE)}" y1="${num(actualItem.y + 9)}" y2="${num(actualItem.y + 9)}" stroke="${CHART_COLOURS.line}" stroke-width="3"/>`,
          `<circle cx="${num(actualItem.x + SAMPLE / 2)}" cy="${num(actualItem.y + 9)}" r="4" fill="${CHART_COLOURS.line}"/>`,
          textElement(
            `x="${num(actualItem.x + SAMPLE + 8)}" y="${num(actualItem.y + 9)}" dy="0.35em" fill="${CHART_COLOURS.strong}"`,
            legendNames[0] ?? '',
            nameRoom,
          ),
        );
      if (pathItem)
        out.push(
          `<line x1="${num(pathItem.x)}" x2="${num(pathItem.x + SAMPLE)}" y1="${num(pathItem.y + 9)}" y2="${num(pathItem.y + 9)}" stroke="${CHART_COLOURS.target}" stroke-width="2.5" stroke-dasharray="8 6"/>`,
          textElement(
            `x="${num(pathItem.x + SAMPLE + 8)}" y="${num(pathItem.y + 9)}" dy="0.35em" fill="${CHART_COLOURS.strong}"`,
            legendNames[1] ?? '',
            nameRoom,
          ),
        );
      return out;
    },
  });
}
