/** The columns form of a spend import: which column of the file holds each field. */
import { missingRequired, SPEND_FIELDS, type SpendMapping } from '../../core/spend/mapping.js';

/** The mapping chosen, and what is wrong with it (a required field left out, a column used twice). */
export function readMapping(body: Record<string, unknown>): {
  mapping: SpendMapping;
  problem: string | undefined;
} {
  const mapping: SpendMapping = {};
  const used = new Map<number, string>();
  let duplicate: string | undefined;
  for (const f of SPEND_FIELDS) {
    const v = body[`field-${f.id}`];
    if (typeof v === 'string' && /^\d+$/.test(v)) {
      const index = Number(v);
      if (used.has(index))
        duplicate = `${f.label} and ${used.get(index)} cannot use the same column`;
      used.set(index, f.label);
      mapping[f.id] = index;
    }
  }
  const missing = missingRequired(mapping);
  const problem =
    duplicate ??
    (missing.length
      ? `Choose the ${missing.map((m) => SPEND_FIELDS.find((f) => f.id === m)?.label.toLowerCase()).join(', ')} column`
      : undefined);
  return { mapping, problem };
}
