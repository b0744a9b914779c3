/**
 * What the sitemap lists (core/publishing/sitemap.ts): every partnership that is public and has
 * published something (a year's figures, or a charter that has left draft), with its published
 * revisions, pillars, organisations, charter versions, consultations, published priorities and
 * joint initiatives. A fixed number of queries, however many partnerships there are, each
 * bounded by the sitemap's limit.
 */
import { sql, type Kysely } from 'kysely';
import { MAX_SITEMAP_URLS, type PublishedSite } from '../../core/publishing/sitemap.js';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';

export class SitemapService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** The public partnerships that have published something, by name, with what they published. */
  async sites(): Promise<PublishedSite[]> {
    const db = this.#db;
    const partnerships = await db
      .selectFrom('partnerships as p')
      .select(['p.id', 'p.slug'])
      .where('p.is_public', '=', true)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('publications as x')
              .select('x.id')
              .whereRef('x.partnership_id', '=', 'p.id'),
          ),
          eb.exists(
            eb
              .selectFrom('charter_versions as v')
              .select('v.id')
              .whereRef('v.partnership_id', '=', 'p.id')
              .where('v.state', '<>', 'draft'),
          ),
        ]),
      )
      .orderBy('p.name')
      .limit(MAX_SITEMAP_URLS)
      .execute();
    if (partnerships.length === 0) return [];
    const ids = partnerships.map((p) => p.id);
    const [publications, latest, organisations, versions, commitments, priorities, initiatives] =
      await Promise.all([
        db
          .selectFrom('publications')
          .select(['partnership_id', 'fy_start_year', 'revision', 'published_at'])
          .where('partnership_id', 'in', ids)
          .limit(MAX_SITEMAP_URLS)
          .execute(),
        // The latest revision of each year: its pillars (of the latest year) and organisations.
        db
          .selectFrom('publications as x')
          .select([
            'x.partnership_id',
            'x.fy_start_year',
            sql<string[]>`array(select distinct i->>'pillar'
              from jsonb_array_elements(x.snapshot->'indicators') i)`.as('pillars'),
            sql<string[]>`array(select o->>'id'
              from jsonb_array_elements(x.snapshot->'organisations') o)`.as('organisations'),
          ])
          .where('x.partnership_id', 'in', ids)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('publications as later')
                  .select('later.id')
                  .whereRef('later.partnership_id', '=', 'x.partnership_id')
                  .whereRef('later.fy_start_year', '=', 'x.fy_start_year')
                  .whereRef('later.revision', '>', 'x.revision'),
              ),
            ),
          )
          .limit(MAX_SITEMAP_URLS)
          .execute(),
        db
          .selectFrom('organisations')
          .select(['partnership_id', 'id'])
          .where('partnership_id', 'in', ids)
          .orderBy('name')
          .limit(MAX_SITEMAP_URLS)
          .execute(),
        db
          .selectFrom('charter_versions')
          .select(['id', 'partnership_id', 'number', 'consultation_opens', 'updated_at'])
          .where('partnership_id', 'in', ids)
          .where('state', '<>', 'draft')
          .limit(MAX_SITEMAP_URLS)
          .execute(),
        db
          .selectFrom('charter_items as i')
          .innerJoin('charter_versions as v', 'v.id', 'i.version_id')
          .select(['i.version_id', 'i.key'])
          .where('i.partnership_id', 'in', ids)
          .where('i.kind', '=', 'commitment')
          .where('v.state', '<>', 'draft')
          .where('v.consultation_opens', 'is not', null)
          .orderBy('i.sort_order')
          .limit(MAX_SITEMAP_URLS)
          .execute(),
        db
          .selectFrom('local_priorities as p')
          .leftJoin('public_answers as a', 'a.priority_id', 'p.id')
          .select([
            'p.partnership_id',
            'p.id',
            sql<Date>`greatest(p.created_at, a.answered_at)`.as('changed_at'),
          ])
          .where('p.partnership_id', 'in', ids)
          .where('p.state', '=', 'published')
          .orderBy('p.created_at', 'desc')
          .limit(MAX_SITEMAP_URLS)
          .execute(),
        db
          .selectFrom('joint_initiatives')
          .select(['partnership_id', 'id', 'updated_at'])
          .where('partnership_id', 'in', ids)
          .orderBy('starts_on', 'desc')
          .limit(MAX_SITEMAP_URLS)
          .execute(),
      ]);
    return partnerships.map((p) => {
      const own = <T extends { partnership_id: string }>(rows: readonly T[]) =>
        rows.filter((r) => r.partnership_id === p.id);
      const years = own(latest).sort((a, b) => b.fy_start_year - a.fy_start_year);
      return {
        slug: p.slug,
        publications: own(publications).map((x) => ({
          fyStartYear: x.fy_start_year,
          revision: x.revision,
          publishedAt: x.published_at,
        })),
        pillars: years[0]?.pillars ?? [],
        organisations: own(organisations).map((o) => o.id),
        reportOrganisations: new Map(years.map((y) => [y.fy_start_year, y.organisations])),
        versions: own(versions).map((v) => ({
          number: v.number,
          consulted: v.consultation_opens !== null,
          updatedAt: v.updated_at,
          commitments: commitments.filter((c) => c.version_id === v.id).map((c) => c.key),
        })),
        priorities: own(priorities).map((x) => ({ id: x.id, changedAt: new Date(x.changed_at) })),
        initiatives: own(initiatives).map((i) => ({ id: i.id, updatedAt: i.updated_at })),
      };
    });
  }
}

/** One service per set of dependencies (the app's). */
const services = new WeakMap<Deps, SitemapService>();
export function sitemapService(deps: Deps): SitemapService {
  let s = services.get(deps);
  if (!s) services.set(deps, (s = new SitemapService({ db: deps.database.db })));
  return s;
}
