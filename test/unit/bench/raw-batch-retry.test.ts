// The benchmark's sender retries a batch whose partition has no known leader yet (a topic just
// created on Apache Kafka answers LEADER_NOT_AVAILABLE for a moment), as the Java producer does,
// and fails it on any other error or once the delivery timeout has passed.
import { describe, expect, it } from 'vitest';
import { ProduceError, retryingStaleLeader, type RetryTiming } from '../../../electron/bench/raw-batch-sender';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';

/** A clock that moves only when the retry sleeps. */
function fakeTiming(timeoutMs = 1_000): RetryTiming & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    backoffMs: 100,
    timeoutMs,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

/** An attempt that always fails with `code`, and how many times it was made. */
function failingWith(code: number, partition: number) {
  const made = { attempts: 0 };
  const attempt = async () => {
    made.attempts++;
    throw new ProduceError(code, partition);
  };
  return { made, attempt };
}

describe('the benchmark sender on a partition without a leader', () => {
  it('sends the batch once the leader is known, reading the leaders again before each retry', async () => {
    const timing = fakeTiming();
    let attempts = 0;
    let refreshes = 0;
    await retryingStaleLeader(
      async () => {
        attempts++;
        if (attempts === 1) throw new ProduceError(KafkaError.LEADER_NOT_AVAILABLE, 1);
        if (attempts === 2) throw new ProduceError(KafkaError.NOT_LEADER_OR_FOLLOWER, 1);
      },
      async () => void refreshes++,
      timing,
    );
    expect(attempts).toBe(3);
    expect(refreshes).toBe(2);
    expect(timing.slept).toEqual([100, 100]);
  });

  it('fails at once on an error a new leader does not cure', async () => {
    const timing = fakeTiming();
    const { made, attempt } = failingWith(KafkaError.NOT_ENOUGH_REPLICAS, 0);
    await expect(retryingStaleLeader(attempt, async () => {}, timing)).rejects.toThrow(
      /NOT_ENOUGH_REPLICAS \(partition 0\)/,
    );
    expect(made.attempts).toBe(1);
    expect(timing.slept).toEqual([]);
  });

  it('fails with the leader error once the delivery timeout has passed, and a failed leader read does not stop the retries', async () => {
    const timing = fakeTiming(1_000);
    const { made, attempt } = failingWith(KafkaError.LEADER_NOT_AVAILABLE, 2);
    await expect(
      retryingStaleLeader(
        attempt,
        async () => {
          throw new Error('no broker answered');
        },
        timing,
      ),
    ).rejects.toThrow(/LEADER_NOT_AVAILABLE \(partition 2\)/);
    expect(made.attempts).toBe(11);
    expect(timing.slept.reduce((a, b) => a + b, 0)).toBe(1_000);
  });
});
