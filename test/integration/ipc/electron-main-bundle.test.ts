// The bundled Electron main (dist-electron/main.cjs), run under Node with a stand-in for the
// `electron` module: it must open a locked-down window, register exactly the contract's
// channels, refuse callers that are not the app's page, run the services in a utility process
// (the bundled dist-electron/service-host.cjs; the stand-in utilityProcess forks it with Node
// and gives it Electron's process.parentPort), restart that process when it dies and tell the
// window, and deliver an order through the real services to the cluster under test
// (KAFKA_TARGET, or KAFKA_BROKERS), on a topic of its own (never the order topic of someone's cluster).
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestList } from '../../../shared/contract';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import { buildElectron } from '../../../electron/launcher/build';
import { SettingsStore } from '../../../electron/settings/settings-store';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
type Handler = (
  event: { senderFrame: unknown },
  input: unknown,
) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;

const handlers = new Map<string, Handler>();
const appListeners = new Map<string, (...a: unknown[]) => void>();
const windows: Array<{ options: Record<string, unknown>; loaded: string[] }> = [];
const sent: Array<[string, unknown]> = [];
let quitCalled = false;
const privilegedSchemes: unknown[] = [];
const protocolHandlers = new Map<string, (req: { url: string; method?: string }) => Promise<Response>>();
const openedExternally: string[] = [];
const openedPaths: string[] = [];
const utilityChildren: Array<{
  modulePath: string;
  options: Record<string, unknown> | undefined;
  child: ChildProcess;
}> = [];
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-main-'));

