// Every record of a topic, read with the app's raw partition reader (no consumer group, so no
// group join to wait for): what a test asserts did or did not reach a topic.
import { ClusterClient } from '../../electron/cluster/cluster-client';
import { clusterConfig } from '../../electron/cluster/cluster-config';
import { partitionLeader, readPartition } from '../../electron/cluster/partition-reader';

export interface TopicRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export async function topicRecords(brokers: string[], topic: string): Promise<TopicRecord[]> {
  const client = new ClusterClient(clusterConfig({ brokers }));
  try {
    const meta = await client.metadata([topic]);
    const t = meta.topics.find((x) => x.name === topic);
    const out: TopicRecord[] = [];
    for (const p of t?.partitions ?? []) {
      const ref = { topic, partition: p.partitionIndex };
      const leader = await partitionLeader(client, ref);
      if (!leader) throw new Error(`${topic}-${p.partitionIndex} has no leader`);
      await readPartition(client, leader, ref, 0, ({ records }) => {
        for (const r of records)
          out.push({
            partition: p.partitionIndex,
            offset: r.offset,
            key: r.key?.toString('utf8') ?? null,
            value: r.value?.toString('utf8') ?? null,
            headers: Object.fromEntries(r.headers.map((h) => [h.key, h.value?.toString('utf8') ?? ''])),
          });
      });
    }
    return out;
  } finally {
    client.close();
  }
}
