// Training mode: with no broker configured the app runs its own sandbox, and the terminal that
// started the app takes the sandbox CLI's fault commands. A trainer stops the cluster, the clerk's
// order waits, the trainer starts it again, the order is delivered.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/app/app-core';
import { attachSandboxConsole } from '../../../electron/relay/sandbox-console';
import { SettingsStore } from '../../../electron/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import type { OrderDraftInput } from '../../../shared/order-schema';
import { tempDir } from '../../unit/orders/temp-dir';
import { until } from '../../support/until';

const cores: AppCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

const draft: OrderDraftInput = {
  customerName: 'Kim Minji',
  customerId: 'C-1001',
  lines: [{ sku: 'AMER-R', productName: 'Americano (R)', quantity: 2, unitPrice: 4500 }],
  currency: 'KRW',
  paymentMethod: 'card',
};

function console_(core: AppCore) {
  const input = new PassThrough();
  const answers: string[] = [];
  attachSandboxConsole(core, input, (line) => answers.push(line));
  return {
    answers,
    async send(line: string): Promise<string> {
      const before = answers.length;
      input.write(`${line}\n`);
      await until(() => answers.length > before, 15_000, `an answer to "${line}"`);
      return answers[before];
    },
  };
}

describe('training mode console', () => {
  it('stops and starts the app’s own sandbox; an order taken meanwhile waits and is then delivered', async () => {
    // env without KAFKA_BROKERS: the app starts its sandbox even when the suite targets a real cluster.
    const core = await createAppCore({
      dataDir: tempDir('order-desk-training-'),
      mode: 'browser',
      version: 'test',
      env: {},
      log: () => {},
    });
    cores.push(core);
    const term = console_(core);
    const state = async (orderId: string) => {
      const r = await core.handlers.orders.recent({ limit: 10 });
      return r.ok ? r.value.find((o) => o.order.orderId === orderId)?.state : undefined;
    };

    expect(await term.send('status')).toMatch(/^ok controller=\d+ brokers 1=up.* 2=up.* 3=up/);
    expect(await term.send('stop-all')).toBe('ok');
    const saved = await core.handlers.orders.submit(draft as never);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const id = saved.value.order.orderId;
    await new Promise((r) => setTimeout(r, 1500));
    expect(await state(id)).not.toBe('delivered');
    expect(await term.send('status')).toMatch(/1=down.* 2=down.* 3=down/);

    expect(await term.send('start-all')).toBe('ok');
    await until(async () => (await state(id)) === 'delivered', 40_000, 'the order delivered after start-all');
  });

  it('answers bad commands with an error line and keeps going', async () => {
    const core = await createAppCore({
      dataDir: tempDir('order-desk-training-'),
      mode: 'browser',
      version: 'test',
      env: {},
      log: () => {},
    });
    cores.push(core);
    const term = console_(core);
    expect(await term.send('stop 9')).toMatch(/^error: no broker 9/);
    expect(await term.send('explode')).toMatch(/^error: unknown command "explode"/);
    expect(await term.send('latency 2 50')).toBe('ok');
  });

  it('says so when the app uses configured brokers rather than a sandbox', async () => {
    const dataDir = tempDir('order-desk-training-');
    new SettingsStore(dataDir, {}).save({ ...DEFAULT_SETTINGS, brokers: ['127.0.0.1:1'] });
    const core = await createAppCore({ dataDir, mode: 'browser', version: 'test', env: {}, log: () => {} });
    cores.push(core);
    expect(await console_(core).send('stop 1')).toMatch(/^error: no sandbox cluster is running/);
  });
});
