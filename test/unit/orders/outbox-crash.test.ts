import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { tempDir } from './temp-dir';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('outbox after a real crash (SIGKILL)', () => {
  it('keeps every saved order; the one being sent is waiting again, the delivered one stays delivered', async () => {
    const file = path.join(tempDir(), 'outbox.sqlite');
    const { stdout, signal } = await new Promise<{ stdout: string; signal: string | null }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', path.join(here, 'crash-writer.ts'), file, '20'], (err, out) =>
        resolve({ stdout: out, signal: (err as { signal?: string } | null)?.signal ?? null }),
      );
    });
    expect(signal).toBe('SIGKILL');
    const ids = JSON.parse(stdout.trim()) as string[];
    expect(ids).toHaveLength(20);
    const outbox = OutboxStore.open(file);
    try {
      expect(outbox.recoveredFromSending).toBe(1);
      const byId = new Map(outbox.recent(100).map((r) => [r.order.orderId, r]));
      expect([...byId.keys()].sort()).toEqual([...ids].sort());
      expect(byId.get(ids[0])).toMatchObject({ state: 'delivered', partition: 0, offset: '0' });
      expect(byId.get(ids[1])).toMatchObject({ state: 'saved', attempts: 1 });
      expect(outbox.countWaiting()).toBe(19);
      expect(outbox.candidates(100).map((r) => r.order.orderId)).toEqual(ids.slice(1));
    } finally {
      outbox.close();
    }
  });
});
