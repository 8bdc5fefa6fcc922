// A partition's log in segments, in memory and on disk alike: reads by offset and by timestamp
// through the indexes, rolling, retention deleting whole segments and moving the log start
// offset, and (on disk) reopening from the indexes and the producer snapshot instead of the log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeRecordBatch, readRecordBatch } from '../../../electron/kafka-wire/record-batch-decode';
import { encodeRecordBatch } from '../../../electron/kafka-wire/record-batch-encode';
import { FdCache } from '../../../electron/sandbox/fd-cache';
import type { LogSettings } from '../../../electron/sandbox/log-settings';
import { PartitionLog } from '../../../electron/sandbox/partition-log';
import { storedBatches } from '../../support/sandbox-log';

const MiB = 1024 * 1024;
const DAY = 86_400_000;
const T0 = 1_700_000_000_000;

const settings = (over: Partial<LogSettings> = {}): LogSettings => ({
  segmentBytes: MiB,
  segmentMs: 7 * DAY,
  indexIntervalBytes: 4096,
  retentionMs: -1,
  retentionBytes: -1,
  deleteEnabled: true,
  producerIdExpirationMs: DAY,
  ...over,
});

/** A batch of `count` records of `size` bytes, timestamps from `timestamp` 1 ms apart. */
function batch(count: number, size: number, timestamp: number, producer?: { id: number; seq: number }) {
  const records = Array.from({ length: count }, (_, i) => ({
    key: `k${i}`,
    value: Buffer.alloc(size, 97 + (i % 26)),
    timestampDelta: i,
  }));
  return readRecordBatch(
    encodeRecordBatch(records, {
      firstTimestamp: timestamp,
      producerId: producer?.id,
      producerEpoch: producer ? 0 : undefined,
      baseSequence: producer?.seq,
    }),
  );
}

