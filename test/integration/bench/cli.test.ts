import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/bench/cli';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await kafkaCluster();
});
afterAll(() => cluster?.close());
afterEach(() => {
  vi.restoreAllMocks();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out, err };
}

// perf-test's summary line, as scripts that parse it match it.
const SUMMARY =
  /^(\d+) records sent, (\d+\.\d{6}) records\/sec \((\d+\.\d{2}) MB\/sec\), (\d+\.\d{2}) ms avg latency, (\d+\.\d{2}) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th\.$/;

describe('npm run bench (the CLI)', () => {
  it("runs the seed's command line (program name aside) and prints perf-test's summary line", async () => {
    const topic = cluster.topic('ack0-test');
    await cluster.createTopic(topic, { partitions: 3 });
    const { out } = capture();
    const code = await main([
      '--topic',
      topic,
      '--num-records',
      '2000',
      '--record-size',
      '1000',
      '--throughput',
      '10000',
      '--producer-props',
      `bootstrap.servers=${cluster.brokers[0]}`,
      'acks=0',
    ]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^note: acks=0: .*hand-off/);
    const summary = out.find((l) => SUMMARY.test(l));
    expect(summary).toBeDefined();
    const m = SUMMARY.exec(summary!)!;
    expect(Number(m[1])).toBe(2000);
    // 2,000 records at a 10,000 records/s cap take about 0.2 s.
    expect(Number(m[2])).toBeLessThanOrEqual(10_500);
  });

  it('refuses a missing topic with a clear message, exit code 1, and sends nothing', async () => {
    const absent = cluster.topic('no-such-topic');
    const { out, err } = capture();
    const code = await main([
      '--topic',
      absent,
      '--num-records',
      '10',
      '--record-size',
      '10',
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${cluster.brokers.join(',')}`,
    ]);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/does not exist\. Create it first/);
    expect(out).toEqual([]);
    expect(await cluster.topicExists(absent)).toBe(false);
  });

  it('prints a usage error with exit code 2 for unknown flags', async () => {
    const { err } = capture();
    expect(await main(['--topic', 't', '--frobnicate'])).toBe(2);
    expect(err.join('\n')).toContain('unknown argument --frobnicate');
  });
});
