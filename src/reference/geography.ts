/**
 * Reference geography for placing suppliers: postcode → district (every UK postcode, as ranges,
 * in memory), postcode → LSOA (a table: the shipped ONSPD sample, or the full directory once
 * imported), LSOA → IMD decile (2019 and 2025), LSOA 2011 → 2021.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { sql, type Kysely } from 'kysely';
import { isValid, toNormalised } from 'postcode';
import type { Database } from '../db/client.js';
import type { RawConnection } from '../db/raw.js';
import type { DB } from '../db/schema.js';
import { CsvRecordReader } from '../core/spend/csv.js';
import { REFERENCE_DIR } from './paths.js';

/** A postcode in upper case without spaces, read as base 36. */
export function postcodeKey(compact: string): number {
  return parseInt(compact, 36);
}

export function compactPostcode(text: string): string | null {
  const t = text.trim();
  if (!t || !isValid(t)) return null;
  return toNormalised(t)?.replace(/\s+/g, '') ?? null;
}

/** The ranges' starts (postcode keys, sorted) and each range's district. */
interface RangeTable {
  readonly starts: Float64Array;
  readonly lads: readonly (string | null)[];
}

/** The shipped table (see data/reference/SOURCES.md). */
function readRanges(): RangeTable {
  const file = path.join(REFERENCE_DIR, 'postcode-lad-ranges.csv.gz');
  const rows: string[][] = parse(gunzipSync(fs.readFileSync(file)), { from_line: 2 });
  const starts = new Float64Array(rows.length);
  const lads: (string | null)[] = [];
  rows.forEach((r, i) => {
    starts[i] = Number(r[1]);
    const lad = r[2] ?? '';
    lads.push(/^[EWSN]\d{8}$/.test(lad) && !/99999999$/.test(lad) ? lad : null);
  });
  return { starts, lads };
}

/**
 * Every UK postcode → district, as 66,851 sorted ranges. The table is read when a postcode is
 * first looked up in it, not when the service starts: reading it takes 0.4 s or more, and most
 * commands and most imports never look one up.
 */
export class DistrictRanges {
  #table: RangeTable | undefined;

  private constructor() {}

  static #shared: DistrictRanges | undefined;

  /** The shipped table, read once per process, when it is first used. */
  static shared(): DistrictRanges {
    DistrictRanges.#shared ??= new DistrictRanges();
    return DistrictRanges.#shared;
  }

  /** Whether the table has been read. */
  get loaded(): boolean {
    return this.#table !== undefined;
  }

  /** The district of a valid compact postcode, or null. */
  lookup(compact: string): string | null {
    const { starts, lads } = (this.#table ??= readRanges());
    const key = postcodeKey(compact);
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? Infinity) <= key) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return null;
    // A range runs to the next one's start; the last runs on for ever. A postcode whose area
    // (its leading letters) is not its range's is in no range: "ZZ99 9ZZ", the NHS code for no
    // fixed abode, would otherwise fall in Shetland's last range.
    const start = (starts[found] ?? 0).toString(36).toUpperCase();
    if (postcodeArea(start) !== postcodeArea(compact)) return null;
    return lads[found] ?? null;
  }
}

/** The postcode area: the leading letters ("CH" of "CH11EB", "L" of "L15HE"). */
const postcodeArea = (compact: string) => /^[A-Z]+/.exec(compact)?.[0] ?? '';

export interface Placement {
  readonly postcode: string | null;
  readonly lad: string | null;
  readonly lsoa11: string | null;
  readonly lsoa21: string | null;
  readonly precision: 'none' | 'district' | 'lsoa';
  /** Why a supplier could not be placed: invalid, or not found in the postcode directory. */
  readonly problem: 'invalid' | 'unknown' | null;
}

/** Places postcodes: the table when it knows them, otherwise (unless a full directory is loaded) the ranges. */
export async function placePostcodes(
  db: Kysely<DB>,
  ranges: DistrictRanges,
  postcodes: readonly string[],
): Promise<Map<string, Placement>> {
  const out = new Map<string, Placement>();
  const compact = new Map<string, string>();
  for (const raw of postcodes) {
    const c = compactPostcode(raw);
    if (c) compact.set(raw, c);
    else
      out.set(raw, {
        postcode: null,
        lad: null,
        lsoa11: null,
        lsoa21: null,
        precision: 'none',
        problem: raw.trim() ? 'invalid' : null,
      });
  }
  const keys = [...new Set(compact.values())];
  const known = new Map<
    string,
    { lad: string | null; lsoa11: string | null; lsoa21: string | null }
  >();
  for (let i = 0; i < keys.length; i += 5000) {
    const slice = keys.slice(i, i + 5000);
    const rows = await db
      .selectFrom('ref_postcodes as p')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('ref_lsoa11_lsoa21')
            .select(['lsoa11', sql<string>`min(lsoa21)`.as('lsoa21')])
            .groupBy('lsoa11')
            .as('l'),
        (j) => j.onRef('l.lsoa11', '=', 'p.lsoa11'),
      )
      .select([
        'p.postcode',
        'p.lad',
        'p.lsoa11',
        sql<string | null>`coalesce(p.lsoa21, l.lsoa21)`.as('lsoa21'),
      ])
      .where('p.postcode', 'in', slice)
      .execute();
    for (const r of rows) known.set(r.postcode, { lad: r.lad, lsoa11: r.lsoa11, lsoa21: r.lsoa21 });
  }
  const full = await fullDirectoryLoaded(db);
  for (const [raw, c] of compact) {
    const hit = known.get(c);
    const display = `${c.slice(0, -3)} ${c.slice(-3)}`;
    if (hit) {
      out.set(raw, {
        postcode: display,
        lad: hit.lad,
        lsoa11: hit.lsoa11,
        lsoa21: hit.lsoa21,
        precision: hit.lsoa11 || hit.lsoa21 ? 'lsoa' : hit.lad ? 'district' : 'none',
        problem: null,
      });
    } else if (full) {
      out.set(raw, {
        postcode: display,
        lad: null,
        lsoa11: null,
        lsoa21: null,
        precision: 'none',
        problem: 'unknown',
      });
    } else {
      const lad = ranges.lookup(c);
      out.set(raw, {
        postcode: display,
        lad,
        lsoa11: null,
        lsoa21: null,
        precision: lad ? 'district' : 'none',
        problem: lad ? null : 'unknown',
      });
    }
  }
  return out;
}

