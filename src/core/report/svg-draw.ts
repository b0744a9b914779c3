/**
 * The charts of core/charts drawn into a PDF with pdfkit's vector API (decision 034): the SVG a
 * page shows is read back into shapes (lines, paths, circles, rectangles, text) and each is drawn
 * at the same coordinates, so the PDF's chart is the page's chart, from the same d3 scales.
 * Only the subset of SVG those charts write is understood; anything else is listed in
 * `unsupported` (and tested for), never guessed at.
 *
 * Text stays text, in the report's own font. A label's white halo (paint-order="stroke") is drawn
 * as a white box behind it, so that the words are in the PDF once.
 */
import sax from 'sax';

export type Shape =
  | {
      readonly kind: 'line';
      readonly x1: number;
      readonly y1: number;
      readonly x2: number;
      readonly y2: number;
      readonly stroke: Stroke;
    }
  | {
      readonly kind: 'path';
      readonly d: string;
      readonly fill: string | null;
      readonly stroke: Stroke | null;
    }
  | {
      readonly kind: 'polyline';
      readonly points: readonly [number, number][];
      readonly fill: string | null;
      readonly stroke: Stroke | null;
    }
  | {
      readonly kind: 'circle';
      readonly cx: number;
      readonly cy: number;
      readonly r: number;
      readonly fill: string | null;
      readonly stroke: Stroke | null;
    }
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
      readonly fill: string | null;
      readonly stroke: Stroke | null;
    }
  | {
      readonly kind: 'text';
      readonly x: number;
      readonly y: number;
      /** The shift of the baseline, in the chart's units (SVG's dy, with em worked out). */
      readonly dy: number;
      readonly text: string;
      readonly anchor: 'start' | 'middle' | 'end';
      readonly fill: string;
      readonly bold: boolean;
      /** A halo behind the words: its colour. */
      readonly halo: string | null;
    };

export interface Stroke {
  readonly colour: string;
  readonly width: number;
  readonly dash: readonly number[] | null;
  readonly cap: 'butt' | 'round' | 'square';
  readonly join: 'miter' | 'round' | 'bevel';
}

export interface ParsedChart {
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
  readonly title: string;
  readonly desc: string;
  readonly shapes: readonly Shape[];
  /** Elements and paints not drawn (none, for the charts of core/charts the report uses). */
  readonly unsupported: readonly string[];
}

const IGNORED = new Set(['title', 'desc']);
const num = (v: string | undefined, fallback = 0) => {
  const n = v === undefined ? NaN : Number.parseFloat(v);
  return Number.isFinite(n) ? n : fallback;
};

/** A paint: a colour, or null for none (a pattern is not understood: reported). */
function paint(v: string | undefined, fallback: string | null, unsupported: string[]) {
  if (v === undefined) return fallback;
  if (v === 'none') return null;
  if (/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(v)) return v;
  unsupported.push(`paint ${v}`);
  return fallback;
}

function strokeOf(a: Record<string, string>, unsupported: string[]): Stroke | null {
  const colour = paint(a.stroke, null, unsupported);
  if (colour === null) return null;
  const dash = a['stroke-dasharray']
    ?.split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n) && n >= 0);
  const cap = a['stroke-linecap'];
  const join = a['stroke-linejoin'];
  return {
    colour,
    width: num(a['stroke-width'], 1),
    dash: dash && dash.length > 0 && dash.some((n) => n > 0) ? dash : null,
    cap: cap === 'round' || cap === 'square' ? cap : 'butt',
    join: join === 'round' || join === 'bevel' ? join : 'miter',
  };
}

