/**
 * A stacked bar chart: the parts of a whole in each period (or category), one horizontal bar
 * each, the parts stacked by d3-shape's stack (negative parts to the left of zero). Colour is
 * never the only cue: each part has its own pattern as well as its own colour, the legend shows
 * both in stacking order, each part wide enough is labelled with its share on a solid chip (white
 * on the part's colour, at least 4.5:1), and the total is written at the end of the bar. A missing
 * figure is left out of the bar, never drawn as zero. Server-rendered (decisions 012 and 032).
 */
import { scaleLinear } from 'd3-scale';
import { stack, stackOffsetDiverging } from 'd3-shape';
import { formatValue } from '../framework/format.js';
import type { Unit } from '../framework/types.js';
import {
  CHAR_WIDTH,
  chartId,
  CHART_COLOURS,
  dataValue,
  escapeXml,
  isFigure,
  legendLayout,
  num,
  openSvg,
  PART_COLOURS,
  size,
  textElement,
  textWidth,
} from './frame.js';
import { describeTrend } from './svg.js';

export interface StackedRow {
  /** The period or category, e.g. '2024/25'. */
  readonly label: string;
  /** A figure for each part, in the order of `parts`; null where unknown. */
  readonly values: readonly (number | null)[];
}

export interface StackedBarChartOptions {
  /** Unique on the page: the title's, description's and patterns' ids are made from it. */
  readonly id: string;
  readonly title: string;
  /** The names of the parts, in the order they stack and appear in the legend. */
  readonly parts: readonly string[];
  readonly rows: readonly StackedRow[];
  readonly unit: Unit;
  /** The width of the drawing; its height follows from the number of rows and parts. */
  readonly width?: number;
}

const PAD = 8;
const SWATCH = 18;
const LEGEND_ROW = 28;
const LABEL_HEIGHT = 22;
const BAR_HEIGHT = 28;
const ROW_GAP = 14;
const ROW = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;
const NO_DATA = 'No data';
const WHITE = '#ffffff';

/** The colour and pattern of part i: seven colours, seven patterns, no pair repeated before 49. */
export function partStyle(i: number): { colour: string; pattern: number } {
  const colour = PART_COLOURS[i % PART_COLOURS.length] ?? CHART_COLOURS.line;
  return { colour, pattern: (i + Math.floor(i / PART_COLOURS.length)) % PART_COLOURS.length };
}

/** White marks on the part's colour, in an 8 by 8 tile; pattern 0 is the plain colour. */
function patternDef(id: string, colour: string, kind: number): string {
  const tile = (transform: string, marks: string) =>
    `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"${transform}><rect width="8" height="8" fill="${colour}"/>${marks}</pattern>`;
  const stripe = `<line x1="0" y1="0" x2="0" y2="8" stroke="${WHITE}" stroke-width="3"/>`;
  switch (kind) {
    case 1:
      return tile(' patternTransform="rotate(45)"', stripe);
    case 2:
      return tile('', `<circle cx="4" cy="4" r="1.8" fill="${WHITE}"/>`);
    case 3:
      return tile('', `<line x1="0" y1="4" x2="8" y2="4" stroke="${WHITE}" stroke-width="2"/>`);
    case 4:
      return tile(
        ' patternTransform="rotate(45)"',
        `<line x1="0" y1="0" x2="0" y2="8" stroke="${WHITE}" stroke-width="1.5"/><line x1="0" y1="0" x2="8" y2="0" stroke="${WHITE}" stroke-width="1.5"/>`,
      );
    case 5:
      return tile('', `<line x1="4" y1="0" x2="4" y2="8" stroke="${WHITE}" stroke-width="2"/>`);
    default:
      return tile(' patternTransform="rotate(-45)"', stripe);
  }
}

function valueOf(row: StackedRow, part: number): number | null {
  const v = row.values[part];
  return isFigure(v) ? v : null;
}

/** The known figures of a row, with their parts. */
function knownParts(row: StackedRow, parts: number): { part: number; value: number }[] {
  const out: { part: number; value: number }[] = [];
  for (let p = 0; p < parts; p++) {
    const value = valueOf(row, p);
    if (value !== null) out.push({ part: p, value });
  }
  return out;
}

/**
 * A part's share of its row as a whole percentage: only when every part of the row is known
 * and none is negative (a share of an incomplete whole would mislead).
 */
