/**
 * Sending a CSV download: spreadsheet-safe cells (no formulas), CRLF lines and a BOM so that
 * Excel reads UTF-8 (and £) correctly, as an attachment with a safe file name.
 */
import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { safeCell } from '../lib/csv-cell.js';

export function sendCsv(
  reply: FastifyReply,
  fileName: string,
  rows: readonly (readonly string[])[],
): FastifyReply {
  return sendCsvText(reply, fileName, csvText(rows));
}

/** The file's text: spreadsheet-safe cells, CRLF lines, a BOM. */
export function csvText(rows: readonly (readonly string[])[]): string {
  const body = stringify(
    rows.map((r) => r.map(safeCell)),
    // A line break inside a cell is quoted, or a spreadsheet would start a new row there.
    { record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
  return '\ufeff' + body;
}

/** Sends text made by csvText() (or its bytes) as an attachment. */
export function sendCsvText(
  reply: FastifyReply,
  fileName: string,
  text: string | Buffer,
): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header(
      'content-disposition',
      `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]+/g, '-')}"`,
    )
    .send(text);
}
