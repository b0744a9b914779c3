/** Importing payroll extracts in tests, as the command line and the pages do (the import engine). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Organisation, Partnership } from '../../src/db/schema.js';
import { importCollected } from '../../src/features/imports/collected.js';
import { PAYROLL_KIND } from '../../src/features/workforce/payroll-import.js';
import type { TestApp } from './app.js';

export const PAYROLL_FIXTURE = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../fixtures/payroll/payroll-2025-26.csv',
);

/** Imports a payroll extract (a path, or CSV text) for an organisation and financial year. */
export async function importPayroll(
  t: TestApp,
  target: { partnership: Partnership; organisation: Organisation },
  file: { path: string } | { name: string; content: string },
  fyStartYear: number,
) {
  let dir: string | undefined;
  let filePath: string;
  if ('path' in file) filePath = file.path;
  else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-payroll-'));
    filePath = path.join(dir, file.name);
    fs.writeFileSync(filePath, file.content);
  }
  try {
    return await importCollected(PAYROLL_KIND, {
      database: t.database,
      partnership: target.partnership,
      organisation: target.organisation,
      fyStartYear,
      filePath,
      fileName: path.basename(filePath),
      actor: { userId: null, label: 'test' },
    });
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
