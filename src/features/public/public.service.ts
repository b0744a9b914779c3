/**
 * What the public pages read: partnerships that are public and their organisations. Only a
 * partnership marked public is ever found here; any other answers NOT_FOUND, as if absent.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import { PublishedRevisions } from '../../core/publishing/revisions.js';
import type { Database } from '../../db/client.js';
import type { DB } from '../../db/schema.js';
import { BoundedMemo } from '../../lib/bounded-memo.js';
import { toHeader, type HeaderRow } from '../publishing/publishing.service.js';
import { listPublicPartnerships } from '../tenancy/tenancy.repo.js';

/** What the public page shows of a member organisation. */
export interface PublicOrganisation {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly type: string;
}

/** What the public pages list of a joint initiative (its own page reads the rest: PublicInitiative). */
export interface InitiativeHeading {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly pillars: readonly string[];
}

/** The charter version in force, and which organisations have signed it. */
export interface PublicCharter {
  readonly number: number;
  readonly title: string;
  readonly adoptedOn: string;
  readonly commitments: number;
  readonly signatures: readonly { readonly organisationId: string; readonly signedOn: string }[];
}

/** A publication's header as the database writes it in JSON (the date as text). */
type PublishedRow = Omit<HeaderRow, 'published_at'> & { published_at: string };

/** The channel the database notifies when a partnership, an organisation or a publication changes. */
export const PUBLIC_SITE_CHANNEL = 'anchorage_public_site';

export type PublicPartnership = Awaited<ReturnType<PublicService['read']>>;

export class PublicService {
  readonly #db: Kysely<DB>;
  /**
   * What partnership() read, by slug, while the database's notifications are followed (follow());
   * emptied by every notification. Without them (a command, a PostgreSQL server) every call reads
   * the database.
   */
  readonly #known = new BoundedMemo<PublicPartnership>({
    maxEntries: 256,
    maxSize: 256,
    sizeOf: () => 1,
  });
  #following = false;
  /** Counts notifications, so that a read begun before one is not kept after it. */
  #changes = 0;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /**
   * Keeps what partnership() reads until the database says it changed (migration 0022), where
   * it says so as the change commits (the embedded database). On a PostgreSQL server every call
   * reads the database: its queries run side by side on the pool (decision 031).
   */
  async follow(database: Pick<Database, 'listen'>): Promise<() => Promise<void>> {
    if (!database.listen) return async () => undefined;
    const stop = await database.listen(PUBLIC_SITE_CHANNEL, { changed: () => this.#forget() });
    this.#following = true;
    return async () => {
      this.#following = false;
      this.#forget();
      await stop();
    };
  }

  #forget() {
    this.#changes++;
    this.#known.clear();
  }

  partnerships() {
    return listPublicPartnerships(this.#db);
  }

  /**
   * A public partnership, its organisations (by name), its joint initiatives (by title), its
   * charter in force with its signatures, and every revision it has published (without figures),
   * or NOT_FOUND. One query, not three: on the embedded database every query
   * waits its turn for the one connection (decision 031). `version` changes whenever anything
   * read here changes, so a page made only of these and published snapshots (which never change)
   * can be rendered once per version (reply.pageOf).
   */
  async partnership(slug: string, options: { readonly fresh?: boolean } = {}) {
    const known = this.#following && !options.fresh ? this.#known.get(slug) : undefined;
    if (known) return known;
    const changes = this.#changes;
    const read = await this.read(slug);
    if (this.#following && changes === this.#changes) this.#known.set(slug, read);
    return read;
  }

  /** partnership() from the database. */
  async read(slug: string) {
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
      .select(
        sql<PublishedRow[]>`coalesce((
          select json_agg(json_build_object(
            'id', x.id, 'fy_start_year', x.fy_start_year, 'revision', x.revision,
            'published_at', x.published_at, 'published_by_label', x.published_by_label,
            'correction_reason', x.correction_reason
          ))
          from publications x
          where x.partnership_id = p.id
        ), '[]'::json)`.as('publications'),
      )
      .select(
        sql<InitiativeHeading[]>`coalesce((
          select json_agg(
            json_build_object('id', j.id, 'title', j.title, 'status', j.status, 'pillars', j.pillars)
            order by j.title
          )
          from joint_initiatives j
          where j.partnership_id = p.id
        ), '[]'::json)`.as('initiatives'),
      )
      .select(
        sql<PublicCharter | null>`(
          select json_build_object(
            'number', v.number, 'title', v.title, 'adoptedOn', v.adopted_on,
            'commitments', (select count(*) from charter_items i
              where i.version_id = v.id and i.kind = 'commitment'),
            'signatures', coalesce((select json_agg(
                json_build_object('organisationId', s.organisation_id, 'signedOn', s.signed_on)
                order by s.signed_on, s.organisation_id)
              from charter_signatures s where s.version_id = v.id), '[]'::json)
          )
          from charter_versions v
          where v.partnership_id = p.id and v.state = 'adopted'
        )`.as('charter'),
      )
      .where('p.slug', '=', slug)
      .executeTakeFirst();
    if (!row || !row.is_public) throw notFound();
    const { organisations, publications, initiatives, charter, ...partnership } = row;
    return {
      partnership,
      organisations,
      initiatives,
      charter,
      published: new PublishedRevisions(
        publications.map((x) => toHeader({ ...x, published_at: new Date(x.published_at) })),
      ),
      version: createHash('sha1').update(JSON.stringify(row)).digest('base64url'),
    };
  }

  /** Whether the database answers (for /health). */
  async healthy(): Promise<true> {
    await sql`select 1`.execute(this.#db);
    return true;
  }
}
