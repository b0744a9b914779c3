/**
 * Opens the one database: PGlite in a local folder by default, a PostgreSQL server when
 * DATABASE_URL is set. Both are reached through the same Kysely<DB> and the same RawConnection.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { withoutParameters } from './errors.js';
import { Mutex } from './mutex.js';
import { SerialPGliteDialect } from './pglite-dialect.js';
import type { RawConnection } from './raw.js';
import type { DB } from './schema.js';

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadFrom?: Blob | File }
  | { kind: 'postgres'; url: string };

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** Hold one connection (and, on PGlite, the whole backend) for the callback's duration. */
  withRawConnection<T>(fn: (conn: RawConnection) => Promise<T>): Promise<T>;
  /**
   * PGlite only: follows a notification channel (NOTIFY, sent by triggers), calling `changed` as
   * each notifying transaction commits, before its COMMIT returns, so that what a listener keeps
   * is never older than the database. A PostgreSQL server delivers notifications on another
   * connection a moment later, and to every server process: there is no such guarantee, so it has
   * no listen() (decision 031). Returns the function that stops.
   */
  listen?(channel: string, events: ListenEvents): Promise<() => Promise<void>>;
  /** PGlite only: a tarball of the data directory (used to copy a migrated database in tests). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface ListenEvents {
  changed(): void;
}

/** A channel name is an identifier we choose, never input: it is checked, not quoted. */
function channelName(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Bad channel name ${channel}`);
  return channel;
}

export class DatabaseInUseError extends Error {}

const INT8 = 20;
const DATE = 1082;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url) : openPGlite(target);
}

async function openPGlite(
  target: Extract<DatabaseTarget, { kind: 'pglite' | 'pglite-memory' }>,
): Promise<Database> {
  let unlock = (): void => undefined;
  let dataDir: string | undefined;
  if (target.kind === 'pglite') {
    dataDir = path.resolve(target.dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const options = {
    parsers: {
      [INT8]: (v: string) => Number(v),
      [DATE]: (v: string) => v,
    },
    ...(target.kind === 'pglite-memory' && target.loadFrom ? { loadDataDir: target.loadFrom } : {}),
  };
  let pglite: PGlite;
  try {
    pglite = dataDir ? new PGlite(path.join(dataDir, 'pgdata'), options) : new PGlite(options);
    await pglite.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  const host = { pg: pglite, mutex: new Mutex() };
  const db = new Kysely<DB>({ dialect: new SerialPGliteDialect(host) });

  const raw: RawConnection = {
    kind: 'pglite',
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const r = await pglite.query<R>(sql, [...params]).catch((err: unknown) => {
        throw withoutParameters(err);
      });
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await pglite.exec(sql);
    },
    async copyFrom(copySql: string, source: Readable) {
      // The Blob copies what it is given: bytes need no copy of their own first.
      const chunks: Uint8Array[] = [];
      for await (const chunk of source)
        chunks.push(chunk instanceof Uint8Array ? chunk : Buffer.from(chunk as string));
      const blob = new Blob(chunks);
      const sql = copySql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
      const r = await pglite.query(sql, [], { blob });
      return r.affectedRows ?? 0;
    },
  };

  return {
    kind: 'pglite',
    db,
    withRawConnection: (fn) => host.mutex.run(() => fn(raw)),
    async listen(channel, events) {
      const stop = await host.mutex.run(() =>
        pglite.listen(channelName(channel), () => events.changed()),
      );
      return async () => {
        if (!pglite.closed) await host.mutex.run(() => stop());
      };
    },
    dumpDataDir: () => host.mutex.run(async () => pglite.dumpDataDir('none')),
    async close() {
      await db.destroy();
      await host.mutex.run(() => pglite.close());
      unlock();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const getTypeParser = (oid: number): ((value: string) => unknown) => {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
  };
  const typeOverrides = { getTypeParser };
  const pool = new pg.Pool({
    connectionString: url,
    types: typeOverrides,
    max: 10,
    application_name: 'anchorage',
  });
  // An idle connection that the server closes (restart, failover) must not crash the process:
  // the pool discards it and opens a new one when next needed.
  pool.on('error', () => undefined);
  // Fail fast with the server's own message if it cannot be reached.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async withRawConnection(fn) {
      const client = await pool.connect();
      const raw: RawConnection = {
        kind: 'postgres',
        async query<R>(sql: string, params: readonly unknown[] = []) {
          const r = await client.query(sql, [...params]);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        async exec(sql: string) {
          await client.query(sql);
        },
        async copyFrom(copySql: string, source: Readable) {
          const stream = client.query(copyFromStream(copySql));
          await pipeline(source, stream);
          return Number(stream.rowCount ?? 0);
        },
      };
      try {
        return await fn(raw);
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * PGlite is a single-process database: two processes writing one data folder would corrupt it.
 * A lock file with the owner's pid refuses a second opener; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'anchorage.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (owner && isAlive(owner)) {
        throw new DatabaseInUseError(
          `The embedded database in ${dataDir} is in use by process ${owner}. ` +
            'Stop that process first, or use a PostgreSQL server (DATABASE_URL) to share one database between processes.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
