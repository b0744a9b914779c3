// Starts a worker thread on a module of the service, given as its file URL:
// new Worker(WORKER_ENTRY, { workerData: { module, data } }). A TypeScript source is loaded through
// tsx, since a worker thread starts without the main thread's loader; the JavaScript built from
// the sources (bin/build.mjs, decision 046) is loaded as it is.
import { workerData } from 'node:worker_threads';

if (workerData.module.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.module);
