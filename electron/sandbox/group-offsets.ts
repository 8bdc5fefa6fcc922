// Committed consumer-group offsets, per group and partition. With a data directory they are
// written through ClusterStore (group-offsets.json) on every commit, so a restarted cluster
// hands a new consumer the offsets the old one committed.
import type { ClusterStore } from './cluster-store';

export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: number;
  leaderEpoch: number;
  metadata: string | null;
  commitTimestamp: number;
}

interface StoredGroupOffsets {
  version: 1;
  groups: Record<string, CommittedOffset[]>;
}

const key = (topic: string, partition: number) => `${topic}\0${partition}`;

/** A hand-edited or torn file must not take the coordinator down: entries that do not fit are skipped. */
function isCommittedOffset(o: unknown): o is CommittedOffset {
  const c = o as CommittedOffset;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.topic === 'string' &&
    Number.isInteger(c.partition) &&
    Number.isSafeInteger(c.offset) &&
    Number.isInteger(c.leaderEpoch) &&
    (c.metadata === null || typeof c.metadata === 'string') &&
    typeof c.commitTimestamp === 'number'
  );
}

export class GroupOffsets {
  private readonly byGroup = new Map<string, Map<string, CommittedOffset>>();

  constructor(private readonly store: ClusterStore | null) {
    const saved = store?.loadGroupOffsets<StoredGroupOffsets>();
    if (saved?.version === 1 && saved.groups && typeof saved.groups === 'object') {
      for (const [group, offsets] of Object.entries(saved.groups)) {
        if (!Array.isArray(offsets)) continue;
        const m = new Map<string, CommittedOffset>();
        for (const o of offsets) if (isCommittedOffset(o)) m.set(key(o.topic, o.partition), o);
        this.byGroup.set(group, m);
      }
    }
  }

  groupIds(): string[] {
    return [...this.byGroup.keys()];
  }

  has(groupId: string): boolean {
    return (this.byGroup.get(groupId)?.size ?? 0) > 0;
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.byGroup.get(groupId)?.get(key(topic, partition));
  }

  /** Every committed offset of a group, in topic then partition order. */
  all(groupId: string): CommittedOffset[] {
    return [...(this.byGroup.get(groupId)?.values() ?? [])].sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition,
    );
  }

  /** A deleted topic's offsets go with it, as Kafka drops them, so a re-created topic starts clean. */
  forgetTopic(topic: string): void {
    let changed = false;
    for (const [group, m] of this.byGroup) {
      for (const [k, o] of m) {
        if (o.topic !== topic) continue;
        m.delete(k);
        changed = true;
      }
      if (m.size === 0) this.byGroup.delete(group);
    }
    if (changed) this.persist();
  }

  /** Stores one request's commits together, then persists once. */
  commit(groupId: string, offsets: CommittedOffset[]): void {
    if (offsets.length === 0) return;
    let m = this.byGroup.get(groupId);
    if (!m) {
      m = new Map();
      this.byGroup.set(groupId, m);
    }
    for (const o of offsets) m.set(key(o.topic, o.partition), o);
    this.persist();
  }

  private persist(): void {
    if (!this.store) return;
    const groups: Record<string, CommittedOffset[]> = {};
    for (const [g, m] of this.byGroup) groups[g] = [...m.values()];
    this.store.saveGroupOffsets({ version: 1, groups } satisfies StoredGroupOffsets);
  }
}
