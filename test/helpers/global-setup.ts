/**
 * Integration tests get a migrated database without paying for migrations in every file:
 * - PGlite: migrate one in-memory database once and save its data directory as a tarball;
 *   each test file loads a copy.
 * - PostgreSQL server (DATABASE_URL): migrate a template database once; each test file
 *   creates its own database from it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { ensureReferenceData } from '../../src/reference/geography.js';
import { withDatabaseName } from './db-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    goldenDataDir: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `anchorage_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const db = await openDatabase({ kind: 'postgres', url: withDatabaseName(url, template) });
    await migrate(db);
    await ensureReferenceData(db);
    await db.close();
    project.provide('templateDatabase', template);
    project.provide('goldenDataDir', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const db = await openDatabase({ kind: 'pglite-memory' });
  await migrate(db);
  await ensureReferenceData(db);
  const blob = await db.dumpDataDir!();
  await db.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-golden-')), 'pgdata.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('goldenDataDir', file);
  project.provide('templateDatabase', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
