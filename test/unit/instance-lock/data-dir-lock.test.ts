// One instance per data directory: the second is refused with who holds it; a holder that was
// killed (SIGKILL, no chance to clean up) leaves nothing that blocks the next start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirInUseError, HOLDER_FILE } from '../../../electron/instance-lock/data-dir-lock';
import { spawnTsx, stopAllChildren } from '../../support/child-process';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-lock-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  await stopAllChildren();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('refuses a second holder, naming the first, until the first releases it', () => {
    const dir = tempDir();
    const first = acquireDataDirLock(dir, { mode: 'browser' });
    let refused: unknown;
    try {
      acquireDataDirLock(dir, { mode: 'browser', waitMs: 50 });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as DataDirInUseError).code).toBe('instance.running');
    expect((refused as DataDirInUseError).holder).toMatchObject({ pid: process.pid, mode: 'browser' });
    expect((refused as Error).message).toContain(dir);

    first.release();
    expect(fs.existsSync(path.join(dir, HOLDER_FILE))).toBe(false);
    acquireDataDirLock(dir, { mode: 'browser', waitMs: 0 }).release();
  });

  it('is free again as soon as a holder is killed with SIGKILL', async () => {
    const dir = tempDir();
    const holder = spawnTsx('test/support/hold-data-dir-lock.ts', [dir]);
    await holder.nextLine(/^locked$/);
    expect(() => acquireDataDirLock(dir, { mode: 'browser', waitMs: 0 })).toThrow(DataDirInUseError);

    holder.proc.kill('SIGKILL');
    await holder.exited;
    // The holder's note is still there (it could not clean up); it does not matter.
    expect(fs.existsSync(path.join(dir, HOLDER_FILE))).toBe(true);
    acquireDataDirLock(dir, { mode: 'browser', waitMs: 0 }).release();
  });

  it('waits for an instance that is still closing', async () => {
    const dir = tempDir();
    const holder = spawnTsx('test/support/hold-data-dir-lock.ts', [dir, '500']);
    await holder.nextLine(/^locked$/);
    // This start blocks while it waits, so the holder ends itself.
    acquireDataDirLock(dir, { mode: 'browser', waitMs: 5_000 }).release();
  });
});
