// The two legs of the test suite, in one place for the vitest and Playwright configs, their
// global setups and the leg runner (test/run-legs.ts):
//   sandbox  every test (unit, integration, Playwright) against the sandbox cluster;
//   kafka    the integration and Playwright suites again, against real Apache Kafka
//            (KAFKA_TARGET=kafka), minus the tests of the sandbox product itself and the
//            Playwright tests of what a page does whichever cluster is behind it.
// A leg never drops a file silently: each exclusion has its reason, printed once per run.

export type Leg = 'sandbox' | 'kafka';

export type Suite = 'vitest' | 'playwright';

export interface Exclusion {
  suite: Suite;
  /** A file pattern; or, for Playwright, a tag its tests carry (`{ tag: '@page' }`). */
  glob?: string;
  tag?: string;
  why: string;
}

/**
 * The tag of a Playwright test of the page alone: the form, the keys, the catalogue, drafts,
 * markup, the page's token and address, whose outcome no cluster decides. It reads nothing back
 * from the topic and waits for no answer a real broker could give differently.
 */
export const PAGE_ONLY_TAG = '@page';

/** Tests of the sandbox as a product, and of the app's own sandbox: they have no real-cluster meaning. */
export const SANDBOX_ONLY: Exclusion[] = [
  {
    suite: 'vitest',
    glob: 'test/integration/sandbox/**',
    why: "the sandbox's own CLI, persistence, latency control, frame-level bad input and TLS/SASL listener options",
  },
  {
    suite: 'vitest',
    glob: 'test/integration/orders/credentials.test.ts',
    why: "needs a SASL/PLAIN listener, which only the sandbox's options set up",
  },
  {
    suite: 'vitest',
    glob: 'test/integration/cluster/tls-sasl.test.ts',
    why: "builds sandbox listeners of its own (self-signed TLS, SASL/PLAIN); the same client paths run on Apache Kafka's SASL_SSL listener in cluster/secure-connections.test.ts",
  },
  {
    suite: 'vitest',
    glob: 'test/integration/browser-mode/**',
    why: 'browser mode and training mode always run the app with its built-in sandbox',
  },
  {
    suite: 'playwright',
    glob: 'test/e2e/*.electron.spec.ts',
    why: 'the electron project checks the desktop app with its built-in sandbox; the browser project drives the same app against Kafka',
  },
  {
    suite: 'playwright',
    tag: PAGE_ONLY_TAG,
    why: "what the page does with what is typed, pressed or opened (the form, keys, catalogue, drafts, axe, the token and address, logs), whichever cluster is behind it; every test that reads the topic or a broker's answer runs here",
  },
];

/** The Apache Kafka harness's own tests need Java and Maven, which only the kafka leg requires. */
export const KAFKA_ONLY: Exclusion[] = [
  {
    suite: 'vitest',
    glob: 'test/integration/apache-kafka/**',
    why: "the Apache Kafka harness's own tests (they need Java and Maven)",
  },
];

export function excludedIn(leg: Leg, suite: Suite): Exclusion[] {
  return (leg === 'kafka' ? SANDBOX_ONLY : KAFKA_ONLY).filter((e) => e.suite === suite);
}

/** The one line a leg prints about what it leaves out of a suite. */
export function exclusionLine(leg: Leg, suite: Suite): string {
  const list = excludedIn(leg, suite);
  if (list.length === 0) return `${leg} leg: every ${suite} test runs here`;
  const other = leg === 'kafka' ? 'sandbox' : 'kafka';
  return `${leg} leg: not run here (the ${other} leg runs them): ${list.map((e) => `${e.glob ?? `tests tagged ${e.tag}`} (${e.why})`).join('; ')}`;
}
