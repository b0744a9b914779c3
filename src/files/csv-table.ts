/**
 * A small CSV file read whole (a return's template, the supplier register), within limits: the
 * same record reader as spend files, fed a piece at a time so that a limit stops it early. The
 * text is UTF-8 when it decodes as such (a BOM is dropped), else Windows-1252.
 */
import {
  checkHeader,
  FileLimitError,
  limitMessages,
  type TableLimits,
} from '../core/file-limits.js';
import { CsvRecordReader } from '../core/spend/csv.js';

export interface TableRow {
  /** The line the record starts on. */
  readonly line: number;
  readonly cells: string[];
}

const PIECE = 1024 * 1024;

/** Every record, blank ones included; throws a FileLimitError naming the limit passed. */
export function readCsvTable(bytes: Buffer, limits: TableLimits): TableRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  text = text.replace(/^\ufeff/, '');
  const rows: TableRow[] = [];
  const reader = new CsvRecordReader(',', limits);
  const take = (cells: string[], line: number) => {
    if (rows.length >= limits.rows) throw new FileLimitError(limitMessages.rows(limits));
    rows.push({ line, cells });
  };
  for (let i = 0; i < text.length; i += PIECE) reader.push(text.slice(i, i + PIECE), take);
  reader.end(take);
  const header = rows.find((r) => r.cells.some((c) => c.trim() !== ''));
  if (header) checkHeader(header.cells, header.line, limits, 'csv');
  return rows;
}
