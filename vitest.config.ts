// KAFKA_TARGET=kafka is the kafka leg: only the integration suite, against real Apache Kafka,
// minus the sandbox's own tests (test/support/test-legs.ts says which and why).
import { defineConfig } from 'vitest/config';
import { kafkaTargetKind } from './test/support/target-kind.ts';
import { excludedIn } from './test/support/test-legs.ts';

const leg = kafkaTargetKind() === 'kafka' ? 'kafka' : 'sandbox';

export default defineConfig({
  test: {
    include:
      leg === 'kafka' ? ['test/integration/**/*.test.ts'] : ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...excludedIn(leg, 'vitest').flatMap((e) => (e.glob ? [e.glob] : []))],
    globalSetup: ['./test/support/vitest-global-setup.ts'],
    // A real cluster takes 10-30 s to start on two busy cores; a sandbox takes milliseconds.
    testTimeout: leg === 'kafka' ? 300_000 : 60_000,
    hookTimeout: leg === 'kafka' ? 240_000 : 60_000,
    // Real JVM brokers on two busy cores now and then miss a moment no sandbox misses; a failed
    // test is run once more there, and npm test's summary names every test that needed it
    // (test/run-legs.ts), so a retry is seen, never silent. The sandbox leg never retries.
    retry: leg === 'kafka' ? 1 : 0,
    // Integration tests each start their own cluster on free ports; two workers match the two
    // cores these machines have.
    maxWorkers: 2,
  },
});
