// Two projects: `browser` drives browser mode in Chromium (Debian's /usr/bin/chromium when
// present, else Playwright's own) and always runs; `electron` drives the desktop app through
// _electron.launch and skips, saying why, when the Electron binary is missing. KAFKA_TARGET=kafka
// (the kafka leg) runs the browser project against real Apache Kafka; test/support/test-legs.ts
// says what it leaves out and why.
import fs from 'node:fs';
import { defineConfig } from '@playwright/test';
import { kafkaTargetKind } from './test/support/target-kind.ts';
import { excludedIn } from './test/support/test-legs.ts';

const leg = kafkaTargetKind() === 'kafka' ? 'kafka' : 'sandbox';
const excluded = excludedIn(leg, 'playwright');
const electronExcluded = excluded.some((e) => e.glob?.endsWith('.electron.spec.ts'));
const excludedTags = excluded.flatMap((e) => (e.tag ? [e.tag] : []));

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  // Each test starts its own app server and cluster (or uses the kafka leg's shared one with
  // topics of its own), so two run side by side: most of a test is waiting for the page, a
  // delivery or a broker, and on two cores two workers took 2.5-2.7 min against 5.3 (sandbox
  // leg) and 3.1 against 4.1 (kafka leg) on 2026-12-03, every test passing.
  workers: 2,
  fullyParallel: false,
  // Tests tagged for one leg only (test/support/test-legs.ts says which and why).
  ...(excludedTags.length > 0 ? { grepInvert: new RegExp(excludedTags.join('|')) } : {}),
  // Real clusters are slower to set up and to recover than the sandbox.
  timeout: leg === 'kafka' ? 240_000 : 120_000,
  // As in vitest.config.ts: one retry against real Kafka, named in npm test's summary.
  retries: leg === 'kafka' ? 1 : 0,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: { trace: 'retain-on-failure', viewport: { width: 1366, height: 860 } },
  projects: [
    {
      name: 'browser',
      testMatch: /.*\.browser\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
          args: CHROMIUM_ARGS,
        },
      },
    },
    ...(electronExcluded ? [] : [{ name: 'electron', testMatch: /.*\.electron\.spec\.ts$/ }]),
  ],
});
