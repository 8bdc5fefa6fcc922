// Runs a benchmark in a worker thread and speaks to it by messages. The worker file is found
// next to this module: as TypeScript when running from source (tsx, vitest), where the worker
// registers tsx's loader itself, or as the bundler's output (bench-worker.js / .mjs /
// .cjs next to the bundle) when built. ORDER_DESK_BENCH_WORKER overrides both.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BenchRunHooks, BenchRunInput, BenchRunOutput, RunProgress } from './bench-runner';

export type WorkerMessage =
  | { type: 'progress'; progress: RunProgress }
  | { type: 'line'; line: string }
  | { type: 'done'; output: BenchRunOutput }
  | { type: 'error'; message: string };

function thisFile(): string | null {
  try {
    const url = import.meta.url;
    if (url) return fileURLToPath(url);
  } catch {
    // CommonJS bundle: import.meta is empty there.
  }
  return typeof __filename === 'string' ? __filename : null;
}

export interface WorkerEntry {
  /** A file path, or (from source) a small bootstrap script evaluated as the worker. */
  code: string;
  eval: boolean;
}

export function benchWorkerEntry(): WorkerEntry {
  const override = process.env.ORDER_DESK_BENCH_WORKER;
  if (override) return { code: override, eval: false };
  const here = thisFile();
  const dir = here ? dirname(here) : process.cwd();
  const ts = join(dir, 'bench-worker.ts');
  if (here?.endsWith('.ts') && existsSync(ts)) {
    // tsx's loader does not follow into worker threads (its --import does not register there),
    // so the worker registers tsx itself before importing the TypeScript entry.
    const tsxApiCjs = createRequire(here).resolve('tsx/esm/api');
    const tsxApiEsm = tsxApiCjs.replace(/\.cjs$/, '.mjs');
    const tsxApi = existsSync(tsxApiEsm) ? tsxApiEsm : tsxApiCjs;
    const code =
      `import(${JSON.stringify(pathToFileURL(tsxApi).href)})` +
      `.then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(pathToFileURL(ts).href)}); })` +
      `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(e && e.stack || e) }); });`;
    return { code, eval: true };
  }
  for (const name of ['bench-worker.js', 'bench-worker.mjs', 'bench-worker.cjs']) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return { code: candidate, eval: false };
  }
  throw new Error(`benchmark worker not found next to ${here ?? dir} (set ORDER_DESK_BENCH_WORKER)`);
}

export function runBenchInWorker(input: BenchRunInput, hooks: BenchRunHooks = {}): Promise<BenchRunOutput> {
  return new Promise((resolve, reject) => {
    let entry: ReturnType<typeof benchWorkerEntry>;
    try {
      entry = benchWorkerEntry();
    } catch (e) {
      return reject(e);
    }
    const worker = new Worker(entry.code, { eval: entry.eval, workerData: input });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => worker.postMessage({ type: 'cancel' });
    if (hooks.signal?.aborted) onAbort();
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') hooks.onProgress?.(m.progress);
      else if (m.type === 'line') hooks.onLine?.(m.line);
      else if (m.type === 'done') finish(() => resolve(m.output));
      else if (m.type === 'error') finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`benchmark worker exited with code ${code}`))));
  });
}
