// The headline kcat test: kcat -P produces 10,000 keyed messages with acks=all and
// kcat -C reads exactly those back (the cluster under test: KAFKA_TARGET, or KAFKA_BROKERS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { runKcat, skipWithoutKcat } from '../../support/kcat';

const kcatMissing = skipWithoutKcat('the kcat round trip');

let cluster: TestCluster;
let brokers: string[] = [];

describe.skipIf(kcatMissing)('kcat round trip', () => {
  beforeAll(async () => {
    cluster = await kafkaCluster();
    brokers = cluster.brokers;
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it('kcat -P -X acks=all produces 10,000 keyed messages and kcat -C reads exactly those back', async () => {
    const topic = cluster.topic('kcat-roundtrip');
    await cluster.createTopic(topic, { partitions: 3, replicationFactor: 3 });
    const admin = cluster.kafka({ clientId: 'kcat-roundtrip-test' }).admin();
    await admin.connect();

    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `order-${i}\t{"order":${i},"qty":${i % 7},"memo":"배송 ${i}"}`,
    );
    const produced = await runKcat(['-P', '-b', brokers.join(','), '-t', topic, '-K', '\t', '-X', 'acks=all'], {
      input: `${lines.join('\n')}\n`,
    });
    expect(produced.code, produced.stderr).toBe(0);

    const ends = await admin.fetchTopicOffsets(topic);
    expect(ends.reduce((n, e) => n + Number(e.high), 0)).toBe(10_000);
    await admin.disconnect();

    const consumed = await runKcat([
      '-C',
      '-b',
      brokers.join(','),
      '-t',
      topic,
      '-e',
      '-o',
      'beginning',
      '-f',
      '%k\t%s\n',
    ]);
    expect(consumed.code, consumed.stderr).toBe(0);
    const got = consumed.stdout.split('\n').filter(Boolean);
    expect(got).toHaveLength(10_000);
    expect([...got].sort()).toEqual([...lines].sort());
  });
});
