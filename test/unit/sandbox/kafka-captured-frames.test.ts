// The sandbox against the very requests the app's raw clients sent to a real Apache Kafka
// 4.4.0 broker (test/fixtures/capture-kafka-responses.ts), in the same order: each answer is
// decoded with the same wire module at the same version (exactly, nothing left over), written
// back byte for byte, and compared with what Kafka answered. The wire module's own test
// (test/unit/kafka-wire/captured-frames.test.ts) decodes the same files.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeResponseFrame } from '../../../electron/kafka-wire/api';
import { ApiVersions } from '../../../electron/kafka-wire/apis/api-versions';
import type { CreateTopics } from '../../../electron/kafka-wire/apis/create-topics';
import { ConfigResourceType, type DescribeConfigs } from '../../../electron/kafka-wire/apis/describe-configs';
import type { Fetch } from '../../../electron/kafka-wire/apis/fetch';
import { fetchedRecords } from '../../../electron/kafka-wire/apis/fetch';
import type { ListOffsets } from '../../../electron/kafka-wire/apis/list-offsets';
import type { Metadata } from '../../../electron/kafka-wire/apis/metadata';
import type { Produce } from '../../../electron/kafka-wire/apis/produce';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { decodeRecordBatch, splitRecordBatches } from '../../../electron/kafka-wire/record-batch-decode';
import { decodeRequestFrame, decodeResponseFrame, kafka440Pair } from '../../support/captured-frames';
import { API_TABLE } from '../../../electron/sandbox/api-table';
import { apiVersionRanges } from '../../../electron/sandbox/connection';
import { FrameClient, offlineCluster } from './frames-harness';

type Res<A> = A extends { decodeResponse(...args: never[]): infer R } ? R : never;

const TOPIC = 'capture-orders-2';
/** The capture's order: the topic is created, written to, then read. */
const SEQUENCE = [
  'apiversions-v0',
  'apiversions-v3',
  'createtopics-v3',
  'produce-v3',
  'produce-v8',
  'metadata-v1',
  'metadata-v5-all',
  'metadata-v5-missing',
  'metadata-v8',
  'metadata-v12',
  'listoffsets-v1',
  'fetch-v4',
  'fetch-v11',
  'describeconfigs-v1',
];

interface Exchange {
  version: number;
  kafka: unknown;
  sandbox: unknown;
}
const answers = new Map<string, Exchange>();

beforeAll(async () => {
  // One broker with id 1, like the Kafka node the frames were captured from.
  const client = new FrameClient(offlineCluster({ brokers: 1 }), 1);
  for (const label of SEQUENCE) {
    const { request, response } = kafka440Pair(label);
    const req = decodeRequestFrame(request);
    const before = client.responses().length;
    client.send(request);
    await client.settle();
    const frames = client.socket.written.length ? Buffer.concat(client.socket.written) : Buffer.alloc(0);
    expect(client.responses().length, `${label}: no answer (closed: ${client.closed})`).toBe(before + 1);
    // The last whole frame written is this answer.
    let pos = 0;
    let last = Buffer.alloc(0);
    while (pos + 4 <= frames.length) {
      const size = frames.readInt32BE(pos);
      last = frames.subarray(pos, pos + 4 + size);
      pos += 4 + size;
    }
    // The sandbox answers ApiVersions v3 the way Kafka answers a version it does not know: v0 layout.
    const version = label === 'apiversions-v3' ? 0 : req.version;
    const sandbox = decodeResponseFrame(last, req.api, version);
    expect(sandbox.left, `${label}: bytes left`).toBe(0);
    expect(sandbox.correlationId).toBe(req.header.correlationId);
    expect(
      Buffer.concat(encodeResponseFrame(req.api, version, sandbox.correlationId, sandbox.body)).toString('hex'),
      `${label}: written back`,
    ).toBe(last.toString('hex'));
    answers.set(label, {
      version: req.version,
      kafka: decodeResponseFrame(response, req.api, req.version).body,
      sandbox: sandbox.body,
    });
  }
});

const pair = <A>(label: string) => answers.get(label) as { version: number; kafka: Res<A>; sandbox: Res<A> };

