// The wire module against frames real clients and a real broker exchanged, in both directions:
// - requests kafkajs 2.2.4 and kcat (librdkafka 2.0.2) sent (test/fixtures/capture-frames.ts),
// - requests the app's raw clients send and what Apache Kafka 4.4.0 answered
//   (test/fixtures/capture-kafka-responses.ts).
// Each is decoded exactly (no byte left over) and written back byte for byte. The sandbox's
// test (test/unit/sandbox/kafka-captured-frames.test.ts) and the cluster client's
// (test/unit/cluster/raw-connection.test.ts) use the same files.
import { describe, expect, it } from 'vitest';
import { encodeRequestFrame, encodeResponseFrame } from '../../../electron/kafka-wire/api';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { ApiVersions } from '../../../electron/kafka-wire/apis/api-versions';
import { ConfigResourceType, DescribeConfigs } from '../../../electron/kafka-wire/apis/describe-configs';
import { Fetch, fetchedRecords, type FetchRequest } from '../../../electron/kafka-wire/apis/fetch';
import { ListOffsets } from '../../../electron/kafka-wire/apis/list-offsets';
import { Metadata } from '../../../electron/kafka-wire/apis/metadata';
import { Produce, type ProduceRequest } from '../../../electron/kafka-wire/apis/produce';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { decodeRecordBatch, splitRecordBatches } from '../../../electron/kafka-wire/record-batch-decode';
import {
  decodeRequestFrame,
  decodeResponseFrame,
  frameFile,
  kafka440Labels,
  kafka440Pair,
} from '../../support/captured-frames';

const CLIENT_FRAMES = [
  'kafkajs-key0-v7',
  'kafkajs-key18-v2',
  'kafkajs-key22-v1',
  'kafkajs-key3-v6',
  'kcat-key18-v0',
  'kcat-key18-v3',
  'kcat-key3-v4',
];

/** Decodes a request frame and writes it back: the bytes must come out the same. */
function roundTripRequest(frame: Buffer) {
  const d = decodeRequestFrame(frame);
  expect(d.left).toBe(0);
  const again = Buffer.concat(encodeRequestFrame(d.api, d.version, d.header.correlationId, d.header.clientId, d.body));
  expect(again.toString('hex')).toBe(frame.toString('hex'));
  return d;
}

function kafkaAnswer(label: string) {
  const { request, response } = kafka440Pair(label);
  const req = roundTripRequest(request);
  const res = decodeResponseFrame(response, req.api, req.version);
  expect(res.left).toBe(0);
  expect(res.correlationId).toBe(req.header.correlationId);
  expect(Buffer.concat(encodeResponseFrame(req.api, req.version, res.correlationId, res.body)).toString('hex')).toBe(
    response.toString('hex'),
  );
  return { req, res: res.body };
}

describe('requests kafkajs and kcat sent', () => {
  it.each(CLIENT_FRAMES)('%s decodes exactly and is written back byte for byte', (name) => {
    roundTripRequest(frameFile(name));
  });

  it('reads what they asked for', () => {
    // kafkajs's first Metadata asks for every topic (null), never creating one.
    expect(decodeRequestFrame(frameFile('kafkajs-key3-v6')).body).toMatchObject({
      topics: null,
      allowAutoTopicCreation: false,
    });
    expect(decodeRequestFrame(frameFile('kcat-key18-v3')).body).toMatchObject({ clientSoftwareName: 'librdkafka' });
    const produce = decodeRequestFrame(frameFile('kafkajs-key0-v7')).body as ProduceRequest;
    expect(produce).toMatchObject({
      transactionalId: null,
      acks: -1,
      topicData: [{ name: 'user-data', partitionData: [{ index: 0 }] }],
    });
    const { records } = decodeRecordBatch(produce.topicData[0].partitionData[0].records!);
    expect(records.map((r) => r.key?.toString())).toEqual(['C-1001']);
  });
});

