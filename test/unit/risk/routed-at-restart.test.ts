// A change of cluster is two commits: the outbox's (sendsTo) and the routed orders' (switchedTo).
// The app killed between them came back with a practice order still routed for the store's
// review topic, and sent it there. Held for a supervisor instead, as at the change itself.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, OUTBOX_FILE, type AppCore } from '../../../electron/app/app-core';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { RiskStore } from '../../../electron/risk/risk-store';
import { SettingsStore } from '../../../electron/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import type { RiskFlag } from '../../../shared/risk-flags';
import { order } from '../orders/fixtures';
import { tempDir } from '../orders/temp-dir';

const cores: AppCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

describe('routed orders across a restart at a change of cluster', () => {
  it("a practice order routed for review is held for a supervisor when the app died before that change's second commit", async () => {
    const dataDir = tempDir('order-desk-routed-');
    const outbox = OutboxStore.open(path.join(dataDir, OUTBOX_FILE));
    outbox.sendsTo('training');
    const practice = order({ customerId: 'train-9' });
    new RiskStore(outbox.connection).add({
      order: practice,
      submissionId: null,
      flags: [{ code: 'duplicate', severity: 'warning', params: {} } as unknown as RiskFlag],
      policy: 'route',
      outcome: 'routed',
      topic: 'user-data.review',
      headers: { risk: 'duplicate' },
      training: true,
    });
    // The store's brokers set: the outbox's commit made, the process gone before the risk store's.
    outbox.sendsTo('store');
    outbox.close();
    new SettingsStore(dataDir, {}).save({ ...DEFAULT_SETTINGS, brokers: ['127.0.0.1:1'], terminalId: 'pos-7' });

    const core = await createAppCore({
      dataDir,
      mode: 'browser',
      version: 'test',
      env: {},
      sandbox: { start: false },
      log: () => {},
    });
    cores.push(core);
    const review = await core.handlers.risk.review({ query: '', since: 0 });
    const entry = review.ok ? review.value.find((e) => e.orderId === practice.orderId) : undefined;
    expect(entry).toMatchObject({ outcome: 'held', topic: null, practice: true });
  });
});
