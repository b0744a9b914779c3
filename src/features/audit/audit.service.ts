/** Reading the audit log, a page at a time, newest first: the whole platform's or one partnership's. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listAudit, type AuditRow } from './audit.repo.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditPage {
  readonly entries: AuditRow[];
  /** The id to read older entries before, when there may be more. */
  readonly olderThan: number | null;
}

export class AuditLogService {
  readonly #db: Kysely<DB>;

  constructor(deps: { db: Kysely<DB> }) {
    this.#db = deps.db;
  }

  /** Entries older than `before` (an entry id from the query string; anything else: the newest). */
  async page(options: { partnershipId?: string; before?: string | undefined }): Promise<AuditPage> {
    const beforeId = Number(options.before) || undefined;
    const entries = await listAudit(this.#db, {
      limit: AUDIT_PAGE_SIZE,
      ...(options.partnershipId ? { partnershipId: options.partnershipId } : {}),
      ...(beforeId ? { beforeId } : {}),
    });
    return {
      entries,
      olderThan:
        entries.length === AUDIT_PAGE_SIZE ? (entries[entries.length - 1]?.id ?? null) : null,
    };
  }
}
