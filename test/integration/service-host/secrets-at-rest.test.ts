// Secrets stay secret end to end, in browser mode as a tester starts it: the SASL password
// typed in Settings and the client key's passphrase taken from the environment connect the app
// to a cluster that requires mutual TLS and SCRAM, an order is delivered, and afterwards neither
// secret (nor the customer's phone number) is found in any file of the data directory (settings,
// outbox, logs), in the relay's or the services' output, or in any message the page received.
// The check does not depend on the cluster, so it runs once, in the sandbox leg.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiClient } from '../../../shared/api-client';
import { createWsTransport, wsUrlFor, type WsTransport } from '../../../renderer/transport/ws-transport';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';
import { hasOpenssl, makeTestCa, type TestCa } from '../../support/test-ca';
import { targetKind } from '../../support/kafka-target';
import { until } from '../../support/until';
import { startBrowserMode, stopAll } from './browser-mode-process';

const PASSWORD = 'Sasl-Pa55word-only-in-the-keychain';
const PHONE = '010-4821-7730';
const skip = !hasOpenssl || targetKind !== 'sandbox';
if (!hasOpenssl) console.log('skipping the secrets-at-rest check: openssl not installed (it makes the test CA)');
else if (targetKind !== 'sandbox')
  console.log('skipping the secrets-at-rest check here: it does not depend on the cluster and runs in the sandbox leg');

/** Every file under dir, recursively. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe.skipIf(skip)('secrets at rest and in transit to the page (browser mode)', () => {
  let ca: TestCa;
  let cluster: SandboxCluster;
  const transports: WsTransport[] = [];
  beforeAll(async () => {
    ca = makeTestCa();
    cluster = await startSandboxCluster({
      brokers: 3,
      topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
      tls: { key: ca.serverKey, cert: ca.serverCert, ca: ca.caCert, requireClientCert: true },
      sasl: { users: { 'pos-7': PASSWORD }, mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-512'] },
    });
  }, 120_000);
  afterEach(async () => {
    for (const t of transports.splice(0)) t.close();
    await stopAll();
  });
  afterAll(async () => {
    await cluster?.close();
    ca?.remove();
  });

  it('the password and passphrase connect the app, and appear in no file, no output and no page message', async () => {
    const keyFile = path.join(ca.dir, 'client-key-encrypted.pem');
    fs.writeFileSync(keyFile, ca.clientKeyEncrypted);
    const app = await startBrowserMode({ env: { ORDER_DESK_TLS_KEY_PASSPHRASE: ca.clientKeyPassphrase } });
    await app.waitForHostPid(1);

    // The page's own transport, recording every frame it receives.
    const frames: string[] = [];
    class RecordingWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        this.on('message', (d) => frames.push(d.toString()));
      }
    }
    const transport = createWsTransport(
      wsUrlFor(app.url),
      RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    );
    transports.push(transport);
    const api = createApiClient(transport);
    const delivered = new Set<string>();
    api.on('orders.changed', ({ changes }) => {
      for (const c of changes) if (c.state === 'delivered') delivered.add(c.orderId);
    });

    // Browser mode has no keychain, says so, and took the passphrase from the environment.
    const status = await api.secrets.status();
    expect(status).toMatchObject({
      ok: true,
      value: { storage: 'memory', set: { tlsKeyPassphrase: true }, fromEnvironment: { tlsKeyPassphrase: true } },
    });
    const current = await api.settings.get();
    if (!current.ok) throw new Error('settings.get failed');
    const saved = await api.settings.save({
      ...current.value,
      brokers: cluster.bootstrapServers,
      ssl: true,
      tls: { caFile: ca.files.caCert, certFile: ca.files.clientCert, keyFile, checkServerName: true },
      sasl: { mechanism: 'scram-sha-512', username: 'pos-7' },
    });
    expect(saved.ok).toBe(true);
    // The password after the settings it is for: a password set before a save that changes the
    // brokers is cleared by that save (electron/secrets/password-destination.ts).
    expect(await api.secrets.set({ name: 'saslPassword', value: PASSWORD })).toMatchObject({
      ok: true,
      value: { set: { saslPassword: true, tlsKeyPassphrase: true } },
    });
    const order = await api.orders.submit({
      submissionId: crypto.randomUUID(),
      customerName: '김민지',
      customerId: 'C-1001',
      phone: PHONE,
      lines: [{ sku: 'SKU-1', productName: '아메리카노', quantity: 2, unitPrice: 4500 }],
      currency: 'KRW',
      paymentMethod: 'card',
      note: '',
    });
    if (!order.ok) throw new Error(`submit refused: ${JSON.stringify(order.error)}`);
    await until(() => delivered.has(order.value.order.orderId), 30_000, 'the order delivered over mTLS + SCRAM');
    // The header follows: connected, with no error (the state may still be settling from the reconnects).
    let connection: unknown = null;
    await until(
      async () => {
        connection = await api.connection.state();
        return (connection as { ok: boolean; value?: { status: string } }).value?.status === 'connected';
      },
      15_000,
      'the header to say connected',
    );
    expect(connection).toMatchObject({ ok: true, value: { status: 'connected', error: null } });

    transport.close();
    app.relay.kill('SIGTERM');
    expect(await app.exit).toBe(0);

    const files = filesUnder(app.dataDir);
    expect(files.some((f) => f.includes(`${path.sep}logs${path.sep}`))).toBe(true);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(PASSWORD), `${f} holds the SASL password`).toBe(false);
      expect(bytes.includes(ca.clientKeyPassphrase), `${f} holds the key passphrase`).toBe(false);
      if (f.includes(`${path.sep}logs${path.sep}`))
        expect(bytes.includes(PHONE), `${f} holds a phone number`).toBe(false);
    }
    const settingsJson = fs.readFileSync(path.join(app.dataDir, 'settings.json'), 'utf8');
    expect(settingsJson).toContain('scram-sha-512');
    const output = app.stderr.join('\n');
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(ca.clientKeyPassphrase);
    expect(frames.length).toBeGreaterThan(5);
    for (const frame of frames) {
      expect(frame).not.toContain(PASSWORD);
      expect(frame).not.toContain(ca.clientKeyPassphrase);
    }
  }, 90_000);
});
