/**
 * A fresh, migrated database for one test file: PGlite in memory, or its own database on the
 * server. Lean by default: the postcode directory is left out, and reading it raises an error
 * that says how to ask for it (test/helpers/reference-guard.ts). `{ reference: true }` gives the
 * database with the shipped reference data, for tests that place suppliers by postcode.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { withDatabaseName } from './db-url.js';

export interface TestDatabase extends Database {
  /** For the server: this database's URL (to point a command-line run at it). */
  readonly url: string | undefined;
  /** Whether it holds the reference data (the postcode directory). */
  readonly reference: boolean;
  dispose(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** The shipped reference data (the postcode directory sample), for placing suppliers. */
  readonly reference?: boolean;
}

export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const reference = options.reference ?? false;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const { name, url } = await createServerDatabase(serverUrl, reference);
    const database = await openDatabase({ kind: 'postgres', url });
    return {
      ...database,
      url,
      reference,
      async dispose() {
        await database.close();
        await dropServerDatabase(serverUrl, name);
      },
    };
  }
  const database = await openDatabase({ kind: 'pglite-memory', loadFrom: golden(reference) });
  return { ...database, url: undefined, reference, dispose: () => database.close() };
}

/**
 * A database for the command line, which opens its own: a PGlite folder made from the reference
 * tarball (the command loads reference data when it starts, so it gets it from the start), or
 * the server database's URL. Returns the environment to run the command with.
 */
export async function prepareCommandDatabase(dataDir: string): Promise<{
  env: { ANCHORAGE_DATA_DIR: string; DATABASE_URL?: string };
  dispose(): Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const { name, url } = await createServerDatabase(serverUrl, true);
    return {
      env: { ANCHORAGE_DATA_DIR: dataDir, DATABASE_URL: url },
      dispose: () => dropServerDatabase(serverUrl, name),
    };
  }
  // The layout src/db/client.ts opens: <ANCHORAGE_DATA_DIR>/pgdata.
  const pglite = new PGlite(path.join(dataDir, 'pgdata'), { loadDataDir: golden(true) });
  await pglite.waitReady;
  await pglite.close();
  return { env: { ANCHORAGE_DATA_DIR: dataDir }, dispose: async () => undefined };
}

/** Each process reads each tarball once. */
const tarballs = new Map<boolean, Blob>();

function golden(reference: boolean): Blob {
  let blob = tarballs.get(reference);
  if (!blob) {
    // (A run whose global set-up predates the two databases provides only the one.)
    const file = (reference && inject('goldenReferenceDataDir')) || inject('goldenDataDir');
    blob = new Blob([fs.readFileSync(file)]);
    tarballs.set(reference, blob);
  }
  return blob;
}

async function createServerDatabase(
  serverUrl: string,
  reference: boolean,
): Promise<{ name: string; url: string }> {
  const name = `anchorage_test_${randomBytes(6).toString('hex')}`;
  const template = (reference && inject('templateReferenceDatabase')) || inject('templateDatabase');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // The template is briefly "in use" while another test file copies it: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
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
  return { name, url: withDatabaseName(serverUrl, name) };
}

async function dropServerDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
