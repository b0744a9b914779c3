/**
 * The figures behind a consultation's analysis page (SPEC §2.2, §2.8, decision 029), and the
 * themes moderators tag responses with. Counts are of published responses only: those waiting
 * for a moderator and those hidden are left out. The counts here are the true ones: the page
 * (analysis.pages.ts) puts the counts of people through disclosure control before showing them.
 *
 * Setting a response's themes writes the `themes` column and a line of the append-only
 * moderation log (action 'tag', the reason being the themes as saved).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { notFound } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { AuditActor } from '../audit/audit.repo.js';
import { isUuid } from '../tenancy/tenancy.repo.js';
import { logModeration } from './moderation.js';

/** Published responses to one commitment (or, for `null`, the suggested new commitments). */
export interface ItemFigures {
  readonly agree: number;
  readonly disagree: number;
  readonly comments: number;
  readonly suggestions: number;
  /** Suggestions the partnership has answered in public. */
  readonly answered: number;
}

export interface AnalysisFigures {
  /** By commitment key; `null` for suggested new commitments. */
  readonly items: ReadonlyMap<string | null, ItemFigures>;
  /** How many published responses carry each theme, by theme, alphabetical. */
  readonly themes: readonly { readonly theme: string; readonly responses: number }[];
  readonly published: number;
  readonly enteredByStaff: number;
  readonly anonymous: number;
}

/** A response as the themes form needs it. */
export interface TaggedResponse {
  readonly id: string;
  readonly versionId: string;
  readonly itemKey: string | null;
  readonly title: string | null;
  readonly state: 'pending' | 'published' | 'hidden';
  readonly stance: 'agree' | 'disagree' | null;
  readonly comment: string;
  readonly amendment: string;
  readonly themes: readonly string[];
}

/** What the moderation log says when a response's themes are all taken off. */
export const NO_THEMES_REASON = 'No themes';

export class AnalysisService {
  readonly #db: Kysely<DB>;
  constructor(deps: { database: { db: Kysely<DB> } }) {
    this.#db = deps.database.db;
  }

