// Without a data directory every stored batch is in memory, so the sandbox keeps all of its
// in-memory logs together under sandbox.log.memory.max.bytes, enforced like retention.bytes but
// across the whole cluster: when an append takes the total over the budget, whole segments are
// deleted, oldest first whichever partition holds them, and each deletion is logged (the log
// start offset moves, and a consumer behind it gets OFFSET_OUT_OF_RANGE, as after retention).
import type { PartitionLog } from './partition-log';

export class LogMemoryBudget {
  private used = 0;
  private readonly logs = new Set<PartitionLog>();

  constructor(readonly maxBytes: number) {}

  get usedBytes(): number {
    return this.used;
  }

  /** What a log reports through its `resized` event. */
  resized(delta: number): void {
    this.used += delta;
  }

  add(log: PartitionLog): void {
    this.logs.add(log);
  }

  remove(log: PartitionLog): void {
    this.logs.delete(log);
  }

  /** Deletes the oldest segments until the logs fit the budget again (called after appends). */
  enforce(): void {
    while (this.used > this.maxBytes) {
      let oldest: PartitionLog | null = null;
      for (const log of this.logs) {
        if (log.size === 0) continue;
        if (!oldest || log.oldestSegmentSeq < oldest.oldestSegmentSeq) oldest = log;
      }
      if (!oldest) return;
      const before = this.used;
      oldest.deleteOldestSegments(
        1,
        `sandbox.log.memory.max.bytes ${this.maxBytes}: the in-memory logs hold ${this.used} bytes`,
      );
      if (this.used >= before) return;
    }
  }
}