describe('Apache Kafka 4.4.0 answering the requests the app sends', () => {
  it.each(kafka440Labels())('%s: request and response decode exactly and are written back byte for byte', (label) => {
    kafkaAnswer(label);
  });

  it("ApiVersions: v0 and v3 list the same ranges; v3 keeps the broker's feature tags", () => {
    const v0 = kafkaAnswer('apiversions-v0').res as ReturnType<typeof ApiVersions.decodeResponse>;
    const v3 = kafkaAnswer('apiversions-v3').res as ReturnType<typeof ApiVersions.decodeResponse>;
    expect(v0.errorCode).toBe(KafkaError.NONE);
    expect(v3.apiKeys).toEqual(v0.apiKeys);
    const range = (key: number) => v0.apiKeys.find((k) => k.apiKey === key);
    expect(range(ApiKey.Metadata)).toEqual({ apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 13 });
    expect(range(ApiKey.Fetch)?.minVersion).toBe(4);
    expect(range(ApiKey.Produce)?.minVersion).toBe(0);
    expect(v3.taggedFields?.length).toBeGreaterThan(0);
  });

  it('Metadata: the topic with its partitions, a missing topic with its own error, cluster id from v2', () => {
    const v1 = kafkaAnswer('metadata-v1').res as ReturnType<typeof Metadata.decodeResponse>;
    expect(v1.clusterId).toBeNull();
    const all = kafkaAnswer('metadata-v5-all').res as ReturnType<typeof Metadata.decodeResponse>;
    expect(all.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(all.brokers).toEqual([expect.objectContaining({ nodeId: 1, host: '127.0.0.1', rack: null })]);
    const topic = all.topics.find((t) => t.name === 'capture-orders-2');
    expect(
      topic?.partitions.map((p) => [p.partitionIndex, p.leaderId, p.replicaNodes, p.isrNodes, p.offlineReplicas]),
    ).toEqual([
      [0, 1, [1], [1], []],
      [1, 1, [1], [1], []],
    ]);
    const missing = kafkaAnswer('metadata-v5-missing').res as ReturnType<typeof Metadata.decodeResponse>;
    expect(missing.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['capture-orders-2', KafkaError.NONE],
      ['no-such-topic', KafkaError.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    const v8 = kafkaAnswer('metadata-v8').res as ReturnType<typeof Metadata.decodeResponse>;
    expect(v8.topics[0].partitions[0].leaderEpoch).toBeGreaterThanOrEqual(0);
  });

  it('Metadata v12 (flexible): the topic with its id, a missing topic with the zero id read as none', () => {
    // Hand-checked against MetadataResponse.json: compact strings and arrays, a tagged-field
    // count after every structure, the 16-byte topic id after the name, no cluster authorized
    // operations after v10.
    const v12 = kafkaAnswer('metadata-v12');
    expect(v12.req.header.apiVersion).toBe(12);
    const res = v12.res as ReturnType<typeof Metadata.decodeResponse>;
    expect(res.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: expect.any(Number), rack: null }]);
    expect(res.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(res.topics.map((t) => [t.name, t.errorCode, t.topicId])).toEqual([
      ['capture-orders-2', KafkaError.NONE, 'E4h2qNF3SYq2jnivziqwQA'],
      ['no-such-topic', KafkaError.UNKNOWN_TOPIC_OR_PARTITION, null],
    ]);
    expect(res.topics[0].partitions.map((p) => [p.partitionIndex, p.leaderId, p.replicaNodes, p.isrNodes])).toEqual([
      [0, 1, [1], [1]],
      [1, 1, [1], [1]],
    ]);
    // Before v10 an answer has no id to give.
    const v5 = kafkaAnswer('metadata-v5-missing').res as ReturnType<typeof Metadata.decodeResponse>;
    expect(v5.topics[0].topicId).toBeUndefined();
  });

  it('Produce, ListOffsets and Fetch: what was written is read back, record by record', () => {
    const produced = kafkaAnswer('produce-v3');
    expect(
      (produced.res as ReturnType<typeof Produce.decodeResponse>).responses[0].partitionResponses[0],
    ).toMatchObject({ errorCode: 0, baseOffset: 0 });
    const sentBatch = (produced.req.body as ProduceRequest).topicData[0].partitionData[0].records!;
    const sent = decodeRecordBatch(sentBatch);

    const offsets = kafkaAnswer('listoffsets-v1').res as ReturnType<typeof ListOffsets.decodeResponse>;
    const p0 = offsets.topics[0].partitions.find((p) => p.partitionIndex === 0);
    // Asked for firstTimestamp + 5: the second record, which carries exactly that timestamp.
    expect(p0).toMatchObject({ errorCode: 0, offset: 1, timestamp: sent.header.firstTimestamp + 5 });

    for (const label of ['fetch-v4', 'fetch-v11']) {
      const { req, res } = kafkaAnswer(label);
      const fetched = res as ReturnType<typeof Fetch.decodeResponse>;
      expect((req.body as FetchRequest).topics[0].partitions.map((p) => p.fetchOffset)).toEqual([0, 0]);
      const [part0, part1] = fetched.responses[0].partitions;
      expect(part0).toMatchObject({ errorCode: 0, highWatermark: 3, lastStableOffset: 3 });
      const batches = splitRecordBatches(fetchedRecords(part0)!);
      expect(batches).toHaveLength(1);
      const got = decodeRecordBatch(batches[0].bytes).records;
      const view = (rs: typeof got) =>
        rs.map((r) => ({
          o: r.offset,
          t: r.timestamp,
          k: r.key?.toString() ?? null,
          v: r.value?.toString(),
          h: r.headers.map((h) => `${h.key}=${h.value}`),
        }));
      expect(view(got)).toEqual(view(sent.records));
      // The gzip batch sent with Produce v8 to partition 1.
      const second = decodeRecordBatch(splitRecordBatches(fetchedRecords(part1)!)[0].bytes);
      expect(second.header.compression).toBe(1);
      expect(second.records.map((r) => [r.key?.toString(), r.value?.toString()])).toEqual([
        ['C-2001', 'second partition'],
      ]);
    }
  });

  it('DescribeConfigs v1: a broker answers for itself, the topic with its effective values', () => {
    const { res } = kafkaAnswer('describeconfigs-v1');
    const results = (res as ReturnType<typeof DescribeConfigs.decodeResponse>).results;
    const broker = results.find((r) => r.resourceType === ConfigResourceType.BROKER);
    expect(broker?.errorCode).toBe(KafkaError.NONE);
    expect(new Map(broker?.configs.map((c) => [c.name, c.value]))).toEqual(
      new Map([
        ['auto.create.topics.enable', 'false'],
        ['min.insync.replicas', '1'],
      ]),
    );
    const topic = results.find((r) => r.resourceType === ConfigResourceType.TOPIC);
    expect(topic?.configs.find((c) => c.name === 'max.message.bytes')?.value).toMatch(/^\d+$/);
  });
});
