// Every API module, every version it knows, both directions: what one side encodes the other
// decodes to the same fields, and encoding that again gives the same bytes. Captured frames
// (captured-frames.test.ts) pin the bytes to what real clients and brokers send; this pins the
// versions nobody captured.
import { describe, expect, it } from 'vitest';
import type { KafkaApi } from '../../../electron/kafka-wire/api';
import { API_MODULES } from '../../../electron/kafka-wire/api-modules';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { encodeRecordBatch } from '../../../electron/kafka-wire/record-batch-encode';

const batch = encodeRecordBatch([{ key: 'k', value: 'v', headers: { h: '1' } }], { firstTimestamp: 1_700_000_000_000 });
const bytes = Buffer.from([1, 2, 3]);

/** A request and a response for each API, with every field of every version set to something other than its default. */
const SAMPLES: Record<number, { request: unknown; response: unknown }> = {
  [ApiKey.ApiVersions]: {
    request: { clientSoftwareName: 'order-desk', clientSoftwareVersion: '0.1.0' },
    response: {
      errorCode: 0,
      apiKeys: [{ apiKey: 3, minVersion: 0, maxVersion: 13 }],
      throttleTimeMs: 7,
      taggedFields: [{ tag: 1, data: bytes }],
    },
  },
  [ApiKey.DescribeQuorum]: {
    request: { topics: [{ topicName: '__cluster_metadata', partitions: [0] }] },
    response: {
      errorCode: 0,
      topics: [
        {
          topicName: '__cluster_metadata',
          partitions: [
            {
              partitionIndex: 0,
              errorCode: 0,
              leaderId: 2,
              leaderEpoch: 5,
              highWatermark: 1234n,
              currentVoters: [
                { replicaId: 1, logEndOffset: 1234n },
                { replicaId: 2, logEndOffset: -1n },
              ],
              observers: [{ replicaId: 4, logEndOffset: 1200n }],
            },
          ],
        },
      ],
    },
  },
  [ApiKey.Metadata]: {
    request: {
      topics: ['a', 'b'],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: true,
      includeTopicAuthorizedOperations: true,
    },
    response: {
      throttleTimeMs: 7,
      brokers: [{ nodeId: 1, host: 'h', port: 9092, rack: 'r1' }],
      clusterId: 'c',
      controllerId: 1,
      topics: [
        {
          errorCode: 0,
          name: 'a',
          isInternal: true,
          partitions: [
            {
              errorCode: 5,
              partitionIndex: 0,
              leaderId: -1,
              leaderEpoch: 3,
              replicaNodes: [1, 2],
              isrNodes: [1],
              offlineReplicas: [2],
            },
          ],
          topicAuthorizedOperations: 8,
        },
      ],
      clusterAuthorizedOperations: 9,
    },
  },
  [ApiKey.Produce]: {
    request: {
      transactionalId: null,
      acks: -1,
      timeoutMs: 30_000,
      topicData: [{ name: 't', partitionData: [{ index: 2, records: batch }] }],
    },
    response: {
      responses: [
        {
          name: 't',
          partitionResponses: [
            {
              index: 2,
              errorCode: 19,
              baseOffset: -1,
              logAppendTimeMs: -1,
              logStartOffset: 4,
              recordErrors: [{ batchIndex: 0, batchIndexErrorMessage: 'x' }],
              errorMessage: 'm',
            },
          ],
        },
      ],
      throttleTimeMs: 7,
    },
  },
  [ApiKey.Fetch]: {
    request: {
      replicaId: -1,
      maxWaitMs: 500,
      minBytes: 1,
      maxBytes: 1 << 20,
      isolationLevel: 1,
      sessionId: 5,
      sessionEpoch: 2,
      topics: [
        {
          topic: 't',
          partitions: [
            { partition: 0, currentLeaderEpoch: 4, fetchOffset: 10, logStartOffset: 3, partitionMaxBytes: 1 << 16 },
          ],
        },
      ],
      forgottenTopicsData: [{ topic: 'old', partitions: [1] }],
      rackId: 'rack-a',
    },
    response: {
      throttleTimeMs: 7,
      errorCode: 0,
      sessionId: 5,
      responses: [
        {
          topic: 't',
          partitions: [
            {
              partitionIndex: 0,
              errorCode: 0,
              highWatermark: 11,
              lastStableOffset: 11,
              logStartOffset: 3,
              abortedTransactions: [{ producerId: 9, firstOffset: 4 }],
              preferredReadReplica: 2,
              records: batch,
            },
          ],
        },
      ],
    },
  },
  [ApiKey.ListOffsets]: {
    request: {
      replicaId: -1,
      isolationLevel: 1,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, currentLeaderEpoch: 4, timestamp: 1_700_000_000_000 }] }],
    },
    response: {
      throttleTimeMs: 7,
      topics: [
        {
          name: 't',
          partitions: [{ partitionIndex: 0, errorCode: 0, timestamp: 1_700_000_000_001, offset: 42, leaderEpoch: 4 }],
        },
      ],
    },
  },
  [ApiKey.OffsetCommit]: {
    request: {
      groupId: 'g',
      generationId: 3,
      memberId: 'm',
      groupInstanceId: 'i',
      retentionTimeMs: 1000,
      topics: [
        {
          name: 't',
          partitions: [{ partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: 2, committedMetadata: 'md' }],
        },
      ],
    },
    response: { throttleTimeMs: 7, topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 22 }] }] },
  },
  [ApiKey.OffsetFetch]: {
    request: { groupId: 'g', topics: [{ name: 't', partitionIndexes: [0, 1] }] },
    response: {
      throttleTimeMs: 7,
      topics: [
        {
          name: 't',
          partitions: [
            { partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: 2, metadata: null, errorCode: 0 },
          ],
        },
      ],
      errorCode: 16,
    },
  },
  [ApiKey.FindCoordinator]: {
    request: { key: 'g', keyType: 0 },
    response: { throttleTimeMs: 7, errorCode: 0, errorMessage: 'none', nodeId: 2, host: 'h', port: 9093 },
  },
  [ApiKey.JoinGroup]: {
    request: {
      groupId: 'g',
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 30_000,
      memberId: '',
      groupInstanceId: 'i',
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: bytes }],
    },
    response: {
      throttleTimeMs: 7,
      errorCode: 0,
      generationId: 1,
      protocolName: 'range',
      leader: 'm1',
      memberId: 'm1',
      members: [{ memberId: 'm1', groupInstanceId: 'i', metadata: bytes }],
    },
  },
  [ApiKey.Heartbeat]: {
    request: { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: 'i' },
    response: { throttleTimeMs: 7, errorCode: 27 },
  },
  [ApiKey.LeaveGroup]: {
    request: { groupId: 'g', members: [{ memberId: 'm', groupInstanceId: null }] },
    response: { throttleTimeMs: 7, errorCode: 0, members: [{ memberId: 'm', groupInstanceId: null, errorCode: 25 }] },
  },
  [ApiKey.SyncGroup]: {
    request: {
      groupId: 'g',
      generationId: 1,
      memberId: 'm',
      groupInstanceId: 'i',
      assignments: [{ memberId: 'm', assignment: bytes }],
    },
    response: { throttleTimeMs: 7, errorCode: 0, assignment: bytes },
  },
  [ApiKey.DescribeGroups]: {
    request: { groups: ['g'], includeAuthorizedOperations: true },
    response: {
      throttleTimeMs: 7,
      groups: [
        {
          errorCode: 0,
          groupId: 'g',
          groupState: 'Stable',
          protocolType: 'consumer',
          protocolData: 'range',
          members: [
            {
              memberId: 'm',
              groupInstanceId: 'i',
              clientId: 'c',
              clientHost: '/1.2.3.4',
              memberMetadata: bytes,
              memberAssignment: bytes,
            },
          ],
          authorizedOperations: 5,
        },
      ],
    },
  },
  [ApiKey.ListGroups]: {
    request: {},
    response: { throttleTimeMs: 7, errorCode: 0, groups: [{ groupId: 'g', protocolType: 'consumer' }] },
  },
  [ApiKey.SaslHandshake]: {
    request: { mechanism: 'PLAIN' },
    response: { errorCode: 0, mechanisms: ['PLAIN', 'SCRAM-SHA-256'] },
  },
  [ApiKey.SaslAuthenticate]: {
    request: { authBytes: bytes },
    response: { errorCode: 58, errorMessage: 'no', authBytes: Buffer.alloc(0), sessionLifetimeMs: 3_600_000 },
  },
  [ApiKey.CreateTopics]: {
    request: {
      topics: [
        {
          name: 't',
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [{ partitionIndex: 0, brokerIds: [3] }],
          configs: [{ name: 'retention.ms', value: '1000' }],
        },
      ],
      timeoutMs: 10_000,
      validateOnly: true,
    },
    response: { throttleTimeMs: 7, topics: [{ name: 't', errorCode: 36, errorMessage: 'exists' }] },
  },
  [ApiKey.DeleteTopics]: {
    request: { topicNames: ['t'], timeoutMs: 10_000 },
    response: { throttleTimeMs: 7, responses: [{ name: 't', errorCode: 73 }] },
  },
  [ApiKey.InitProducerId]: {
    request: { transactionalId: null, transactionTimeoutMs: 60_000 },
    response: { throttleTimeMs: 7, errorCode: 0, producerId: 1000, producerEpoch: 0 },
  },
  [ApiKey.DescribeConfigs]: {
    request: {
      resources: [
        { resourceType: 4, resourceName: '1', configurationKeys: ['a'] },
        { resourceType: 2, resourceName: 't', configurationKeys: null },
      ],
      includeSynonyms: true,
    },
    response: {
      throttleTimeMs: 7,
      results: [
        {
          errorCode: 0,
          errorMessage: null,
          resourceType: 2,
          resourceName: 't',
          configs: [
            {
              name: 'min.insync.replicas',
              value: '2',
              readOnly: false,
              configSource: 5,
              isSensitive: false,
              synonyms: [{ name: 'min.insync.replicas', value: '2', source: 5 }],
            },
          ],
        },
      ],
    },
  },
};

