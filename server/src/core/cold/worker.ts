/**
 * Worker-thread entry of the cold analysis (bundled as dist/cold-worker.js): analyses the parts it
 * is given (cold/analyse.ts) and posts each part's result as soon as it is done, then `done`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseParts, type ColdRequest } from './analyse';

const port = parentPort;
if (port) {
  analyseParts(workerData as ColdRequest, (r) => port.postMessage({ kind: 'part', result: r }))
    .then(() => port.postMessage({ kind: 'done' }))
    .catch((e: unknown) => port.postMessage({ kind: 'error', message: e instanceof Error ? e.stack ?? e.message : String(e) }));
}
