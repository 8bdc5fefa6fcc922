// The headline kcat test: kcat -P produces 10,000 keyed messages with acks=all and
// kcat -C reads exactly those back (sandbox, or a real cluster with KAFKA_BROKERS).
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { runKcat, skipWithoutKcat } from '../../support/kcat';

const kcatMissing = skipWithoutKcat('the kcat round trip');

const external = process.env.KAFKA_BROKERS ? process.env.KAFKA_BROKERS.split(',').filter(Boolean) : null;

let cluster: SandboxCluster | null = null;
let brokers: string[] = [];


describe.skipIf(kcatMissing)('kcat round trip', () => {
  beforeAll(async () => {
    brokers = external ?? [];
    if (!external) {
      cluster = await startSandboxCluster({ brokers: 3, port: 0, minInsyncReplicas: 2 });
      brokers = cluster.bootstrapServers;
    }
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it('kcat -P -X acks=all produces 10,000 keyed messages and kcat -C reads exactly those back', async () => {
    const topic = `kcat-roundtrip-${randomUUID().slice(0, 8)}`;
    const kafka = new Kafka({ brokers, clientId: 'kcat-roundtrip-test', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });

    const lines = Array.from({ length: 10_000 }, (_, i) => `order-${i}\t{"order":${i},"qty":${i % 7},"memo":"배송 ${i}"}`);
    const produced = await runKcat(['-P', '-b', brokers.join(','), '-t', topic, '-K', '\t', '-X', 'acks=all'], { input: `${lines.join('\n')}\n` });
    expect(produced.code, produced.stderr).toBe(0);

    const ends = await admin.fetchTopicOffsets(topic);
    expect(ends.reduce((n, e) => n + Number(e.high), 0)).toBe(10_000);
    await admin.disconnect();

    const consumed = await runKcat(['-C', '-b', brokers.join(','), '-t', topic, '-e', '-o', 'beginning', '-f', '%k\t%s\n']);
    expect(consumed.code, consumed.stderr).toBe(0);
    const got = consumed.stdout.split('\n').filter(Boolean);
    expect(got).toHaveLength(10_000);
    expect([...got].sort()).toEqual([...lines].sort());
  });
});