  /** The published figures of a version's consultation. */
  async figures(partnershipId: string, versionId: string): Promise<AnalysisFigures> {
    const [items, totals, themes] = await Promise.all([
      this.#db
        .selectFrom('consultation_responses as r')
        .leftJoin('public_answers as a', 'a.response_id', 'r.id')
        .select([
          'r.item_key',
          sql<string>`count(*) FILTER (WHERE r.stance = 'agree')`.as('agree'),
          sql<string>`count(*) FILTER (WHERE r.stance = 'disagree')`.as('disagree'),
          sql<string>`count(*) FILTER (WHERE r.comment <> '')`.as('comments'),
          sql<string>`count(*) FILTER (WHERE r.amendment <> '' OR r.item_key IS NULL)`.as(
            'suggestions',
          ),
          sql<string>`count(*) FILTER (WHERE (r.amendment <> '' OR r.item_key IS NULL) AND a.id IS NOT NULL)`.as(
            'answered',
          ),
        ])
        .where('r.partnership_id', '=', partnershipId)
        .where('r.version_id', '=', versionId)
        .where('r.state', '=', 'published')
        .groupBy('r.item_key')
        .execute(),
      this.#db
        .selectFrom('consultation_responses')
        .select([
          sql<string>`count(*)`.as('published'),
          sql<string>`count(*) FILTER (WHERE entered_by IS NOT NULL)`.as('staff'),
          sql<string>`count(*) FILTER (WHERE display_name IS NULL)`.as('anonymous'),
        ])
        .where('partnership_id', '=', partnershipId)
        .where('version_id', '=', versionId)
        .where('state', '=', 'published')
        .executeTakeFirst(),
      sql<{ theme: string; responses: string }>`
        SELECT t.theme, count(DISTINCT r.id) AS responses
        FROM consultation_responses r CROSS JOIN LATERAL unnest(r.themes) AS t(theme)
        WHERE r.partnership_id = ${partnershipId} AND r.version_id = ${versionId}
          AND r.state = 'published'
        GROUP BY t.theme`.execute(this.#db),
    ]);
    return {
      items: new Map(
        items.map((r) => [
          r.item_key,
          {
            agree: Number(r.agree),
            disagree: Number(r.disagree),
            comments: Number(r.comments),
            suggestions: Number(r.suggestions),
            answered: Number(r.answered),
          },
        ]),
      ),
      themes: themes.rows
        .map((r) => ({ theme: r.theme, responses: Number(r.responses) }))
        .sort((a, b) => alphabetical(a.theme, b.theme)),
      published: Number(totals?.published ?? 0),
      enteredByStaff: Number(totals?.staff ?? 0),
      anonymous: Number(totals?.anonymous ?? 0),
    };
  }

  /**
   * The themes used in a version so far, on any response (waiting, published or hidden), in
   * alphabetical order: the choices a moderator is offered, so that like responses share a theme.
   */
  async themesInUse(partnershipId: string, versionId: string): Promise<string[]> {
    const { rows } = await sql<{ theme: string }>`
      SELECT DISTINCT t.theme
      FROM consultation_responses r CROSS JOIN LATERAL unnest(r.themes) AS t(theme)
      WHERE r.partnership_id = ${partnershipId} AND r.version_id = ${versionId}`.execute(this.#db);
    return rows.map((r) => r.theme).sort(alphabetical);
  }

  /** One response of a version of the partnership, or undefined. */
  async response(
    partnershipId: string,
    versionId: string,
    responseId: string,
  ): Promise<TaggedResponse | undefined> {
    if (!isUuid(responseId)) return undefined;
    const row = await this.#db
      .selectFrom('consultation_responses')
      .select([
        'id',
        'version_id',
        'item_key',
        'title',
        'state',
        'stance',
        'comment',
        'amendment',
        'themes',
      ])
      .where('partnership_id', '=', partnershipId)
      .where('version_id', '=', versionId)
      .where('id', '=', responseId)
      .executeTakeFirst();
    return row && taggedOf(row);
  }

  /**
   * Sets a response's themes (read and tidied by core/charter/themes.ts) and logs it, unless they
   * are the ones it has already. Returns whether anything changed.
   */
  async setThemes(
    partnershipId: string,
    versionId: string,
    responseId: string,
    themes: readonly string[],
    moderator: AuditActor,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      if (!isUuid(responseId)) throw notFound();
      const row = await trx
        .selectFrom('consultation_responses')
        .select(['id', 'themes'])
        .where('partnership_id', '=', partnershipId)
        .where('version_id', '=', versionId)
        .where('id', '=', responseId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw notFound();
      if (sameThemes(row.themes, themes)) return false;
      await trx
        .updateTable('consultation_responses')
        .set({ themes: [...themes] })
        .where('id', '=', row.id)
        .execute();
      await logModeration(
        trx,
        partnershipId,
        'response',
        row.id,
        'tag',
        themes.length > 0 ? themes.join(', ') : NO_THEMES_REASON,
        moderator,
      );
      return true;
    });
  }
}

/** Alphabetical whatever the capitals, the same on every database. */
function alphabetical(a: string, b: string): number {
  return a.toLowerCase().localeCompare(b.toLowerCase(), 'en-GB') || (a < b ? -1 : a > b ? 1 : 0);
}

function sameThemes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function taggedOf(row: {
  id: string;
  version_id: string;
  item_key: string | null;
  title: string | null;
  state: TaggedResponse['state'];
  stance: TaggedResponse['stance'];
  comment: string;
  amendment: string;
  themes: string[];
}): TaggedResponse {
  return {
    id: row.id,
    versionId: row.version_id,
    itemKey: row.item_key,
    title: row.title,
    state: row.state,
    stance: row.stance,
    comment: row.comment,
    amendment: row.amendment,
    themes: row.themes,
  };
}
