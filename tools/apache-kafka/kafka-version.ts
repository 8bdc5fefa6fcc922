// The one place the Apache Kafka version is pinned. KAFKA_VERSION overrides it for a run
// (KAFKA_VERSION=4.3.0 npm run kafka ...); pom.xml receives it as -Dkafka.version.
import { HarnessError } from './harness-error';

export const DEFAULT_KAFKA_VERSION = '4.4.0';

const VERSION = /^\d+\.\d+\.\d+(?:[.-][0-9A-Za-z.-]+)?$/;

export function kafkaVersion(env: NodeJS.ProcessEnv = process.env): string {
  const v = env.KAFKA_VERSION?.trim() || DEFAULT_KAFKA_VERSION;
  if (!VERSION.test(v)) {
    throw new HarnessError(
      `KAFKA_VERSION "${v}" is not a Kafka version`,
      `set it to a released version such as ${DEFAULT_KAFKA_VERSION}, or unset it`,
    );
  }
  return v;
}
