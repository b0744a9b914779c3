/**
 * A whole return as a CSV or XLSX template: one row per figure, with its unit and guidance, to
 * fill in and upload. Reading an upload gives every problem with its line and column, and saves
 * nothing; the preview then lists what would change.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { FileLimitError, RETURN_TEMPLATE_LIMITS } from '../../core/file-limits.js';
import { ratioPairs, validateValues } from '../../core/framework/validate.js';
import type { DataItem } from '../../core/framework/types.js';
import { formInputValue } from '../../core/framework/format.js';
import type { Section } from '../../core/framework/sections.js';
import { readCsvTable } from '../../files/csv-table.js';
import { readXlsxTable } from '../../files/xlsx.js';
import { safeCell } from '../../lib/csv-cell.js';

export const TEMPLATE_COLUMNS = [
  'pillar',
  'indicators',
  'item_id',
  'figure',
  'unit',
  'guidance',
  'value',
  'note',
  'confidence',
] as const;

export interface TemplateRow {
  pillar: string;
  indicators: string;
  item_id: string;
  figure: string;
  unit: string;
  guidance: string;
  value: string;
  note: string;
  confidence: string;
}

export interface BulkProblem {
  /** The line (CSV) or row (spreadsheet) number, counting the header as 1. */
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

export interface BulkEntry {
  readonly line: number;
  readonly item: DataItem;
  readonly pillar: string;
  readonly value: number | null;
  readonly note: string | null;
  readonly confidence: 'low' | 'medium' | 'high' | null;
}

export interface BulkResult {
  readonly entries: readonly BulkEntry[];
  readonly problems: readonly BulkProblem[];
}

export function templateRows(
  sections: readonly Section[],
  current: ReadonlyMap<
    string,
    { value: string | null; note: string | null; confidence: string | null }
  >,
): TemplateRow[] {
  const rows: TemplateRow[] = [];
  for (const s of sections) {
    for (const item of s.items) {
      const indicators = s.indicators
        .filter((i) => i.items.some((x) => x.id === item.id))
        .map((i) => i.id)
        .join(' ');
      const v = current.get(item.id);
      rows.push({
        pillar: s.title,
        indicators,
        item_id: item.id,
        figure: item.label,
        unit: item.unit,
        guidance: item.hint ?? '',
        value:
          v?.value == null
            ? ''
            : item.unit === 'yes/no'
              ? Number(v.value) === 1
                ? 'yes'
                : 'no'
              : formInputValue(Number(v.value), item.unit),
        note: v?.note ?? '',
        confidence: v?.confidence ?? '',
      });
    }
  }
  return rows;
}

export function templateCsv(rows: readonly TemplateRow[]): string {
  return (
    '\ufeff' +
    stringify(
      rows.map((r) => TEMPLATE_COLUMNS.map((c) => safeCell(r[c]))),
      { header: true, columns: [...TEMPLATE_COLUMNS], record_delimiter: '\r\n' },
    )
  );
}

export async function templateXlsx(rows: readonly TemplateRow[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Anchorage';
  const sheet = workbook.addWorksheet('Return', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: c === 'figure' || c === 'guidance' || c === 'note' ? 50 : c === 'value' ? 14 : 18,
  }));
  for (const r of rows) {
    const added = sheet.addRow(
      Object.fromEntries(TEMPLATE_COLUMNS.map((c) => [c, safeCell(r[c])])),
    );
    const value = added.getCell('value');
    if (r.value !== '' && r.unit !== 'yes/no') value.value = Number(r.value);
    added.getCell('confidence').dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"low,medium,high"'],
    };
    if (r.unit === 'yes/no') {
      value.dataValidation = { type: 'list', allowBlank: true, formulae: ['"yes,no"'] };
    }
  }
  sheet.getRow(1).font = { bold: true };
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface RawRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/**
 * Reads an uploaded template (CSV or XLSX, decided by content) into rows keyed by header, within
 * the limits for templates (core/file-limits.ts): a file past one gives a single problem that
 * names the limit.
 */
