// Starts a worker thread on a TypeScript module: the service runs its sources through tsx
// (bin/anchorage.mjs), and a worker thread starts without the main thread's loader.
// new Worker(WORKER_ENTRY, { workerData: { module: <file URL of the .ts module>, data } })
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
