import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { SRC_DIR } from './root.js';

const ENTRY = pathToFileURL(path.join(SRC_DIR, 'lib/worker-entry.mjs'));

/** Whether this is the JavaScript built from the sources (bin/build.mjs), not the sources. */
const BUILT = import.meta.url.endsWith('.js');

/**
 * A worker thread running a module of the service, named by its TypeScript source's file URL (the
 * JavaScript built beside it is run instead when the service runs its built form), given `data`
 * as workerData.data. `limits` caps its heap: it then fails alone (ERR_WORKER_OUT_OF_MEMORY)
 * rather than growing the process.
 */
export function startWorker(module: URL, data: unknown, limits?: ResourceLimits): Worker {
  return new Worker(ENTRY, {
    workerData: { module: BUILT ? module.href.replace(/\.ts$/, '.js') : module.href, data },
    ...(limits ? { resourceLimits: limits } : {}),
  });
}
