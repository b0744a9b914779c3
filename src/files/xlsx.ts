/**
 * Reads the first worksheet of an XLSX file as rows of text, within limits (core/file-limits.ts)
 * enforced while it streams: the zip's directory is read first (yauzl), only the parts needed are
 * inflated (relationships, workbook, styles, shared strings, the first sheet), their real inflated
 * bytes are counted as they come, and the XML is parsed by sax, whose buffers are bounded. Rows,
 * columns, cells per row, cell length, nesting and attributes are checked as each arrives, so a
 * hostile file is refused after reading a little past a limit. Decision 016 says why this is not
 * exceljs's reader (still used to write templates).
 */
import path from 'node:path/posix';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import sax from 'sax';
import yauzl from 'yauzl';
import {
  cellPlace,
  checkHeader,
  FileLimitError,
  limitMessages,
  type XlsxLimits,
} from '../core/file-limits.js';
import { excelSerialToIso } from '../core/spend/dates.js';

export interface SheetRow {
  /** The row number the spreadsheet shows. */
  readonly line: number;
  readonly fields: string[];
}

/** Parts a workbook has: a few dozen usually; many thousands is not a spreadsheet. */
const MAX_ENTRIES = 10_000;
/** Elements inside one another: SpreadsheetML needs fewer than ten. */
const MAX_DEPTH = 32;
/** Attributes on one element: a cell or row has a handful. */
const MAX_ATTRIBUTES = 64;
/** Relationships, workbook and styles parts: kilobytes usually (Excel allows 64,000 styles). */
const SMALL_PART_BYTES = 10 * 1024 * 1024;
/** Elements before a sheet's data (its views and column settings): a few dozen usually. */
const MAX_ELEMENTS_BEFORE_DATA = 100_000;
/** Elements inside one cell (a value, or an inline string's runs of text). */
const MAX_ELEMENTS_IN_CELL = 1_000;

const unreadable = (why?: string) => new FileLimitError(limitMessages.unreadable(why));

/** Built-in number formats that show a date (ECMA-376 §18.8.30, and the East Asian ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** A custom number format shows a date when, outside quotes, escapes and brackets, it has d, m, y, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare);
}

/**
 * A part may inflate to at most this many times its compressed size, once past INFLATE_GRACE
 * bytes (the rule, and the numbers, of Apache POI's ZipSecureFile): worksheets compress 5 to 20
 * times; a zip bomb, hundreds or thousands of times. The work a file costs then grows with the
 * bytes uploaded, as a CSV file's does.
 */
const MAX_INFLATE_RATIO = 100;
const INFLATE_GRACE = 1024 * 1024;

const bomb = () => new FileLimitError(limitMessages.ratio(MAX_INFLATE_RATIO));

/** Bytes inflated so far, across the parts read. */
class Budget {
  used = 0;
  constructor(readonly limits: XlsxLimits) {}
  expect(declared: number) {
    if (this.used + declared > this.limits.inflatedBytes)
      throw new FileLimitError(limitMessages.inflated(this.limits));
  }
  add(n: number) {
    this.used += n;
    if (this.used > this.limits.inflatedBytes)
      throw new FileLimitError(limitMessages.inflated(this.limits));
  }
}

type Zip = yauzl.ZipFile;

async function openZip(input: string | Buffer): Promise<Zip> {
  const options = { autoClose: false, lazyEntries: true, strictFileNames: false };
  let zip: Zip;
  try {
    zip =
      typeof input === 'string'
        ? await yauzl.openPromise(input, options)
        : await yauzl.fromBufferPromise(input, options);
  } catch {
    throw unreadable('it is not a complete zip file');
  }
  // Errors reach the entry iterator and the read streams; none may stop the process.
  zip.on('error', () => undefined);
  return zip;
}

async function entriesOf(zip: Zip): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entries.size >= MAX_ENTRIES) throw unreadable('it has too many parts');
      entries.set(entry.fileName.replace(/^\/+/, ''), entry);
    }
  } catch (err) {
    if (err instanceof FileLimitError) throw err;
    throw unreadable('its list of parts is damaged');
  }
  return entries;
}

function find(entries: Map<string, yauzl.Entry>, name: string): yauzl.Entry | undefined {
  const exact = entries.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [k, e] of entries) if (k.toLowerCase() === lower) return e;
  return undefined;
}

