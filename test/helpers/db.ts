/** A fresh, migrated database for one test file: PGlite in memory, or its own database on the server. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { withDatabaseName } from './db-url.js';

export interface TestDatabase extends Database {
  /** For the server: this database's URL (to point a command-line run at it). */
  readonly url: string | undefined;
  dispose(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `anchorage_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      // The template is briefly "in use" while another test file copies it: try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
          break;
        } catch (err) {
          if (attempt >= 50 || !/being accessed by other users/.test((err as Error).message))
            throw err;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        }
      }
    } finally {
      await admin.end();
    }
    const url = withDatabaseName(serverUrl, name);
    const database = await openDatabase({ kind: 'postgres', url });
    return {
      ...database,
      url,
      async dispose() {
        await database.close();
        const a = new pg.Client({ connectionString: serverUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const golden = fs.readFileSync(inject('goldenDataDir'));
  const database = await openDatabase({ kind: 'pglite-memory', loadFrom: new Blob([golden]) });
  return { ...database, url: undefined, dispose: () => database.close() };
}
