/** Importing payroll extracts and other collected kinds in tests, as the command line and the pages do (the import engine). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Organisation, Partnership } from '../../src/db/schema.js';
import { importCollected, type CollectedKind } from '../../src/features/imports/collected.js';
import { PAYROLL_KIND } from '../../src/features/workforce/payroll-import.js';
import type { TestApp } from './app.js';

export const PAYROLL_FIXTURE = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../fixtures/payroll/payroll-2025-26.csv',
);

/** Imports a payroll extract (a path, or CSV text) for an organisation and financial year. */
export function importPayroll(
  t: TestApp,
  target: { partnership: Partnership; organisation: Organisation },
  file: { path: string } | { name: string; content: string },
  fyStartYear: number,
) {
  return importFile(t, PAYROLL_KIND, target, file, fyStartYear);
}

/** Imports a file of any collected kind, as the pages and the command line do. */
export async function importFile<F extends string, P, S>(
  t: TestApp,
  kind: CollectedKind<F, P, S>,
  target: { partnership: Partnership; organisation: Organisation },
  file: { path: string } | { name: string; content: string },
  fyStartYear: number,
  option: string | null = null,
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
    return await importCollected(kind, {
      database: t.database,
      partnership: target.partnership,
      organisation: target.organisation,
      fyStartYear,
      option,
      filePath,
      fileName: path.basename(filePath),
      actor: { userId: null, label: 'test' },
    });
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
