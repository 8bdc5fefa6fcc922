import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxCluster, type SandboxCluster, type SandboxOptions } from '../../../electron/sandbox';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { assembleRecordBatch, encodeRecordBatch } from '../../../electron/kafka-wire/record-batch-encode';
import { buildRecordBatch, withSequence } from '../../support/record-batch-builder';
import { capturedFrame, RawKafkaClient, requestFrame, splitRequest } from '../../support/raw-kafka-client';
import { storedBatches } from '../../support/sandbox-log';

let cluster: SandboxCluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

async function start(opts: SandboxOptions = {}): Promise<SandboxCluster> {
  cluster = await startSandboxCluster({
    brokers: 3,
    topics: [{ name: 'user-data', partitions: 1, replicationFactor: 3 }],
    ...opts,
  });
  return cluster;
}

function produceBody(acks: number, batch: Buffer | null, topic = 'user-data', partition = 0): Buffer {
  return new KafkaWriter()
    .nullableString(null)
    .int16(acks)
    .int32(30_000)
    .array([topic], (w, t) => w.string(t).array([partition], (w2, p) => w2.int32(p).nullableBytes(batch)))
    .toBuffer();
}

function readProduceV7(r: KafkaReader) {
  const topics = r.array((x) => ({
    name: x.string(),
    partitions: x.array((y) => ({
      index: y.int32(),
      error: y.int16(),
      baseOffset: Number(y.int64()),
      logAppendTime: y.int64(),
      logStartOffset: y.int64(),
    })),
  }));
  r.int32();
  expect(r.remaining()).toBe(0);
  return topics[0].partitions[0];
}

async function leaderClient(c: SandboxCluster, topic = 'user-data', partition = 0): Promise<RawKafkaClient> {
  const leader = c.state.topics.get(topic)!.partitions[partition].leader;
  return RawKafkaClient.connect(c.bootstrapServers[leader - 1]);
}

async function produce(client: RawKafkaClient, acks: number, batch: Buffer | null, version = 7) {
  return readProduceV7(await client.request(0, version, produceBody(acks, batch)));
}