/** A length in the chart's units: "8", "-8", "0.35em" (of the font size). */
function length(v: string | undefined, fontSize: number): number {
  if (!v) return 0;
  const m = /^(-?[\d.]+)(em|px)?$/.exec(v.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return 0;
  return m[2] === 'em' ? n * fontSize : n;
}

/** Reads a chart's SVG (as core/charts writes it) into shapes, in drawing order. */
export function parseChartSvg(svg: string): ParsedChart {
  const parser = sax.parser(true, { trim: false, normalize: false });
  const shapes: Shape[] = [];
  const unsupported: string[] = [];
  let width = 0;
  let height = 0;
  let fontSize = 14;
  let title = '';
  let desc = '';
  /** Open elements, innermost last. */
  const stack: string[] = [];
  let text: { attrs: Record<string, string>; words: string } | null = null;

  parser.onopentag = (node) => {
    const a = node.attributes as Record<string, string>;
    const name = node.name;
    stack.push(name);
    if (text) return; // a <title> inside a <text>: its words are the full label, for a tooltip
    switch (name) {
      case 'svg': {
        const box = (a.viewBox ?? '').split(/[\s,]+/).map(Number);
        width = box[2] ?? num(a.width);
        height = box[3] ?? num(a.height);
        fontSize = num(a['font-size'], 14);
        break;
      }
      case 'g':
        if (a.transform) unsupported.push('g transform');
        break;
      case 'line':
        shapes.push({
          kind: 'line',
          x1: num(a.x1),
          y1: num(a.y1),
          x2: num(a.x2),
          y2: num(a.y2),
          stroke: strokeOf(a, unsupported) ?? {
            colour: '#000000',
            width: 1,
            dash: null,
            cap: 'butt',
            join: 'miter',
          },
        });
        break;
      case 'path':
        shapes.push({
          kind: 'path',
          d: a.d ?? '',
          fill: paint(a.fill, '#000000', unsupported),
          stroke: strokeOf(a, unsupported),
        });
        break;
      case 'polyline':
        shapes.push({
          kind: 'polyline',
          points: (a.points ?? '')
            .trim()
            .split(/\s+/)
            .map((pair) => pair.split(',').map(Number) as [number, number])
            .filter((p) => p.length === 2 && p.every(Number.isFinite)),
          fill: paint(a.fill, '#000000', unsupported),
          stroke: strokeOf(a, unsupported),
        });
        break;
      case 'circle':
        shapes.push({
          kind: 'circle',
          cx: num(a.cx),
          cy: num(a.cy),
          r: num(a.r),
          fill: paint(a.fill, '#000000', unsupported),
          stroke: strokeOf(a, unsupported),
        });
        break;
      case 'rect':
        shapes.push({
          kind: 'rect',
          x: num(a.x),
          y: num(a.y),
          width: num(a.width),
          height: num(a.height),
          fill: paint(a.fill, '#000000', unsupported),
          stroke: strokeOf(a, unsupported),
        });
        break;
      case 'text':
        text = { attrs: a, words: '' };
        break;
      default:
        if (!IGNORED.has(name)) unsupported.push(`<${name}>`);
    }
  };
  parser.ontext = (t) => {
    const inner = stack[stack.length - 1];
    if (text && inner === 'text') text.words += t;
    else if (inner === 'title' && stack.length === 2) title += t;
    else if (inner === 'desc' && stack.length === 2) desc += t;
  };
  parser.onclosetag = (name) => {
    stack.pop();
    if (name !== 'text' || !text) return;
    const a = text.attrs;
    const anchor = a['text-anchor'];
    const halo = a['paint-order'] === 'stroke' ? paint(a.stroke, null, unsupported) : null;
    shapes.push({
      kind: 'text',
      x: num(a.x),
      y: num(a.y),
      dy: length(a.dy, fontSize),
      text: text.words.trim(),
      anchor: anchor === 'middle' || anchor === 'end' ? anchor : 'start',
      fill: paint(a.fill, '#000000', unsupported) ?? '#000000',
      bold: a['font-weight'] === 'bold',
      halo,
    });
    text = null;
  };
  parser.write(svg).close();
  return { width, height, fontSize, title, desc, shapes, unsupported };
}

/** What drawing needs of a pdfkit document (so that tests can record the calls). */
export type Canvas = PDFKit.PDFDocument;

function applyStroke(doc: Canvas, s: Stroke) {
  doc.lineWidth(s.width).lineCap(s.cap).lineJoin(s.join).strokeColor(s.colour);
  if (s.dash) doc.dash(s.dash[0] ?? 0, { space: s.dash[1] ?? s.dash[0] ?? 0 });
  else doc.undash();
}

function paintShape(doc: Canvas, fill: string | null, stroke: Stroke | null) {
  if (stroke) applyStroke(doc, stroke);
  if (fill && stroke) doc.fillAndStroke(fill, stroke.colour);
  else if (fill) doc.fill(fill);
  else if (stroke) doc.stroke();
}

/**
 * Draws the chart with its top left corner at (x, y), `width` wide (its height follows). The
 * caller marks the content (a Figure with the chart's title and summary as its alternative text).
 * Returns the height drawn.
 */
export function drawChart(
  doc: Canvas,
  chart: ParsedChart,
  at: { x: number; y: number; width: number },
  fonts: { regular: string; bold: string },
): number {
  const scale = chart.width > 0 ? at.width / chart.width : 1;
  const { x: keepX, y: keepY } = doc;
  doc.save();
  doc.translate(at.x, at.y).scale(scale);
  for (const s of chart.shapes) {
    doc.save();
    switch (s.kind) {
      case 'line':
        applyStroke(doc, s.stroke);
        doc.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2).stroke();
        break;
      case 'path':
        doc.path(s.d);
        paintShape(doc, s.fill, s.stroke);
        break;
      case 'polyline': {
        const [first, ...rest] = s.points;
        if (first) {
          doc.moveTo(first[0], first[1]);
          for (const p of rest) doc.lineTo(p[0], p[1]);
          paintShape(doc, s.fill, s.stroke);
        }
        break;
      }
      case 'circle':
        doc.circle(s.cx, s.cy, s.r);
        paintShape(doc, s.fill, s.stroke);
        break;
      case 'rect':
        doc.rect(s.x, s.y, s.width, s.height);
        paintShape(doc, s.fill, s.stroke);
        break;
      case 'text': {
        doc.font(s.bold ? fonts.bold : fonts.regular).fontSize(chart.fontSize);
        const w = doc.widthOfString(s.text);
        const left = s.anchor === 'middle' ? s.x - w / 2 : s.anchor === 'end' ? s.x - w : s.x;
        const baseline = s.y + s.dy;
        if (s.halo) {
          const pad = 2;
          doc
            .rect(left - pad, baseline - chart.fontSize * 0.8, w + 2 * pad, chart.fontSize)
            .fill(s.halo);
        }
        doc.fillColor(s.fill).text(s.text, left, baseline, {
          baseline: 'alphabetic',
          lineBreak: false,
        });
        break;
      }
    }
    doc.restore();
  }
  doc.restore();
  doc.x = keepX;
  doc.y = keepY;
  return chart.height * scale;
}
