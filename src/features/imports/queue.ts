/**
 * An upload waiting for its columns to be confirmed, for every kind of import: the file is read
 * once (within the kind's limits) and its import queued as a job that keeps where the file is and
 * what the reading found (the headings, and the first rows unless the file holds personal data).
 */
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import type { DB, Organisation, Partnership } from '../../db/schema.js';
import { createJob, findJob, type JobRow } from '../jobs/jobs.js';
import { detectColumns, type ColumnMapping } from '../../core/imports/columns.js';
import { rememberedColumns, type ImportKind } from './engine.js';
import { inspectFile, type FileInspection } from './files.js';

/** Rows of the file shown on the columns page (none for a file of personal data). */
export const PREVIEW_ROWS = 8;

/** How long an upload may wait for its columns to be confirmed before it is given up. */
export const WAITING_UPLOAD_MINUTES = { ordinary: 24 * 60, personal: 60 } as const;

/**
 * Gives up the uploads left waiting for their columns to be confirmed for longer than
 * WAITING_UPLOAD_MINUTES (an hour for a file of personal data, a payroll extract: `personal`
 * lists those jobs' kinds) and deletes their files. Run when the service starts and every few
 * minutes while it runs. Returns how many were given up.
 */
export async function giveUpWaitingUploads(
  db: Kysely<DB>,
  personal: readonly string[],
  minutes: { readonly ordinary: number; readonly personal: number } = WAITING_UPLOAD_MINUTES,
): Promise<number> {
  const older = (m: number) => sql<Date>`now() - make_interval(mins => ${m})`;
  const given = await db
    .updateTable('jobs')
    .set({
      status: 'interrupted',
      message:
        'The upload waited too long for its columns to be confirmed, so it was deleted: upload the file again.',
      updated_at: sql`now()`,
    })
    .where('status', '=', 'queued')
    .where((eb) =>
      eb.or([
        eb('updated_at', '<', older(minutes.ordinary)),
        ...(personal.length
          ? [
              eb.and([
                eb('kind', 'in', [...personal]),
                eb('updated_at', '<', older(minutes.personal)),
              ]),
            ]
          : []),
      ]),
    )
    .returning(['id', 'file_path'])
    .execute();
  for (const job of given) if (job.file_path) fs.rmSync(job.file_path, { force: true });
  if (given.length)
    await db
      .updateTable('jobs')
      .set({ file_path: null })
      .where(
        'id',
        'in',
        given.map((j) => j.id),
      )
      .execute();
  return given.length;
}

export interface QueuedImport {
  readonly job: JobRow;
  readonly filePath: string | null;
  readonly inspection: FileInspection | null;
}

/**
 * Reads a received file and queues its import. A file that cannot be read is removed and an
 * ImportError says why.
 */
export async function queueUpload(
  db: Kysely<DB>,
  kind: Pick<ImportKind<string>, 'jobKind' | 'limits'>,
  previewRows: number,
  target: { partnership: Partnership; organisation: Organisation; userId: string },
  file: { readonly name: string; readonly path: string },
): Promise<string> {
  let inspection: FileInspection;
  try {
    inspection = await inspectFile(file.path, kind.limits, previewRows);
  } catch (err) {
    fs.rmSync(file.path, { force: true });
    throw err;
  }
  const jobId = await createJob(db, {
    partnershipId: target.partnership.id,
    organisationId: target.organisation.id,
    kind: kind.jobKind,
    fileName: file.name,
    userId: target.userId,
  });
  await db
    .updateTable('jobs')
    .set({ status: 'queued', file_path: file.path, inspection: JSON.stringify(inspection) })
    .where('id', '=', jobId)
    .execute();
  return jobId;
}

/** An import job of this kind and organisation, or NOT_FOUND. */
export async function importJob(
  db: Kysely<DB>,
  jobKind: string,
  partnership: Partnership,
  organisation: Organisation,
  jobId: string,
): Promise<JobRow> {
  const job = await findJob(db, partnership.id, jobId);
  if (!job || job.organisation_id !== organisation.id || job.kind !== jobKind) throw notFound();
  return job;
}

/** An import job of this kind with its file and what the upload found, or NOT_FOUND. */
export async function queuedImport(
  db: Kysely<DB>,
  jobKind: string,
  partnership: Partnership,
  organisation: Organisation,
  jobId: string,
): Promise<QueuedImport> {
  const job = await importJob(db, jobKind, partnership, organisation, jobId);
  const row = await db
    .selectFrom('jobs')
    .select(['file_path', 'inspection'])
    .where('id', '=', job.id)
    .executeTakeFirstOrThrow();
  return { job, filePath: row.file_path, inspection: row.inspection as FileInspection | null };
}

/**
 * What the columns page of a queued import shows: what the file holds (as the upload found it),
 * and the columns to offer (remembered for the organisation and heading row, else detected).
 */
export async function queuedColumns<F extends string>(
  db: Kysely<DB>,
  kind: ImportKind<F>,
  previewRows: number,
  organisation: Organisation,
  queued: QueuedImport & { filePath: string },
): Promise<{ inspection: FileInspection; mapping: ColumnMapping<F> }> {
  const inspection =
    queued.inspection ?? (await inspectFile(queued.filePath, kind.limits, previewRows));
  const mapping =
    (await rememberedColumns(db, kind, organisation.id, inspection.headers)) ??
    detectColumns(kind.fields, inspection.headers);
  return { inspection, mapping };
}