describe('Produce', () => {
  it("stores kafkajs's captured idempotent batch at offset 0 and answers its retry with the same offset, appending nothing", async () => {
    const c = await start();
    // The captured producer id is not known to this cluster yet; sequence 0 starts it.
    const frame = capturedFrame('kafkajs-key0-v7');
    const leader = await leaderClient(c);
    leader.send(frame);
    const first = new KafkaReader((await leader.next())!);
    expect(first.int32()).toBe(splitRequest(frame).correlationId);
    expect(readProduceV7(first)).toMatchObject({ error: KafkaError.NONE, baseOffset: 0 });
    leader.send(frame);
    const retry = new KafkaReader((await leader.next())!);
    retry.int32();
    expect(readProduceV7(retry)).toMatchObject({ error: KafkaError.NONE, baseOffset: 0 });
    expect(c.state.topics.get('user-data')!.partitions[0].log.nextOffset).toBe(1);
    leader.close();
  });

  it('assigns consecutive offsets and keeps the batch bytes intact apart from offset and epoch', async () => {
    const c = await start();
    const leader = await leaderClient(c);
    const a = buildRecordBatch([
      { key: 'C1', value: 'one' },
      { key: 'C1', value: 'two' },
    ]);
    const b = buildRecordBatch([{ key: 'C2', value: 'three' }]);
    expect(await produce(leader, 1, a)).toMatchObject({ error: 0, baseOffset: 0 });
    expect(await produce(leader, -1, b)).toMatchObject({ error: 0, baseOffset: 2 });
    const stored = storedBatches(c.state.topics.get('user-data')!.partitions[0].log);
    expect(stored.map((s) => s.baseOffset)).toEqual([0, 2]);
    expect(stored[1].bytes.subarray(16).equals(b.subarray(16))).toBe(true);
    leader.close();
  });

  it('gives OUT_OF_ORDER_SEQUENCE_NUMBER for a sequence gap and appends nothing', async () => {
    const c = await start();
    const leader = await leaderClient(c);
    const batch = buildRecordBatch([{ value: 'x' }], { producerId: 4242, producerEpoch: 0, baseSequence: 0 });
    expect(await produce(leader, -1, batch)).toMatchObject({ error: 0, baseOffset: 0 });
    expect(await produce(leader, -1, withSequence(batch, 5))).toMatchObject({
      error: KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER,
      baseOffset: -1,
    });
    expect(await produce(leader, -1, withSequence(batch, 1))).toMatchObject({ error: 0, baseOffset: 1 });
    leader.close();
  });

  it('sends no response at all for acks=0, and still stores the records', async () => {
    const c = await start();
    const leader = await leaderClient(c);
    leader.send(requestFrame(0, 7, 11, produceBody(0, buildRecordBatch([{ value: 'fire and forget' }]))));
    expect(await leader.next(300)).toBeNull();
    expect(leader.closed).toBe(false);
    expect(c.state.topics.get('user-data')!.partitions[0].log.nextOffset).toBe(1);
    leader.close();
  });

  it('closes the connection when an acks=0 produce fails, as Kafka does', async () => {
    const c = await start();
    const leader = await leaderClient(c);
    leader.send(requestFrame(0, 7, 12, produceBody(0, buildRecordBatch([{ value: 'x' }]), 'missing-topic')));
    await leader.closedPromise;
    expect(leader.closed).toBe(true);
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for a missing topic (no auto-creation)', async () => {
    const c = await start();
    const leader = await leaderClient(c);
    const r = await leader.request(0, 7, produceBody(1, buildRecordBatch([{ value: 'x' }]), 'user-data-typo'));
    expect(readProduceV7(r).error).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
    expect(c.state.topics.has('user-data-typo')).toBe(false);
    leader.close();
  });

  it('answers NOT_LEADER_OR_FOLLOWER on a follower', async () => {
    const c = await start();
    const leaderId = c.state.topics.get('user-data')!.partitions[0].leader;
    const follower = await RawKafkaClient.connect(c.bootstrapServers[leaderId % 3]);
    expect((await produce(follower, 1, buildRecordBatch([{ value: 'x' }]))).error).toBe(
      KafkaError.NOT_LEADER_OR_FOLLOWER,
    );
    follower.close();
  });

  it('answers NOT_ENOUGH_REPLICAS for acks=-1 while the ISR is below min.insync.replicas, but accepts acks=1', async () => {
    const c = await start({ minInsyncReplicas: 2 });
    const leaderId = c.state.topics.get('user-data')!.partitions[0].leader;
    for (const id of [1, 2, 3].filter((x) => x !== leaderId)) await c.stopBroker(id);
    const leader = await leaderClient(c);
    expect((await produce(leader, -1, buildRecordBatch([{ value: 'x' }]))).error).toBe(KafkaError.NOT_ENOUGH_REPLICAS);
    expect((await produce(leader, 1, buildRecordBatch([{ value: 'x' }]))).error).toBe(KafkaError.NONE);
    leader.close();
  });

  it('answers CORRUPT_MESSAGE for a wrong CRC and keeps the connection', async () => {
    const c = await start();
    const leader = await leaderClient(c);
    const bad = buildRecordBatch([{ value: 'x' }]);
    bad[bad.length - 1] ^= 1;
    expect((await produce(leader, 1, bad)).error).toBe(KafkaError.CORRUPT_MESSAGE);
    expect((await produce(leader, 1, buildRecordBatch([{ value: 'ok' }]))).error).toBe(KafkaError.NONE);
    leader.close();
  });

  it('refuses a gzip-flagged batch with garbage inside (correct CRC) with CORRUPT_MESSAGE, a snappy one with UNSUPPORTED_COMPRESSION_TYPE; neither takes an offset', async () => {
    const c = await start();
    const leader = await leaderClient(c);
    const garbage = assembleRecordBatch(Buffer.from('not gzip, but the CRC is right'), 1, {
      firstTimestamp: Date.now(),
      compression: 'gzip',
    });
    expect((await produce(leader, 1, garbage)).error).toBe(KafkaError.CORRUPT_MESSAGE);
    const snappy = assembleRecordBatch(Buffer.from('snappy-looking'), 1, {
      firstTimestamp: Date.now(),
      compression: 'snappy',
    });
    expect((await produce(leader, 1, snappy)).error).toBe(KafkaError.UNSUPPORTED_COMPRESSION_TYPE);
    const gzip = encodeRecordBatch([{ value: 'fine' }], { firstTimestamp: Date.now(), compression: 'gzip' });
    expect(await produce(leader, 1, gzip)).toMatchObject({ error: KafkaError.NONE, baseOffset: 0 });
    leader.close();
  });

  it('answers MESSAGE_TOO_LARGE above max.message.bytes', async () => {
    const c = await start({ messageMaxBytes: 1000 });
    const leader = await leaderClient(c);
    expect((await produce(leader, 1, buildRecordBatch([{ value: 'x'.repeat(2000) }]))).error).toBe(
      KafkaError.MESSAGE_TOO_LARGE,
    );
    leader.close();
  });

  it('answers INVALID_REQUIRED_ACKS for acks other than -1, 0, 1', async () => {
    const c = await start();
    const leader = await leaderClient(c);
    expect((await produce(leader, 2, buildRecordBatch([{ value: 'x' }]))).error).toBe(KafkaError.INVALID_REQUIRED_ACKS);
    leader.close();
  });

  it('closes the connection for a produce version it does not implement (v2: old message format)', async () => {
    const c = await start();
    const leader = await leaderClient(c);
    leader.send(requestFrame(0, 2, 1, Buffer.alloc(0)));
    await leader.closedPromise;
    expect(leader.closed).toBe(true);
  });
});
