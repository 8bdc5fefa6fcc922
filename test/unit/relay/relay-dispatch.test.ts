import { describe, expect, it, onTestFinished } from 'vitest';
import { requestList, type Result } from '../../../shared/contract';
import { createRelayDispatch } from '../../../electron/relay/relay-dispatch';
import type { ServiceState } from '../../../shared/service-state';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings-schema';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KeychainSecretStore, MemorySecretStore } from '../../../electron/secrets/secret-store';

const noSecrets = () => ({ store: new MemorySecretStore({}), changed: () => {} });

function setup() {
  const secretStore = new MemorySecretStore({});
  let secretChanges = 0;
  const forwarded: Array<[string, unknown]> = [];
  const state: ServiceState = { status: 'restarting', restarts: 2, error: null };
  const dispatch = createRelayDispatch(
    {
      request: async (channel, input) => {
        forwarded.push([channel, input]);
        return { ok: true, value: 'from the host' };
      },
      state: () => state,
    },
    {
      read: (maxLines) => ({ dir: '/data/logs', files: [], tail: [`asked for ${maxLines}`] }),
      open: async () => ({ opened: false, dir: '/data/logs' }),
    },
    { store: secretStore, changed: () => secretChanges++ },
  );
  return { dispatch, forwarded, state, changes: () => secretChanges };
}

