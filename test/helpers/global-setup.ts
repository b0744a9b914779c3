/**
 * Integration tests get a migrated database without paying for migrations in every file. There
 * are two: a lean one (no postcode directory; most tests need no more) and one with the shipped
 * reference data, for the test files that ask for it (see test/helpers/db.ts).
 * - PGlite: migrate one in-memory database once and save its data directory as a tarball, after a
 *   checkpoint (so that loading a copy replays no write-ahead log); each test file loads a copy.
 *   The empty cluster PGlite makes before migrating (initdb, several seconds) depends only on the
 *   PGlite version, so it is kept in .cache/test-databases/ and made again only for a new version.
 * - PostgreSQL server (DATABASE_URL): two template databases; each test file creates its own
 *   database from one of them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { ensureReferenceData } from '../../src/reference/geography.js';
import { withDatabaseName } from './db-url.js';
import { guardReferenceData, unguardReferenceData } from './reference-guard.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: the lean and the reference tarballs. */
    goldenDataDir: string;
    goldenReferenceDataDir: string;
    /** PostgreSQL server: the lean and the reference template databases. */
    templateDatabase: string;
    templateReferenceDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const lean = `anchorage_test_template_${process.pid}`;
    const reference = `anchorage_test_template_ref_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const prepare = async (name: string, fn: (db: Database) => Promise<void>) => {
      const db = await openDatabase({ kind: 'postgres', url: withDatabaseName(url, name) });
      try {
        await fn(db);
      } finally {
        await db.close();
      }
    };
    for (const name of [lean, reference]) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${lean}`);
    await prepare(lean, async (db) => {
      await migrate(db);
      await guardReferenceData(db, ensureReferenceData);
    });
    // The reference template is the lean one with the postcode directory loaded in place of the guard.
    await admin.query(`CREATE DATABASE ${reference} TEMPLATE ${lean}`);
    await prepare(reference, async (db) => {
      await unguardReferenceData(db);
      await ensureReferenceData(db);
    });
    project.provide('templateDatabase', lean);
    project.provide('templateReferenceDatabase', reference);
    project.provide('goldenDataDir', '');
    project.provide('goldenReferenceDataDir', '');
    return async () => {
      for (const name of [lean, reference])
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-golden-'));
  const db = await openEmptyPGlite();
  try {
    await migrate(db);
    await guardReferenceData(db, ensureReferenceData);
    await saveTarball(db, path.join(dir, 'lean.tar'));
    await unguardReferenceData(db);
    await ensureReferenceData(db);
    await saveTarball(db, path.join(dir, 'reference.tar'));
  } finally {
    await db.close();
  }
  project.provide('goldenDataDir', path.join(dir, 'lean.tar'));
  project.provide('goldenReferenceDataDir', path.join(dir, 'reference.tar'));
  project.provide('templateDatabase', '');
  project.provide('templateReferenceDatabase', '');
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A new in-memory PGlite database, from the cached empty cluster of this PGlite version. */
async function openEmptyPGlite(): Promise<Database> {
  const { version } = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  const cached = path.join(ROOT, '.cache/test-databases', `pglite-${version}-empty.tar`);
  if (fs.existsSync(cached)) {
    return openDatabase({ kind: 'pglite-memory', loadFrom: new Blob([fs.readFileSync(cached)]) });
  }
  const db = await openDatabase({ kind: 'pglite-memory' });
  // Written under another name first, so that a run at the same time never reads half a file.
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const partial = `${cached}.${process.pid}`;
  await saveTarball(db, partial);
  fs.renameSync(partial, cached);
  return db;
}

/** After a checkpoint, so that a copy starts without replaying the write-ahead log. */
async function saveTarball(db: Database, file: string): Promise<void> {
  await db.withRawConnection((conn) => conn.exec('CHECKPOINT'));
  const blob = await db.dumpDataDir!();
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
}
