/**
 * What the binary COPY writer writes is what the database reads: random rows of every type the
 * spend import stages (integer, UUID, date, bigint, text, text[], uuid[]), copied in and read back.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/db.js';
import { CopyBinaryWriter, pgDays, uuidBytes } from './copy-binary.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await openTestDatabase();
  await db.withRawConnection((conn) =>
    conn.exec(
      'CREATE UNLOGGED TABLE copy_binary_check (n integer, id uuid, d date, pence bigint, t text, a text[], u uuid[])',
    ),
  );
});

afterAll(() => db?.dispose());

/** Text the database can hold: no NUL character. */
const text = fc.string({ unit: 'binary' }).map((s) => s.replace(/\0/g, ''));

const row = fc.record({
  n: fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
  id: fc.option(fc.uuid()),
  d: fc.option(
    fc
      .date({
        min: new Date(Date.UTC(1900, 0, 1)),
        max: new Date(Date.UTC(2100, 11, 31)),
        noInvalidDate: true,
      })
      .map((x) => x.toISOString().slice(0, 10)),
  ),
  pence: fc.option(fc.integer({ min: -9e14, max: 9e14 })),
  t: fc.option(text),
  a: fc.option(fc.array(text, { maxLength: 4 })),
  u: fc.option(fc.array(fc.uuid(), { maxLength: 4 })),
});

describe('binary COPY into the database', () => {
  it('reads back every value as written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (rows) => {
        const w = new CopyBinaryWriter(32);
        for (const r of rows) {
          w.row(7);
          if (r.n === null) w.null();
          else w.int4(r.n);
          if (r.id === null) w.null();
          else w.bytes(uuidBytes(r.id));
          if (r.d === null) w.null();
          else w.date(pgDays(r.d));
          if (r.pence === null) w.null();
          else w.int8(r.pence);
          if (r.t === null) w.null();
          else w.text(r.t);
          if (r.a === null) w.null();
          else w.textArray(r.a);
          if (r.u === null) w.null();
          else w.uuidArray(r.u.map(uuidBytes));
        }
        const back = await db.withRawConnection(async (conn) => {
          await conn.exec('TRUNCATE copy_binary_check');
          await conn.copyFrom(
            'COPY copy_binary_check (n, id, d, pence, t, a, u) FROM STDIN WITH (FORMAT binary)',
            Readable.from([w.take()!]),
          );
          return conn.query<{
            n: number | null;
            id: string | null;
            d: string | null;
            pence: string | null;
            t: string | null;
            a: string[] | null;
            u: string[] | null;
          }>(
            'SELECT n, id::text AS id, d::text AS d, pence::text AS pence, t, a, u::text[] AS u FROM copy_binary_check',
          );
        });
        expect(back.rows).toEqual(
          rows.map((r) => ({
            n: r.n,
            id: r.id,
            d: r.d,
            pence: r.pence === null ? null : String(r.pence),
            t: r.t === null ? null : Buffer.from(r.t, 'utf8').toString('utf8'),
            a: r.a === null ? null : r.a.map((v) => Buffer.from(v, 'utf8').toString('utf8')),
            u: r.u === null ? null : r.u.map((v) => v.toLowerCase()),
          })),
        );
      }),
      { numRuns: 60 },
    );
  });
});
