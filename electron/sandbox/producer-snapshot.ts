// Producer state snapshots, as Kafka keeps them (`<offset, 20 digits>.snapshot`): the producer
// table as it was at that offset. One is written when a segment rolls and one when the sandbox
// closes, so a restart reads the newest and replays only the batches after it (none after a
// clean close) instead of every batch header in the log. The two newest are kept.
import fs from 'node:fs';
import path from 'node:path';
import type { ProducerSnapshotEntry } from './producer-state';

const SNAPSHOT = /^(\d{20})\.snapshot$/;
const KEEP = 2;

interface SnapshotFile {
  version: 1;
  offset: number;
  producers: ProducerSnapshotEntry[];
}

const fileFor = (dir: string, offset: number) => path.join(dir, `${String(offset).padStart(20, '0')}.snapshot`);

function snapshotOffsets(dir: string): number[] {
  return fs
    .readdirSync(dir)
    .map((f) => SNAPSHOT.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

function isEntry(e: unknown): e is ProducerSnapshotEntry {
  const x = e as ProducerSnapshotEntry;
  return (
    typeof x === 'object' &&
    x !== null &&
    Number.isSafeInteger(x.producerId) &&
    Number.isInteger(x.epoch) &&
    typeof x.lastTimestamp === 'number' &&
    Array.isArray(x.batches) &&
    x.batches.every(
      (b) => Number.isInteger(b?.firstSeq) && Number.isInteger(b?.lastSeq) && Number.isSafeInteger(b?.baseOffset),
    )
  );
}

export function writeProducerSnapshot(dir: string, offset: number, producers: ProducerSnapshotEntry[]): void {
  const file = fileFor(dir, offset);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ version: 1, offset, producers } satisfies SnapshotFile));
  fs.renameSync(tmp, file);
  const offsets = snapshotOffsets(dir);
  for (const old of offsets.slice(0, Math.max(0, offsets.length - KEEP))) fs.rmSync(fileFor(dir, old), { force: true });
}

/** The newest readable snapshot taken at or below `atMost` (the log end offset); null when there is none. */
export function readProducerSnapshot(
  dir: string,
  atMost: number,
): { offset: number; producers: ProducerSnapshotEntry[] } | null {
  for (const offset of snapshotOffsets(dir).reverse()) {
    if (offset > atMost) continue;
    try {
      const s = JSON.parse(fs.readFileSync(fileFor(dir, offset), 'utf8')) as SnapshotFile;
      if (s.version === 1 && s.offset === offset && Array.isArray(s.producers) && s.producers.every(isEntry))
        return { offset, producers: s.producers };
    } catch {
      // a torn snapshot: try an older one
    }
  }
  return null;
}

/** Snapshots past the log's end (its tail was cut on recovery) describe batches that are gone. */
export function deleteProducerSnapshotsAbove(dir: string, offset: number): void {
  for (const o of snapshotOffsets(dir)) if (o > offset) fs.rmSync(fileFor(dir, o), { force: true });
}
