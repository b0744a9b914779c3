/**
 * Which column of an imported file holds what, for every kind of import (spend, payroll,
 * activity data, …). Headers differ between publishers and between months ("Supplier" /
 * "Supplier Name", "Expense Type " with a trailing space), so each kind names its fields with
 * synonyms; a confirmed mapping is remembered per organisation and kind under the file's "shape"
 * (its normalised headers).
 */
import { createHash } from 'node:crypto';

export interface ImportField<F extends string = string> {
  readonly id: F;
  readonly label: string;
  readonly required: boolean;
  /** Header names (normalised: lower case, single spaces), earliest first. */
  readonly synonyms: readonly string[];
}

/** Column index for each field found; fields not in the file are absent. */
export type ColumnMapping<F extends string = string> = Partial<Record<F, number>>;

/** A header as people mean it: lower case, single spaces, no trailing punctuation or BOM. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\ufeff+/, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .replace(/[\s:.]+$/, '')
    .trim();
}

/** The key is indexed, and PostgreSQL cannot index a value of more than about 2,700 bytes. */
const SHAPE_KEY_BYTES = 1_000;

export function shapeKey(headers: readonly string[]): string {
  const key = headers.map(normaliseHeader).join('|');
  // A long key is kept as its hash (shorter keys stay readable, and as they were stored before).
  return Buffer.byteLength(key) > SHAPE_KEY_BYTES
    ? `sha256:${createHash('sha256').update(key).digest('hex')}`
    : key;
}

/** Finds each field's column: the earliest synonym wins, and a column is used for one field only. */
export function detectColumns<F extends string>(
  fields: readonly ImportField<F>[],
  headers: readonly string[],
): ColumnMapping<F> {
  const names = headers.map(normaliseHeader);
  const mapping: ColumnMapping<F> = {};
  const used = new Set<number>();
  for (const field of fields) {
    for (const synonym of field.synonyms) {
      const index = names.findIndex((n, i) => n === synonym && !used.has(i));
      if (index >= 0) {
        mapping[field.id] = index;
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}

export function missingFields<F extends string>(
  fields: readonly ImportField<F>[],
  mapping: ColumnMapping<F>,
): F[] {
  return fields.filter((f) => f.required && mapping[f.id] === undefined).map((f) => f.id);
}

/** A mapping given as header names (from the browser or the command line) turned into column indexes. */
export function columnsFromNames<F extends string>(
  headers: readonly string[],
  byName: Partial<Record<F, string>>,
): { mapping: ColumnMapping<F>; unknown: string[] } {
  const names = headers.map(normaliseHeader);
  const mapping: ColumnMapping<F> = {};
  const unknown: string[] = [];
  for (const [field, header] of Object.entries(byName) as [F, string | undefined][]) {
    if (!header) continue;
    const index = names.indexOf(normaliseHeader(header));
    if (index < 0) unknown.push(header);
    else mapping[field] = index;
  }
  return { mapping, unknown };
}

/** "the supplier name and amount columns": for a message naming what could not be found. */
export function missingMessage<F extends string>(
  fields: readonly ImportField<F>[],
  missing: readonly F[],
  headers: readonly string[],
): string {
  const labels = missing.map((f) => fields.find((x) => x.id === f)?.label.toLowerCase()).join(', ');
  return `Could not find the ${labels} column${missing.length > 1 ? 's' : ''}. The file's headers are: ${headers.join(', ')}. Choose the columns on the columns page, or pass --map field=Header.`;
}