function shareText(
  value: number,
  known: readonly { value: number }[],
  parts: number,
): string | null {
  if (known.length !== parts || known.some((k) => k.value < 0)) return null;
  const total = known.reduce((s, k) => s + k.value, 0);
  if (!(total > 0)) return null;
  const share = (value / total) * 100;
  if (share > 0 && share < 0.5) return '<1%';
  return `${Math.round(share)}%`;
}

const missingText = (n: number) => `${n} ${n === 1 ? 'part' : 'parts'} missing`;

/**
 * One sentence: how the total moved (over the periods with every part known), and the largest
 * part in the latest period with figures. "The total rose from £2,000,000 in 2023/24 to
 * £3,000,000 in 2025/26; in 2025/26 the largest part was Local suppliers at £1,200,000 (40%)."
 */
export function describeStacked(
  o: Pick<StackedBarChartOptions, 'parts' | 'rows' | 'unit'>,
): string {
  const parts = o.parts.length;
  const rows = o.rows.map((row) => {
    const known = knownParts(row, parts);
    const total = known.reduce((s, k) => s + k.value, 0);
    return { label: row.label, known, total, complete: parts > 0 && known.length === parts };
  });
  const latest = rows.filter((r) => r.known.length > 0).pop();
  if (!latest) return 'No figures yet.';
  let largest = latest.known[0];
  for (const k of latest.known) if (largest && k.value > largest.value) largest = k;
  let part = '';
  if (largest) {
    const name = o.parts[largest.part] ?? '';
    const value = formatValue(largest.value, o.unit);
    const share = shareText(largest.value, latest.known, parts);
    part = latest.complete
      ? `the largest part was ${name} at ${value}${share ? ` (${share})` : ''}`
      : `the largest known part was ${name} at ${value}, with ${missingText(parts - latest.known.length)}`;
  }
  const complete = rows.filter((r) => r.complete).map((r) => ({ label: r.label, value: r.total }));
  if (complete.length >= 2) {
    const trend = describeTrend(complete, o.unit).slice(0, -1);
    return `The total ${trend.charAt(0).toLowerCase()}${trend.slice(1)}; in ${latest.label} ${part}.`;
  }
  if (latest.complete)
    return `In ${latest.label} the total was ${formatValue(latest.total, o.unit)}; ${part}.`;
  return `In ${latest.label} ${part}.`;
}

