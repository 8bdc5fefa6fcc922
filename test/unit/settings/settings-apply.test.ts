// settings.save through the app's handlers: saved, then the dispatcher is pointed at the new
// cluster only when something about the connection changed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../orders/temp-dir';
import { connectionChanged, createAppHandlers } from '../../../electron/app/app-handlers';
import { SettingsStore } from '../../../electron/settings/settings-store';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings-schema';

function setup(env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir('order-desk-apply-');
  const settings = new SettingsStore(dir, env);
  const applied: Settings[] = [];
  const handlers = createAppHandlers({
    info: () => ({ version: 't', mode: 'browser', sandbox: false, dataDir: dir, brokersFromEnvironment: false }),
    outbox: null as never,
    orders: null as never,
    dispatcher: null as never,
    attention: null as never,
    settings,
    retentionChanged: () => {},
    applySettings: async (s) => {
      applied.push(s);
    },
  });
  return { handlers, applied, dir };
}

const base: Settings = { ...DEFAULT_SETTINGS, brokers: ['kafka-1:9092'] };

describe('saving settings', () => {
  it('reconnects when brokers, topic, client id, credentials or TLS change, and only then', async () => {
    const { handlers, applied } = setup();
    await handlers.settings.save(base);
    expect(applied).toHaveLength(1);
    await handlers.settings.save({ ...base, clerk: 'Park', storeId: 'gangnam-3', terminalId: 'pos-9', language: 'ko' });
    expect(applied).toHaveLength(1);
    for (const change of [
      { brokers: ['kafka-2:9092'] },
      { topic: 'orders' },
      { clientId: 'desk-2' },
      { sasl: { mechanism: 'plain' as const, username: 'u' } },
      { ssl: true },
      { tls: { ...DEFAULT_SETTINGS.tls, caFile: '/etc/kafka/ca.pem' } },
    ]) {
      const before = applied.length;
      const r = await handlers.settings.save({ ...base, ...change });
      expect(r.ok).toBe(true);
      expect(applied.length).toBe(before + 1);
      expect(applied.at(-1)).toMatchObject(change);
    }
  });

  it('reconnects on a save that changes nothing but a TLS file put right or renewed since (read at each connect)', async () => {
    const { handlers, applied, dir } = setup();
    const ca = path.join(dir, 'store-ca.pem');
    const tls: Settings = { ...base, ssl: true, tls: { ...DEFAULT_SETTINGS.tls, caFile: ca } };
    await handlers.settings.save(tls);
    expect(applied).toHaveLength(1);
    // Saved again as it is, the file still missing: nothing to reconnect for.
    await handlers.settings.save(tls);
    expect(applied).toHaveLength(1);
    // The operator puts the file in place and saves the same settings.
    fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    await handlers.settings.save(tls);
    expect(applied).toHaveLength(2);
    await handlers.settings.save({ ...tls, clerk: 'Park' });
    expect(applied).toHaveLength(2);
    // Renewed later (another size, another time): the next save picks it up.
    fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIC renewed\n-----END CERTIFICATE-----\n');
    fs.utimesSync(ca, new Date(), new Date(Date.now() + 5_000));
    await handlers.settings.save(tls);
    expect(applied).toHaveLength(3);
  });

  it('refuses invalid settings without saving or reconnecting', async () => {
    const { handlers, applied, dir } = setup();
    const r = await handlers.settings.save({ ...base, brokers: ['not a broker'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('settings.invalid');
    expect(applied).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'settings.json'))).toBe(false);
  });

  it("takes a broker typed in a Korean keyboard's full-width mode as the address it is, and saves that", async () => {
    const { handlers, applied, dir } = setup();
    const r = await handlers.settings.save({ ...base, brokers: ['１２７.０.０.１：１９１８２'] });
    expect(r.ok && r.value.brokers).toEqual(['127.0.0.1:19182']);
    expect(applied.at(-1)?.brokers).toEqual(['127.0.0.1:19182']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).brokers).toEqual(['127.0.0.1:19182']);
  });

  it("with KAFKA_BROKERS set, the brokers in force stay the environment's", async () => {
    const { handlers, applied } = setup({ KAFKA_BROKERS: '10.0.0.5:9092' });
    const r = await handlers.settings.save({ ...base, topic: 'orders' });
    expect(r.ok && r.value.brokers).toEqual(['10.0.0.5:9092']);
    expect(applied.at(-1)?.brokers).toEqual(['10.0.0.5:9092']);
    const got = await handlers.settings.get(undefined);
    expect(got.ok && got.value).toMatchObject({ brokers: ['10.0.0.5:9092'], topic: 'orders' });
  });

  it('compares connection fields by value', () => {
    expect(connectionChanged(base, { ...base, brokers: ['kafka-1:9092'] })).toBe(false);
    expect(connectionChanged(base, { ...base, brokers: ['kafka-1:9092', 'kafka-2:9092'] })).toBe(true);
  });
});
