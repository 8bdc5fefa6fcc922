// Which cluster the tests talk to, from the environment alone (no cluster code here, so the
// vitest and Playwright configs can read it cheaply). See kafka-target.ts.
export type KafkaTargetKind = 'sandbox' | 'kafka' | 'external';

/** Where the kafka leg's global setup leaves the shared real cluster's bootstrap servers. */
export const SHARED_KAFKA_ENV = 'ORDER_DESK_TEST_SHARED_KAFKA';

export function kafkaTargetKind(env: NodeJS.ProcessEnv = process.env): KafkaTargetKind {
  const t = env.KAFKA_TARGET?.trim();
  if (t === 'sandbox' || t === 'kafka') return t;
  if (t) throw new Error(`KAFKA_TARGET must be sandbox or kafka, got "${t}"`);
  return externalBrokers(env).length > 0 ? 'external' : 'sandbox';
}

export function externalBrokers(env: NodeJS.ProcessEnv = process.env): string[] {
  return (
    env.KAFKA_BROKERS?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? []
  );
}