const dirs: string[] = [];
const fdCaches: FdCache[] = [];
afterEach(() => {
  for (const f of fdCaches.splice(0)) f.closeAll();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-log-'));
  dirs.push(d);
  return d;
}

const lines: string[] = [];
function openLog(where: 'memory' | 'disk', over: Partial<LogSettings> = {}, dir?: string): PartitionLog {
  if (where === 'memory') return new PartitionLog('t-0', null, settings(over), { log: (l) => lines.push(l) });
  const fds = new FdCache(8);
  fdCaches.push(fds);
  return new PartitionLog('t-0', { dir: dir ?? tempDir(), fds }, settings(over), { log: (l) => lines.push(l) });
}

describe.each(['memory', 'disk'] as const)('a partition log (%s)', (where) => {
  it('rolls at segment.bytes and finds every offset through the sparse offset index', () => {
    const log = openLog(where);
    for (let i = 0; i < 300; i++) log.append(batch(10, 1000, T0 + i * 10), 0);
    expect(log.nextOffset).toBe(3000);
    expect(log.segments.length).toBeGreaterThanOrEqual(3);
    for (const s of log.segments) expect(s.size).toBeLessThanOrEqual(MiB);
    // sparse: about one entry per 4 KB of log, not one per batch
    const active = log.segments[log.segments.length - 1];
    expect(active.offsetIndex.entries).toBeGreaterThan(active.size / (2 * 4096 + 11_000));
    expect(active.offsetIndex.entries).toBeLessThan(active.size / 4096 + 1);
    for (const offset of [0, 9, 10, 1234, 1999, 2000, 2995, 2999]) {
      const [first] = log.read(offset, 1);
      const { header } = decodeRecordBatch(first);
      expect(header.baseOffset).toBeLessThanOrEqual(offset);
      expect(header.baseOffset + header.lastOffsetDelta).toBeGreaterThanOrEqual(offset);
    }
    expect(log.read(3000, MiB)).toEqual([]);
  });

  it('a read stays within maxBytes in whole batches, and returns a larger first batch whole only when asked to', () => {
    const log = openLog(where);
    for (let i = 0; i < 5; i++) log.append(batch(1, 3000, T0), 0);
    const two = log.read(0, 7000);
    expect(Buffer.concat(two).length).toBeLessThanOrEqual(7000);
    expect(
      Buffer.concat(two).equals(
        Buffer.concat(
          storedBatches(log)
            .slice(0, 2)
            .map((b) => b.bytes),
        ),
      ),
    ).toBe(true);
    expect(Buffer.concat(log.read(1, 100, true)).length).toBeGreaterThan(3000);
    expect(log.read(1, 100, false)).toEqual([]);
  });

  it('rolls when segment.ms has passed since the first batch of the segment', () => {
    const log = openLog(where, { segmentMs: 60_000 });
    log.append(batch(1, 10, T0), 0);
    log.append(batch(1, 10, T0 + 60_000), 0);
    expect(log.segments).toHaveLength(1);
    log.append(batch(1, 10, T0 + 60_001), 0);
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 2]);
  });

  it('finds the first record at or after a timestamp through the time index, in any segment', () => {
    const log = openLog(where, { indexIntervalBytes: 0 });
    for (let i = 0; i < 200; i++) log.append(batch(5, 2000, T0 + i * 100), 0);
    expect(log.segments.length).toBeGreaterThan(1);
    const all = storedBatches(log).flatMap((b) =>
      decodeRecordBatch(b.bytes).records.map((r) => ({ offset: r.offset, timestamp: r.timestamp })),
    );
    for (const ts of [T0 - 5, T0, T0 + 3, T0 + 4, T0 + 5, T0 + 7_777, T0 + 12_345, T0 + 19_904]) {
      const expected = all.find((r) => r.timestamp >= ts)!;
      expect(log.offsetForTimestamp(ts)).toMatchObject({ offset: expected.offset, timestamp: expected.timestamp });
    }
    expect(log.offsetForTimestamp(T0 + 19_905)).toBeNull();
  });

  it('retention.bytes deletes whole segments from the oldest and moves the log start offset', () => {
    const log = openLog(where, { retentionBytes: 2 * MiB });
    for (let i = 0; i < 450; i++) log.append(batch(10, 1000, T0 + i), 0);
    const before = log.segments.length;
    expect(log.size).toBeGreaterThan(4 * MiB);
    expect(log.applyRetention(T0 + 1000)).toBe(before - 3);
    expect(log.size).toBeLessThanOrEqual(3 * MiB);
    expect(log.logStartOffset).toBe(log.segments[0].baseOffset);
    expect(log.logStartOffset).toBeGreaterThan(0);
    expect(storedBatches(log)[0].baseOffset).toBe(log.logStartOffset);
    expect(lines.at(-1)).toMatch(
      /t-0: deleted \d+ segment\(s\), offsets 0-\d+ \(\d+ bytes; retention.bytes 2097152\); log start offset \d+/,
    );
  });

  it('retention.ms deletes segments whose newest record is too old; when all expired, the active one is rolled first', () => {
    const log = openLog(where, { retentionMs: DAY });
    for (let i = 0; i < 150; i++) log.append(batch(10, 1000, T0), 0);
    for (let i = 0; i < 150; i++) log.append(batch(10, 1000, T0 + DAY), 0);
    const old = log.segments.filter((s) => s.maxTimestamp < T0 + DAY).length;
    expect(old).toBeGreaterThan(0);
    log.applyRetention(T0 + DAY + 100);
    // only the segments holding nothing newer than a day went
    expect(log.segments[0].maxTimestamp).toBeGreaterThanOrEqual(T0 + DAY);
    expect(log.logStartOffset).toBe(log.segments[0].baseOffset);
    expect(log.logStartOffset).toBeGreaterThan(0);
    expect(log.logStartOffset).toBeLessThanOrEqual(1500);
    log.applyRetention(T0 + 3 * DAY);
    expect(log.segments).toHaveLength(1);
    expect(log.logStartOffset).toBe(3000);
    expect(log.nextOffset).toBe(3000);
    expect(log.read(3000, MiB)).toEqual([]);
    log.append(batch(1, 10, T0 + 3 * DAY), 0);
    expect(storedBatches(log).map((b) => b.baseOffset)).toEqual([3000]);
  });

  it('keeps everything with cleanup.policy=compact (no delete) whatever retention says', () => {
    const log = openLog(where, { retentionMs: 1, retentionBytes: 0, deleteEnabled: false });
    for (let i = 0; i < 150; i++) log.append(batch(10, 1000, T0), 0);
    expect(log.applyRetention(T0 + DAY)).toBe(0);
    expect(log.logStartOffset).toBe(0);
  });
});

