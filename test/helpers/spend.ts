/**
 * Spend for integration tests: a ledger imported from its text as the command line imports it,
 * or through the import pages as a person does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Organisation, Partnership } from '../../src/db/schema.js';
import { SYSTEM_ACTOR } from '../../src/features/audit/audit.repo.js';
import {
  importSpendFile,
  type ImportOptions,
  type ImportResult,
} from '../../src/features/spend/spend-import.js';
import type { TestApp } from './app.js';
import type { TestClient } from './client.js';

/**
 * Imports a ledger's text (or bytes) for an organisation, as the operator's command line does:
 * written to a file in a directory of its own that is removed afterwards. By default the file is
 * named "spend.csv" (any name will do: it is recorded, not used as a path), imported by the system
 * with its columns detected or remembered.
 */
export async function importSpendCsv(
  t: TestApp,
  partnership: Partnership,
  organisation: Organisation,
  content: string | Buffer,
  options: Partial<Pick<ImportOptions, 'fileName' | 'actor' | 'mapping' | 'rights'>> = {},
): Promise<ImportResult> {
  const { fileName = 'spend.csv', actor = SYSTEM_ACTOR, ...rest } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-spend-'));
  const filePath = path.join(dir, 'ledger');
  try {
    fs.writeFileSync(filePath, content);
    return await importSpendFile({
      ...rest,
      database: t.database,
      partnership,
      organisation,
      filePath,
      fileName,
      actor,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits, for at most 20 seconds, for a job to finish: its status, message and batch. */
export async function waitForJob(t: TestApp, jobId: string) {
  for (let i = 0; i < 200; i++) {
    const job = await t.database.db
      .selectFrom('jobs')
      .select(['status', 'message', 'batch_id'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the import did not finish');
}

/**
 * Imports a CSV file through an organisation's import pages, as a signed-in person does: loads
 * `from` for the form's token (by default the organisation's import page), uploads the file,
 * confirms the columns (`columns`: each field's column number, e.g. `{ date: 0, supplier: 1 }`)
 * and waits for the import. Both forms must answer with a redirect. Returns the job as it ended.
 */
export async function importThroughThePages(
  t: TestApp,
  client: TestClient,
  target: { partnership: Partnership; organisation: Organisation },
  file: { name: string; content: string },
  columns: Record<string, number>,
  options: { from?: string } = {},
) {
  const url = `/manage/${target.partnership.slug}/organisations/${target.organisation.id}/spend/import`;
  await client.get(options.from ?? url);
  const uploaded = await client.upload(url, file.name, file.content, 'text/csv');
  expect(uploaded.status).toBe(303);
  const page = uploaded.location ?? '';
  await client.get(page);
  const confirmed = await client.post(
    page,
    Object.fromEntries(Object.entries(columns).map(([field, n]) => [`field-${field}`, String(n)])),
  );
  expect(confirmed.status).toBe(303);
  return waitForJob(t, /jobs\/([^/]+)$/.exec(confirmed.location ?? '')?.[1] ?? '');
}
