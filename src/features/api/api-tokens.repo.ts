/** Reading a personal API token by its hash, for access control (http/token-auth.ts). */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, User } from '../../db/schema.js';
import type { ApiTokensTable } from '../../db/schema-api.js';
import { findUserById } from '../accounts/accounts.repo.js';

export type ApiTokenRow = Selectable<ApiTokensTable>;

/** The token with this hash and its person, whatever state they are in; undefined when none. */
export async function findApiToken(
  db: Kysely<DB>,
  hash: string,
): Promise<{ token: ApiTokenRow; user: User } | undefined> {
  const token = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  const user = token && (await findUserById(db, token.user_id));
  return token && user ? { token, user } : undefined;
}

/**
 * Records that a token was used now. At most once a minute per token, so that a program's many
 * requests do not each write.
 */
export async function touchApiToken(db: Kysely<DB>, id: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
      ]),
    )
    .execute();
}