/** A part's text, chunk by chunk, counting its real inflated bytes against the budget (and a cap of its own). */
async function* partText(
  zip: Zip,
  entry: yauzl.Entry,
  budget: Budget,
  cap?: { bytes: number; error: () => FileLimitError },
): AsyncGenerator<string> {
  if (cap && entry.uncompressedSize > cap.bytes) throw cap.error();
  budget.expect(entry.uncompressedSize);
  const allowed = Math.max(INFLATE_GRACE, entry.compressedSize * MAX_INFLATE_RATIO);
  if (entry.uncompressedSize > allowed) throw bomb();
  if (entry.isEncrypted()) throw unreadable('it is encrypted');
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    throw unreadable('a part of it cannot be opened');
  }
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      budget.add(chunk.length);
      if (cap && bytes > cap.bytes) throw cap.error();
      if (bytes > allowed) throw bomb();
      let text = decoder.write(chunk);
      if (first && text) {
        text = text.replace(/^\ufeff/, '');
        first = false;
      }
      yield text;
    }
    yield decoder.end();
  } catch (err) {
    if (err instanceof FileLimitError) throw err;
    throw unreadable('a part of it is damaged');
  } finally {
    stream.destroy();
  }
}

interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** A strict sax parser that refuses document types, deep nesting and crowds of attributes. */
function xmlParser(handlers: XmlHandlers): sax.SAXParser {
  const parser = sax.parser(true, { trim: false, normalize: false, position: false });
  let depth = 0;
  let attributes = 0;
  parser.onopentagstart = () => {
    attributes = 0;
    if (++depth > MAX_DEPTH) throw unreadable('its parts are nested too deeply');
  };
  parser.onattribute = () => {
    if (++attributes > MAX_ATTRIBUTES) throw unreadable('an element has too many attributes');
  };
  parser.onopentag = (node) =>
    handlers.open(localName(node.name), node.attributes as Record<string, string>);
  parser.onclosetag = (name) => {
    depth--;
    handlers.close(localName(name));
  };
  parser.ontext = (t) => handlers.text(t);
  parser.oncdata = (t) => handlers.text(t);
  parser.ondoctype = () => {
    throw unreadable('it declares a document type');
  };
  parser.onerror = () => {
    throw unreadable('a part of it is not well-formed XML');
  };
  return parser;
}

async function parsePart(
  zip: Zip,
  entry: yauzl.Entry,
  budget: Budget,
  handlers: XmlHandlers,
  cap?: { bytes: number; error: () => FileLimitError },
): Promise<void> {
  const parser = xmlParser(handlers);
  for await (const text of partText(zip, entry, budget, cap)) parser.write(text);
  parser.close();
}

interface Relationship {
  readonly type: string;
  readonly target: string;
}

