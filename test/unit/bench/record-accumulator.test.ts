import { describe, expect, it } from 'vitest';
import { RecordAccumulator } from '../../../electron/bench/record-accumulator';

const tick = () => new Promise((r) => setImmediate(r));

function harness(opts: { batchSizeBytes: number; lingerMs: number; maxInFlight?: number; bufferMemoryBytes?: number }) {
  const sent: Array<{ partition: number; sizes: number[]; resolve: () => void; reject: (e: Error) => void }> = [];
  const acc = new RecordAccumulator({
    partitions: [0, 1, 2],
    batchSizeBytes: opts.batchSizeBytes,
    lingerMs: opts.lingerMs,
    maxInFlight: opts.maxInFlight ?? 5,
    bufferMemoryBytes: opts.bufferMemoryBytes ?? 1 << 30,
    random: () => 0,
    sendBatch: (partition, values) =>
      new Promise<void>((resolve, reject) =>
        sent.push({ partition, sizes: values.map((v) => v.length), resolve, reject }),
      ),
  });
  return { acc, sent };
}

describe('RecordAccumulator (batch.size, linger.ms, sticky partitions)', () => {
  it('sends a batch as soon as it holds batch.size bytes, never more', () => {
    const { acc, sent } = harness({ batchSizeBytes: 3000, lingerMs: 1000 });
    for (let i = 0; i < 7; i++) acc.append(Buffer.alloc(1000), () => undefined);
    expect(sent.map((b) => b.sizes.length)).toEqual([3, 3]);
  });

  it('sticks to one partition per batch and moves to another one after each batch', () => {
    const { acc, sent } = harness({ batchSizeBytes: 2, lingerMs: 1000 });
    for (let i = 0; i < 6; i++) acc.append(Buffer.alloc(1), () => undefined);
    const parts = sent.map((b) => b.partition);
    expect(parts.length).toBe(3);
    for (let i = 1; i < parts.length; i++) expect(parts[i]).not.toBe(parts[i - 1]);
  });

  it('holds a partial batch for linger.ms, then sends it', async () => {
    const { acc, sent } = harness({ batchSizeBytes: 1 << 20, lingerMs: 30 });
    acc.append(Buffer.alloc(10), () => undefined);
    await new Promise((r) => setTimeout(r, 10));
    expect(sent.length).toBe(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(sent.length).toBe(1);
  });

  it('with linger 0 sends on the next turn of the event loop, and keeps filling while all send slots are busy', async () => {
    const { acc, sent } = harness({ batchSizeBytes: 1 << 20, lingerMs: 0, maxInFlight: 1 });
    acc.append(Buffer.alloc(1), () => undefined);
    expect(sent.length).toBe(0);
    await tick();
    expect(sent.length).toBe(1);
    for (let i = 0; i < 5; i++) acc.append(Buffer.alloc(1), () => undefined);
    await tick();
    expect(sent.length).toBe(1); // the only slot is busy
    sent[0].resolve();
    await tick();
    expect(sent.map((b) => b.sizes.length)).toEqual([1, 5]);
  });

  it('completes each record with its batch outcome, errors included', async () => {
    const { acc, sent } = harness({ batchSizeBytes: 2, lingerMs: 1000 });
    const outcomes: Array<string | null> = [];
    for (let i = 0; i < 4; i++) acc.append(Buffer.alloc(1), (e) => outcomes.push(e ? e.message : null));
    sent[0].resolve();
    sent[1].reject(new Error('NOT_ENOUGH_REPLICAS'));
    await acc.flush();
    expect(outcomes).toEqual([null, null, 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS']);
  });

  it('makes the sender wait while buffer.memory is full, and lets it go when space frees', async () => {
    const { acc, sent } = harness({ batchSizeBytes: 100, lingerMs: 1000, bufferMemoryBytes: 200 });
    expect(acc.append(Buffer.alloc(100), () => undefined)).toBeUndefined();
    const wait = acc.append(Buffer.alloc(100), () => undefined);
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void (wait as Promise<void>).then(() => (released = true));
    await tick();
    expect(released).toBe(false);
    sent[0].resolve();
    await tick();
    expect(released).toBe(true);
  });

  it('flush() sends what is open and resolves when everything is acknowledged', async () => {
    const { acc, sent } = harness({ batchSizeBytes: 1 << 20, lingerMs: 10_000 });
    acc.append(Buffer.alloc(5), () => undefined);
    let flushed = false;
    const f = acc.flush().then(() => (flushed = true));
    expect(sent.length).toBe(1);
    await tick();
    expect(flushed).toBe(false);
    sent[0].resolve();
    await f;
    expect(flushed).toBe(true);
  });
});
