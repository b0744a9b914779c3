import type { Readable } from 'node:stream';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** A connection held for the caller's exclusive use, below Kysely: scripts, COPY and hand-managed transactions. */
export interface RawConnection {
  readonly kind: 'pglite' | 'postgres';
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
  /** Run a script of one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  /** COPY … FROM STDIN with the given CSV stream. Returns the number of rows copied. */
  copyFrom(copySql: string, source: Readable): Promise<number>;
}

/** Plain SQL text with $n parameters, run on a Kysely connection or transaction. */
export interface Statements {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
  /** One statement without parameters. */
  exec(sql: string): Promise<void>;
}

/** Plain SQL statements on a Kysely transaction (or connection), for hand-written SQL in it. */
export function statementsOn(db: Kysely<DB>): Statements {
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      const r = await db.executeQuery<R>(CompiledQuery.raw(text, [...params]));
      return { rows: r.rows, rowCount: Number(r.numAffectedRows ?? r.rows.length) };
    },
    async exec(text: string) {
      await db.executeQuery(CompiledQuery.raw(text));
    },
  };
}