export function stackedBarChartSvg(options: StackedBarChartOptions): string {
  const { parts, rows, unit } = options;
  const id = chartId(options.id);
  const width = size(options.width, 400, 200);
  const desc = describeStacked(options);
  const patternId = (p: number) => `${id}-part-${p}`;
  const fillOf = (p: number) => {
    const { colour, pattern } = partStyle(p);
    return pattern === 0 ? colour : `url(#${patternId(p)})`;
  };

  // The legend: a swatch and a name for each part, in stacking order, wrapping onto more lines.
  const nameRoom = width - 2 * PAD - SWATCH - 8;
  const { at, height: legendHeight } = legendLayout(
    parts.map((name) => SWATCH + 8 + Math.min(textWidth(name), nameRoom) + 20),
    width,
    PAD,
    LEGEND_ROW,
  );
  const legend: string[] = [];
  parts.forEach((name, p) => {
    const { x: lx = PAD, y: ly = PAD } = at[p] ?? {};
    legend.push(
      `<rect x="${num(lx)}" y="${num(ly)}" width="${SWATCH}" height="${SWATCH}" fill="${fillOf(p)}" stroke="${CHART_COLOURS.strong}" stroke-width="1"/>`,
      textElement(
        `x="${num(lx + SWATCH + 8)}" y="${num(ly + SWATCH / 2)}" dy="0.35em" fill="${CHART_COLOURS.strong}"`,
        name,
        nameRoom,
      ),
    );
  });
  const top = PAD + legendHeight + (parts.length === 0 ? 0 : 8);

  if (rows.length === 0) {
    const height = top + 40;
    return [
      ...openSvg({ id, title: options.title, desc, width, height }),
      ...legend,
      textElement(
        `x="${PAD}" y="${num(top + 20)}" fill="${CHART_COLOURS.text}"`,
        'No figures yet.',
      ),
      '</svg>',
    ].join('\n');
  }

  const stacked = stack<StackedRow, number>()
    .keys(parts.map((_, p) => p))
    .value((row, p) => valueOf(row, p) ?? 0)
    .offset(stackOffsetDiverging)(rows);
  const known = rows.map((row) => knownParts(row, parts.length));
  const totals = known.map((k) => (k.length === 0 ? null : k.reduce((s, x) => s + x.value, 0)));
  const totalLabels = totals.map((t, r) => {
    if (t === null) return NO_DATA;
    const missing = parts.length - (known[r]?.length ?? 0);
    return missing === 0
      ? formatValue(t, unit)
      : `${formatValue(t, unit)} (${missingText(missing)})`;
  });
  let lo = 0;
  let hi = 0;
  for (const s of stacked)
    for (const [a, b] of s) {
      if (isFigure(a) && isFigure(b)) {
        lo = Math.min(lo, a, b);
        hi = Math.max(hi, a, b);
      }
    }
  if (lo === hi) hi = 1;
  const left = PAD;
  const right = Math.max(left + 1, width - PAD);
  const x = scaleLinear().domain([lo, hi]).range([left, right]);
  const zero = x(0);
  const height = top + rows.length * ROW;

  const out = openSvg({ id, title: options.title, desc, width, height });
  const used = parts.map((_, p) => partStyle(p)).filter((s) => s.pattern !== 0);
  if (used.length > 0)
    out.push(
      `<defs>${parts
        .map((_, p) => {
          const { colour, pattern } = partStyle(p);
          return pattern === 0 ? '' : patternDef(patternId(p), colour, pattern);
        })
        .join('')}</defs>`,
    );
  out.push(...legend);

  rows.forEach((row, r) => {
    const rowTop = top + r * ROW;
    const barY = rowTop + LABEL_HEIGHT;
    const mid = num(barY + BAR_HEIGHT / 2);
    // The row's name on the left and its total on the right, above the bar.
    const total = totalLabels[r] ?? NO_DATA;
    // The total first: the name gives way to it, down to a few characters.
    const totalRoom = Math.min(
      textWidth(total),
      width - 2 * PAD - Math.min(textWidth(row.label), 8 * CHAR_WIDTH) - 12,
    );
    out.push(
      textElement(
        `x="${PAD}" y="${num(rowTop + 16)}" fill="${CHART_COLOURS.strong}"`,
        row.label,
        width - 2 * PAD - totalRoom - 12,
      ),
      textElement(
        `x="${num(width - PAD)}" y="${num(rowTop + 16)}" text-anchor="end" fill="${totals[r] === null ? CHART_COLOURS.text : CHART_COLOURS.strong}"${totals[r] === null ? ' font-style="italic"' : ' font-weight="bold"'}`,
        total,
        totalRoom,
      ),
      `<line x1="${num(zero)}" x2="${num(zero)}" y1="${num(barY - 4)}" y2="${num(barY + BAR_HEIGHT + 4)}" stroke="${CHART_COLOURS.text}" stroke-width="1"/>`,
    );
    const rowKnown = known[r] ?? [];
    for (const { part, value } of rowKnown) {
      const [a = 0, b = 0] = stacked[part]?.[r] ?? [];
      const x0 = Math.min(x(a), x(b));
      const x1 = Math.max(x(a), x(b));
      const { colour } = partStyle(part);
      out.push(
        `<rect x="${num(x0)}" y="${num(barY)}" width="${num(x1 - x0)}" height="${BAR_HEIGHT}" fill="${fillOf(part)}" stroke="${WHITE}" stroke-width="1" data-value="${dataValue(value)}"/>`,
      );
      // A label on a solid chip of the part's colour, when it fits.
      const text = shareText(value, rowKnown, parts.length) ?? formatValue(value, unit);
      const chip = textWidth(text) + 6;
      if (chip + 6 <= x1 - x0) {
        const cx = (x0 + x1) / 2;
        out.push(
          `<rect x="${num(cx - chip / 2)}" y="${num(barY + BAR_HEIGHT / 2 - 10)}" width="${num(chip)}" height="20" rx="3" fill="${colour}"/>`,
          `<text x="${num(cx)}" y="${mid}" dy="0.35em" text-anchor="middle" fill="${WHITE}" font-weight="bold">${escapeXml(text)}</text>`,
        );
      }
    }
  });
  out.push('</svg>');
  return out.join('\n');
}
