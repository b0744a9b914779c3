/**
 * What the tests generated from the route table need to reach a route: its address with the
 * `:name` parts filled in, and the spend records that the spend routes name (an imported batch,
 * an upload waiting for its columns, a supplier).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Organisation, Partnership } from '../../src/db/schema.js';
import { createJob } from '../../src/features/jobs/jobs.js';
import { importSpendFile } from '../../src/features/spend/spend-import.js';
import type { TestDatabase } from './db.js';

/** A route's address with each `:name` replaced from `values`; an unknown name fails the test. */
export function fillRoute(
  url: string,
  values: Readonly<Record<string, string>>,
  who: string,
): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined)
      throw new Error(`The ${who} does not know how to fill :${name} in ${url}: add it`);
    return v;
  });
}

export interface SpendTargets {
  readonly batchId: string;
  readonly jobId: string;
  readonly supplierId: string;
}

/** A file of three good rows; with `rejected`, a fourth whose date is not a date. */
function spendCsv(rejected: boolean): string {
  const rows = [
    'Date,Supplier,Amount',
    '01/04/2025,Acme Ltd,100.00',
    '02/04/2025,Bolt plc,"1,250.50"',
    '03/04/2025,Cole & Co,75.00',
    ...(rejected ? ['not a date,Bolt plc,-50.00'] : []),
  ];
  return `${rows.join('\r\n')}\r\n`;
}

/** An imported spend batch, an upload waiting for its columns to be confirmed, and a supplier. */
export async function spendTargets(
  database: TestDatabase,
  p: Partnership,
  org: Organisation,
  options: { rejected?: boolean } = {},
): Promise<SpendTargets> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-route-spend-'));
  const csv = spendCsv(options.rejected ?? false);
  const imported = path.join(dir, 'imported.csv');
  fs.writeFileSync(imported, csv);
  const result = await importSpendFile({
    database,
    partnership: p,
    organisation: org,
    filePath: imported,
    fileName: 'imported.csv',
    actor: { userId: null, label: 'test' },
  });
  const waiting = path.join(dir, 'waiting.csv');
  fs.writeFileSync(waiting, csv);
  const jobId = await createJob(database.db, {
    partnershipId: p.id,
    organisationId: org.id,
    kind: 'spend-import',
    fileName: 'waiting.csv',
    userId: null,
  });
  await database.db
    .updateTable('jobs')
    .set({ status: 'queued', file_path: waiting })
    .where('id', '=', jobId)
    .execute();
  const supplier = await database.db
    .selectFrom('suppliers')
    .select('id')
    .where('partnership_id', '=', p.id)
    .orderBy('name')
    .executeTakeFirstOrThrow();
  return { batchId: result.batchId, jobId, supplierId: supplier.id };
}
