// Which old segments retention deletes, by Kafka's rules (UnifiedLog.deleteOldSegments), when
// the topic's cleanup.policy includes delete: from the oldest segment on, while
// - retention.bytes: the log is larger than retention.bytes by at least the whole segment, or
// - retention.ms: the segment's largest record timestamp is older than retention.ms,
// never an empty last segment. When every segment goes, the log first rolls a new empty active
// segment (partition-log.ts), so the log start offset becomes the log end offset.

export interface RetainedSegment {
  size: number;
  /** Largest record timestamp (-1 when the segment is empty). */
  maxTimestamp: number;
}

export interface RetentionSettings {
  retentionMs: number;
  retentionBytes: number;
  deleteEnabled: boolean;
}

/** How many segments from the start retention.bytes deletes. */
export function segmentsOverSize(segments: readonly RetainedSegment[], retentionBytes: number): number {
  if (retentionBytes < 0) return 0;
  const total = segments.reduce((n, s) => n + s.size, 0);
  if (total < retentionBytes) return 0;
  let excess = total - retentionBytes;
  return countWhile(segments, (s) => {
    if (excess - s.size < 0) return false;
    excess -= s.size;
    return true;
  });
}

/** How many segments from the start retention.ms deletes at `now`. */
export function segmentsOverAge(segments: readonly RetainedSegment[], retentionMs: number, now: number): number {
  if (retentionMs < 0) return 0;
  return countWhile(segments, (s) => now - s.maxTimestamp > retentionMs);
}

function countWhile(segments: readonly RetainedSegment[], deletable: (s: RetainedSegment) => boolean): number {
  let n = 0;
  for (const [i, s] of segments.entries()) {
    const lastAndEmpty = i === segments.length - 1 && s.size === 0;
    if (lastAndEmpty || !deletable(s)) break;
    n++;
  }
  return n;
}
