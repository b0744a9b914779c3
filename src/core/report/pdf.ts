/**
 * The annual report as a tagged PDF, drawn with pdfkit (decision 034): A4, the fonts the
 * repository ships (embedded and subset), a structure tree of headings, paragraphs, lists,
 * tables and figures in reading order (so that the text is real, selectable and read out in
 * order), the title and language in the document's metadata, the partnership and year at the top
 * of every page and the revision, its date and the page number at the foot (as artifacts, outside
 * the structure), and a bookmark for each main section.
 *
 * Charts are the page's SVG drawn with pdfkit's vector API (core/report/svg-draw.ts), each a
 * Figure whose alternative text is the chart's title and summary, with its figures in a table
 * beside or below it.
 *
 * Drawing is synchronous; the renderer waits for the event loop between blocks (`pause`), so a
 * long report does not hold up a server's other requests for its whole length.
 */
import { columnWidths, pageLabel, shorten } from './layout.js';
import type { Block, ReportDocument, Tone } from './model.js';
import { drawChart, parseChartSvg } from './svg-draw.js';

export interface PdfFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/**
 * The fonts by name, as in-memory files of pdfkit's (registerFile): a font chosen by a name
 * pdfkit has seen is taken from its cache, where one given as bytes would be parsed again each
 * time a table cell is measured.
 */
const REGULAR = 'anchorage-report/regular.ttf';
const BOLD = 'anchorage-report/bold.ttf';

/** NHS colours: text, secondary text, blue, borders and table heads. */
const COLOUR = {
  text: '#212b32',
  secondary: '#4c6272',
  blue: '#005eb8',
  border: '#d8dde0',
  head: '#f0f4f5',
} as const;

/** NHS.UK tag colours: background, text and border (nhsuk-frontend's tints and shades). */
const TONES: Record<Tone, { bg: string; fg: string }> = {
  green: { bg: '#cce5d8', fg: '#004c23' },
  yellow: { bg: '#fff59d', fg: '#4d4712' },
  red: { bg: '#f7d4d1', fg: '#6b140e' },
  grey: { bg: '#dbe0e3', fg: '#354550' },
  white: { bg: '#ffffff', fg: '#212b32' },
  blue: { bg: '#ccdff1', fg: '#004281' },
};

const MARGIN = { top: 66, bottom: 62, left: 56, right: 56 } as const;
const SIZE = { body: 10, lead: 12, small: 8.5, table: 8.5, running: 8 } as const;
const HEADING = {
  1: { size: 22, before: 0, after: 10 },
  2: { size: 17, before: 0, after: 8 },
  3: { size: 13, before: 14, after: 5 },
  4: { size: 11, before: 10, after: 4 },
} as const;
const LINE_GAP = 2.5;
const PARAGRAPH_GAP = 6;
const CHART_WIDTH = 300;
/** The width of the keys' column of key and value pairs. */
const FACT_KEY = 140;
/** Rows of a chart's table put beside the chart (three years of quarters); more go below it. */
const BESIDE_ROWS = 12;
/** About how tall a row of a table is, for keeping a chart and its table on one page. */
const ROW_HEIGHT = 18;

/** Lets the event loop run other work between blocks. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface RenderOptions {
  /** Waited for between blocks (default: one turn of the event loop). */
  readonly pause?: () => Promise<void>;
}

