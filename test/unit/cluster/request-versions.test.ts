// Every request the app's raw clients send uses a version that a real Apache Kafka 4.4.0
// broker accepts (its captured ApiVersions answer), that the sandbox serves (training mode),
// and that the wire module can read and write.
import { describe, expect, it } from 'vitest';
import { PRODUCE_VERSION } from '../../../electron/bench/raw-batch-sender';
import {
  DESCRIBE_CONFIGS_VERSION,
  METADATA_TOPIC_ID_VERSION,
  METADATA_VERSION,
} from '../../../electron/cluster/cluster-client';
import { SASL_AUTHENTICATE_VERSION, SASL_HANDSHAKE_VERSION } from '../../../electron/cluster/sasl-login';
import { FETCH_VERSION, LIST_OFFSETS_VERSION } from '../../../electron/kafka/order-id-search';
import { API_MODULES } from '../../../electron/kafka-wire/api-modules';
import { ApiKey, apiKeyName } from '../../../electron/kafka-wire/api-keys';
import { ApiVersions } from '../../../electron/kafka-wire/apis/api-versions';
import { API_TABLE } from '../../../electron/sandbox/api-table';
import { decodeResponseFrame, kafka440Pair } from '../../support/captured-frames';

const SENT: Array<[key: number, version: number]> = [
  [ApiKey.ApiVersions, 0],
  [ApiKey.Metadata, METADATA_VERSION],
  [ApiKey.Metadata, METADATA_TOPIC_ID_VERSION],
  [ApiKey.DescribeConfigs, DESCRIBE_CONFIGS_VERSION],
  [ApiKey.ListOffsets, LIST_OFFSETS_VERSION],
  [ApiKey.Fetch, FETCH_VERSION],
  [ApiKey.Produce, PRODUCE_VERSION],
  [ApiKey.SaslHandshake, SASL_HANDSHAKE_VERSION],
  [ApiKey.SaslAuthenticate, SASL_AUTHENTICATE_VERSION],
];

describe('the versions the app sends', () => {
  const kafka440 = decodeResponseFrame(kafka440Pair('apiversions-v0').response, ApiVersions, 0).body.apiKeys;

  it.each(SENT.map(([key, version]) => [apiKeyName(key), key, version] as const))(
    '%s v%i is accepted by Kafka 4.4.0, the sandbox and the wire module',
    (_name, key, version) => {
      const kafka = kafka440.find((k) => k.apiKey === key);
      expect(kafka, 'Kafka 4.4.0 offers it').toBeDefined();
      expect(version).toBeGreaterThanOrEqual(kafka!.minVersion);
      expect(version).toBeLessThanOrEqual(kafka!.maxVersion);
      const sandbox = API_TABLE.get(key)!;
      expect(version).toBeGreaterThanOrEqual(sandbox.minVersion);
      expect(version).toBeLessThanOrEqual(sandbox.maxVersion);
      const wire = API_MODULES.get(key)!;
      expect(version).toBeGreaterThanOrEqual(wire.minVersion);
      expect(version).toBeLessThanOrEqual(wire.maxVersion);
    },
  );

  it('Kafka 4.4.0 has dropped the old versions it should have (so this test can fail)', () => {
    expect(kafka440.find((k) => k.apiKey === ApiKey.Fetch)?.minVersion).toBe(4);
    expect(kafka440.find((k) => k.apiKey === ApiKey.CreateTopics)?.minVersion).toBe(2);
  });
});
