import type { Readable } from 'node:stream';

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