/** The report as PDF bytes. */
export async function reportPdf(
  report: ReportDocument,
  fonts: PdfFonts,
  options: RenderOptions = {},
): Promise<Buffer> {
  const pause = options.pause ?? yieldToEventLoop;
  // Loaded here, by a process that draws a report, not by every one that could.
  const pdfkit = await import('pdfkit');
  const { registerFile } = pdfkit as unknown as {
    registerFile: (path: string, data: Uint8Array) => void;
  };
  registerFile(REGULAR, fonts.regular);
  registerFile(BOLD, fonts.bold);
  const doc = new pdfkit.default({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    tagged: true,
    lang: report.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    // The shipped font from the start: pdfkit's default (Helvetica) is never loaded.
    font: REGULAR,
    info: {
      Title: report.title,
      Author: report.author,
      Subject: report.subject,
      Keywords: report.keywords.join(', '),
      CreationDate: report.publishedAt,
      ModDate: report.publishedAt,
      Creator: 'Anchorage',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.font(REGULAR).fontSize(SIZE.body).fillColor(COLOUR.text);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const writer = new Writer(doc, root);
  for (const block of report.blocks) {
    writer.block(block);
    await pause();
  }
  writer.finish();
  runningText(doc, report);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The header and footer of every page, drawn last (so that the page count is known). */
function runningText(doc: Doc, report: ReportDocument) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const page = doc.page;
    const bottom = page.margins.bottom;
    page.margins.bottom = 0;
    const width = page.width - MARGIN.left - MARGIN.right;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(REGULAR).fontSize(SIZE.running).fillColor(COLOUR.secondary);
    doc.text(shorten(report.header, 110), MARGIN.left, 30, { width, lineBreak: false });
    doc
      .moveTo(MARGIN.left, 44)
      .lineTo(page.width - MARGIN.right, 44)
      .lineWidth(0.5)
      .strokeColor(COLOUR.border)
      .stroke();
    const y = page.height - 38;
    doc
      .moveTo(MARGIN.left, y - 8)
      .lineTo(page.width - MARGIN.right, y - 8)
      .lineWidth(0.5)
      .strokeColor(COLOUR.border)
      .stroke();
    doc.font(REGULAR).fontSize(SIZE.running).fillColor(COLOUR.secondary);
    doc.text(report.footer, MARGIN.left, y, { width, lineBreak: false });
    const label = pageLabel(i - start + 1, count);
    doc.text(label, page.width - MARGIN.right - doc.widthOfString(label), y, {
      lineBreak: false,
    });
    doc.endMarkedContent();
    page.margins.bottom = bottom;
  }
}

/** Lays the blocks out one after another, each in its place in the structure tree. */
class Writer {
  readonly #doc: Doc;
  readonly #root: Struct;
  /** The main section being written (a Sect under the Document), if any. */
  #section: Struct | null = null;
  /** Nothing has been drawn on the current page yet. */
  #fresh = true;
  #outline: PDFKit.PDFOutline | null = null;

  constructor(doc: Doc, root: Struct) {
    this.#doc = doc;
    this.#root = root;
  }

  get #parent(): Struct {
    return this.#section ?? this.#root;
  }

  get #width() {
    return this.#doc.page.width - MARGIN.left - MARGIN.right;
  }

  get #room() {
    return this.#doc.page.height - MARGIN.bottom - this.#doc.y;
  }

  /** A new page when less than `height` is left on this one. */
  #need(height: number) {
    if (!this.#fresh && this.#room < height) this.#newPage();
  }

  #newPage() {
    this.#doc.addPage();
    this.#fresh = true;
  }

  #drew() {
    this.#fresh = false;
  }

  /** A structure element of `type`, its content what `draw` draws; `options` as pdfkit takes them. */
  #add(type: string, draw: () => void, options: Record<string, unknown> = {}) {
    this.#parent.add(this.#doc.struct(type, options, draw));
    this.#drew();
  }

  #text(text: string, size: number, o: { bold?: boolean; colour?: string; gap?: number } = {}) {
    const doc = this.#doc;
    doc
      .font(o.bold ? BOLD : REGULAR)
      .fontSize(size)
      .fillColor(o.colour ?? COLOUR.text);
    doc.text(text, MARGIN.left, doc.y, {
      width: this.#width,
      lineGap: LINE_GAP,
      paragraphGap: o.gap ?? PARAGRAPH_GAP,
    });
  }

  #height(text: string, size: number, width: number, bold = false) {
    const doc = this.#doc;
    doc.font(bold ? BOLD : REGULAR).fontSize(size);
    return doc.heightOfString(text, { width, lineGap: LINE_GAP });
  }

  block(b: Block) {
    switch (b.kind) {
      case 'heading':
        return this.#heading(b);
      case 'paragraph': {
        const size = b.style === 'lead' ? SIZE.lead : b.style === 'small' ? SIZE.small : SIZE.body;
        this.#need(Math.min(60, this.#height(b.text, size, this.#width) + PARAGRAPH_GAP));
        return this.#add('P', () =>
          this.#text(b.text, size, {
            colour: b.style === 'small' ? COLOUR.secondary : COLOUR.text,
          }),
        );
      }
      case 'tagged':
        return this.#tagged(b.tag, b.text);
      case 'figure':
        return this.#figure(b);
      case 'list':
        return this.#list(b.items);
      case 'contents':
        return this.#list(b.items.map((i) => i.text));
      case 'facts':
        return this.#table(
          null,
          [],
          b.rows.map((r) => [r.key, r.value]),
          [false, false],
          { rowHeads: true },
        );
      case 'table':
        return this.#table(b.caption, b.head, b.rows, b.numeric ?? []);
      case 'chart':
        return this.#chart(b);
    }
  }

  finish() {
    this.#section?.end();
    this.#root.end();
  }

  #heading(b: Extract<Block, { kind: 'heading' }>) {
    const doc = this.#doc;
    const style = HEADING[b.level];
    if (b.section) {
      // Each main section starts a page, but the first follows the title.
      if (this.#section && !this.#fresh) this.#newPage();
      else this.#need(200);
      this.#section?.end();
      this.#section = doc.struct('Sect');
      this.#root.add(this.#section);
    } else {
      // A heading is kept with what follows it (a pillar's heading with its first indicator's).
      this.#need(
        this.#height(b.text, style.size, this.#width, true) +
          style.before +
          (b.level <= 3 ? 150 : 80),
      );
    }
    if (!this.#fresh) doc.y += style.before;
    if (b.level === 2) this.#outline = doc.outline.addItem(b.text);
    else if (b.level === 3 && this.#outline && /^(ind-|initiative-)/.test(b.id))
      this.#outline.addItem(b.text);
    this.#add(`H${b.level}`, () =>
      this.#text(b.text, style.size, {
        bold: true,
        colour: COLOUR.text,
        gap: style.after,
      }),
    );
  }

  #tagged(tag: { text: string; tone: Tone }, text: string) {
    const doc = this.#doc;
    const colours = TONES[tag.tone];
    doc.font(BOLD).fontSize(SIZE.small);
    const tagWidth = doc.widthOfString(tag.text) + 10;
    const textWidth = this.#width - tagWidth - 8;
    const height = Math.max(15, this.#height(text, SIZE.body, textWidth));
    this.#need(height + PARAGRAPH_GAP);
    const top = doc.y;
    // The tag's box is decoration: its words are in the paragraph.
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .rect(MARGIN.left, top - 1, tagWidth, 15)
      .lineWidth(tag.tone === 'white' ? 0.75 : 0)
      .fillColor(colours.bg)
      .strokeColor(colours.fg);
    if (tag.tone === 'white') doc.fillAndStroke();
    else doc.fill();
    doc.endMarkedContent();
    this.#add('P', () => {
      doc.font(BOLD).fontSize(SIZE.small).fillColor(colours.fg);
      doc.text(tag.text, MARGIN.left + 5, top + 2.5, { lineBreak: false });
      doc.font(REGULAR).fontSize(SIZE.body).fillColor(COLOUR.text);
      doc.text(text, MARGIN.left + tagWidth + 8, top, { width: textWidth, lineGap: LINE_GAP });
    });
    doc.x = MARGIN.left;
    doc.y = Math.max(doc.y, top + 15) + PARAGRAPH_GAP;
  }

  #figure(b: Extract<Block, { kind: 'figure' }>) {
    const doc = this.#doc;
    this.#need(70);
    this.#add('P', () => {
      doc.font(BOLD).fontSize(20).fillColor(COLOUR.text);
      doc.text(b.value, MARGIN.left, doc.y, { width: this.#width, lineGap: 0 });
      doc.font(REGULAR).fontSize(SIZE.body).fillColor(COLOUR.secondary);
      doc.text(b.label, MARGIN.left, doc.y, {
        width: this.#width,
        lineGap: LINE_GAP,
        paragraphGap: 3,
      });
    });
    for (const note of b.notes)
      this.#add('P', () => this.#text(note, SIZE.small, { colour: COLOUR.secondary, gap: 3 }));
    doc.y += PARAGRAPH_GAP - 3;
  }

  #list(items: readonly string[]) {
    const doc = this.#doc;
    const list = doc.struct('L');
    this.#parent.add(list);
    const indent = 12;
    for (const item of items) {
      this.#need(Math.min(40, this.#height(item, SIZE.body, this.#width - indent) + 3));
      const top = doc.y;
      const li = doc.struct('LI');
      list.add(li);
      li.add(
        doc.struct('Lbl', {}, () => {
          doc.font(REGULAR).fontSize(SIZE.body).fillColor(COLOUR.text);
          doc.text('•', MARGIN.left + 2, top, { lineBreak: false });
        }),
      );
      li.add(
        doc.struct('LBody', {}, () => {
          doc.font(REGULAR).fontSize(SIZE.body).fillColor(COLOUR.text);
          doc.text(item, MARGIN.left + indent, top, {
            width: this.#width - indent,
            lineGap: LINE_GAP,
            paragraphGap: 3,
          });
        }),
      );
      li.end();
      doc.x = MARGIN.left;
      this.#drew();
    }
    list.end();
    doc.y += PARAGRAPH_GAP - 3;
  }

  /**
   * Widths for a table's columns from their words, within `total`: a table of few narrow columns
   * keeps its natural width rather than being stretched across the page, unless `fill`.
   */
  #columns(
    rows: readonly (readonly string[])[],
    total: number,
    padding: number,
    fill: boolean,
    numeric: readonly boolean[] = [],
  ) {
    const doc = this.#doc;
    const n = Math.max(...rows.map((r) => r.length));
    const natural: number[] = Array<number>(n).fill(0);
    const minimum: number[] = Array<number>(n).fill(0);
    rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        doc.font(r === 0 ? BOLD : REGULAR).fontSize(SIZE.table);
        natural[c] = Math.max(natural[c] ?? 0, doc.widthOfString(cell) + 2 * padding + 1);
        const longest = Math.max(0, ...cell.split(/\s+/).map((w) => doc.widthOfString(w)));
        minimum[c] = Math.max(minimum[c] ?? 0, Math.min(longest, total / n) + 2 * padding + 1);
      }),
    );
    // Columns of figures (a period each) are as wide as one another.
    const figures = natural.map((_, c) => c).filter((c) => numeric[c]);
    if (figures.length > 1) {
      const nat = Math.max(...figures.map((c) => natural[c] ?? 0));
      const min = Math.max(...figures.map((c) => minimum[c] ?? 0));
      for (const c of figures) {
        natural[c] = nat;
        minimum[c] = min;
      }
    }
    const wanted = natural.reduce((a, b) => a + b, 0);
    return columnWidths(
      natural,
      minimum,
      fill ? total : Math.min(total, Math.max(wanted, total / 2)),
    );
  }

  /**
   * A table: Table, TR, TH (with its scope) and TD in the structure tree; the rules and the head's
   * shading are artifacts. A row is never split: one that does not fit starts a new page, where
   * the head is drawn again (as an artifact: it is in the structure once).
   */
  #table(
    caption: string | null,
    head: readonly string[],
    rows: readonly (readonly string[])[],
    numeric: readonly boolean[],
    o: { rowHeads?: boolean; x?: number; width?: number; y?: number; fill?: boolean } = {},
  ) {
    const doc = this.#doc;
    const x = o.x ?? MARGIN.left;
    const padding = 4;
    const all = head.length ? [head, ...rows] : rows;
    const n = Math.max(0, ...all.map((r) => r.length));
    const room = o.width ?? this.#width;
    // Key and value pairs line up from one list to the next: the keys' column is always as wide.
    const widths = o.rowHeads
      ? ((natural) => [
          FACT_KEY,
          Math.min(room - FACT_KEY, Math.max(natural, room * 0.6 - FACT_KEY)),
        ])(this.#columns(all, room, padding, false)[1] ?? 0)
      : this.#columns(all, room, padding, o.fill ?? n >= 5, numeric);
    const heightOf = (row: readonly string[], bold: (c: number) => boolean) =>
      Math.max(
        ...row.map((text, c) => {
          doc.font(bold(c) ? BOLD : REGULAR).fontSize(SIZE.table);
          return doc.heightOfString(text || ' ', {
            width: (widths[c] ?? 0) - 2 * padding,
            lineGap: 1,
          });
        }),
      ) +
      2 * padding;
    const headHeight = head.length ? heightOf(head, () => true) : 0;
    const firstRow = rows[0] ? heightOf(rows[0], (c) => c === 0 && !!o.rowHeads) : 0;
    if (o.y === undefined)
      this.#need(
        (caption ? this.#height(caption, SIZE.small + 0.5, room, true) + 4 : 0) +
          headHeight +
          firstRow,
      );
    else doc.y = o.y;
    if (caption)
      this.#add('P', () => {
        doc
          .font(BOLD)
          .fontSize(SIZE.small + 0.5)
          .fillColor(COLOUR.text);
        doc.text(caption, x, doc.y, { width: room, lineGap: LINE_GAP, paragraphGap: 3 });
      });
    const table = doc.struct('Table');
    this.#parent.add(table);
    const lefts = widths.map((_, c) => x + widths.slice(0, c).reduce((a, b) => a + b, 0));
    const tableWidth = widths.reduce((a, b) => a + b, 0);

    const drawCells = (row: readonly string[], top: number, isHead: boolean) =>
      row.map((text, c) => () => {
        const bold = isHead || (c === 0 && !!o.rowHeads);
        doc
          .font(bold ? BOLD : REGULAR)
          .fontSize(SIZE.table)
          .fillColor(COLOUR.text);
        doc.text(text, (lefts[c] ?? x) + padding, top + padding, {
          width: (widths[c] ?? 0) - 2 * padding,
          lineGap: 1,
          align: numeric[c] && !(c === 0 && o.rowHeads) ? 'right' : 'left',
        });
      });
    const rule = (top: number, height: number, shaded: boolean) => {
      doc.markContent('Artifact', { type: 'Layout' });
      if (shaded) doc.rect(x, top, tableWidth, height).fill(COLOUR.head);
      doc
        .moveTo(x, top + height)
        .lineTo(x + tableWidth, top + height)
        .lineWidth(0.5)
        .strokeColor(COLOUR.border)
        .stroke();
      doc.endMarkedContent();
    };
    const headRow = (tagged: boolean) => {
      const top = doc.y;
      rule(top, headHeight, true);
      if (tagged) {
        const tr = doc.struct('TR');
        table.add(tr);
        drawCells(head, top, true).forEach((draw) =>
          tr.add(
            doc.struct('TH', { scope: 'Column' } as PDFKit.Mixins.StructureElementOptions, draw),
          ),
        );
        tr.end();
      } else {
        doc.markContent('Artifact', { type: 'Pagination' });
        drawCells(head, top, true).forEach((draw) => draw());
        doc.endMarkedContent();
      }
      doc.y = top + headHeight;
    };

    if (head.length) headRow(true);
    for (const row of rows) {
      const height = heightOf(row, (c) => c === 0 && !!o.rowHeads);
      if (doc.y + height > doc.page.height - MARGIN.bottom) {
        this.#newPage();
        if (head.length) headRow(false);
      }
      const top = doc.y;
      rule(top, height, false);
      const tr = doc.struct('TR');
      table.add(tr);
      drawCells(row, top, false).forEach((draw, c) =>
        tr.add(
          c === 0 && o.rowHeads
            ? doc.struct('TH', { scope: 'Row' } as PDFKit.Mixins.StructureElementOptions, draw)
            : doc.struct('TD', {}, draw),
        ),
      );
      tr.end();
      doc.y = top + height;
    }
    table.end();
    this.#drew();
    doc.x = MARGIN.left;
    doc.y += PARAGRAPH_GAP + 2;
  }

  #chart(b: Extract<Block, { kind: 'chart' }>) {
    const doc = this.#doc;
    const parsed = parseChartSvg(b.svg);
    const chartHeight = parsed.width > 0 ? (parsed.height * CHART_WIDTH) / parsed.width : 0;
    const beside = b.table.rows.length <= BESIDE_ROWS;
    const titleHeight =
      this.#height(b.title, SIZE.body, this.#width, true) +
      this.#height(b.summary, SIZE.small, this.#width);
    const besideHeight = beside ? 30 + (b.table.rows.length + 1) * ROW_HEIGHT : 0;
    this.#need(titleHeight + Math.max(chartHeight, besideHeight) + 20 + (beside ? 0 : 60));
    this.#add('P', () => this.#text(b.title, SIZE.body, { bold: true, gap: 2 }));
    this.#add('P', () => this.#text(b.summary, SIZE.small, { colour: COLOUR.secondary }));
    const top = doc.y;
    this.#add(
      'Figure',
      () => {
        drawChart(
          doc,
          parsed,
          { x: MARGIN.left, y: top, width: CHART_WIDTH },
          { regular: REGULAR, bold: BOLD },
        );
      },
      {
        alt: `${b.title}. ${b.summary}`,
        bbox: [MARGIN.left, top, MARGIN.left + CHART_WIDTH, top + chartHeight],
        placement: 'Block',
      },
    );
    const rows = b.table.rows;
    if (beside) {
      const x = MARGIN.left + CHART_WIDTH + 16;
      this.#table(b.table.caption, b.table.head, rows, [false, true], {
        x,
        width: this.#width - CHART_WIDTH - 16,
        y: top + 4,
      });
      doc.y = Math.max(doc.y, top + chartHeight + PARAGRAPH_GAP);
    } else {
      doc.y = top + chartHeight + PARAGRAPH_GAP;
      this.#table(b.table.caption, b.table.head, rows, [false, true]);
    }
    doc.x = MARGIN.left;
  }
}