export async function readTemplate(
  bytes: Buffer,
): Promise<{ rows: RawRow[]; headerProblems: BulkProblem[] }> {
  const isZip =
    bytes.length > 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    bytes[2] === 0x03 &&
    bytes[3] === 0x04;
  let table: { line: number; cells: string[] }[];
  try {
    table = isZip
      ? (await readXlsxTable(bytes, RETURN_TEMPLATE_LIMITS)).map((r) => ({
          line: r.line,
          cells: r.fields,
        }))
      : readCsvTable(bytes, RETURN_TEMPLATE_LIMITS);
  } catch (err) {
    if (err instanceof FileLimitError)
      return { rows: [], headerProblems: [{ line: 0, column: '-', message: err.message }] };
    throw err;
  }
  // The heading row is the first that is not blank.
  const start = table.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  const header = table[start];
  if (!header)
    return { rows: [], headerProblems: [{ line: 1, column: '-', message: 'The file is empty' }] };
  table = table.slice(start + 1);
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const headerProblems: BulkProblem[] = [];
  for (const required of ['item_id', 'value'] as const) {
    if (!names.includes(required)) {
      headerProblems.push({
        line: header.line,
        column: required,
        message: `The header row has no ${required} column`,
      });
    }
  }
  const rows = table
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => ({
      line: r.line,
      cells: Object.fromEntries(names.map((n, i) => [n, (r.cells[i] ?? '').trim()])),
    }));
  return { rows, headerProblems };
}

/** Checks every row against the return's figures: unknown or repeated figures, bad values, bad confidence. */
export function checkTemplate(
  sections: readonly Section[],
  rows: readonly RawRow[],
  editablePillars: ReadonlySet<string>,
): BulkResult {
  const items = new Map<string, { item: DataItem; pillar: string }>();
  for (const s of sections)
    for (const item of s.items) items.set(item.id, { item, pillar: s.pillar });
  const problems: BulkProblem[] = [];
  const entries: BulkEntry[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const id = row.cells.item_id ?? '';
    const found = items.get(id);
    if (!found) {
      problems.push({
        line: row.line,
        column: 'item_id',
        message: id ? `“${id}” is not a figure in this return` : 'The item_id is empty',
      });
      continue;
    }
    if (seen.has(id)) {
      problems.push({
        line: row.line,
        column: 'item_id',
        message: `${id} appears twice (also on line ${seen.get(id)})`,
      });
      continue;
    }
    seen.set(id, row.line);
    if (!editablePillars.has(found.pillar)) {
      problems.push({
        line: row.line,
        column: 'item_id',
        message: `You cannot change ${id}: it is in a pillar you do not report on`,
      });
      continue;
    }
    const { values, errors } = validateValues(
      [found.item],
      { [id]: stripQuote(row.cells.value ?? '') },
      { requireAll: false },
    );
    for (const e of errors) problems.push({ line: row.line, column: 'value', message: e.text });
    const confidence = (row.cells.confidence ?? '').toLowerCase();
    if (confidence && confidence !== 'low' && confidence !== 'medium' && confidence !== 'high') {
      problems.push({
        line: row.line,
        column: 'confidence',
        message: 'Confidence must be low, medium, high or empty',
      });
      continue;
    }
    const note = stripQuote(row.cells.note ?? '');
    if (note.length > 4000) {
      problems.push({
        line: row.line,
        column: 'note',
        message: 'The note must be 4,000 characters or fewer',
      });
      continue;
    }
    if (errors.length) continue;
    entries.push({
      line: row.line,
      item: found.item,
      pillar: found.pillar,
      value: values[id] ?? null,
      note: note || null,
      confidence: (confidence || null) as BulkEntry['confidence'],
    });
  }
  const byItem = new Map(entries.map((e) => [e.item.id, e]));
  for (const [num, den] of ratioPairs(
    sections.flatMap((s) => s.indicators.map((i) => i.computation)),
  )) {
    const a = byItem.get(num);
    const b = byItem.get(den);
    if (a?.value != null && b?.value != null && a.value > b.value) {
      problems.push({
        line: a.line,
        column: 'value',
        message: `${a.item.label} (${a.value}) cannot be more than ${b.item.label.toLowerCase()} (${b.value}, line ${b.line})`,
      });
    }
  }
  return { entries, problems: problems.sort((x, y) => x.line - y.line) };
}

function stripQuote(v: string): string {
  return v.startsWith("'") ? v.slice(1) : v;
}
