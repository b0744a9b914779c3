/**
 * Times the phases of one spend import (reading and staging, then the merge) on a database that
 * `npm run bench:spend -- --keep` left behind: `node --import tsx bench/profile-import.ts FILE`
 * with ANCHORAGE_DATA_DIR or DATABASE_URL set as for the command line.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { CLI_ACTOR } from '../src/features/audit/audit.repo.js';
import { importSpendFile } from '../src/features/spend/spend-import.js';
import {
  findOrganisationByCode,
  findPartnershipBySlug,
} from '../src/features/tenancy/tenancy.repo.js';
import { createLogger } from '../src/logger.js';
import { openRuntime } from '../src/server.js';

const file = process.argv[2];
if (!file) throw new Error('Usage: bench/profile-import.ts FILE');
const t0 = performance.now();
const config = loadConfig(undefined, {}, { LOG_LEVEL: 'warn' });
const rt = await openRuntime(config, createLogger('warn'));
const at = () => ((performance.now() - t0) / 1000).toFixed(2);
console.error(`${at()} s: runtime open`);
try {
  const db = rt.deps.database.db;
  const p = await findPartnershipBySlug(db, 'bench');
  if (!p) throw new Error('no partnership bench');
  const o = await findOrganisationByCode(db, p.id, 'BNA01');
  if (!o) throw new Error('no organisation BNA01');
  let lastPhase = '';
  const result = await importSpendFile({
    database: rt.deps.database,
    partnership: p,
    organisation: o,
    filePath: file,
    fileName: path.basename(file),
    actor: CLI_ACTOR,
    onProgress: (pr) => {
      if (pr.phase !== lastPhase) console.error(`${at()} s: ${pr.phase}`);
      lastPhase = pr.phase;
    },
  });
  console.error(`${at()} s: imported ${result.accepted} lines`);
} finally {
  await rt.close();
  console.error(`${at()} s: closed`);
}
