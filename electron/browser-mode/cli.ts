// `npm run start:browser [-- --port N]`: the services in this Node process (the same app
// core Electron's main runs), the renderer and the contract on 127.0.0.1, one stdout line
// `ready http://127.0.0.1:PORT/?token=...`, clean exit on SIGINT/SIGTERM.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createAppCore } from '../app/app-core';
import { attachSandboxConsole } from '../app/sandbox-console';
import { createRequestDispatcher } from '../ipc/bind-requests';
import { ensureRendererBuilt } from '../launcher/build';
import { resolveDataDir } from '../main/data-dir';
import { startBrowserServer } from './server';
import { attachStatsPort } from './stats-port';

const projectDir = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const log = (message: string) => process.stderr.write(`[order-desk] ${message}\n`);

const USAGE = 'usage: npm run start:browser -- [--port N] [--renderer-dir DIR]   (ORDER_DESK_DATA_DIR sets the data dir)';

class UsageError extends Error {}

function parseOptions(): { port: number; rendererDir: string | undefined } {
  let values: { port?: string; 'renderer-dir'?: string };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'renderer-dir': { type: 'string' } }, strict: true }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port ?? '') || port > 65535) throw new UsageError(`--port must be 0..65535, got ${values.port}`);
  return { port, rendererDir: values['renderer-dir'] };
}

async function main(): Promise<void> {
  const opts = parseOptions();
  const rendererDir = path.resolve(opts.rendererDir ?? path.join(projectDir, 'dist', 'renderer'));
  // The default renderer is (re)built when missing or older than its sources; a given one is served as is.
  if (!opts.rendererDir) await ensureRendererBuilt(projectDir);

  const dataDir = resolveDataDir(process.env, path.join(process.cwd(), '.order-desk-data'));
  const core = await createAppCore({ mode: 'browser', dataDir });
  const dispatch = createRequestDispatcher(core.handlers, (channel, err) => log(`${channel} failed: ${String(err)}`));
  const server = await startBrowserServer({ dispatch, subscribe: (l) => core.subscribe(l), rendererDir, port: opts.port });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1); // a second signal: do not wait any longer
    stopping = true;
    log(`${signal}: closing`);
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  attachStatsPort({
    collect: async () => ({ processes: [], messages: server.messageCounts(), sqlStatements: core.stats().sqlStatements }),
    reset: async () => {},
  });

  log(`data dir ${dataDir}`);
  process.stdout.write(`ready ${server.url}\n`);
  // After the ready line: answers to sandbox fault commands typed on stdin (training mode).
  attachSandboxConsole(core, process.stdin, (line) => process.stdout.write(`${line}\n`));
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`start:browser: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  log(`failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
