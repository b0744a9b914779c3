/**
 * Kysely dialect for PGlite that serialises connections.
 *
 * PGlite is one PostgreSQL backend with one session. If two Kysely "connections" shared it
 * at once, a COMMIT issued by one would commit the other's half-done transaction. Every
 * acquire therefore takes a mutex that is released only when the connection is released:
 * a transaction has the backend to itself from BEGIN to COMMIT or ROLLBACK.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { withoutParameters } from './errors.js';
import type { Mutex } from './mutex.js';

export interface PGliteHost {
  readonly pg: PGlite;
  readonly mutex: Mutex;
}

export class SerialPGliteDialect implements Dialect {
  readonly #host: PGliteHost;
  constructor(host: PGliteHost) {
    this.#host = host;
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new SerialPGliteDriver(this.#host);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class SerialPGliteDriver implements Driver {
  readonly #host: PGliteHost;
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(host: PGliteHost) {
    this.#host = host;
  }

  async init(): Promise<void> {
    await this.#host.pg.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#host.mutex.acquire();
    const connection = new PGliteConnection(this.#host.pg);
    this.#releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    let sql = 'begin';
    if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) sql += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(sql));
  }

  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.#releases.get(connection);
    this.#releases.delete(connection);
    release?.();
  }

  async destroy(): Promise<void> {
    // The host owns the PGlite instance and closes it.
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #pg: PGlite;
  constructor(pg: PGlite) {
    this.#pg = pg;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#pg
      .query<R>(compiledQuery.sql, [...compiledQuery.parameters])
      .catch((err: unknown) => {
        throw withoutParameters(err);
      });
    return { rows: result.rows, numAffectedRows: BigInt(result.affectedRows ?? 0) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error(
      'Streaming queries are not supported on PGlite; page with LIMIT/OFFSET instead.',
    );
  }
}
