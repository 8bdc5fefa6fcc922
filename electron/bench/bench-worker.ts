// Worker-thread entry: runs one benchmark off the main thread so the order form stays
// responsive. Bundlers must emit this file as its own entry (see bench-worker-client.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runBench, type BenchRunInput } from './bench-runner';
import type { WorkerMessage } from './bench-worker-client';

const port = parentPort;
if (!port) throw new Error('bench-worker.ts must run in a worker thread');

const controller = new AbortController();
port.on('message', (m: { type: 'cancel' }) => {
  if (m?.type === 'cancel') controller.abort();
});

const post = (m: WorkerMessage) => port.postMessage(m);

runBench(workerData as BenchRunInput, {
  signal: controller.signal,
  onProgress: (progress) => post({ type: 'progress', progress }),
  onLine: (line) => post({ type: 'line', line }),
}).then(
  (output) => post({ type: 'done', output }),
  (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
);
