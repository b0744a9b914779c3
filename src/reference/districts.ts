/** Local authority districts (ONS, December 2023), read once from data/reference/districts.csv. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REFERENCE_DIR } from './paths.js';

export interface District {
  readonly code: string;
  readonly name: string;
  readonly region: string;
}

export interface DistrictRegion {
  readonly region: string;
  readonly districts: readonly District[];
}

export class Districts {
  readonly all: readonly District[];
  readonly #byCode: ReadonlyMap<string, District>;

  constructor(districts: readonly District[]) {
    this.all = [...districts].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    this.#byCode = new Map(districts.map((d) => [d.code, d]));
  }

  static load(file = path.join(REFERENCE_DIR, 'districts.csv')): Districts {
    const rows = parse<Record<string, string>>(fs.readFileSync(file), { columns: true, bom: true });
    return new Districts(
      rows.map((r) => ({ code: r.code ?? '', name: r.name ?? '', region: r.region ?? '' })),
    );
  }

  get(code: string): District | undefined {
    return this.#byCode.get(code);
  }

  has(code: string): boolean {
    return this.#byCode.has(code);
  }

  name(code: string): string {
    return this.#byCode.get(code)?.name ?? code;
  }

  /** Districts grouped by region (English regions first, then the other nations), for pickers. */
  byRegion(): DistrictRegion[] {
    const groups = new Map<string, District[]>();
    for (const d of this.all) {
      const list = groups.get(d.region) ?? [];
      list.push(d);
      groups.set(d.region, list);
    }
    const nations = ['Wales', 'Scotland', 'Northern Ireland'];
    return [...groups.entries()]
      .sort(([a], [b]) => {
        const na = nations.indexOf(a);
        const nb = nations.indexOf(b);
        if (na !== nb) return na - nb;
        return a.localeCompare(b, 'en-GB');
      })
      .map(([region, districts]) => ({ region, districts }));
  }
}
