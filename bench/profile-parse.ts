/**
 * Times the spend import's parsing stage alone (the engine's readRows and SpendRowWriter, on this
 * thread, no database) over a file, and reports the memory it keeps:
 * `node --expose-gc --import tsx bench/profile-parse.ts FILE`. Each chunk of binary COPY is
 * given back to the writer at once, as the import's main thread gives it back once it is in the
 * database. The organisation codes of the bench's file map to one made-up organisation.
 *
 * It prints the hash of the COPY written, of the supplier names' summary and what the rows span,
 * so that two ways of reading can be held to the same output: with TEXT_ONLY=1, every row is
 * read as text (as for a Windows-1252 file), not from the bytes of plain records (plainRow).
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { createHash } from 'node:crypto';
import { detectColumns } from '../src/core/imports/columns.js';
import type { SpendField } from '../src/core/spend/mapping.js';
import { readRows } from '../src/features/imports/engine.js';
import { inspectFile } from '../src/features/imports/files.js';
import { SPEND_KIND } from '../src/features/spend/spend-import-kind.js';
import { SpendRowWriter } from '../src/features/spend/spend-rows.js';
import { ORGANISATIONS } from './generate.js';

const file = process.argv[2];
if (!file) throw new Error('Usage: bench/profile-parse.ts FILE');
const MB = 1e6;
const inspection = await inspectFile(file, SPEND_KIND.limits);
const mapping = detectColumns<SpendField>(SPEND_KIND.fields, inspection.headers);
const own = '00000000-0000-4000-8000-000000000001';
const writer = new SpendRowWriter({
  own,
  byCode: new Map(ORGANISATIONS.map((o) => [o.code, own])),
  writable: new Set([own]),
});
if (!process.env.TEXT_ONLY) writer.readsPlain(mapping, SPEND_KIND.textChars);
let bytes = 0;
const digest = createHash('sha256');
const started = performance.now();
const rows = await readRows(
  {
    kind: SPEND_KIND,
    filePath: file,
    inspection,
    mapping,
    jobId: 'profile',
    report: async () => {},
  },
  {
    row: (row, reasons) => writer.row(row, reasons),
    ...(process.env.TEXT_ONLY
      ? {}
      : {
          plainRow: (...record: Parameters<SpendRowWriter['plainRow']>) =>
            writer.plainRow(...record),
        }),
    flush: async () => {
      const chunk = writer.take();
      if (!chunk) return;
      bytes += chunk.length;
      digest.update(chunk);
      writer.recycle(chunk.buffer as ArrayBuffer);
    },
    merge: () => Promise.reject(new Error('no database here')),
    close: () => Promise.resolve(),
  },
);
const seconds = (performance.now() - started) / 1000;
(globalThis as { gc?: () => void }).gc?.();
const names = writer.names();
console.log(
  'COPY',
  digest.digest('hex').slice(0, 16),
  'names',
  names ? createHash('sha256').update(names).digest('hex').slice(0, 16) : null,
  JSON.stringify(
    { ...writer.span, organisations: [...writer.span.organisations] },
    (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
  ),
);
const heap = v8.getHeapStatistics();
console.log(
  `${rows} rows parsed into ${(bytes / MB).toFixed(1)} MB of binary COPY in ${seconds.toFixed(2)} s; ` +
    `kept after ${globalThis.gc ? 'a full collection' : 'no forced collection (run with --expose-gc)'}: ` +
    `heap ${(heap.used_heap_size / MB).toFixed(0)} MB, outside it ${(heap.external_memory / MB).toFixed(0)} MB, ` +
    `resident ${(process.memoryUsage().rss / MB).toFixed(0)} MB`,
);
