// A second, independent client: kcat (librdkafka 2.0.2) sees the brokers, the controller and
// each partition's leader, replicas and ISR, and its idempotent producer (InitProducerId v1,
// since the sandbox advertises no flexible v2) stores records with a producer id.
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { runKcat, skipWithoutKcat } from '../../support/kcat';

const kcat = (args: string[], input?: string) => runKcat(args, { input, timeoutMs: 60_000 });
const hasKcat = !skipWithoutKcat('the kcat metadata tests');

interface KcatMetadata {
  controllerid: number;
  brokers: Array<{ id: number; name: string }>;
  topics: Array<{
    topic: string;
    error?: string;
    partitions: Array<{
      partition: number;
      leader: number;
      replicas: Array<{ id: number }>;
      isrs: Array<{ id: number }>;
    }>;
  }>;
}

describe.skipIf(!hasKcat)('kcat', () => {
  let target: TestCluster;
  let admin: Admin;
  let topic: string;
  let rf: number;

  beforeAll(async () => {
    target = await kafkaCluster();
    admin = target.kafka().admin();
    await admin.connect();
    rf = Math.min(3, (await admin.describeCluster()).brokers.length);
    topic = target.topic('kcat-orders');
    await target.createTopic(topic, { partitions: 3, replicationFactor: rf });
  });
  afterAll(async () => {
    await admin?.disconnect();
    await target?.close();
  });

  it('kcat -L -J shows every broker, the controller and each partition with leader, replicas and ISR', async () => {
    const res = await kcat(['-L', '-J', '-m', '10', '-b', target.brokers.join(','), '-t', topic]);
    expect(res.code, res.stderr).toBe(0);
    const meta = JSON.parse(res.stdout) as KcatMetadata;
    const cluster = await admin.describeCluster();
    expect(meta.brokers.map((b) => b.id).sort()).toEqual(cluster.brokers.map((b) => b.nodeId).sort());
    expect(meta.brokers.map((b) => b.id)).toContain(meta.controllerid);
    // A KRaft broker (and the sandbox, as it) names a random live broker in each Metadata
    // answer (clients send admin requests to any broker), so kcat and kafkajs may each hear a
    // different id; both are live brokers.
    expect(cluster.brokers.map((b) => b.nodeId)).toContain(cluster.controller);
    const t = meta.topics.find((x) => x.topic === topic)!;
    expect(t.error).toBeUndefined();
    expect(t.partitions.map((p) => p.partition).sort()).toEqual([0, 1, 2]);
    for (const p of t.partitions) {
      expect(p.replicas).toHaveLength(rf);
      expect(p.isrs).toHaveLength(rf);
      expect(p.replicas.map((r) => r.id)).toContain(p.leader);
    }
    if (target.sandbox) {
      expect(meta.brokers.map((b) => b.name)).toEqual(target.sandbox.bootstrapServers);
      expect(t.partitions.map((p) => p.leader).sort()).toEqual([1, 2, 3]); // round-robin leaders
    }
  });

  it('plain kcat -L names the controller and lists partitions with Isrs', async () => {
    const res = await kcat(['-L', '-m', '10', '-b', target.brokers[0], '-t', topic]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/\d+ brokers:/);
    expect(res.stdout).toMatch(/broker \d+ at \S+ \(controller\)/);
    expect(res.stdout).toMatch(new RegExp(`topic "${topic}" with 3 partitions:`));
    expect(res.stdout).toMatch(/partition 0, leader \d+, replicas: [\d,]+, isrs: [\d,]+/);
  });

  it('an idempotent kcat producer with acks=all stores 10,000 keyed records once each', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `key-${i}\tvalue ${i}`).join('\n') + '\n';
    const res = await kcat(
      [
        '-P',
        '-b',
        target.brokers.join(','),
        '-t',
        topic,
        '-K',
        '\t',
        '-X',
        'enable.idempotence=true',
        '-X',
        'acks=all',
        '-X',
        'linger.ms=5',
      ],
      lines,
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).not.toMatch(/ERROR|failed/i);
    if (target.sandbox) {
      const parts = target.sandbox.state.topics.get(topic)!.partitions;
      expect(parts.reduce((n, p) => n + p.log.nextOffset, 0)).toBe(10_000);
      for (const p of parts) {
        for (const b of p.log.batchesFrom()) {
          const h = b.header;
          expect(h.producerId).toBeGreaterThanOrEqual(0); // a producer id from InitProducerId
          expect(h.baseSequence).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });
});
