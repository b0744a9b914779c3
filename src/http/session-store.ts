/**
 * Sessions live in the database (table `sessions`), so they survive restarts and any app
 * instance can serve any request. Expired rows are ignored on read and swept periodically.
 */
import type { FastifySessionObject } from '@fastify/session';
import type { Session } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

type Callback = (err?: unknown) => void;
type SessionCallback = (err: unknown, result?: Session | null) => void;

export class DatabaseSessionStore {
  readonly #db: Kysely<DB>;
  readonly #ttlMs: number;

  constructor(db: Kysely<DB>, ttlMs: number) {
    this.#db = db;
    this.#ttlMs = ttlMs;
  }

  set(sessionId: string, session: Session, callback: Callback): void {
    // A session left holding nothing (a visitor who is not signed in, once the page that showed
    // their one message has been seen) is not kept: otherwise every later page view would read
    // and rewrite its row (rolling expiry) for as long as the cookie lasts. The cookie then
    // finds no row and is cleared on the next response (decision 031).
    if (!holdsAnything(session)) {
      this.destroy(sessionId, callback);
      return;
    }
    const expires = session.cookie.expires
      ? new Date(session.cookie.expires)
      : new Date(Date.now() + this.#ttlMs);
    const data = JSON.stringify(session);
    const userId = (session as Session & { userId?: string }).userId ?? null;
    this.#db
      .insertInto('sessions')
      .values({ id: sessionId, user_id: userId, data, expires_at: expires })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          user_id: userId,
          data,
          expires_at: expires,
          updated_at: sql`now()`,
        }),
      )
      .execute()
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: SessionCallback): void {
    this.#db
      .selectFrom('sessions')
      .select(['data'])
      .where('id', '=', sessionId)
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst()
      .then(
        (row) => callback(null, (row?.data as unknown as Session | undefined) ?? null),
        callback,
      );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.#db
      .deleteFrom('sessions')
      .where('id', '=', sessionId)
      .execute()
      .then(() => callback(), callback);
  }

  async sweep(): Promise<number> {
    const r = await this.#db
      .deleteFrom('sessions')
      .where('expires_at', '<=', sql<Date>`now()`)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

/** Whether a session holds anything besides its cookie (who is signed in, a message, …). */
function holdsAnything(session: Session): boolean {
  return Object.entries(session).some(([key, value]) => key !== 'cookie' && value !== undefined);
}

export type { FastifySessionObject };
