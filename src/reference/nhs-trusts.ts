/** Open NHS trusts from the ODS "etr" file, offered as a lookup when adding an organisation. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REFERENCE_DIR } from './paths.js';

export interface NhsTrust {
  readonly code: string;
  readonly name: string;
  readonly icbCode: string;
  readonly postcode: string;
}

export class NhsTrusts {
  readonly #byCode: ReadonlyMap<string, NhsTrust>;
  readonly all: readonly NhsTrust[];

  constructor(trusts: readonly NhsTrust[]) {
    this.all = trusts;
    this.#byCode = new Map(trusts.map((t) => [t.code, t]));
  }

  static load(file = path.join(REFERENCE_DIR, 'nhs-trusts-etr.csv')): NhsTrusts {
    const rows: string[][] = parse(fs.readFileSync(file), { relax_column_count: true });
    const open = rows.filter((r) => (r[11] ?? '').trim() === '');
    return new NhsTrusts(
      open.map((r) => ({
        code: (r[0] ?? '').trim(),
        name: titleCase((r[1] ?? '').trim()),
        icbCode: (r[3] ?? '').trim(),
        postcode: (r[9] ?? '').trim(),
      })),
    );
  }

  get(code: string): NhsTrust | undefined {
    return this.#byCode.get(code.trim().toUpperCase());
  }
}

const SMALL = new Set(['and', 'of', 'the', 'for', 'in', 'on']);
const UPPER = new Set(['NHS', 'UK', 'CIC']);

/** ODS names are in capitals: "LIVERPOOL HEART AND CHEST HOSPITAL NHS FOUNDATION TRUST" → "Liverpool Heart and Chest Hospital NHS Foundation Trust". */
export function titleCase(name: string): string {
  return name
    .split(/(\s+|-|\(|\))/)
    .map((word, i) => {
      if (UPPER.has(word)) return word;
      const lower = word.toLowerCase();
      if (i > 0 && SMALL.has(lower)) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}
