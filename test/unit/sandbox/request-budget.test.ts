// What one connection may hold: requests are charged to queued.max.request.bytes from their size
// prefix until answered; a large request that cannot start stops its connection reading while
// small ones still go through; closing gives everything back; an incomplete request times out
// and an idle connection is closed.
import { describe, expect, it } from 'vitest';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { BufferBudget, SMALL_REQUEST_BYTES } from '../../../electron/sandbox/buffer-budget';
import { FrameClient, offlineCluster, requestFrame } from './frames-harness';

const LARGE = SMALL_REQUEST_BYTES + 100_000;

/** The size prefix of a LARGE frame and its first kilobyte. */
function startOfLargeFrame(): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(LARGE);
  return Buffer.concat([prefix, Buffer.alloc(1024)]);
}

describe('the request budget (queued.max.request.bytes)', () => {
  it('a large request that cannot start pauses its connection; small requests still go; closing releases the budget', async () => {
    const cluster = offlineCluster();
    const budget = new BufferBudget(LARGE);
    const a = new FrameClient(cluster, 1, 100 * 1024 * 1024, budget);
    const b = new FrameClient(cluster, 1, 100 * 1024 * 1024, budget);
    a.send(startOfLargeFrame());
    expect(budget.usedBytes).toBe(LARGE + 4);
    expect(a.socket.paused).toBe(false);
    b.send(startOfLargeFrame());
    expect(b.socket.paused).toBe(true); // waits for room, its bytes stay in the kernel
    expect(budget.usedBytes).toBe(LARGE + 4);

    const small = new FrameClient(cluster, 1, 100 * 1024 * 1024, budget);
    const r = await small.request(ApiKey.ApiVersions, 1, () => {});
    expect(r.int16()).toBe(KafkaError.NONE);
    expect(budget.usedBytes).toBe(LARGE + 4); // answered and released

    a.socket.destroy();
    expect(b.socket.paused).toBe(false);
    expect(budget.usedBytes).toBe(LARGE + 4); // now b's
    b.socket.destroy();
    expect(budget.usedBytes).toBe(0);
  });

  it('a whole request is charged until its answer is written, whatever the budget', async () => {
    const cluster = offlineCluster();
    const budget = new BufferBudget(10);
    const c = new FrameClient(cluster, 1, 100 * 1024 * 1024, budget);
    c.send(requestFrame(ApiKey.ApiVersions, 1, 1, () => {}));
    expect(budget.usedBytes).toBeGreaterThan(10);
    await c.settle();
    expect(c.responses()).toHaveLength(1);
    expect(budget.usedBytes).toBe(0);
  });
});

describe('connection timeouts', () => {
  const timeouts = { receiveTimeoutMs: 1000, idleMs: 5000 };

  it('closes a connection whose request stays incomplete past sandbox.request.receive.timeout.ms and releases its charge', () => {
    const cluster = offlineCluster();
    const budget = new BufferBudget(-1);
    const c = new FrameClient(cluster, 1, 100 * 1024 * 1024, budget);
    const t0 = Date.now();
    c.send(startOfLargeFrame());
    c.connection.checkTimeouts(t0 + 900, timeouts);
    expect(c.closed).toBe(false);
    c.connection.checkTimeouts(t0 + 60_000, timeouts);
    expect(c.closed).toBe(true);
    expect(budget.usedBytes).toBe(0);
  });

  it('a size prefix cut short counts as an incomplete request too', () => {
    const c = new FrameClient(offlineCluster());
    c.send(Buffer.from([0, 0]));
    c.connection.checkTimeouts(Date.now() + 2000, timeouts);
    expect(c.closed).toBe(true);
  });

  it('closes a connection idle for connections.max.idle.ms, not one that is in use', async () => {
    const cluster = offlineCluster();
    const idle = new FrameClient(cluster);
    const busy = new FrameClient(cluster);
    await busy.request(ApiKey.ApiVersions, 1, () => {});
    const now = Date.now();
    busy.connection.checkTimeouts(now + 4000, timeouts);
    idle.connection.checkTimeouts(now + 4000, timeouts);
    expect([idle.closed, busy.closed]).toEqual([false, false]);
    idle.connection.checkTimeouts(now + 6000, timeouts);
    expect(idle.closed).toBe(true);
    busy.connection.checkTimeouts(now + 6000, { ...timeouts, idleMs: -1 });
    expect(busy.closed).toBe(false);
  });
});