describe('a partition log on disk', () => {
  it('lays out segments as Kafka does: <base offset>.log, .index, .timeindex, and a producer snapshot per roll', () => {
    const dir = tempDir();
    const log = openLog('disk', {}, dir);
    for (let i = 0; i < 150; i++) log.append(batch(10, 1000, T0 + i), 0, T0);
    const files = fs.readdirSync(dir).sort();
    const second = String(log.segments[1].baseOffset).padStart(20, '0');
    expect(files).toEqual(
      expect.arrayContaining([
        '00000000000000000000.log',
        '00000000000000000000.index',
        '00000000000000000000.timeindex',
        `${second}.log`,
        `${second}.snapshot`,
      ]),
    );
    log.applyRetention(T0);
    expect(fs.readdirSync(dir)).toContain('00000000000000000000.log');
  });

  it('an empty partition makes no directory and no files until its first record (thousands of empty partitions cost no disk work)', () => {
    const dir = path.join(tempDir(), 'p0');
    const log = openLog('disk', {}, dir);
    log.close();
    expect(fs.existsSync(dir)).toBe(false);
    const again = openLog('disk', {}, dir);
    expect(again.nextOffset).toBe(0);
    again.append(batch(1, 10, T0), 0);
    expect(fs.readdirSync(dir)).toContain('00000000000000000000.log');
    again.close();
    expect(openLog('disk', {}, dir).nextOffset).toBe(1);
  });

  it('reopens from its indexes and the producer snapshot: the bytes read are a small part of the log, and every record reads back', () => {
    const dir = tempDir();
    const log = openLog('disk', {}, dir);
    for (let i = 0; i < 2000; i++) {
      const b = batch(4, 1000, T0 + i, { id: 7, seq: i * 4 });
      log.producers.record(b, log.append(b, 0).baseOffset);
    }
    const before = Buffer.concat(storedBatches(log).map((b) => b.bytes));
    log.close();
    expect(log.size).toBeGreaterThan(7 * MiB);

    let bytesRead = 0;
    const readSync = fs.readSync;
    vi.spyOn(fs, 'readSync').mockImplementation((...args: Parameters<typeof fs.readSync>) => {
      const n = readSync(...args);
      bytesRead += n;
      return n;
    });
    const readFileSync = fs.readFileSync;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((...args: Parameters<typeof fs.readFileSync>) => {
      const out = readFileSync(...args);
      bytesRead += out.length;
      return out;
    }) as typeof fs.readFileSync);
    const reopened = openLog('disk', {}, dir);
    expect(bytesRead).toBeLessThan(200_000);
    vi.restoreAllMocks();

    expect(reopened.nextOffset).toBe(8000);
    expect(Buffer.concat(storedBatches(reopened).map((b) => b.bytes)).equals(before)).toBe(true);
    // the retried last batch is recognised from the snapshot
    expect(reopened.producers.check(batch(4, 1000, T0, { id: 7, seq: 7996 }))).toEqual({
      kind: 'duplicate',
      baseOffset: 7996,
    });
    expect(reopened.producers.check(batch(4, 1000, T0, { id: 7, seq: 8000 }))).toEqual({ kind: 'append' });
  });

  it('after a crash (no snapshot at the end) replays only the batches after the last snapshot', () => {
    const dir = tempDir();
    const log = openLog('disk', {}, dir);
    for (let i = 0; i < 300; i++) {
      const b = batch(4, 1000, T0 + i, { id: 9, seq: i * 4 });
      const { baseOffset } = log.append(b, 0);
      log.producers.record(b, baseOffset);
    }
    // no close(): the process died. Snapshots exist only from the rolls.
    const snapshots = fs.readdirSync(dir).filter((f) => f.endsWith('.snapshot'));
    expect(snapshots.length).toBeGreaterThan(0);
    const reopened = openLog('disk', {}, dir);
    expect(reopened.producers.check(batch(4, 1000, T0, { id: 9, seq: 1196 }))).toEqual({
      kind: 'duplicate',
      baseOffset: 1196,
    });
    expect(reopened.producers.check(batch(4, 1000, T0, { id: 9, seq: 1200 }))).toEqual({ kind: 'append' });
  });

  it('recovery cuts a torn or damaged tail and rebuilds a lost index; the batches before it are kept', () => {
    const dir = tempDir();
    const log = openLog('disk', { segmentBytes: 64 * MiB }, dir);
    for (let i = 0; i < 100; i++) log.append(batch(2, 1000, T0 + i), 0);
    log.close();
    const file = path.join(dir, '00000000000000000000.log');
    const size = fs.statSync(file).size;
    const last = storedBatches(openLog('disk', {}, dir)).at(-1)!;
    // damage a byte inside the last batch (its CRC no longer matches) and add a torn write after it
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from([0xee]), 0, 1, size - 5);
    fs.closeSync(fd);
    fs.appendFileSync(file, Buffer.from([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]));
    fs.rmSync(path.join(dir, '00000000000000000000.index'));
    const reopened = openLog('disk', {}, dir);
    expect(reopened.nextOffset).toBe(198);
    expect(fs.statSync(file).size).toBe(size - last.bytes.length);
    expect(lines.at(-1)).toMatch(/recovered segment 0: cut \d+ bytes at \d+: the batch at \d+ fails its CRC/);
    expect(reopened.segments[0].offsetIndex.entries).toBeGreaterThan(10);
    const [first] = reopened.read(150, 1);
    expect(decodeRecordBatch(first).header.baseOffset).toBe(150);
  });

  it('damage in the very batch the last index entry points at is cut, and the offsets before it are known again', () => {
    const dir = tempDir();
    const log = openLog('disk', { indexIntervalBytes: 0 }, dir);
    for (let i = 0; i < 50; i++) log.append(batch(2, 500, T0 + i), 0);
    log.close();
    const file = path.join(dir, '00000000000000000000.log');
    const last = storedBatches(openLog('disk', {}, dir)).at(-1)!;
    expect(openLog('disk', {}, dir).segments[0].offsetIndex.last()!.offset).toBe(99);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from([0xee]), 0, 1, fs.statSync(file).size - 3);
    fs.closeSync(fd);
    const reopened = openLog('disk', {}, dir);
    expect(reopened.nextOffset).toBe(98);
    expect(fs.statSync(file).size).toBe(storedBatches(reopened).reduce((n, b) => n + b.bytes.length, 0));
    expect(storedBatches(reopened).at(-1)!.baseOffset).toBe(last.baseOffset - 2);
  });

  it('a rolled segment whose time index is lost is rebuilt from its batches, so retention.ms still sees its newest record', () => {
    const dir = tempDir();
    const log = openLog('disk', {}, dir);
    for (let i = 0; i < 150; i++) log.append(batch(10, 1000, T0 + i * 1000), 0);
    const firstMax = log.segments[0].maxTimestamp;
    log.close();
    fs.rmSync(path.join(dir, '00000000000000000000.timeindex'));
    const reopened = openLog('disk', { retentionMs: DAY }, dir);
    expect(reopened.segments[0].maxTimestamp).toBe(firstMax);
    expect(reopened.applyRetention(firstMax + DAY)).toBe(0);
    expect(reopened.applyRetention(firstMax + DAY + 1)).toBe(1);
  });

  it('keeps at most the file descriptors its cache allows, however many segments it has', () => {
    const dir = tempDir();
    const fds = new FdCache(4);
    fdCaches.push(fds);
    const log = new PartitionLog('t-0', { dir, fds }, settings(), { log: () => {} });
    for (let i = 0; i < 600; i++) log.append(batch(10, 1000, T0 + i), 0);
    expect(log.segments.length).toBeGreaterThan(5);
    for (let o = 0; o < 6000; o += 997) expect(log.read(o, 1)).toHaveLength(1);
    expect(fds.size).toBeLessThanOrEqual(4);
  });
});
