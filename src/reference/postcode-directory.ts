/**
 * Loading a full postcode directory (ONSPD or NSPL, about 2.7 million rows) into ref_postcodes, in
 * one transaction, streaming in chunks: it replaces the shipped sample, and from then on a postcode
 * not in the directory counts as unknown rather than being placed by the district ranges.
 */
import fs from 'node:fs';
import type { Database } from '../db/client.js';
import { normaliseHeader } from '../core/spend/mapping.js';
import { copyRecords } from './geography.js';

const POSTCODE = ['pcd', 'pcds', 'pcd7', 'pcd8', 'postcode'];
const DISTRICT = ['oslaua', 'laua', 'lad', 'ladcd', 'lad23cd', 'lad24cd', 'lad25cd', 'oslaua code'];
const LSOA11 = ['lsoa11', 'lsoa11cd', 'lsoa11 code'];
const LSOA21 = ['lsoa21', 'lsoa21cd', 'lsoa21 code'];

export async function importPostcodeDirectory(
  database: Database,
  file: string,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const headerLine = await firstLine(file);
  const headers = headerLine.split(',').map((h) => normaliseHeader(h.replace(/^"|"$/g, '')));
  const find = (names: string[]) => headers.findIndex((h) => names.includes(h));
  const pc = find(POSTCODE);
  const lad = find(DISTRICT);
  const l11 = find(LSOA11);
  const l21 = find(LSOA21);
  if (pc < 0 || lad < 0 || (l11 < 0 && l21 < 0)) {
    throw new Error(
      `The file needs a postcode column (pcd or pcds), a district column (oslaua, laua or lad…) and lsoa11 or lsoa21; its headers are ${headers.join(', ')}`,
    );
  }
  return database.withRawConnection(async (conn) => {
    await conn.exec('BEGIN');
    try {
      await conn.exec('DELETE FROM ref_postcodes');
      const rows = await copyRecords(
        conn,
        decode(fs.createReadStream(file, { highWaterMark: 1 << 20 })),
        'COPY ref_postcodes (postcode, lad, lsoa11, lsoa21, source) FROM STDIN WITH (FORMAT csv)',
        (r) => {
          const postcode = (r[pc] ?? '').toUpperCase().replace(/\s+/g, '');
          if (!postcode) return null;
          return [
            postcode,
            r[lad] ?? '',
            l11 >= 0 ? (r[l11] ?? '') : '',
            l21 >= 0 ? (r[l21] ?? '') : '',
            'postcode directory',
          ];
        },
        { skipHeader: true, ...(onProgress ? { onRows: onProgress } : {}) },
      );
      await conn.exec(
        "UPDATE ref_postcodes SET lad = NULLIF(lad, ''), lsoa11 = NULLIF(lsoa11, ''), lsoa21 = NULLIF(lsoa21, '')",
      );
      await conn.exec(
        "DELETE FROM ref_datasets WHERE name IN ('postcodes-sample', 'postcodes-full')",
      );
      await conn.query(
        "INSERT INTO ref_datasets (name, rows, detail) VALUES ('postcodes-full', $1, $2)",
        [rows, file],
      );
      await conn.exec('COMMIT');
      return rows;
    } catch (err) {
      await conn.exec('ROLLBACK');
      throw err;
    }
  });
}

async function firstLine(file: string): Promise<string> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(16 * 1024);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    return (
      buf
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\ufeff/, '')
        .split(/\r?\n/)[0] ?? ''
    );
  } finally {
    await fd.close();
  }
}

async function* decode(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of stream) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}