const fakeElectron = {
  app: {
    isPackaged: false,
    getPath: () => path.join(dataDir, 'userData-not-used'),
    getVersion: () => '9.9.9-test',
    requestSingleInstanceLock: () => true,
    setPath: () => {},
    getLocale: () => 'en-US',
    on: (name: string, fn: (...a: unknown[]) => void) => void appListeners.set(name, fn),
    whenReady: () => Promise.resolve(),
    quit: () => void (quitCalled = true),
    exit: () => {},
  },
  BrowserWindow: class {
    webContents = { send: (c: string, p: unknown) => void sent.push([c, p]), isDestroyed: () => false };
    record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] };
      windows.push(this.record);
    }
    once() {}
    on() {}
    show() {}
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => void privilegedSchemes.push(...schemes),
    handle: (scheme: string, h: (req: { url: string }) => Promise<Response>) => void protocolHandlers.set(scheme, h),
  },
  dialog: { showErrorBox: () => {} },
  shell: {
    openExternal: async (url: string) => void openedExternally.push(url),
    openPath: async (p: string) => {
      openedPaths.push(p);
      return '';
    },
  },
  ipcMain: {
    handle: (c: string, h: Handler) => void handlers.set(c, h),
    removeHandler: (c: string) => void handlers.delete(c),
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: () => {} },
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
    },
  },
  // Electron's utilityProcess.fork, on child_process.fork: the same events (spawn, message,
  // exit with a code), postMessage with structured clone, kill() with SIGTERM.
  utilityProcess: {
    fork(modulePath: string, args: string[] = [], options?: Record<string, unknown>) {
      const child = fork(modulePath, args, {
        execArgv: ['--require', path.join(here, 'parent-port-shim.cjs')],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      utilityChildren.push({ modulePath, options, child });
      const emitter = new EventEmitter();
      child.on('spawn', () => emitter.emit('spawn'));
      child.on('message', (m) => emitter.emit('message', m));
      child.on('exit', (code) => emitter.emit('exit', code ?? 1));
      return Object.assign(emitter, {
        get pid() {
          return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
        },
        postMessage: (m: unknown) => void (child.connected && child.send(m as never)),
        kill: () => child.kill('SIGTERM'),
        stdout: null,
        stderr: null,
      });
    },
  },
};

const page = () => ({ senderFrame: { url: windows[0].loaded[0], parent: null } });
const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const savedEnv = process.env.ORDER_DESK_DATA_DIR;
const originalLoad = (Module as unknown as { _load: (...a: unknown[]) => unknown })._load;
let cluster: TestCluster;

beforeAll(async () => {
  await buildElectron(projectDir);
  cluster = await kafkaCluster();
  const topic = cluster.topic('main-bundle-orders');
  await cluster.createTopic(topic, { partitions: 3 });
  new SettingsStore(dataDir, {}).save({ ...DEFAULT_SETTINGS, brokers: cluster.brokers, topic });
  process.env.ORDER_DESK_DATA_DIR = dataDir;
  (Module as unknown as { _load: (...a: unknown[]) => unknown })._load = function (
    request: unknown,
    ...rest: unknown[]
  ) {
    return request === 'electron' ? fakeElectron : originalLoad.call(this, request, ...rest);
  };
  createRequire(import.meta.url)(path.join(projectDir, 'dist-electron', 'main.cjs'));
  await waitFor(() => handlers.size === requestList().length, 30_000, 'main to register the contract channels');
});

afterAll(async () => {
  let prevented = false;
  appListeners.get('before-quit')?.({ preventDefault: () => (prevented = true) });
  if (prevented) await waitFor(() => quitCalled, 20_000, 'main to close the services and quit');
  const leftOver = utilityChildren.filter((u) => alive(u.child));
  for (const u of leftOver) u.child.kill('SIGKILL');
  (Module as unknown as { _load: unknown })._load = originalLoad;
  if (savedEnv === undefined) delete process.env.ORDER_DESK_DATA_DIR;
  else process.env.ORDER_DESK_DATA_DIR = savedEnv;
  fs.rmSync(dataDir, { recursive: true, force: true });
  await cluster?.close();
  expect(leftOver).toEqual([]);
});

describe('Electron main bundle', () => {
  it('opens one window with the locked-down options on the built index.html', () => {
    expect(windows).toHaveLength(1);
    expect(windows[0].options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String((windows[0].options.webPreferences as { preload: string }).preload)).toMatch(
      /dist-electron[/\\]preload\.cjs$/,
    );
    expect(windows[0].loaded[0]).toBe('app://order-desk/index.html');
  });

  it('serves the page from its own secure app:// origin with the CSP, and nothing outside the renderer', async () => {
    expect(privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const serve = protocolHandlers.get('app')!;
    const index = await serve({ url: 'app://order-desk/index.html', method: 'GET' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<div id="root">');
    for (const url of [
      'app://order-desk/../../package.json',
      'app://order-desk/%2e%2e/package.json',
      'app://elsewhere/index.html',
    ])
      expect((await serve({ url, method: 'GET' })).status).toBe(404);
    expect((await serve({ url: 'app://order-desk/index.html', method: 'POST' })).status).toBe(405);
  });

  it('refuses a file:// page as a caller (only the app:// page is trusted)', async () => {
    const fromFile = await handlers.get('app:info')!(
      { senderFrame: { url: `file://${projectDir}/dist/renderer/index.html`, parent: null } },
      undefined,
    );
    expect(fromFile).toEqual({ ok: false, error: { code: 'request.forbidden' } });
  });

  it('answers the app page and refuses anyone else', async () => {
    const page = { url: windows[0].loaded[0], parent: null };
    const info = await handlers.get('app:info')!({ senderFrame: page }, undefined);
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dataDir, version: '9.9.9-test' } });
    const foreign = await handlers.get('app:info')!(
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      undefined,
    );
    expect(foreign).toEqual({ ok: false, error: { code: 'request.forbidden' } });
  });

  it('runs the services in a utility process forked from the bundled service host, not in main', async () => {
    expect(utilityChildren).toHaveLength(1);
    expect(utilityChildren[0].modulePath).toBe(path.join(projectDir, 'dist-electron', 'service-host.cjs'));
    expect(utilityChildren[0].options).toMatchObject({ serviceName: 'Order Desk services' });
    expect(await handlers.get('service:state')!(page(), undefined)).toEqual({
      ok: true,
      value: { status: 'running', restarts: 0, error: null },
    });
    // The packaged app carries it: electron-builder takes dist-electron/ whole.
    const builder = JSON.parse(fs.readFileSync(path.join(projectDir, 'build', 'electron-builder.json'), 'utf8')) as {
      files: string[];
    };
    expect(builder.files).toContain('dist-electron/**');
    expect(fs.existsSync(path.join(projectDir, 'dist-electron', 'service-host.cjs'))).toBe(true);
  });

  it('restarts the service process when it dies and tells the window, which keeps working', async () => {
    const first = utilityChildren[0].child;
    sent.length = 0;
    first.kill('SIGKILL');
    await expect
      .poll(
        () => sent.filter(([c]) => c === 'event:service.changed').map(([, p]) => (p as { status: string }).status),
        { timeout: 30_000 },
      )
      .toEqual(['restarting', 'running']);
    expect(utilityChildren).toHaveLength(2);
    expect(alive(utilityChildren[1].child)).toBe(true);
    expect(await handlers.get('service:state')!(page(), undefined)).toMatchObject({
      ok: true,
      value: { status: 'running', restarts: 1 },
    });
    expect(await handlers.get('app:info')!(page(), undefined)).toMatchObject({ ok: true, value: { mode: 'electron' } });
  });

  it('saves and delivers an order, pushing its states to the window', async () => {
    const page = { url: windows[0].loaded[0], parent: null };
    const r = await handlers.get('orders:submit')!(
      { senderFrame: page },
      {
        customerName: 'Main Bundle',
        customerId: 'C-MAIN',
        lines: [{ sku: 'S', productName: 'P', quantity: 1, unitPrice: 100 }],
        paymentMethod: 'cash',
      },
    );
    expect(r.ok).toBe(true);
    const orderId = (r.value as { order: { orderId: string } }).order.orderId;
    await expect
      .poll(
        () =>
          sent.some(
            ([c, p]) =>
              c === 'event:orders.changed' &&
              (p as { changes: Array<{ orderId: string; state: string }> }).changes.some(
                (ch) => ch.orderId === orderId && ch.state === 'delivered',
              ),
          ),
        { timeout: 45_000 },
      )
      .toBe(true);
  });

  it("writes both processes' logs to files in the data directory, and opens their folder from Diagnostics", async () => {
    const page = { senderFrame: { url: windows[0].loaded[0], parent: null } };
    const logs = path.join(dataDir, 'logs');
    expect(fs.readFileSync(path.join(logs, 'app.log'), 'utf8')).toMatch(/\[info\] +services running \(pid \d+\)/);
    expect(fs.readFileSync(path.join(logs, 'services.log'), 'utf8')).toMatch(/\[info\] +connection connected/);
    const read = await handlers.get('logs:read')!(page, { maxLines: 50 });
    expect(read).toMatchObject({
      ok: true,
      value: { dir: logs, files: expect.arrayContaining([expect.objectContaining({ name: 'app.log' })]) },
    });
    expect((read as { value: { tail: string[] } }).value.tail.some((l) => l.startsWith('services: '))).toBe(true);
    expect(await handlers.get('logs:open')!(page, undefined)).toEqual({ ok: true, value: { opened: true, dir: logs } });
    expect(openedPaths).toEqual([logs]);
  });
});