describe('the sandbox answering the requests Kafka 4.4.0 answered', () => {
  it("ApiVersions: v0 lists the sandbox's table; v3 (flexible) gets UNSUPPORTED_VERSION in the v0 layout", () => {
    const v0 = pair<typeof ApiVersions>('apiversions-v0');
    expect(v0.sandbox.errorCode).toBe(KafkaError.NONE);
    // Exactly its dispatch table (which versions the app sends is test/unit/cluster/request-versions.test.ts).
    expect(v0.sandbox.apiKeys).toEqual(apiVersionRanges(API_TABLE));
    const v3 = pair<typeof ApiVersions>('apiversions-v3');
    expect(v3.kafka.errorCode).toBe(KafkaError.NONE);
    expect(v3.sandbox.errorCode).toBe(KafkaError.UNSUPPORTED_VERSION);
  });

  it('CreateTopics v3 and Produce v3/v8: the same answers', () => {
    const created = pair<typeof CreateTopics>('createtopics-v3');
    expect(created.sandbox).toEqual(created.kafka);
    for (const label of ['produce-v3', 'produce-v8']) {
      const p = pair<typeof Produce>(label);
      expect(p.sandbox, label).toEqual(p.kafka);
    }
  });

  it('Metadata v1/v5/v8/v12: the same topics, partitions, leaders, replicas and errors; an id where Kafka gives one', () => {
    for (const label of ['metadata-v1', 'metadata-v5-all', 'metadata-v5-missing', 'metadata-v8', 'metadata-v12']) {
      const m = pair<typeof Metadata>(label);
      const shape = (r: Res<typeof Metadata>) => ({
        brokers: r.brokers.map((b) => b.nodeId),
        hasClusterId: r.clusterId !== null,
        controllerId: r.controllerId,
        // Kafka's node also holds the first capture's topic; compare the ones asked about.
        topics: r.topics
          .filter((t) => t.name === TOPIC || t.name === 'no-such-topic')
          .map((t) => ({
            ...t,
            // Ids are random per topic creation: compare that there is one, and its form.
            ...('topicId' in t ? { topicId: t.topicId ? /^[A-Za-z0-9_-]{22}$/.test(t.topicId) : null } : {}),
            partitions: t.partitions.map((p) => ({ ...p, leaderEpoch: p.leaderEpoch >= 0 })),
          })),
      });
      expect(shape(m.sandbox), label).toEqual(shape(m.kafka));
    }
  });

  it('ListOffsets v1: the same offsets for a time and for the latest', () => {
    const o = pair<typeof ListOffsets>('listoffsets-v1');
    expect(o.sandbox).toEqual(o.kafka);
  });

  it('Fetch v4/v11: the same records, offsets and watermarks', () => {
    for (const label of ['fetch-v4', 'fetch-v11']) {
      const f = pair<typeof Fetch>(label);
      const view = (r: Res<typeof Fetch>) =>
        r.responses[0].partitions.map((p) => ({
          ...p,
          records: splitRecordBatches(fetchedRecords(p)!).map((b) =>
            decodeRecordBatch(b.bytes).records.map((x) => ({
              ...x,
              key: x.key?.toString(),
              value: x.value?.toString(),
              headers: x.headers.map((h) => `${h.key}=${h.value}`),
            })),
          ),
        }));
      expect(view(f.sandbox), label).toEqual(view(f.kafka));
      expect(f.sandbox.errorCode).toBe(f.kafka.errorCode);
    }
  });

  it('DescribeConfigs v1: the broker answers for itself with the keys asked for; the topic has its max.message.bytes', () => {
    const d = pair<typeof DescribeConfigs>('describeconfigs-v1');
    const shape = (r: Res<typeof DescribeConfigs>) =>
      r.results.map((x) => ({
        errorCode: x.errorCode,
        resourceType: x.resourceType,
        resourceName: x.resourceName,
        keys: x.configs.map((c) => c.name).sort(),
      }));
    expect(shape(d.sandbox)).toEqual(shape(d.kafka));
    const topic = d.sandbox.results.find((r) => r.resourceType === ConfigResourceType.TOPIC);
    expect(topic?.configs.find((c) => c.name === 'max.message.bytes')?.value).toMatch(/^\d+$/);
  });
});
