// The sandbox's latency control (`latency N MS`, setLatency): every answer of one broker
// delayed. Real Apache Kafka has no such control (the harness answers "not supported"), so
// this stays with the sandbox's own tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxCluster, startSandboxCluster } from '../../../electron/sandbox';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { RawKafkaClient } from '../../support/raw-kafka-client';

describe('sandbox latency control', () => {
  let cluster: SandboxCluster;
  beforeAll(async () => {
    cluster = await startSandboxCluster({ brokers: 3, port: 0 });
  });
  afterAll(() => cluster?.close());

  it('setLatency(2, 200) makes every answer of broker 2 take at least 200 ms; 0 removes it', async () => {
    const raw = await RawKafkaClient.connect(cluster.bootstrapServers[1]);
    const body = new KafkaWriter().toBuffer();
    cluster.setLatency(2, 200);
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await raw.request(ApiKey.ApiVersions, 2, body, 100 + i);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(199);
    }
    cluster.setLatency(2, 0);
    const t0 = performance.now();
    await raw.request(ApiKey.ApiVersions, 2, body, 200);
    expect(performance.now() - t0).toBeLessThan(150);
    raw.close();
    expect(() => cluster.setLatency(2, -1)).toThrow(/non-negative/);
    expect(() => cluster.setLatency(9, 5)).toThrow(/no broker 9/);
  });
});
