// The service process never outlives the relay, closes the services cleanly when the relay
// stops, and a service process that cannot start is given up on with a clear message for the
// page and the log, while the relay keeps serving.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTBOX_FILE } from '../../../electron/app/app-core';
import { tempDir } from '../../unit/orders/temp-dir';
import { until } from '../../support/until';
import { isAlive, startBrowserMode, stopAll } from './browser-mode-process';

afterEach(() => stopAll());

describe('the service process’s lifetime', () => {
  it('exits by itself, closing the services, when the relay is killed with SIGKILL', async () => {
    const app = await startBrowserMode();
    const host = await app.waitForHostPid(1);
    app.relay.kill('SIGKILL');
    await app.exit;
    await until(() => !isAlive(host), 15_000, `service process ${host} to exit after its relay died`);
    // It closed the outbox on its way out: the WAL was checkpointed and removed.
    expect(fs.existsSync(path.join(app.dataDir, `${OUTBOX_FILE}-wal`))).toBe(false);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('closes the services and exits 0 with the relay on %s', async (signal) => {
    const app = await startBrowserMode();
    const host = await app.waitForHostPid(1);
    app.relay.kill(signal);
    expect(await app.exit).toBe(0);
    expect(isAlive(host)).toBe(false);
    expect(app.stderr.join('\n')).toMatch(/service host closing \(asked by the relay\)/);
  });

  it('gives up on a service process that dies at every start, says why, and keeps serving the page', async () => {
    // An outbox from a newer app: the services refuse to open it, every time.
    const dataDir = tempDir('order-desk-newer-');
    const db = new Database(path.join(dataDir, OUTBOX_FILE));
    db.exec(
      `CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00Z');`,
    );
    db.close();
    const app = await startBrowserMode({ dataDir });
    const { api } = app.client();
    const state = await api.service.state();
    expect(state).toMatchObject({
      ok: true,
      value: { status: 'failed', restarts: 4, error: { code: 'service.failed', params: { count: 5 } } },
    });
    expect(state.ok && String(state.value.error?.params?.detail)).toMatch(
      /outbox schema version 99 is newer than this app supports/,
    );
    expect(await api.app.info()).toMatchObject({ ok: false, error: { code: 'service.failed' } });
    expect(app.stderr.join('\n')).toMatch(
      /stopped \(exit code 1\) 5 times in a row; not starting it again: outbox schema version 99/,
    );
    // The page itself is still served.
    expect((await fetch(app.url)).status).toBe(200);
  }, 60_000);
});
