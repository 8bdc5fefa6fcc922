// `npm run start:browser` as a tester runs it: one stdout line, the page and the contract on
// 127.0.0.1, the outbox in ORDER_DESK_DATA_DIR, a clean exit on SIGINT and on SIGTERM.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs: string[] = [];
const running: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  // A test that failed before its own kill must not leave browser mode running (tsx passes SIGTERM on).
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function startCli(args: string[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-cli-'));
  dirs.push(dataDir);
  const proc = spawn(path.join(projectDir, 'node_modules/.bin/tsx'), ['electron/browser-mode/cli.ts', ...args], {
    cwd: projectDir,
    env: { ...process.env, ORDER_DESK_DATA_DIR: dataDir },
  });
  running.push(proc);
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d) => (stdout += d));
  proc.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', () => {
      const line = stdout.split('\n').find((l) => l.startsWith('ready '));
      if (line) resolve(line.slice('ready '.length));
    });
    void exit.then((code) => reject(new Error(`exited ${code} before ready:\n${stderr}`)));
  });
  ready.catch(() => {}); // awaited by the tests that expect it; the others check the exit instead
  return { proc, dataDir, ready, exit, out: () => stdout, err: () => stderr };
}

describe('browser mode CLI', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('prints one ready line, serves the app and exits 0 on %s', async (signal) => {
    const cli = startCli(['--port', '0']);
    const url = await cli.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const { port } = new URL(url);
    const token = new URL(url).searchParams.get('token');
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
    const reply = await new Promise<unknown>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'app:info' })));
      // Events (the services connecting to their cluster) may come first; wait for the answer.
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { type: string; id?: number };
        if (m.type === 'response' && m.id === 1) resolve(m);
      });
      ws.on('error', reject);
    });
    expect(reply).toMatchObject({ type: 'response', id: 1, result: { ok: true, value: { mode: 'browser', dataDir: cli.dataDir } } });
    ws.close();

    cli.proc.kill(signal);
    expect(await cli.exit).toBe(0);
    expect(cli.out().trim().split('\n')).toHaveLength(1);
    expect(fs.readdirSync(cli.dataDir).length).toBeGreaterThan(0);
  });

  it('refuses a bad --port with a message and a non-zero exit', async () => {
    const cli = startCli(['--port', '70000']);
    expect(await cli.exit).toBe(2);
    expect(cli.err()).toMatch(/--port must be 0\.\.65535, got 70000\nusage: /);
    expect(cli.out()).toBe('');
  });
});
