/**
 * Evidence files: streamed to a temporary file (size-limited by the multipart parser), hashed,
 * checked by content, scanned, then kept under a generated name outside anything served to the
 * web, and recorded against the figure in the current revision, audited, in one transaction.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { safeFileName } from '../../lib/text.js';
import { isUuid } from '../tenancy/tenancy.repo.js';
import { checkFile } from './file-checks.js';
import type { VirusScanner } from './scanner.js';

export interface EvidenceTarget {
  readonly partnershipId: string;
  readonly returnId: string;
  readonly revisionId: string;
  readonly itemId: string;
}

export class EvidenceService {
  readonly #db: Kysely<DB>;
  readonly #dir: string;
  readonly #scanner: VirusScanner;

  constructor(deps: { db: Kysely<DB>; uploadDir: string; scanner: VirusScanner }) {
    this.#db = deps.db;
    this.#dir = deps.uploadDir;
    this.#scanner = deps.scanner;
  }

  get scannerName(): string {
    return this.#scanner.name;
  }

  /** Keeps an uploaded file, or throws a DomainError('INVALID') whose userMessage says why not. */
  async add(
    target: EvidenceTarget,
    upload: { filename: string; stream: Readable; truncated: () => boolean },
    actor: AuditActor,
  ): Promise<string> {
    const tmpDir = path.join(this.#dir, 'tmp');
    fs.mkdirSync(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        upload.stream,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            hash.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        },
        fs.createWriteStream(tmp),
      );
      if (upload.truncated()) throw new FileTooLargeError();
      const name = safeFileName(upload.filename);
      if (!name) throw invalid('Select a file to upload');
      const check = await checkFile(tmp, name);
      if (!check.ok) throw invalid(check.reason);
      const scan = await this.#scanner.scan(tmp);
      if (scan.infected)
        throw invalid(
          `The file contains a virus (${scan.signature ?? 'unknown'}), so it was not kept`,
        );
      const storedName = `${target.partnershipId}/${randomUUID()}`;
      const finalPath = path.join(this.#dir, storedName);
      fs.mkdirSync(path.dirname(finalPath), { recursive: true });
      fs.renameSync(tmp, finalPath);
      try {
        return await this.#db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('evidence_files')
            .values({
              partnership_id: target.partnershipId,
              return_id: target.returnId,
              revision_id: target.revisionId,
              item_id: target.itemId,
              original_name: name,
              stored_name: storedName,
              content_type: check.type.mime,
              size_bytes: size,
              sha256: hash.digest('hex'),
              uploaded_by: actor.userId,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await recordAudit(trx, {
            actor,
            partnershipId: target.partnershipId,
            entity: 'return',
            entityId: target.returnId,
            action: 'return.evidence.file.added',
            after: { item: target.itemId, file: name, type: check.type.mime, bytes: size },
          });
          return row.id;
        });
      } catch (err) {
        fs.rmSync(finalPath, { force: true });
        throw err;
      }
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  async remove(target: EvidenceTarget, fileId: string, actor: AuditActor): Promise<void> {
    if (!isUuid(fileId)) throw notFound();
    const storedName = await this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .deleteFrom('evidence_files')
        .where('id', '=', fileId)
        .where('partnership_id', '=', target.partnershipId)
        .where('revision_id', '=', target.revisionId)
        .where('item_id', '=', target.itemId)
        .returning(['stored_name', 'original_name'])
        .executeTakeFirst();
      if (!row) throw notFound();
      await recordAudit(trx, {
        actor,
        partnershipId: target.partnershipId,
        entity: 'return',
        entityId: target.returnId,
        action: 'return.evidence.file.removed',
        before: { item: target.itemId, file: row.original_name },
      });
      const stillUsed = await trx
        .selectFrom('evidence_files')
        .select('id')
        .where('stored_name', '=', row.stored_name)
        .executeTakeFirst();
      return stillUsed ? null : row.stored_name;
    });
    if (storedName) fs.rmSync(path.join(this.#dir, storedName), { force: true });
  }

  async find(partnershipId: string, fileId: string) {
    if (!isUuid(fileId)) return undefined;
    return this.#db
      .selectFrom('evidence_files as f')
      .innerJoin('returns as r', 'r.id', 'f.return_id')
      .select([
        'f.id',
        'f.item_id',
        'f.original_name',
        'f.stored_name',
        'f.content_type',
        'f.size_bytes',
        'r.organisation_id',
      ])
      .where('f.partnership_id', '=', partnershipId)
      .where('f.id', '=', fileId)
      .executeTakeFirst();
  }

  open(storedName: string): fs.ReadStream {
    const full = path.resolve(this.#dir, storedName);
    if (!full.startsWith(path.resolve(this.#dir) + path.sep)) throw notFound();
    return fs.createReadStream(full);
  }
}

/** The upload was cut off at the size limit. */
export class FileTooLargeError extends DomainError {
  constructor() {
    super('INVALID', 'file too large', 'The file is too large');
  }
}

function invalid(message: string) {
  return new DomainError('INVALID', message, message);
}
