/** The columns form of a spend import: which column of the file holds each field. */
import { SPEND_IMPORT_FIELDS, type SpendMapping } from '../../core/spend/mapping.js';
import { readColumns } from '../imports/imports.schema.js';

/** The mapping chosen, and what is wrong with it (a required field left out, a column used twice). */
export function readMapping(body: Record<string, unknown>): {
  mapping: SpendMapping;
  problem: string | undefined;
} {
  return readColumns(SPEND_IMPORT_FIELDS, body);
}
