/** Row types of the API tokens table (migrations/0021_api_tokens.sql), for Kysely. */
import type { ColumnType, Generated } from 'kysely';

type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  partnership_id: string;
  name: string;
  /** Hex SHA-256 of the token's text; the text itself is never stored. */
  token_hash: string;
  scope: 'read' | 'write';
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  revoked_at: NullableTimestamp;
}

export interface ApiTables {
  api_tokens: ApiTokensTable;
}
