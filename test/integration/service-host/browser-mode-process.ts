// Browser mode as a tester starts it, but as `node --import tsx` directly (no tsx wrapper
// process in between), so a test can signal the relay itself and find the service process it
// runs. Whatever a test starts here is stopped by stopAll(), also when the test fails.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { createApiClient } from '../../../shared/api-client';
import type { OrderDeskApi } from '../../../shared/contract';
import {
  createWsTransport,
  wsUrlFor,
  type TransportStatus,
  type WsTransport,
} from '../../../renderer/transport/ws-transport';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface BrowserMode {
  relay: ChildProcessWithoutNullStreams;
  dataDir: string;
  url: string;
  stderr: string[];
  exit: Promise<number | null>;
  /** Pids of the service processes, in the order they became ready. */
  hostPids(): number[];
  waitForHostPid(count: number, timeoutMs?: number): Promise<number>;
  client(): { api: OrderDeskApi; transport: WsTransport; statuses: TransportStatus[] };
}

const started: Array<{
  relay: ChildProcessWithoutNullStreams;
  transports: WsTransport[];
  dataDir: string;
  pids: () => number[];
}> = [];

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startBrowserMode(opts: { env?: NodeJS.ProcessEnv; dataDir?: string } = {}): Promise<BrowserMode> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-split-'));
  const relay = spawn(process.execPath, ['--import', tsx, 'electron/browser-mode/cli.ts', '--port', '0'], {
    cwd: projectDir,
    env: { ...process.env, KAFKA_BROKERS: '', ...opts.env, ORDER_DESK_DATA_DIR: dataDir },
  });
  const stderr: string[] = [];
  const pids: number[] = [];
  const pidWaiters: Array<() => void> = [];
  const transports: WsTransport[] = [];
  started.push({ relay, transports, dataDir, pids: () => pids });
  readline.createInterface({ input: relay.stderr }).on('line', (line) => {
    stderr.push(line);
    const m = /services running \(pid (\d+)\)/.exec(line);
    if (m) {
      pids.push(Number(m[1]));
      for (const w of pidWaiters.splice(0)) w();
    }
  });
  const exit = new Promise<number | null>((resolve) => relay.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: relay.stdout }).on('line', (line) => {
      if (line.startsWith('ready ')) resolve(line.slice('ready '.length));
    });
    void exit.then((code) => reject(new Error(`browser mode exited ${code} before ready:\n${stderr.join('\n')}`)));
  });
  return {
    relay,
    dataDir,
    url,
    stderr,
    exit,
    hostPids: () => [...pids],
    async waitForHostPid(count, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (pids.length < count) {
        if (Date.now() > until)
          throw new Error(`no service process #${count} in ${timeoutMs} ms:\n${stderr.join('\n')}`);
        await new Promise<void>((r) => {
          pidWaiters.push(r);
          setTimeout(r, 200);
        });
      }
      return pids[count - 1];
    },
    client() {
      const transport = createWsTransport(wsUrlFor(url), WebSocket as unknown as typeof globalThis.WebSocket);
      transports.push(transport);
      const statuses: TransportStatus[] = [];
      transport.onStatus((s) => statuses.push(s));
      return { api: createApiClient(transport), transport, statuses };
    },
  };
}

/** Stops every relay started here (SIGTERM, then SIGKILL) and any service process left behind. */
export async function stopAll(): Promise<void> {
  for (const s of started.splice(0)) {
    for (const t of s.transports) t.close();
    if (s.relay.exitCode === null && s.relay.signalCode === null) {
      const gone = new Promise((r) => s.relay.once('exit', r));
      s.relay.kill('SIGTERM');
      const timer = setTimeout(() => s.relay.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    }
    for (const pid of s.pids()) {
      for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
}