export async function fullDirectoryLoaded(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('ref_datasets')
    .select('name')
    .where('name', '=', 'postcodes-full')
    .executeTakeFirst();
  return row !== undefined;
}

/** Loads the shipped reference tables the first time (and after a data version change). */
export async function ensureReferenceData(database: Database): Promise<void> {
  const loaded = await database.db.selectFrom('ref_datasets').select('name').execute();
  const have = new Set(loaded.map((r) => r.name));
  const sets: {
    name: string;
    file: string;
    copy: string;
    map: (r: string[]) => string[] | null;
  }[] = [
    {
      name: 'imd2019',
      file: 'imd2019-lsoa11.csv.gz',
      copy: 'COPY ref_imd (edition, lsoa, decile) FROM STDIN WITH (FORMAT csv)',
      map: (r) => ['2019', r[0] ?? '', r[1] ?? ''],
    },
    {
      name: 'imd2025',
      file: 'imd2025-lsoa21.csv.gz',
      copy: 'COPY ref_imd (edition, lsoa, decile) FROM STDIN WITH (FORMAT csv)',
      map: (r) => ['2025', r[0] ?? '', r[1] ?? ''],
    },
    {
      name: 'lsoa11-lsoa21',
      file: 'lsoa11-lsoa21.csv.gz',
      copy: 'COPY ref_lsoa11_lsoa21 (lsoa11, lsoa21) FROM STDIN WITH (FORMAT csv)',
      map: (r) => [r[0] ?? '', r[1] ?? ''],
    },
    {
      name: 'postcodes-sample',
      file: 'onspd-sample.csv.gz',
      copy: 'COPY ref_postcodes (postcode, lad, lsoa11, lsoa21, source) FROM STDIN WITH (FORMAT csv)',
      map: (r) => {
        const c = (r[0] ?? '').toUpperCase().replace(/\s+/g, '');
        return c ? [c, r[1] || '', r[2] || '', '', 'ONSPD sample'] : null;
      },
    },
  ];
  const missing = sets.filter(
    (s) => !have.has(s.name) && !(s.name === 'postcodes-sample' && have.has('postcodes-full')),
  );
  if (missing.length === 0) return;
  await database.withRawConnection(async (conn) => {
    await conn.exec('BEGIN');
    try {
      for (const s of missing) {
        const rows = await copyGzipCsv(conn, path.join(REFERENCE_DIR, s.file), s.copy, s.map);
        if (s.name === 'postcodes-sample') {
          await conn.exec(
            "UPDATE ref_postcodes SET lad = NULLIF(lad, ''), lsoa11 = NULLIF(lsoa11, ''), lsoa21 = NULLIF(lsoa21, '') WHERE source = 'ONSPD sample'",
          );
        }
        await conn.query(
          'INSERT INTO ref_datasets (name, rows, detail) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET rows = EXCLUDED.rows, loaded_at = now()',
          [s.name, rows, s.file],
        );
      }
      await conn.exec('COMMIT');
    } catch (err) {
      await conn.exec('ROLLBACK');
      throw err;
    }
  });
}

/** Copies a gzipped CSV (header skipped) through `map` into a table, in chunks, returning the rows copied. */
async function copyGzipCsv(
  conn: RawConnection,
  file: string,
  copySql: string,
  map: (r: string[]) => string[] | null,
): Promise<number> {
  const stream = fs.createReadStream(file).pipe(createGunzip());
  return copyRecords(conn, Readable.from(decodeUtf8(stream)), copySql, map, { skipHeader: true });
}

async function* decodeUtf8(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of stream) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

function csvLine(fields: readonly string[]): string {
  return (
    fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',') + '\n'
  );
}

/** Streams CSV text records through `map` into COPY, 100,000 rows at a time (bounded memory). */
export async function copyRecords(
  conn: RawConnection,
  text: AsyncIterable<string>,
  copySql: string,
  map: (r: string[]) => string[] | null,
  options: { skipHeader?: boolean; onRows?: (n: number) => void } = {},
): Promise<number> {
  const reader = new CsvRecordReader(',');
  let first = true;
  let batch: string[] = [];
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const body = batch.join('');
    batch = [];
    await conn.copyFrom(copySql, Readable.from([Buffer.from(body)]));
  };
  const take = (fields: string[]) => {
    if (first && options.skipHeader) {
      first = false;
      return;
    }
    first = false;
    const row = map(fields);
    if (!row) return;
    batch.push(csvLine(row));
    total++;
  };
  for await (const chunk of text) {
    reader.push(chunk, take);
    if (batch.length >= 100_000) {
      await flush();
      options.onRows?.(total);
    }
  }
  reader.end(take);
  await flush();
  options.onRows?.(total);
  return total;
}
