/**
 * A bar chart: one horizontal bar per category or period, its name above it and its figure
 * written at its end, so no axis has to be read and long names have the whole width. Negative
 * figures go left of a zero line; a missing figure has no bar and says "No data" (never a zero
 * bar). Server-rendered like the other charts (decisions 012 and 032).
 */
import { scaleLinear } from 'd3-scale';
import { formatValue } from '../framework/format.js';
import type { Unit } from '../framework/types.js';
import {
  chartId,
  CHART_COLOURS,
  dataValue,
  isFigure,
  num,
  openSvg,
  size,
  textElement,
  textWidth,
} from './frame.js';
import { describeTrend } from './svg.js';

export interface Bar {
  /** The category or period, e.g. 'Leeds Teaching Hospitals' or '2024/25'. */
  readonly label: string;
  readonly value: number | null;
}

export interface BarChartOptions {
  /** Unique on the page: the title's and description's ids are made from it. */
  readonly id: string;
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly unit: Unit;
  /** 'periods' when the bars are periods in order: the summary then says how the figure moved. */
  readonly sequence?: 'categories' | 'periods';
  /** The width of the drawing; its height follows from the number of bars. */
  readonly width?: number;
}

const PAD = 8;
const LABEL_HEIGHT = 22;
const BAR_HEIGHT = 24;
const ROW_GAP = 14;
const ROW = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;
const NO_DATA = 'No data';

/**
 * One sentence: the highest and the lowest (categories), or how the figure moved (periods).
 * "Highest: Leeds at 48.0%; lowest: York at 12.0%; 1 of 5 with no figure."
 */
export function describeBars(o: Pick<BarChartOptions, 'bars' | 'unit' | 'sequence'>): string {
  if (o.sequence === 'periods') return describeTrend(o.bars, o.unit);
  const known = o.bars.filter((b): b is { label: string; value: number } => isFigure(b.value));
  const missing = o.bars.length - known.length;
  const gaps = missing > 0 ? `; ${missing} of ${o.bars.length} with no figure` : '';
  const first = known[0];
  if (!first) return 'No figures yet.';
  if (known.length === 1)
    return `Only one figure: ${first.label} at ${formatValue(first.value, o.unit)}${gaps}.`;
  let high = first;
  let low = first;
  for (const b of known) {
    if (b.value > high.value) high = b;
    if (b.value < low.value) low = b;
  }
  const highText = formatValue(high.value, o.unit);
  const lowText = formatValue(low.value, o.unit);
  if (highText === lowText) return `All ${known.length} at ${highText}${gaps}.`;
  return `Highest: ${high.label} at ${highText}; lowest: ${low.label} at ${lowText}${gaps}.`;
}

export function barChartSvg(options: BarChartOptions): string {
  const { bars, unit } = options;
  const id = chartId(options.id);
  const width = size(options.width, 400, 200);
  const desc = describeBars(options);
  const values = bars.map((b) => (isFigure(b.value) ? b.value : null));
  const labels = values.map((v) => (v === null ? NO_DATA : formatValue(v, unit)));

  if (bars.length === 0) {
    const height = 48;
    return [
      ...openSvg({ id, title: options.title, desc, width, height }),
      textElement(`x="${PAD}" y="28" fill="${CHART_COLOURS.text}"`, 'No figures yet.'),
      '</svg>',
    ].join('\n');
  }

  // Figures are written past the end of each bar: room for the widest on each side of zero.
  const room = (keep: (v: number | null) => boolean) =>
    Math.max(0, ...labels.filter((_, i) => keep(values[i] ?? null)).map((l) => textWidth(l) + 8));
  const roomLeft = room((v) => v !== null && v < 0);
  const roomRight = room((v) => v === null || v >= 0);
  const lo = Math.min(0, ...values.filter(isFigure));
  let hi = Math.max(0, ...values.filter(isFigure));
  if (lo === hi) hi = 1;
  const left = PAD + roomLeft;
  const right = Math.max(left + 1, width - PAD - roomRight);
  const x = scaleLinear().domain([lo, hi]).range([left, right]);
  const zero = x(0);
  const height = PAD + bars.length * ROW;

  const out = openSvg({ id, title: options.title, desc, width, height });
  bars.forEach((b, i) => {
    const top = PAD + i * ROW;
    const barY = top + LABEL_HEIGHT;
    const mid = num(barY + BAR_HEIGHT / 2);
    out.push(
      textElement(
        `x="${PAD}" y="${num(top + 16)}" fill="${CHART_COLOURS.strong}"`,
        b.label,
        width - 2 * PAD,
      ),
    );
    // The zero line, along this bar only (so it never runs through a name).
    out.push(
      `<line x1="${num(zero)}" x2="${num(zero)}" y1="${num(barY - 4)}" y2="${num(barY + BAR_HEIGHT + 4)}" stroke="${CHART_COLOURS.text}" stroke-width="1"/>`,
    );
    const v = values[i] ?? null;
    const label = labels[i] ?? NO_DATA;
    if (v === null) {
      out.push(
        textElement(
          `x="${num(zero + 8)}" y="${mid}" dy="0.35em" fill="${CHART_COLOURS.text}" font-style="italic"`,
          label,
        ),
      );
      return;
    }
    const end = x(v);
    out.push(
      `<rect x="${num(Math.min(zero, end))}" y="${num(barY)}" width="${num(Math.abs(end - zero))}" height="${BAR_HEIGHT}" fill="${CHART_COLOURS.line}" data-value="${dataValue(v)}"/>`,
      v < 0
        ? textElement(
            `x="${num(end - 6)}" y="${mid}" dy="0.35em" text-anchor="end" fill="${CHART_COLOURS.strong}" font-weight="bold"`,
            label,
          )
        : textElement(
            `x="${num(end + 6)}" y="${mid}" dy="0.35em" fill="${CHART_COLOURS.strong}" font-weight="bold"`,
            label,
          ),
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
