/**
 * Times the phases of one spend import (reading and staging, then the merge) on a database that
 * `npm run bench:spend -- --keep` left behind: `node --import tsx bench/profile-import.ts FILE`
 * with ANCHORAGE_DATA_DIR or DATABASE_URL set as for the command line.
 *
 * At each phase it prints the process's resident memory (and the main thread's heap and the
 * memory outside it), each new peak of resident memory 10 MB above the last one printed (sampled
 * every 250 ms), the highest sampled at the end, and how long this thread spent sending COPY
 * chunks to the database while the rows were read.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';
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
const MB = 1024 * 1024;
const at = () => ((performance.now() - t0) / 1000).toFixed(2);
const memory = () => {
  const m = process.memoryUsage();
  return `resident ${(m.rss / MB).toFixed(0)} MB (heap ${(m.heapUsed / MB).toFixed(0)} MB, outside it ${(m.external / MB).toFixed(0)} MB)`;
};
let peak = 0;
let printed = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
  if (rss > printed + 10 * MB) {
    printed = rss;
    console.error(`${at()} s: peak so far, ${memory()}`);
  }
}, 250);
sampler.unref();

/** The time this thread spends in COPY: the database's share of reading. */
function timeCopies(database: Database): () => string {
  let ms = 0;
  let chunks = 0;
  const withRawConnection = database.withRawConnection.bind(database);
  database.withRawConnection = (fn) =>
    withRawConnection((conn) =>
      fn({
        ...conn,
        copyFrom: async (copySql, source) => {
          const started = performance.now();
          try {
            return await conn.copyFrom(copySql, source);
          } finally {
            ms += performance.now() - started;
            chunks++;
          }
        },
      }),
    );
  return () => `${chunks} COPY chunks took ${(ms / 1000).toFixed(2)} s on this thread`;
}

const config = loadConfig(undefined, {}, { LOG_LEVEL: 'warn' });
const rt = await openRuntime(config, createLogger('warn'));
console.error(`${at()} s: runtime open, ${memory()}`);
const copies = timeCopies(rt.deps.database);
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
      if (pr.phase !== lastPhase) console.error(`${at()} s: ${pr.phase}, ${memory()}`);
      lastPhase = pr.phase;
    },
  });
  console.error(`${at()} s: imported ${result.accepted} lines; ${copies()}`);
} finally {
  await rt.close();
  console.error(`${at()} s: closed; peak resident memory ${(peak / MB).toFixed(0)} MB`);
}
