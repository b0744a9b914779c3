import { Worker, type ResourceLimits } from 'node:worker_threads';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/**
 * A worker thread running a TypeScript module (its file URL), given `data` as workerData.data.
 * `limits` caps its heap: it then fails alone (ERR_WORKER_OUT_OF_MEMORY) rather than growing the
 * process.
 */
export function startWorker(module: URL, data: unknown, limits?: ResourceLimits): Worker {
  return new Worker(ENTRY, {
    workerData: { module: module.href, data },
    ...(limits ? { resourceLimits: limits } : {}),
  });
}
