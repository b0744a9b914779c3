import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/db.js';
import { listMigrations, migrate } from './migrate.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  await sql`CREATE TABLE isolation_probe (n integer)`.execute(database.db);
});
afterAll(() => database.dispose());

describe('transactions', () => {
  it("never lets one transaction's COMMIT commit another's rolled-back rows", async () => {
    const db = database.db;
    let releaseA!: () => void;
    const aInserted = new Promise<void>((resolve) => (releaseA = resolve));
    // A inserts 1, waits, then fails; B inserts 2 and commits while A is still open.
    const a = db.transaction().execute(async (trx) => {
      await sql`INSERT INTO isolation_probe (n) VALUES (${1})`.execute(trx);
      releaseA();
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('A fails');
    });
    await aInserted;
    const b = db.transaction().execute(async (trx) => {
      await sql`INSERT INTO isolation_probe (n) VALUES (${2})`.execute(trx);
    });
    await expect(a).rejects.toThrow('A fails');
    await b;
    const rows = await sql<{ n: number }>`SELECT n FROM isolation_probe ORDER BY n`.execute(db);
    expect(rows.rows.map((r) => r.n)).toEqual([2]);
  });

  it('runs many concurrent transactions without losing or leaking rows', async () => {
    const db = database.db;
    await sql`DELETE FROM isolation_probe`.execute(db);
    const work = Array.from({ length: 20 }, (_, i) =>
      db
        .transaction()
        .execute(async (trx) => {
          await sql`INSERT INTO isolation_probe (n) VALUES (${i})`.execute(trx);
          if (i % 2 === 1) throw new Error('odd fails');
        })
        .catch(() => undefined),
    );
    await Promise.all(work);
    const rows = await sql<{ n: number }>`SELECT n FROM isolation_probe ORDER BY n`.execute(db);
    expect(rows.rows.map((r) => r.n)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });
});

describe('migrations', () => {
  it('are all applied, and applying them again changes nothing', async () => {
    const applied = await sql<{
      version: string;
    }>`SELECT version FROM schema_migrations ORDER BY version`.execute(database.db);
    expect(applied.rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    expect(await migrate(database)).toEqual([]);
  });

  it('applies only those the database lacks, once, when two instances start together', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-migrations-'));
    try {
      for (const m of listMigrations())
        fs.copyFileSync(m.file, path.join(dir, path.basename(m.file)));
      fs.writeFileSync(
        path.join(dir, '9999_probe_later.sql'),
        'CREATE TABLE probe_later (n integer); INSERT INTO probe_later VALUES (1);',
      );
      const both = await Promise.all([migrate(database, dir), migrate(database, dir)]);
      expect(both.flat()).toEqual(['9999_probe_later']);
      const rows = await sql<{ n: number }>`SELECT n FROM probe_later`.execute(database.db);
      expect(rows.rows).toEqual([{ n: 1 }]);
      expect(await migrate(database, dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the audit log', () => {
  it('accepts new entries but refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = database.db;
    await db
      .insertInto('audit_log')
      .values({
        actor_label: 'test',
        entity: 'probe',
        action: 'probe.created',
        before: null,
        after: '{"a":1}',
      })
      .execute();
    await expect(sql`UPDATE audit_log SET action = 'changed'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const rows = await db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'probe')
      .execute();
    expect(rows).toEqual([{ action: 'probe.created' }]);
  });
});
