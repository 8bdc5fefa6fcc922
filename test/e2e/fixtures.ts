// Each test gets its own data directory and its own browser-mode server (which starts its
// own sandbox cluster when no brokers are configured), plus a typed client of the same
// contract for checks the screen cannot make (e.g. which brokers the app is using).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import WebSocket from 'ws';
import { createApiClient } from '../../shared/api-client';
import type { OrderDeskApi } from '../../shared/contract';
import { createWsTransport, wsUrlFor } from '../../renderer/transport/ws-transport';
import { startTsx } from './processes';

export interface AppServer {
  url: string;
  dataDir: string;
  api: OrderDeskApi;
  output: string[];
}

export const test = base.extend<{ appEnv: NodeJS.ProcessEnv; app: AppServer }>({
  appEnv: [{}, { option: true }],
  app: async ({ appEnv }, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-e2e-'));
    const env: NodeJS.ProcessEnv = { ...process.env, ORDER_DESK_DATA_DIR: dataDir, ...appEnv };
    const child = startTsx('electron/browser-mode/cli.ts', ['--port', '0'], env);
    try {
      const ready = await child.nextLine(/^ready http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const url = ready.slice('ready '.length);
      const transport = createWsTransport(wsUrlFor(url), WebSocket as unknown as typeof globalThis.WebSocket);
      await use({ url, dataDir, api: createApiClient(transport), output: child.output });
      transport.close();
    } finally {
      await child.stop();
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('app-output', { body: child.output.join('\n') });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
