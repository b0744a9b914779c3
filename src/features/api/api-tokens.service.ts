/**
 * Personal API tokens (decision 035): a signed-in person makes, lists and revokes their own.
 * Making and revoking are audited; the token's text is returned once, when made, and only its
 * hash is stored (core/api/tokens.ts).
 */
import { sql, type Kysely } from 'kysely';
import { expiryOf, newApiToken, type ExpiryDays, type TokenScope } from '../../core/api/tokens.js';
import { DomainError, notFound } from '../../core/errors.js';
import { isoDate } from '../../core/periods.js';
import { belongsTo, type Actor } from '../../core/roles.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

/** A token as its person sees it in their list (never its text or hash). */
export interface ApiTokenSummary {
  readonly id: string;
  readonly name: string;
  readonly scope: TokenScope;
  readonly partnershipId: string;
  readonly partnershipSlug: string;
  readonly partnershipName: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

export interface NewToken {
  readonly name: string;
  readonly partnershipId: string;
  readonly scope: TokenScope;
  readonly days: ExpiryDays;
}

export class ApiTokensService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** The person's tokens, newest first. */
  async list(userId: string): Promise<ApiTokenSummary[]> {
    return this.#summaries(userId);
  }

  /**
   * Makes a token for the person in one of their partnerships; returns it with its text, which
   * is shown once and never stored.
   */
  async create(
    actor: Actor,
    auditActor: AuditActor,
    input: NewToken,
    now = new Date(),
  ): Promise<{ token: ApiTokenSummary; text: string }> {
    if (
      !isUuid(input.partnershipId) ||
      !belongsTo({ ...actor, isPlatformAdmin: false }, input.partnershipId)
    )
      throw new DomainError(
        'INVALID',
        'not a partnership of the person',
        'Select a partnership you have a role in',
      );
    const { text, hash } = newApiToken();
    const id = await this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_tokens')
        .values({
          user_id: actor.userId,
          partnership_id: input.partnershipId,
          name: input.name,
          token_hash: hash,
          scope: input.scope,
          created_at: now,
          expires_at: expiryOf(now, input.days),
        })
        .returning(['id', 'expires_at'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: auditActor,
        partnershipId: input.partnershipId,
        entity: 'api_token',
        entityId: row.id,
        action: 'api-token.created',
        after: { name: input.name, scope: input.scope, expires: isoDate(row.expires_at) },
      });
      return row.id;
    });
    const [token] = await this.#summaries(actor.userId, id);
    if (!token) throw new Error(`API token ${id} not found after it was made`);
    return { token, text };
  }

  /**
   * Revokes one of the person's tokens (NOT_FOUND for anyone else's), audited. Revoking one
   * already revoked changes nothing and says so.
   */
  async revoke(
    userId: string,
    tokenId: string,
    auditActor: AuditActor,
  ): Promise<{ token: ApiTokenSummary; already: boolean }> {
    if (!isUuid(tokenId)) throw notFound();
    const already = await this.#db.transaction().execute(async (trx) => {
      const token = await trx
        .selectFrom('api_tokens')
        .select(['id', 'name', 'partnership_id', 'revoked_at'])
        .where('id', '=', tokenId)
        .where('user_id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
      if (!token) throw notFound();
      if (token.revoked_at) return true;
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: sql<Date>`now()` })
        .where('id', '=', token.id)
        .execute();
      await recordAudit(trx, {
        actor: auditActor,
        partnershipId: token.partnership_id,
        entity: 'api_token',
        entityId: token.id,
        action: 'api-token.revoked',
        after: { name: token.name },
      });
      return false;
    });
    const [token] = await this.#summaries(userId, tokenId);
    if (!token) throw notFound();
    return { token, already };
  }

  async #summaries(userId: string, tokenId?: string): Promise<ApiTokenSummary[]> {
    let q = this.#db
      .selectFrom('api_tokens as t')
      .innerJoin('partnerships as p', 'p.id', 't.partnership_id')
      .select([
        't.id',
        't.name',
        't.scope',
        't.partnership_id',
        'p.slug',
        'p.name as partnership_name',
        't.created_at',
        't.last_used_at',
        't.expires_at',
        't.revoked_at',
      ])
      .where('t.user_id', '=', userId)
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id');
    if (tokenId) q = q.where('t.id', '=', tokenId);
    const rows = await q.execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scope: r.scope,
      partnershipId: r.partnership_id,
      partnershipSlug: r.slug,
      partnershipName: r.partnership_name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
    }));
  }
}
