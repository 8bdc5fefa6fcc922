// The tests' child processes do not outlive a failed test: stopAllChildren() (each file's
// afterEach, each fixture's finally) ends every program still running, with SIGKILL for one
// that ignores SIGTERM, and the program itself goes, not just a wrapper around it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnTsx, stopAllChildren } from '../../support/child-process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-child-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('test child processes', () => {
  it('stopAllChildren ends a server that ignores SIGTERM, with SIGKILL after the grace period', async () => {
    const stubborn = spawnTsx(
      script('stubborn.ts', "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);\n"),
      [],
    );
    const polite = spawnTsx(script('polite.ts', "console.log('up'); setInterval(() => {}, 1000);\n"), []);
    await stubborn.nextLine(/^up$/, 30_000);
    await polite.nextLine(/^up$/, 30_000);
    const pids = [stubborn.proc.pid!, polite.proc.pid!];
    const started = Date.now();
    await stopAllChildren(1000);
    expect(await stubborn.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await polite.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('the program runs as one process (no tsx wrapper whose death would orphan it)', async () => {
    const child = spawnTsx(script('pid.ts', 'console.log(process.pid); setInterval(() => {}, 1000);\n'), []);
    expect(Number(await child.nextLine(/^\d+$/, 30_000))).toBe(child.proc.pid);
    await child.stop('SIGKILL');
    expect(alive(child.proc.pid!)).toBe(false);
  });

  it('a wait for a line that never comes fails with what the program said, instead of hanging', async () => {
    const child = spawnTsx(script('quiet.ts', "console.error('no ready line from me'); process.exit(3);\n"), []);
    await expect(child.nextLine(/^ready /, 30_000)).rejects.toThrow(
      /exited \(3\) waiting for a line matching \/\^ready \/:\nstderr: no ready line from me/,
    );
  });
});
