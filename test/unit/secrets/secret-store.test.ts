// Secrets at rest: the keychain store's file never holds a secret in plain text, survives a
// restart, and refuses to store one when the keychain is unavailable; browser mode's store
// takes the environment's and says where they came from.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KeychainSecretStore,
  MemorySecretStore,
  SecretStoreError,
  type SafeStorageLike,
} from '../../../electron/secrets/secret-store';
import { adoptLegacyPassword } from '../../../electron/secrets/legacy-password';

/** Stands in for the OS keychain: AES-256-GCM under a key only this "machine" has. */
function fakeKeychain(available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(enc) {
      const d = createDecipheriv('aes-256-gcm', key, enc.subarray(0, 12));
      d.setAuthTag(enc.subarray(12, 28));
      return Buffer.concat([d.update(enc.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-secrets-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the keychain secret store', () => {
  it('keeps secrets encrypted on disk, gives them back after a restart, and says only whether each is set', () => {
    const dir = tempDir();
    const keychain = fakeKeychain();
    const store = new KeychainSecretStore(dir, keychain);
    store.set('saslPassword', 'hunter2-비밀');
    store.set('tlsKeyPassphrase', 'open sesame');
    const onDisk = fs.readFileSync(path.join(dir, 'secrets.bin'), 'utf8');
    expect(onDisk).not.toContain('hunter2');
    expect(onDisk).not.toContain('open sesame');

    const again = new KeychainSecretStore(dir, keychain);
    expect(again.all()).toEqual({ saslPassword: 'hunter2-비밀', tlsKeyPassphrase: 'open sesame' });
    expect(JSON.stringify(again.status())).not.toContain('hunter2');
    expect(again.status()).toEqual({
      storage: 'keychain',
      set: { saslPassword: true, tlsKeyPassphrase: true },
      fromEnvironment: { saslPassword: false, tlsKeyPassphrase: false },
    });
    again.set('tlsKeyPassphrase', null);
    expect(new KeychainSecretStore(dir, keychain).status().set).toEqual({
      saslPassword: true,
      tlsKeyPassphrase: false,
    });
  });

  it('treats a secret encrypted by another OS user or machine as not set', () => {
    const dir = tempDir();
    new KeychainSecretStore(dir, fakeKeychain()).set('saslPassword', 'x');
    expect(new KeychainSecretStore(dir, fakeKeychain()).all()).toEqual({});
  });

  it('refuses to store a secret when the keychain is unavailable, and writes nothing', () => {
    const dir = tempDir();
    const store = new KeychainSecretStore(dir, fakeKeychain(false));
    expect(() => store.set('saslPassword', 'x')).toThrow(SecretStoreError);
    expect(fs.existsSync(path.join(dir, 'secrets.bin'))).toBe(false);
  });
});

describe('browser mode’s secret store', () => {
  it('takes secrets from the environment and says so; set in Settings, they live in memory only', () => {
    const store = new MemorySecretStore({ ORDER_DESK_SASL_PASSWORD: 'from-env' });
    expect(store.all()).toEqual({ saslPassword: 'from-env' });
    expect(store.status()).toEqual({
      storage: 'memory',
      set: { saslPassword: true, tlsKeyPassphrase: false },
      fromEnvironment: { saslPassword: true, tlsKeyPassphrase: false },
    });
    store.set('saslPassword', 'typed');
    expect(store.status().fromEnvironment.saslPassword).toBe(false);
    expect(new MemorySecretStore({}).all()).toEqual({});
  });
});

describe('an old settings file’s plain-text password', () => {
  const legacy = (d: string, sasl: unknown) =>
    fs.writeFileSync(
      path.join(d, 'settings.json'),
      JSON.stringify({ version: 3, topic: 'user-data', brokers: ['k:9092'], ssl: true, sasl }),
    );

  it('moves into the keychain and out of settings.json, which keeps everything else', () => {
    const d = tempDir();
    legacy(d, { mechanism: 'plain', username: 'pos-7', password: 'hunter22-legacy' });
    const store = new KeychainSecretStore(d, fakeKeychain());
    const lines: string[] = [];
    expect(adoptLegacyPassword(d, store, (l) => lines.push(l))).toBe('moved');
    expect(store.all()).toEqual({ saslPassword: 'hunter22-legacy' });
    const after = JSON.parse(fs.readFileSync(path.join(d, 'settings.json'), 'utf8'));
    expect(after).toEqual({
      version: 3,
      topic: 'user-data',
      brokers: ['k:9092'],
      ssl: true,
      sasl: { mechanism: 'plain', username: 'pos-7' },
    });
    for (const f of fs.readdirSync(d)) expect(fs.readFileSync(path.join(d, f), 'utf8')).not.toContain('hunter22');
    expect(lines.join('\n')).not.toContain('hunter22');
    // Once moved, a second start finds nothing to do.
    expect(adoptLegacyPassword(d, store, () => {})).toBe('none');
  });

  it('is removed from the file even when no keychain can take it, and the log says to enter it again', () => {
    const d = tempDir();
    legacy(d, { mechanism: 'plain', username: 'pos-7', password: 'hunter22-legacy' });
    const lines: string[] = [];
    const store = new KeychainSecretStore(d, fakeKeychain(false));
    expect(adoptLegacyPassword(d, store, (l) => lines.push(l))).toBe('dropped');
    expect(fs.readFileSync(path.join(d, 'settings.json'), 'utf8')).not.toContain('hunter22');
    expect(lines.join('\n')).toMatch(/enter it again in Settings/);
  });

  it('leaves files without one, and broken files, alone', () => {
    const d = tempDir();
    const store = new MemorySecretStore({});
    expect(adoptLegacyPassword(d, store, () => {})).toBe('none');
    fs.writeFileSync(path.join(d, 'settings.json'), '{broken');
    expect(adoptLegacyPassword(d, store, () => {})).toBe('none');
    expect(fs.readFileSync(path.join(d, 'settings.json'), 'utf8')).toBe('{broken');
    legacy(d, null);
    expect(adoptLegacyPassword(d, store, () => {})).toBe('none');
    expect(store.status().set.saslPassword).toBe(false);
  });
});
