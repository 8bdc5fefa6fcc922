// The kafka leg's shared real cluster, started once by the vitest and Playwright global
// setups: tests without fault controls or special broker settings use it through
// kafka-target.ts (which reads SHARED_KAFKA_ENV), each with its own uniquely named topics.
import { startApacheKafka } from '../../tools/apache-kafka/kafka-cluster';
import { kafkaTargetKind, SHARED_KAFKA_ENV } from './target-kind';
import { exclusionLine, type Leg, type Suite } from './test-legs';

/** Prints the leg's exclusions and, in the kafka leg, starts the shared cluster; returns its teardown. */
export async function setUpLeg(suite: Suite): Promise<() => Promise<void>> {
  const kind = kafkaTargetKind();
  const leg: Leg = kind === 'kafka' ? 'kafka' : 'sandbox';
  if (kind === 'external')
    console.log(
      `${suite}: KAFKA_BROKERS is set: tests run against ${process.env.KAFKA_BROKERS} with topics of their own; tests that stop brokers or need broker settings skip`,
    );
  console.log(`${suite}: ${exclusionLine(leg, suite)}`);
  if (kind !== 'kafka') return async () => undefined;
  const started = Date.now();
  const cluster = await startApacheKafka({ nodes: 3, port: 0, quickStart: true });
  process.env[SHARED_KAFKA_ENV] = cluster.bootstrapServers.join(',');
  console.log(
    `${suite}: kafka leg on Apache Kafka ${cluster.version} (real, 3 KRaft nodes, started in ${((Date.now() - started) / 1000).toFixed(1)} s); ` +
      `tests without fault controls share it at ${cluster.bootstrapServers.join(',')}, the others start their own`,
  );
  return () => cluster.close();
}