async function relationships(
  zip: Zip,
  entries: Map<string, yauzl.Entry>,
  budget: Budget,
  partName: string,
): Promise<Map<string, Relationship>> {
  const dir = path.dirname(partName);
  const relsName = path.join(dir, '_rels', `${path.basename(partName)}.rels`);
  const rels = new Map<string, Relationship>();
  const entry = find(entries, relsName.replace(/^\.\//, ''));
  if (!entry) return rels;
  const small = { bytes: SMALL_PART_BYTES, error: () => unreadable('a part of it is too large') };
  await parsePart(
    zip,
    entry,
    budget,
    {
      open(name, a) {
        if (name !== 'Relationship' || !a.Id || !a.Target) return;
        const target = a.Target.startsWith('/')
          ? a.Target.slice(1)
          : path.normalize(path.join(dir === '.' ? '' : dir, a.Target)).replace(/^\.\//, '');
        rels.set(a.Id, { type: a.Type ?? '', target });
      },
      close() {},
      text() {},
    },
    small,
  );
  return rels;
}

const ofType = (rels: Map<string, Relationship>, suffix: string) =>
  [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;

interface Workbook {
  readonly sheet: string;
  readonly sharedStrings: string | undefined;
  readonly styles: string | undefined;
  readonly date1904: boolean;
}

async function workbookOf(
  zip: Zip,
  entries: Map<string, yauzl.Entry>,
  budget: Budget,
): Promise<Workbook> {
  const root = await relationships(zip, entries, budget, '');
  const bookName = ofType(root, '/officeDocument') ?? 'xl/workbook.xml';
  const book = find(entries, bookName);
  if (!book) throw unreadable('it has no workbook');
  const sheets: { id: string; hidden: boolean }[] = [];
  let date1904 = false;
  await parsePart(
    zip,
    book,
    budget,
    {
      open(name, a) {
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        if (name === 'sheet') {
          const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
          if (id) sheets.push({ id, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
        }
      },
      close() {},
      text() {},
    },
    { bytes: SMALL_PART_BYTES, error: () => unreadable('its workbook part is too large') },
  );
  const rels = await relationships(zip, entries, budget, bookName);
  const first = sheets.find((s) => !s.hidden) ?? sheets[0];
  const sheet = first && rels.get(first.id)?.target;
  if (!sheet) throw unreadable('it has no worksheet');
  return {
    sheet,
    sharedStrings: ofType(rels, '/sharedStrings'),
    styles: ofType(rels, '/styles'),
    date1904,
  };
}

/** For each cell style (index), whether it shows a date. */
async function dateStyles(
  zip: Zip,
  entry: yauzl.Entry | undefined,
  budget: Budget,
): Promise<boolean[]> {
  if (!entry) return [];
  const custom = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await parsePart(
    zip,
    entry,
    budget,
    {
      open(name, a) {
        if (name === 'numFmt' && a.numFmtId)
          custom.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''));
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(a.numFmtId ?? 0);
          styles.push(custom.get(id) ?? DATE_FORMAT_IDS.has(id));
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    { bytes: SMALL_PART_BYTES, error: () => unreadable('its styles part is too large') },
  );
  return styles;
}

async function sharedStringsOf(
  zip: Zip,
  entry: yauzl.Entry | undefined,
  budget: Budget,
): Promise<string[]> {
  if (!entry) return [];
  const limits = budget.limits;
  const strings: string[] = [];
  let current: string | null = null;
  let inT = false;
  let inPhonetic = false;
  const tooMuch = () => new FileLimitError(limitMessages.sharedStrings());
  await parsePart(
    zip,
    entry,
    budget,
    {
      open(name) {
        if (name === 'si') {
          if (strings.length >= limits.sharedStrings) throw tooMuch();
          current = '';
        } else if (name === 'rPh') inPhonetic = true;
        else if (name === 't' && current !== null && !inPhonetic) inT = true;
      },
      close(name) {
        if (name === 'si' && current !== null) {
          strings.push(current);
          current = null;
        } else if (name === 'rPh') inPhonetic = false;
        else if (name === 't') inT = false;
      },
      text(t) {
        if (!inT || current === null) return;
        current += t;
        if (current.length > limits.cellChars)
          throw new FileLimitError(limitMessages.sharedText(limits));
      },
    },
    { bytes: limits.sharedStringsBytes, error: tooMuch },
  );
  return strings;
}

/** "C12" → 3; "$AB$7" → 28; undefined when it is not a cell reference. */
function columnOf(ref: string): number | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(ref);
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * The first worksheet's rows, in batches, as text: shared and inline strings, numbers as
 * JavaScript prints them, dates (numbers in a date style) as ISO dates, TRUE/FALSE, and error
 * values as shown (#N/A). Cells and rows without a reference follow the one before them. Throws a
 * FileLimitError when the file breaks a limit or cannot be read.
 */
export async function* readXlsxRows(
  input: string | Buffer,
  limits: XlsxLimits,
): AsyncGenerator<SheetRow[]> {
  const zip = await openZip(input);
  try {
    const entries = await entriesOf(zip);
    const budget = new Budget(limits);
    const book = await workbookOf(zip, entries, budget);
    const sheetEntry = find(entries, book.sheet);
    if (!sheetEntry) throw unreadable('its first worksheet is missing');
    const styles = await dateStyles(
      zip,
      book.styles ? find(entries, book.styles) : undefined,
      budget,
    );
    const shared = await sharedStringsOf(
      zip,
      book.sharedStrings ? find(entries, book.sharedStrings) : undefined,
      budget,
    );

    let batch: SheetRow[] = [];
    let rows = 0;
    let line = 0;
    let fields: string[] | null = null;
    let cellsInRow = 0;
    let elementsBeforeData = 0;
    let elementsInCell = 0;
    let column = 0;
    let cell: { type: string; style: number; text: string; inlineText: string } | null = null;
    /** Collecting into: the value (v), an inline string's text (t), or nothing. */
    let into: 'v' | 't' | null = null;
    let inInline = false;
    let inPhonetic = false;

    const place = () => cellPlace('xlsx', line, column);
    const valueOf = (c: NonNullable<typeof cell>): string => {
      switch (c.type) {
        case 's':
          return shared[Number.parseInt(c.text, 10)] ?? '';
        case 'inlineStr':
          return c.inlineText;
        case 'str':
        case 'e':
          return c.text;
        case 'b':
          return c.text === '1' || c.text === 'true' ? 'TRUE' : 'FALSE';
        case 'd':
          return c.text.slice(0, 10);
        default: {
          if (c.text === '') return '';
          const n = Number(c.text);
          if (!Number.isFinite(n)) return c.text;
          if (styles[c.style]) {
            const iso = excelSerialToIso(Math.floor(book.date1904 ? n + 1462 : n));
            if (iso) return iso;
          }
          return String(n);
        }
      }
    };

    const parser = xmlParser({
      open(name, a) {
        if (cell && ++elementsInCell > MAX_ELEMENTS_IN_CELL)
          throw unreadable('a cell has too many parts');
        if (rows === 0 && ++elementsBeforeData > MAX_ELEMENTS_BEFORE_DATA)
          throw unreadable('its first worksheet has too many settings');
        if (name === 'row') {
          if (++rows > limits.rows) throw new FileLimitError(limitMessages.rows(limits));
          const r = a.r === undefined ? line + 1 : Number(a.r);
          if (!Number.isSafeInteger(r) || r < 1) throw unreadable('a row number is not valid');
          line = r;
          fields = [];
          cellsInRow = 0;
          column = 0;
        } else if (name === 'c' && fields) {
          const c = a.r === undefined ? column + 1 : columnOf(a.r);
          if (c === undefined) throw unreadable('a cell reference is not valid');
          column = c;
          if (++cellsInRow > limits.columns || column > limits.columns)
            throw new FileLimitError(limitMessages.columns(limits, 'xlsx', line));
          cell = { type: a.t ?? 'n', style: Number(a.s ?? 0), text: '', inlineText: '' };
          elementsInCell = 0;
        } else if (cell) {
          if (name === 'v') into = 'v';
          else if (name === 'is') inInline = true;
          else if (name === 'rPh') inPhonetic = true;
          else if (name === 't' && inInline && !inPhonetic) into = 't';
        }
      },
      close(name) {
        if (name === 'v' || name === 't') into = null;
        else if (name === 'is') inInline = false;
        else if (name === 'rPh') inPhonetic = false;
        else if (name === 'c' && cell && fields) {
          const value = valueOf(cell);
          if (value !== '') {
            while (fields.length < column - 1) fields.push('');
            fields[column - 1] = value;
          }
          cell = null;
          into = null;
        } else if (name === 'row' && fields) {
          batch.push({ line, fields });
          fields = null;
        }
      },
      text(t) {
        if (!cell || !into) return;
        const kept = into === 'v' ? (cell.text += t) : (cell.inlineText += t);
        if (kept.length > limits.cellChars)
          throw new FileLimitError(limitMessages.cell(limits, place()));
      },
    });

    for await (const text of partText(zip, sheetEntry, budget)) {
      parser.write(text);
      if (batch.length) {
        const out = batch;
        batch = [];
        yield out;
      }
    }
    parser.close();
    if (batch.length) yield batch;
  } finally {
    zip.close();
  }
}

/**
 * A small workbook's first sheet read whole (a return's template), its heading row (the first
 * that is not blank) checked too.
 */
export async function readXlsxTable(
  input: string | Buffer,
  limits: XlsxLimits,
): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of readXlsxRows(input, limits)) rows.push(...batch);
  const header = rows.find((r) => r.fields.some((c) => c.trim() !== ''));
  if (header) checkHeader(header.fields, header.line, limits, 'xlsx');
  return rows;
}
