/**
 * Long work (imports) as rows in `jobs`, so its progress can be shown on a page that refreshes
 * (with or without JavaScript) and survives as history. A job left "running" by a process that
 * stopped is marked interrupted at the next start.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../tenancy/tenancy.repo.js';

export interface JobRow {
  id: string;
  partnership_id: string;
  organisation_id: string | null;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
  file_name: string | null;
  progress_done: number;
  progress_total: number;
  message: string | null;
  result: unknown;
  batch_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function createJob(
  db: Kysely<DB>,
  job: {
    partnershipId: string;
    organisationId: string | null;
    kind: string;
    fileName: string | null;
    userId: string | null;
    total?: number;
  },
): Promise<string> {
  const row = await db
    .insertInto('jobs')
    .values({
      partnership_id: job.partnershipId,
      organisation_id: job.organisationId,
      kind: job.kind,
      status: 'running',
      file_name: job.fileName,
      progress_total: job.total ?? 0,
      created_by: job.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function reportProgress(
  db: Kysely<DB>,
  id: string,
  done: number,
  total: number,
  message?: string,
) {
  await db
    .updateTable('jobs')
    .set({
      progress_done: done,
      progress_total: total,
      ...(message ? { message } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function finishJob(
  db: Kysely<DB>,
  id: string,
  outcome: {
    status: 'done' | 'failed';
    message: string;
    result?: unknown;
    batchId?: string | null;
  },
) {
  await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      message: outcome.message,
      result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      batch_id: outcome.batchId ?? null,
      progress_done: sql`greatest(progress_done, progress_total)`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function findJob(
  db: Kysely<DB>,
  partnershipId: string,
  id: string,
): Promise<JobRow | undefined> {
  if (!isUuid(id)) return undefined;
  return await db
    .selectFrom('jobs')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}