describe('the relay’s request path', () => {
  it('forwards every service request unchanged (the host validates it) and answers its own groups itself', async () => {
    const { dispatch, forwarded, state } = setup();
    for (const { channel } of requestList()) await dispatch(channel, { any: 'input' });
    const own = ['service:state', 'logs:read', 'logs:open', 'secrets:status', 'secrets:set'];
    expect(forwarded.map(([c]) => c).sort()).toEqual(
      requestList()
        .map((r) => r.channel)
        .filter((c) => !own.includes(c))
        .sort(),
    );
    expect(forwarded.every(([, input]) => (input as { any: string }).any === 'input')).toBe(true);
    expect(await dispatch('service:state', undefined)).toEqual({ ok: true, value: state });
    expect(await dispatch('service:state', { sneaky: 1 })).toMatchObject({
      ok: false,
      error: { code: 'request.invalid' },
    });
    expect(await dispatch('logs:read', { maxLines: 20 })).toEqual({
      ok: true,
      value: { dir: '/data/logs', files: [], tail: ['asked for 20'] },
    });
    expect(await dispatch('logs:read', { maxLines: 1e9 })).toMatchObject({
      ok: false,
      error: { code: 'request.invalid' },
    });
    expect(await dispatch('logs:open', undefined)).toEqual({ ok: true, value: { opened: false, dir: '/data/logs' } });
  });

  it('keeps secrets in the relay: set them, learn only whether each is set, and tell the services', async () => {
    const { dispatch, forwarded, changes } = setup();
    const before = await dispatch('secrets:status', undefined);
    expect(before).toEqual({
      ok: true,
      value: {
        storage: 'memory',
        set: { saslPassword: false, tlsKeyPassphrase: false },
        fromEnvironment: { saslPassword: false, tlsKeyPassphrase: false },
      },
    });
    const set = await dispatch('secrets:set', { name: 'saslPassword', value: 'correct horse battery' });
    expect(set).toMatchObject({ ok: true, value: { set: { saslPassword: true, tlsKeyPassphrase: false } } });
    expect(JSON.stringify(set)).not.toContain('correct horse');
    expect(changes()).toBe(1);
    expect(await dispatch('secrets:set', { name: 'saslPassword', value: null })).toMatchObject({
      ok: true,
      value: { set: { saslPassword: false } },
    });
    expect(changes()).toBe(2);
    // Bad input is refused and changes nothing: an unknown secret, an empty or oversized value.
    for (const bad of [
      { name: 'apiKey', value: 'x' },
      { name: 'saslPassword', value: '' },
      { name: 'saslPassword', value: 'x'.repeat(5000) },
      { name: 'saslPassword' },
    ]) {
      expect(await dispatch('secrets:set', bad)).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    }
    expect(changes()).toBe(2);
    expect(forwarded).toEqual([]);
  });

  it('says the keychain is unavailable instead of storing a secret unsafely', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-secrets-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const keychain = new KeychainSecretStore(dir, {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.from(''),
      decryptString: () => '',
    });
    let changed = 0;
    const dispatch = createRelayDispatch(
      {
        request: async () => ({ ok: true, value: null }),
        state: () => ({ status: 'running', restarts: 0, error: null }),
      },
      { read: () => ({ dir: '', files: [], tail: [] }), open: async () => ({ opened: false, dir: '' }) },
      { store: keychain, changed: () => changed++ },
    );
    expect(await dispatch('secrets:set', { name: 'saslPassword', value: 'hunter22' })).toEqual({
      ok: false,
      error: { code: 'secrets.unavailable' },
    });
    expect(changed).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it.each(['orders:delete', '', '__proto__:toString', 'constructor', 42])(
    'answers the unknown channel %j without a hop',
    async (channel) => {
      const { dispatch, forwarded } = setup();
      expect(await dispatch(channel as string, {})).toMatchObject({ ok: false, error: { code: 'request.unknown' } });
      expect(forwarded).toEqual([]);
    },
  );
});

describe('back-pressure on submits', () => {
  it('answers order.busy past the bound of submits in flight, forwards nothing more, and takes submits again once answered', async () => {
    const answers: Array<() => void> = [];
    const forwarded: unknown[] = [];
    const dispatch = createRelayDispatch(
      {
        request: (_channel, input) =>
          new Promise((resolve) => {
            forwarded.push(input);
            answers.push(() => resolve({ ok: true, value: input }));
          }),
        state: () => ({ status: 'running', restarts: 0, error: null }),
      },
      { read: () => ({ dir: '', files: [], tail: [] }), open: async () => ({ opened: false, dir: '' }) },
      noSecrets(),
      { maxSubmitsInFlight: 3 },
    );
    const first = [1, 2, 3].map((n) => dispatch('orders:submit', { n }));
    const refused = await dispatch('orders:submit', { n: 4 });
    expect(refused).toEqual({ ok: false, error: { code: 'order.busy', params: { inFlight: 3 } } });
    expect(forwarded).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    // Other requests are not held back by busy submits.
    const recent = dispatch('orders:recent', { limit: 5 });
    expect(forwarded).toHaveLength(4);
    answers[0]();
    expect(await first[0]).toEqual({ ok: true, value: { n: 1 } });
    const again = dispatch('orders:submit', { n: 5 });
    expect(forwarded.at(-1)).toEqual({ n: 5 });
    for (const a of answers.slice(1)) a();
    expect(await Promise.all([...first.slice(1), recent, again])).toHaveLength(4);
  });

  it('frees the slot of a submit whose forwarding failed', async () => {
    let fail = true;
    const dispatch = createRelayDispatch(
      {
        request: async () => {
          if (fail) throw new Error('host gone');
          return { ok: true, value: 'saved' };
        },
        state: () => ({ status: 'running', restarts: 0, error: null }),
      },
      { read: () => ({ dir: '', files: [], tail: [] }), open: async () => ({ opened: false, dir: '' }) },
      noSecrets(),
      { maxSubmitsInFlight: 1 },
    );
    await expect(dispatch('orders:submit', {})).rejects.toThrow('host gone');
    fail = false;
    expect(await dispatch('orders:submit', {})).toEqual({ ok: true, value: 'saved' });
  });
});

describe('the relay’s bound on nesting', () => {
  it('refuses an input nested past the bound before forwarding it, and forwards one at the bound', async () => {
    const { dispatch, forwarded } = setup();
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(await dispatch('orders:submit', deep)).toEqual({
      ok: false,
      error: { code: 'request.invalid', params: { field: 'input', detail: 'input nested more than 32 levels' } },
    });
    let atBound: unknown = {};
    for (let i = 0; i < 31; i++) atBound = { a: atBound };
    expect(await dispatch('orders:recent', atBound)).toEqual({ ok: true, value: 'from the host' });
    expect(forwarded.map(([c]) => c)).toEqual(['orders:recent']);
  });
});

describe('the SASL password stays with the place it was entered for', () => {
  function withPassword(settings: Partial<Settings> = {}, reading?: Result<unknown>) {
    const store = new MemorySecretStore({});
    store.set('saslPassword', 'only-for-the-store');
    let current: Settings = {
      ...DEFAULT_SETTINGS,
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      sasl: { mechanism: 'plain', username: 'pos-7' },
      ...settings,
    };
    const passwordAtSave: Array<boolean> = [];
    let changes = 0;
    const dispatch = createRelayDispatch(
      {
        request: async (channel, input) => {
          if (channel === 'settings:get') return reading ?? { ok: true, value: current };
          if (channel === 'settings:save') {
            passwordAtSave.push(store.status().set.saslPassword);
            current = input as Settings;
            return { ok: true, value: current };
          }
          return { ok: true, value: null };
        },
        state: () => ({ status: 'running', restarts: 0, error: null }),
      },
      { read: () => ({ dir: '', files: [], tail: [] }), open: async () => ({ opened: false, dir: '' }) },
      { store, changed: () => changes++ },
    );
    return { dispatch, store, passwordAtSave, current: () => current, changes: () => changes };
  }

  it('keeps it through a save that sends it to the same brokers and user (listed in another order)', async () => {
    const t = withPassword();
    await t.dispatch('settings:save', { ...t.current(), language: 'ko', brokers: ['kafka-2:9092', 'kafka-1:9092'] });
    expect(t.store.status().set.saslPassword).toBe(true);
    expect(t.changes()).toBe(0);
  });

  it('clears it before forwarding a save to other brokers, another user or without TLS changed', async () => {
    for (const change of [
      { brokers: ['attacker.example:9092'] },
      { sasl: { mechanism: 'plain' as const, username: 'someone-else' } },
      { ssl: true },
    ]) {
      const t = withPassword();
      const r = await t.dispatch('settings:save', { ...t.current(), ...change });
      expect(r.ok).toBe(true);
      // Gone before the service process had the new settings, so it never reconnected with it.
      expect(t.passwordAtSave).toEqual([false]);
      expect(t.store.all()).toEqual({});
      expect(t.changes()).toBe(1);
    }
  });

  it('clears it before forwarding a save that trusts other certificates for those brokers (name check off, another CA)', async () => {
    for (const change of [{ checkServerName: false }, { caFile: '/home/pos/Downloads/ca.pem' }]) {
      const t = withPassword({ ssl: true, tls: { ...DEFAULT_SETTINGS.tls, caFile: '/etc/store/ca.pem' } });
      const r = await t.dispatch('settings:save', { ...t.current(), tls: { ...t.current().tls, ...change } });
      expect(r.ok).toBe(true);
      // With the name check off any certificate a trusted authority signed, for any name, passes
      // for the store's brokers: whoever answers for their names receives the password.
      expect(t.passwordAtSave).toEqual([false]);
      expect(t.store.all()).toEqual({});
    }
  });

  it('keeps it when only TLS settings that do not apply change (TLS off)', async () => {
    const t = withPassword();
    await t.dispatch('settings:save', { ...t.current(), tls: { ...t.current().tls, checkServerName: false } });
    expect(t.store.status().set.saslPassword).toBe(true);
  });

  it('forwards no save while the settings in force cannot be read, and keeps the password', async () => {
    const t = withPassword({}, { ok: false, error: { code: 'service.restartingOther' } });
    const r = await t.dispatch('settings:save', { ...t.current(), brokers: ['attacker.example:9092'] });
    // The save is refused with why, as a request the restart cut off is; the clerk tries again.
    expect(r).toEqual({ ok: false, error: { code: 'service.restartingOther' } });
    expect(t.passwordAtSave).toEqual([]);
    expect(t.store.status().set.saslPassword).toBe(true);
  });

  it('leaves it alone when the settings sent do not parse (the host refuses them)', async () => {
    const t = withPassword();
    await t.dispatch('settings:save', { ...t.current(), brokers: 'attacker.example:9092' });
    expect(t.store.status().set.saslPassword).toBe(true);
  });
});
