/**
 * What the public pages read: partnerships that are public and their organisations. Only a
 * partnership marked public is ever found here; any other answers NOT_FOUND, as if absent.
 */
import { sql, type Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  findPartnershipBySlug,
  listOrganisations,
  listPublicPartnerships,
} from '../tenancy/tenancy.repo.js';

export class PublicService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  partnerships() {
    return listPublicPartnerships(this.#db);
  }

  /** A public partnership and its organisations, or NOT_FOUND. */
  async partnership(slug: string) {
    const partnership = await findPartnershipBySlug(this.#db, slug);
    if (!partnership || !partnership.is_public) throw notFound();
    return { partnership, organisations: await listOrganisations(this.#db, partnership.id) };
  }

  /** Whether the database answers (for /health). */
  async healthy(): Promise<true> {
    await sql`select 1`.execute(this.#db);
    return true;
  }
}
