// `npm run start:browser` as a tester runs it: one stdout line, the page and the contract on
// 127.0.0.1, the outbox in ORDER_DESK_DATA_DIR, a clean exit on SIGINT and on SIGTERM.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { spawnTsx, stopAllChildren } from '../../support/child-process';

const dirs: string[] = [];
afterEach(async () => {
  // A failed expectation must not leave the server running.
  await stopAllChildren();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function startCli(args: string[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-cli-'));
  dirs.push(dataDir);
  const child = spawnTsx('electron/browser-mode/cli.ts', args, {
    env: { ...process.env, ORDER_DESK_DATA_DIR: dataDir },
  });
  return { child, dataDir };
}

/** Sends one request and resolves with ITS response: events pushed meanwhile (connection, orders) are passed over. */
function request(ws: WebSocket, id: number, channel: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (d: WebSocket.RawData) => {
      const m = JSON.parse(d.toString()) as { type?: string; id?: number };
      if (m.type === 'response' && m.id === id) {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
    ws.once('error', reject);
    const send = () => ws.send(JSON.stringify({ type: 'request', id, channel }));
    if (ws.readyState === WebSocket.OPEN) send();
    else ws.once('open', send);
  });
}

describe('browser mode CLI', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('prints one ready line, serves the app and exits 0 on %s', async (signal) => {
    const { child, dataDir } = startCli(['--port', '0']);
    const url = (await child.nextLine(/^ready /)).slice('ready '.length);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const { port } = new URL(url);
    const token = new URL(url).searchParams.get('token');
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
    try {
      const reply = await request(ws, 1, 'app:info');
      expect(reply).toMatchObject({
        type: 'response',
        id: 1,
        result: { ok: true, value: { mode: 'browser', dataDir } },
      });
    } finally {
      ws.close();
    }

    child.proc.kill(signal);
    expect((await child.exited).code).toBe(0);
    expect(child.stdout).toHaveLength(1);
    expect(fs.readdirSync(dataDir).length).toBeGreaterThan(0);
    // The token is printed once, for the operator; no log (attached to a support ticket) holds it.
    const logged = fs
      .readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.log'))
      .map((f) => fs.readFileSync(path.join(dataDir, f), 'utf8'));
    expect(logged.length).toBeGreaterThan(0);
    for (const text of logged) expect(text).not.toContain(token);
  });

  it('refuses a second instance on the same data directory, which changes nothing there', async () => {
    const { child: first, dataDir } = startCli(['--port', '0']);
    const url = (await first.nextLine(/^ready /)).slice('ready '.length);
    const outbox = path.join(dataDir, 'outbox.sqlite');
    const before = fs.readFileSync(outbox);
    const filesBefore = fs.readdirSync(dataDir).sort();

    const second = spawnTsx('electron/browser-mode/cli.ts', ['--port', '0'], {
      env: { ...process.env, ORDER_DESK_DATA_DIR: dataDir },
    });
    expect((await second.exited).code).toBe(3);
    // The reason in English and Korean, as for a port in use, and no stack trace above it.
    expect(second.stderr()).toContain(
      `start:browser: Another Order Desk is already using this terminal’s data (${dataDir})`,
    );
    expect(second.stderr()).toContain(`다른 오더 데스크가 이미 이 단말기의 데이터(${dataDir})를 사용하고 있습니다`);
    expect(second.stderr()).not.toMatch(/^\s+at /m);
    expect(second.stderr()).not.toContain('DataDirInUseError');
    expect(second.stdout).toEqual([]);
    expect(fs.readFileSync(outbox).equals(before)).toBe(true);
    expect(fs.readdirSync(dataDir).sort()).toEqual(filesBefore);

    // The first keeps serving.
    const { port } = new URL(url);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${new URL(url).searchParams.get('token')}`);
    try {
      expect(await request(ws, 1, 'app:info')).toMatchObject({ result: { ok: true, value: { dataDir } } });
    } finally {
      ws.close();
    }
  });

  it('starts on a data directory whose previous instance was killed (no stale lock)', async () => {
    const { child: first, dataDir } = startCli(['--port', '0']);
    await first.nextLine(/^ready /);
    // Kill the whole app as a crash would: the relay and the service process that holds the lock.
    const holder = JSON.parse(fs.readFileSync(path.join(dataDir, 'instance.json'), 'utf8')) as { pid: number };
    expect(holder.pid).not.toBe(first.proc.pid);
    first.proc.kill('SIGKILL');
    process.kill(holder.pid, 'SIGKILL');
    await first.exited;

    const again = spawnTsx('electron/browser-mode/cli.ts', ['--port', '0'], {
      env: { ...process.env, ORDER_DESK_DATA_DIR: dataDir },
    });
    expect(await again.nextLine(/^ready /)).toMatch(/^ready http:\/\/127\.0\.0\.1:/);
  });

  it('refuses a port in use before starting anything, saying so in English and Korean', async () => {
    // A server the last test left running: it started its services and sandbox, then a stack trace.
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const { child, dataDir } = startCli(['--port', String(port)]);
      expect((await child.exited).code).toBe(4);
      expect(child.stderr()).toContain(`start:browser: Port ${port} on 127.0.0.1 is already in use`);
      expect(child.stderr()).toContain(`127.0.0.1의 ${port}번 포트는 이미 사용 중입니다`);
      expect(child.stdout).toEqual([]);
      expect(fs.existsSync(path.join(dataDir, 'outbox.sqlite'))).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('prints its usage on --help and exits 0, starting nothing', async () => {
    const { child, dataDir } = startCli(['--help']);
    expect((await child.exited).code).toBe(0);
    expect(child.stdout).toEqual([expect.stringMatching(/^usage: npm run start:browser -- \[--port N\]/)]);
    expect(child.stderr()).toBe('');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a bad --port with a message and a non-zero exit', async () => {
    const { child } = startCli(['--port', '70000']);
    expect((await child.exited).code).toBe(2);
    expect(child.stderr()).toMatch(/--port must be 0\.\.65535, got 70000\nusage: /);
    expect(child.stdout).toEqual([]);
  });
});