function roundTrip(
  api: KafkaApi<unknown, unknown>,
  v: number,
  direction: 'request' | 'response',
  sample: unknown,
): void {
  const encode = direction === 'request' ? api.encodeRequest : api.encodeResponse;
  const decode = direction === 'request' ? api.decodeRequest : api.decodeResponse;
  const first = new KafkaWriter();
  encode(first, v, sample);
  const bytes1 = first.toBuffer();
  const r = new KafkaReader(bytes1);
  const decoded = decode(r, v);
  expect(r.remaining(), `${api.name} v${v} ${direction}: bytes left`).toBe(0);
  const second = new KafkaWriter();
  encode(second, v, decoded);
  expect(second.toBuffer().toString('hex'), `${api.name} v${v} ${direction}`).toBe(bytes1.toString('hex'));
}

describe('every API module, every version, both directions', () => {
  it('has a sample for every module', () => {
    expect([...API_MODULES.keys()].sort((a, b) => a - b)).toEqual(
      Object.keys(SAMPLES)
        .map(Number)
        .sort((a, b) => a - b),
    );
  });

  for (const api of API_MODULES.values()) {
    it(`${api.name} v${api.minVersion}-${api.maxVersion}`, () => {
      const sample = SAMPLES[api.apiKey];
      for (let v = api.minVersion; v <= api.maxVersion; v++) {
        roundTrip(api, v, 'request', sample.request);
        roundTrip(api, v, 'response', sample.response);
      }
    });
  }

  it('keeps the fields of the newest version it knows', () => {
    const api = API_MODULES.get(ApiKey.Metadata)!;
    const w = new KafkaWriter();
    api.encodeResponse(w, 8, SAMPLES[ApiKey.Metadata].response);
    expect(api.decodeResponse(new KafkaReader(w.toBuffer()), 8)).toEqual(SAMPLES[ApiKey.Metadata].response);
  });
});
