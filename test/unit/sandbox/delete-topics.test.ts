// DeleteTopics v1-3 (v0 is gone from Kafka 4.x) on captured kafkajs frames and hand-built frames.
import { describe, expect, it } from 'vitest';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import type { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { FrameClient, kafkajsDecode, kafkajsRoundTrip, offlineCluster } from './frames-harness';
import { readRecordBatch } from '../../../electron/kafka-wire/record-batch-decode';
import { buildRecordBatch } from '../../support/record-batch-builder';

const topics = [
  { name: 'orders', partitions: 3, replicationFactor: 3 },
  { name: 'audit', partitions: 1, replicationFactor: 1 },
];

function readResults(r: KafkaReader, v: number): Array<{ name: string; error: number }> {
  if (v >= 1) expect(r.int32()).toBe(0); // throttle_time_ms
  const out = r.array((x) => ({ name: x.string(), error: x.int16() }));
  expect(r.remaining()).toBe(0);
  return out;
}

async function deleteRaw(client: FrameClient, v: number, names: string[]) {
  return readResults(
    await client.request(ApiKey.DeleteTopics, v, (w) => w.array(names, (w2, n) => w2.string(n)).int32(5000)),
    v,
  );
}

describe('DeleteTopics', () => {
  it("deletes the topic kafkajs's v1 request names and kafkajs decodes the answer", async () => {
    const cluster = offlineCluster({ topics });
    const body = await kafkajsRoundTrip(new FrameClient(cluster), 'deleteTopics/v1', {
      topics: ['orders'],
      timeout: 5000,
    });
    const { decoded, parse } = await kafkajsDecode('deleteTopics/v1', body);
    expect(decoded.topicErrors).toEqual([{ topic: 'orders', errorCode: 0 }]);
    await expect(parse()).resolves.toBeTruthy();
    expect(cluster.state.topics.has('orders')).toBe(false);
    expect(cluster.state.topics.has('audit')).toBe(true);
  });

  it.each([1, 2, 3])('v%i: unknown topic → UNKNOWN_TOPIC_OR_PARTITION, next to a topic that is deleted', async (v) => {
    const cluster = offlineCluster({ topics });
    expect(await deleteRaw(new FrameClient(cluster), v, ['nope', 'audit'])).toEqual([
      { name: 'nope', error: KafkaError.UNKNOWN_TOPIC_OR_PARTITION },
      { name: 'audit', error: KafkaError.NONE },
    ]);
    expect([...cluster.state.topics.keys()]).toEqual(['orders']);
  });

  it('any broker deletes, as Kafka 4.x brokers forward the request to the KRaft controller', async () => {
    const cluster = offlineCluster({ topics });
    const other = cluster.brokerIds.find((id) => id !== cluster.state.controllerId)!;
    expect(await deleteRaw(new FrameClient(cluster, other), 3, ['orders'])).toEqual([
      { name: 'orders', error: KafkaError.NONE },
    ]);
    expect(cluster.state.topics.has('orders')).toBe(false);
  });

  it('delete.topic.enable=false: v3 → TOPIC_DELETION_DISABLED (73); v1-2 → INVALID_REQUEST, as Kafka 4.4.0 answers older clients', async () => {
    const cluster = offlineCluster({ topics, deleteTopicEnable: false });
    const client = new FrameClient(cluster);
    expect(await deleteRaw(client, 3, ['orders'])).toEqual([{ name: 'orders', error: 73 }]);
    expect(await deleteRaw(client, 1, ['orders'])).toEqual([{ name: 'orders', error: KafkaError.INVALID_REQUEST }]);
    expect(cluster.state.topics.has('orders')).toBe(true);
  });

  it('a re-created topic starts again at offset 0', async () => {
    const cluster = offlineCluster({ topics });
    const part = cluster.state.topics.get('audit')!.partitions[0];
    part.log.append(readRecordBatch(buildRecordBatch([{ value: 'a' }, { value: 'b' }])), 0);
    expect(part.log.nextOffset).toBe(2);
    await deleteRaw(new FrameClient(cluster), 3, ['audit']);
    cluster.createTopic({ name: 'audit', partitions: 1, replicationFactor: 1 });
    expect(cluster.state.topics.get('audit')!.partitions[0].log.nextOffset).toBe(0);
  });

  it('a request cut short closes the connection; a new connection still deletes', async () => {
    const cluster = offlineCluster({ topics });
    const bad = new FrameClient(cluster);
    // one topic name announced with 10 bytes, only 3 sent, no timeout
    await expect(
      bad.request(ApiKey.DeleteTopics, 1, (w) => w.int32(1).int16(10).raw(Buffer.from('abc'))),
    ).rejects.toThrow(/no response/);
    expect(bad.closed).toBe(true);
    expect(await deleteRaw(new FrameClient(cluster), 1, ['orders'])).toEqual([{ name: 'orders', error: 0 }]);
  });
});
