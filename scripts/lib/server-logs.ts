/**
 * The integration runs write each test file's server log under test-output/server-logs/<step>
 * (ANCHORAGE_TEST_LOG_DIR, read by test/helpers/app.ts); afterwards the logs are scanned for
 * password hashes, session ids, second-factor secrets and emailed-link tokens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { scanLogFolder } from '../../test/helpers/secret-scan.js';

const ROOT = path.resolve('test-output', 'server-logs');

function dirOf(step: string): string {
  return path.join(ROOT, step.replace(/[^A-Za-z0-9-]+/g, '-'));
}

/** The environment for an integration run: an empty folder for its server logs. */
export function serverLogEnv(step: string): { ANCHORAGE_TEST_LOG_DIR: string } {
  const dir = dirOf(step);
  fs.rmSync(dir, { recursive: true, force: true });
  return { ANCHORAGE_TEST_LOG_DIR: dir };
}

/** Passed when the run wrote logs and none holds a secret; the findings are printed by line. */
export function scanServerLogs(step: string): { outcome: 'passed' | 'failed'; note: string } {
  const dir = dirOf(step);
  const { files, findings } = scanLogFolder(dir);
  const where = path.relative(process.cwd(), dir);
  if (files === 0) return { outcome: 'failed', note: `no server logs were written in ${where}` };
  for (const f of findings) {
    console.log(`  ${path.relative(process.cwd(), f.file)}:${f.line}: ${f.kind}`);
  }
  return findings.length
    ? {
        outcome: 'failed',
        note: `${findings.length} secret${findings.length === 1 ? '' : 's'} in the server logs in ${where}`,
      }
    : { outcome: 'passed', note: `no secrets in ${files} server logs in ${where}` };
}
