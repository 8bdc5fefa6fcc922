// Creating a topic returns once every broker knows it: the answers a KRaft cluster gives in the
// moment after CreateTopics (one broker still saying UNKNOWN_TOPIC_OR_PARTITION, or naming no
// leader yet), played back in turn.
import { describe, expect, it } from 'vitest';
import type { MetadataResponse, MetadataTopic } from '../../../electron/kafka-wire/apis/metadata';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { untilEveryBrokerKnows, type BrokerView } from '../../../electron/diagnostics/topic-propagation';

const TOPIC = 'order-desk-bench';

function view(topic: Partial<MetadataTopic> | null, leaders: number[] = [1, 2, 3]): MetadataResponse {
  return {
    throttleTimeMs: 0,
    brokers: [],
    clusterId: 'c',
    controllerId: 1,
    clusterAuthorizedOperations: 0,
    topics: topic
      ? [
          {
            errorCode: KafkaError.NONE,
            name: TOPIC,
            isInternal: false,
            topicAuthorizedOperations: 0,
            partitions: leaders.map((leaderId, partitionIndex) => ({
              errorCode: KafkaError.NONE,
              partitionIndex,
              leaderId,
              leaderEpoch: 0,
              replicaNodes: [1, 2, 3],
              isrNodes: [1, 2, 3],
              offlineReplicas: [],
            })),
            ...topic,
          },
        ]
      : [],
  } as MetadataResponse;
}

const known = () => view({});
const unknown = () => view({ errorCode: KafkaError.UNKNOWN_TOPIC_OR_PARTITION, partitions: [] });

/** Plays `rounds` back, one per ask, on a clock that the sleeps move. */
function cluster(rounds: BrokerView[][]) {
  let t = 0;
  let asked = 0;
  return {
    askEach: async () => rounds[Math.min(asked++, rounds.length - 1)],
    wait: {
      deadlineMs: 1_000,
      intervalMs: 100,
      now: () => t,
      sleep: async (ms: number) => {
        t += ms;
      },
    },
    asked: () => asked,
    elapsed: () => t,
  };
}

describe('a created topic reaching every broker', () => {
  it('waits while one broker has not heard of the topic, and returns once all three know it', async () => {
    const c = cluster([
      [known(), unknown(), known()],
      [known(), unknown(), known()],
      [known(), known(), known()],
    ]);
    expect(await untilEveryBrokerKnows(c.askEach, TOPIC, 3, c.wait)).toBe(true);
    expect(c.asked()).toBe(3);
  });

  it('waits for a partition without a leader and for a broker that lists fewer partitions', async () => {
    const c = cluster([
      [known(), view({}, [1, -1, 3]), known()],
      [known(), view({}, [1, 2]), known()],
      [known(), known(), known()],
    ]);
    expect(await untilEveryBrokerKnows(c.askEach, TOPIC, 3, c.wait)).toBe(true);
    expect(c.asked()).toBe(3);
  });

  it('does not wait for a broker that cannot be asked', async () => {
    const c = cluster([[known(), null, known()]]);
    expect(await untilEveryBrokerKnows(c.askEach, TOPIC, 3, c.wait)).toBe(true);
    expect(c.asked()).toBe(1);
  });

  it('gives up at the deadline when a broker never learns of the topic, or none answers', async () => {
    const lagging = cluster([[known(), view(null), known()]]);
    expect(await untilEveryBrokerKnows(lagging.askEach, TOPIC, 3, lagging.wait)).toBe(false);
    expect(lagging.elapsed()).toBe(1_000);
    const silent = cluster([[null, null, null]]);
    expect(await untilEveryBrokerKnows(silent.askEach, TOPIC, 3, silent.wait)).toBe(false);
    const failing = {
      ...cluster([]),
      askEach: async (): Promise<BrokerView[]> => {
        throw new Error('connect ECONNREFUSED');
      },
    };
    expect(await untilEveryBrokerKnows(failing.askEach, TOPIC, 3, failing.wait)).toBe(false);
  });
});
