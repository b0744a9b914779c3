/** Platform administration: every partnership, and the mail outbox (demo and development mailers). */
import type { Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export class AdminService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** Every partnership, by name, with how many organisations it has. */
  partnerships() {
    return this.#db
      .selectFrom('partnerships as p')
      .select((eb) => [
        'p.slug',
        'p.name',
        'p.is_public',
        'p.is_demo',
        'p.created_at',
        eb
          .selectFrom('organisations as o')
          .whereRef('o.partnership_id', '=', 'p.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('organisations'),
      ])
      .orderBy('p.name')
      .execute();
  }

  /** The latest 100 messages in the outbox, newest first. */
  outbox() {
    return this.#db
      .selectFrom('mail_outbox')
      .select(['id', 'created_at', 'to_address', 'subject'])
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
  }

  /** One message of the outbox, or NOT_FOUND. */
  async outboxMessage(id: string) {
    const message = isUuid(id)
      ? await this.#db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!message) throw notFound();
    return message;
  }
}
