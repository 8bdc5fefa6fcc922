import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TABLE } from '../../../electron/sandbox/api-table';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import type { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { capturedFrame, RawKafkaClient } from '../../support/raw-kafka-client';

let cluster: SandboxCluster;
beforeAll(async () => {
  cluster = await startSandboxCluster({ brokers: 1 });
});
afterAll(() => cluster.close());

function readApiList(r: KafkaReader) {
  return r.array((x) => ({ apiKey: x.int16(), min: x.int16(), max: x.int16() }));
}

describe('ApiVersions', () => {
  it('answers kafkajs (v2) with exactly the dispatch table, then throttle time', async () => {
    const c = await RawKafkaClient.connect(cluster.bootstrapServers[0]);
    c.send(capturedFrame('kafkajs-key18-v2'));
    const frame = await c.next();
    c.close();
    const r = new (await import('../../../electron/kafka-wire/kafka-reader')).KafkaReader(frame!);
    r.int32(); // correlation id
    expect(r.int16()).toBe(KafkaError.NONE);
    const list = readApiList(r);
    expect(list).toEqual(
      [...API_TABLE.values()]
        .sort((a, b) => a.api.apiKey - b.api.apiKey)
        .map((h) => ({ apiKey: h.api.apiKey, min: h.minVersion, max: h.maxVersion })),
    );
    expect(r.int32()).toBe(0);
    expect(r.remaining()).toBe(0);
  });

  it("answers librdkafka's first, flexible v3 request with UNSUPPORTED_VERSION in the v0 layout", async () => {
    const c = await RawKafkaClient.connect(cluster.bootstrapServers[0]);
    const sent = capturedFrame('kcat-key18-v3');
    c.send(sent);
    const frame = await c.next();
    const { KafkaReader } = await import('../../../electron/kafka-wire/kafka-reader');
    const r = new KafkaReader(frame!);
    expect(r.int32()).toBe(sent.readInt32BE(8)); // same correlation id
    expect(r.int16()).toBe(KafkaError.UNSUPPORTED_VERSION);
    const list = readApiList(r);
    expect(list.find((a) => a.apiKey === 18)).toEqual({ apiKey: 18, min: 0, max: 2 });
    expect(r.remaining()).toBe(0); // v0 layout: no throttle time, no tagged fields
    // The connection stays usable: librdkafka's v0 retry is answered normally.
    c.send(capturedFrame('kcat-key18-v0'));
    const retry = new KafkaReader((await c.next())!);
    retry.int32();
    expect(retry.int16()).toBe(KafkaError.NONE);
    c.close();
  });

  it('advertises flexible versions only for the APIs whose flexible versions it implements', () => {
    // First flexible versions (apache/kafka message definitions); the sandbox implements those of
    // Metadata (v9+, for the topic ids of v10+) and of no other API.
    const firstFlexible: Record<number, number> = {
      0: 9,
      1: 12,
      2: 6,
      3: 9,
      8: 8,
      9: 6,
      10: 3,
      11: 6,
      12: 4,
      13: 4,
      14: 4,
      15: 5,
      16: 3,
      18: 3,
      19: 5,
      20: 4,
      22: 2,
      32: 4,
      36: 2,
    };
    const flexibleServed = new Set<number>([ApiKey.Metadata]);
    for (const h of API_TABLE.values()) {
      if (firstFlexible[h.api.apiKey] === undefined) continue;
      if (flexibleServed.has(h.api.apiKey)) {
        expect(h.api.flexibleFrom, h.api.name).toBe(firstFlexible[h.api.apiKey]);
        expect(h.maxVersion, h.api.name).toBeGreaterThanOrEqual(firstFlexible[h.api.apiKey]);
      } else expect(h.maxVersion, h.api.name).toBeLessThan(firstFlexible[h.api.apiKey]);
    }
  });
});
