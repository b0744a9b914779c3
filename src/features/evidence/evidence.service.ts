/**
 * Evidence files: received into a temporary file (http/upload.ts, within the size limit, hashed),
 * checked by content, scanned, then kept under a generated name outside anything served to the
 * web, and recorded against the figure in the current revision, audited, in one transaction.
 * Downloads are given only to people who may see the figure (core/policies/returns.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../../core/errors.js';
import { itemsOf } from '../../core/framework/compute.js';
import { maySeeFigure } from '../../core/policies/returns.js';
import type { Actor } from '../../core/roles.js';
import type { DB } from '../../db/schema.js';
import { recordAudit, type AuditActor } from '../audit/audit.repo.js';
import { safeFileName } from '../../lib/text.js';
import { listIndicators } from '../framework/framework.repo.js';
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

  /** Where uploads are received before they are checked (on the same disk as where they are kept). */
  get incomingDir(): string {
    return path.join(this.#dir, 'tmp');
  }

  /**
   * Keeps a file from a stream (tests and the command line; uploads come through keep()), or
   * throws a DomainError('INVALID') whose userMessage says why not.
   */
  async add(
    target: EvidenceTarget,
    upload: { filename: string; stream: Readable; truncated: () => boolean },
    actor: AuditActor,
  ): Promise<string> {
    fs.mkdirSync(this.incomingDir, { recursive: true });
    const tmp = path.join(this.incomingDir, randomUUID());
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
      if (upload.truncated()) throw invalid('The file is too large');
      return await this.keep(
        target,
        { name: upload.filename, path: tmp, size, sha256: hash.digest('hex') },
        actor,
      );
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /**
   * Keeps a file received into incomingDir (http/upload.ts): checked by content, scanned, moved
   * under a generated name and recorded against the figure, audited, in one transaction. Throws a
   * DomainError('INVALID') whose userMessage says why a file is not kept; the received file is
   * gone either way.
   */
  async keep(
    target: EvidenceTarget,
    file: {
      readonly name: string;
      readonly path: string;
      readonly size: number;
      readonly sha256: string;
    },
    actor: AuditActor,
  ): Promise<string> {
    try {
      const name = safeFileName(file.name);
      if (!name) throw invalid('Select a file to upload');
      const check = await checkFile(file.path, name);
      if (!check.ok) throw invalid(check.reason);
      const scan = await this.#scanner.scan(file.path);
      if (scan.infected)
        throw invalid(
          `The file contains a virus (${scan.signature ?? 'unknown'}), so it was not kept`,
        );
      const storedName = `${target.partnershipId}/${randomUUID()}`;
      const finalPath = path.join(this.#dir, storedName);
      fs.mkdirSync(path.dirname(finalPath), { recursive: true });
      fs.renameSync(file.path, finalPath);
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
              size_bytes: file.size,
              sha256: file.sha256,
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
            after: { item: target.itemId, file: name, type: check.type.mime, bytes: file.size },
          });
          return row.id;
        });
      } catch (err) {
        fs.rmSync(finalPath, { force: true });
        throw err;
      }
    } finally {
      fs.rmSync(file.path, { force: true });
    }
  }

  /** The evidence files of a revision (of one figure, if given), oldest first. */
  files(revisionId: string, itemId?: string) {
    let q = this.#db
      .selectFrom('evidence_files')
      .select(['id', 'item_id', 'original_name', 'content_type', 'size_bytes', 'uploaded_at'])
      .where('revision_id', '=', revisionId)
      .orderBy('uploaded_at');
    if (itemId !== undefined) q = q.where('item_id', '=', itemId);
    return q.execute();
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

  /**
   * A file to download, if the person may see the figure it supports (the returns policy);
   * otherwise NOT_FOUND: someone who cannot see the figure cannot learn that the file exists.
   */
  async forDownload(partnershipId: string, reader: Actor, fileId: string) {
    const file = await this.find(partnershipId, fileId);
    if (!file) throw notFound();
    const indicators = await listIndicators(this.#db, partnershipId);
    const pillar = indicators.find((i) => itemsOf(i.computation).includes(file.item_id))?.pillar;
    const target = { partnershipId, organisationId: file.organisation_id };
    if (!maySeeFigure(reader, target, pillar)) throw notFound();
    return { file, content: this.open(file.stored_name) };
  }

  open(storedName: string): fs.ReadStream {
    const full = path.resolve(this.#dir, storedName);
    if (!full.startsWith(path.resolve(this.#dir) + path.sep)) throw notFound();
    return fs.createReadStream(full);
  }
}

function invalid(message: string) {
  return new DomainError('INVALID', message, message);
}
