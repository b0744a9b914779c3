/**
 * Applies migrations/NNNN_name.sql in order, each in its own transaction, recording each in
 * schema_migrations. Forward only: a migration once applied is never edited or undone.
 * An advisory lock keeps two instances starting at once from applying the same migration twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/root.js';
import type { Database } from './client.js';

export const MIGRATIONS_DIR = path.join(ROOT, 'migrations');

const LOCK_KEY = 7_210_518_311;

export interface Migration {
  version: string;
  file: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), file: path.join(dir, f) }));
}

export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = listMigrations(dir);
  return database.withRawConnection(async (conn) => {
    await conn.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    // Every command starts here: when the database has every migration, one query says so.
    // Those it lacks are each applied under the lock, after looking again.
    const recorded = await conn.query<{ version: string }>('SELECT version FROM schema_migrations');
    const known = new Set(recorded.rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations.filter((m) => !known.has(m.version))) {
      await conn.exec('BEGIN');
      try {
        await conn.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        const done = await conn.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
          m.version,
        ]);
        if (done.rows.length === 0) {
          await conn.exec(fs.readFileSync(m.file, 'utf8'));
          await conn.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
          applied.push(m.version);
        }
        await conn.exec('COMMIT');
      } catch (err) {
        await conn.exec('ROLLBACK');
        throw new Error(`Migration ${m.version} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    return applied;
  });
}
