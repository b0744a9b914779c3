/** The columns form of any import: which column of the file holds each field. */
import { missingFields, type ColumnMapping, type ImportField } from '../../core/imports/columns.js';

/** The mapping chosen, and what is wrong with it (a required field left out, a column used twice). */
export function readColumns<F extends string>(
  fields: readonly ImportField<F>[],
  body: Record<string, unknown>,
): { mapping: ColumnMapping<F>; problem: string | undefined } {
  const mapping: ColumnMapping<F> = {};
  const used = new Map<number, string>();
  let duplicate: string | undefined;
  for (const f of fields) {
    const v = body[`field-${f.id}`];
    if (typeof v === 'string' && /^\d+$/.test(v)) {
      const index = Number(v);
      if (used.has(index))
        duplicate = `${f.label} and ${used.get(index)} cannot use the same column`;
      used.set(index, f.label);
      mapping[f.id] = index;
    }
  }
  const missing = missingFields(fields, mapping);
  const problem =
    duplicate ??
    (missing.length
      ? `Choose the ${missing.map((m) => fields.find((f) => f.id === m)?.label.toLowerCase()).join(', ')} column`
      : undefined);
  return { mapping, problem };
}
