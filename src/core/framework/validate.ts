/**
 * Checking the figures typed into a return: type, whole numbers, range, numerator ≤ denominator,
 * and (when a section is marked complete) that every required figure is there. Pure.
 */
import { parseNumber } from './format.js';
import type { Computation, DataItem } from './types.js';

export interface ItemError {
  readonly item: string;
  readonly text: string;
}

export interface ValidatedValues {
  /** Parsed values; null where the field was left empty. */
  readonly values: Readonly<Record<string, number | null>>;
  readonly errors: readonly ItemError[];
}

/** Pairs (numerator, denominator) that ratio computations in these indicators read. */
export function ratioPairs(computations: readonly Computation[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const c of computations) {
    const inner = c.kind === 'calculator' ? c.fallback : c;
    if (inner?.kind === 'ratio') pairs.push([inner.numerator, inner.denominator]);
  }
  return pairs;
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

export function validateValues(
  items: readonly DataItem[],
  raw: Readonly<Record<string, string | undefined>>,
  options: { requireAll: boolean; ratioPairs?: readonly [string, string][] },
): ValidatedValues {
  const values: Record<string, number | null> = {};
  const errors: ItemError[] = [];
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const item of items) {
    const text = (raw[item.id] ?? '').trim();
    if (text === '') {
      values[item.id] = null;
      if (options.requireAll && item.required) {
        errors.push({ item: item.id, text: `Enter ${lower(item.label)}` });
      }
      continue;
    }
    if (item.unit === 'yes/no') {
      const yes = /^(yes|y|1|true)$/i.test(text);
      const no = /^(no|n|0|false)$/i.test(text);
      if (!yes && !no) {
        errors.push({ item: item.id, text: `Select yes or no for ${lower(item.label)}` });
        continue;
      }
      values[item.id] = yes ? 1 : 0;
      continue;
    }
    const n = parseNumber(text);
    if (n === null) {
      errors.push({ item: item.id, text: `${item.label} must be a number, like 1,250` });
      continue;
    }
    if (item.integer && !Number.isInteger(n)) {
      errors.push({ item: item.id, text: `${item.label} must be a whole number` });
      continue;
    }
    if (item.min !== undefined && n < item.min) {
      errors.push({ item: item.id, text: `${item.label} must be ${item.min} or more` });
      continue;
    }
    if (item.max !== undefined && n > item.max) {
      errors.push({ item: item.id, text: `${item.label} must be ${item.max} or less` });
      continue;
    }
    values[item.id] = n;
  }
  for (const [num, den] of options.ratioPairs ?? []) {
    const a = values[num];
    const b = values[den];
    if (a === undefined || b === undefined || a === null || b === null) continue;
    if (a > b && !errors.some((e) => e.item === num)) {
      const numItem = byId.get(num);
      const denItem = byId.get(den);
      errors.push({
        item: num,
        text: `${numItem?.label ?? num} cannot be more than ${lower(denItem?.label ?? den)}`,
      });
    }
  }
  return { values, errors };
}
