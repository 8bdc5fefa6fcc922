// Two projects: `browser` drives browser mode in Chromium (Debian's /usr/bin/chromium when
// present, else Playwright's own) and always runs; `electron` drives the desktop app through
// _electron.launch and skips, saying why, when the Electron binary is missing.
import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

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
  // Each test starts its own app server and sandbox cluster; one at a time suits two cores.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
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
    { name: 'electron', testMatch: /.*\.electron\.spec\.ts$/ },
  ],
});
