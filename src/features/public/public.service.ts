/**
 * What the public pages read: partnerships that are public and their organisations. Only a
 * partnership marked public is ever found here; any other answers NOT_FOUND, as if absent.
 */
import { sql, type Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { listPublicPartnerships } from '../tenancy/tenancy.repo.js';

/** What the public page shows of a member organisation. */
export interface PublicOrganisation {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly type: string;
}

export class PublicService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  partnerships() {
    return listPublicPartnerships(this.#db);
  }

  /**
   * A public partnership and its organisations (by name), or NOT_FOUND. One query, not two: on
   * the embedded database every query waits its turn for the one connection (decision 031).
   */
  async partnership(slug: string) {
    const row = await this.#db
      .selectFrom('partnerships as p')
      .selectAll('p')
      .select(
        sql<PublicOrganisation[]>`coalesce((
          select json_agg(
            json_build_object('id', o.id, 'code', o.code, 'name', o.name, 'type', o.type)
            order by o.name
          )
          from organisations o
          where o.partnership_id = p.id
        ), '[]'::json)`.as('organisations'),
      )
      .where('p.slug', '=', slug)
      .executeTakeFirst();
    if (!row || !row.is_public) throw notFound();
    const { organisations, ...partnership } = row;
    return { partnership, organisations };
  }

  /** Whether the database answers (for /health). */
  async healthy(): Promise<true> {
    await sql`select 1`.execute(this.#db);
    return true;
  }
}
