import { SPEND_FILE_LIMITS, SPEND_TEXT_CHARS } from '../../core/file-limits.js';
import { SPEND_IMPORT_FIELDS, type SpendField } from '../../core/spend/mapping.js';
import type { ImportKind } from '../imports/engine.js';

/** Spend files as the import engine takes them. */
export const SPEND_KIND: ImportKind<SpendField> = {
  id: 'spend',
  jobKind: 'spend-import',
  noun: 'spend file',
  fields: SPEND_IMPORT_FIELDS,
  limits: SPEND_FILE_LIMITS,
  textChars: SPEND_TEXT_CHARS,
};
