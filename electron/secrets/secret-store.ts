// Where the app keeps the secrets it needs to connect (the SASL password, the client key's
// passphrase): never in settings.json, the logs or the outbox, and never sent to the renderer,
// which only learns whether each is set. In Electron they are encrypted with the OS keychain
// through safeStorage (available only in Electron's main process, so the relay keeps them and
// hands them to the service process); browser mode, which has no keychain, keeps them in
// memory for the life of the process or takes them from the environment, and says so.
import fs from 'node:fs';
import path from 'node:path';
import {
  SECRET_ENV,
  SECRET_NAMES,
  type SecretName,
  type Secrets,
  type SecretStatus,
  type SecretStorageKind,
} from '../../shared/secret-types';

export { SECRET_ENV, SECRET_NAMES, type SecretName, type Secrets, type SecretStatus, type SecretStorageKind };

export interface SecretStore {
  readonly kind: SecretStorageKind;
  /** Every secret that is set (for the service process only). */
  all(): Secrets;
  /** Sets or (with null) clears one secret. */
  set(name: SecretName, value: string | null): void;
  status(): SecretStatus;
}

/** The part of Electron's safeStorage this needs (so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class SecretStoreError extends Error {}

const none = (): Record<SecretName, boolean> => ({ saslPassword: false, tlsKeyPassphrase: false });

/** Electron: each secret encrypted by the OS keychain, in `<dataDir>/secrets.bin` (JSON of base64 ciphertexts). */
export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain';
  private readonly file: string;
  private encrypted: Partial<Record<SecretName, string>> = {};

  constructor(
    dataDir: string,
    private readonly safe: SafeStorageLike,
  ) {
    this.file = path.join(dataDir, 'secrets.bin');
    try {
      const raw = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, unknown>;
      for (const n of SECRET_NAMES) if (typeof raw[n] === 'string') this.encrypted[n] = raw[n];
    } catch {
      // No file yet (or an unreadable one): no secrets; the operator sets them again.
    }
  }

  all(): Secrets {
    const out: Secrets = {};
    for (const n of SECRET_NAMES) {
      const e = this.encrypted[n];
      if (!e) continue;
      try {
        out[n] = this.safe.decryptString(Buffer.from(e, 'base64'));
      } catch {
        // Encrypted under another OS user or machine: as if not set.
      }
    }
    return out;
  }

  set(name: SecretName, value: string | null): void {
    if (value !== null && !this.safe.isEncryptionAvailable())
      throw new SecretStoreError('the OS keychain is not available, so the secret cannot be stored safely');
    if (value === null) delete this.encrypted[name];
    else this.encrypted[name] = this.safe.encryptString(value).toString('base64');
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.encrypted), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }

  status(): SecretStatus {
    const set = none();
    const all = this.all();
    for (const n of SECRET_NAMES) set[n] = all[n] !== undefined;
    return { storage: 'keychain', set, fromEnvironment: none() };
  }
}

/** Browser mode: secrets from the environment, or set in Settings and kept in memory only. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory';
  private readonly values: Secrets = {};
  private readonly fromEnv = none();

  constructor(env: NodeJS.ProcessEnv = process.env) {
    for (const n of SECRET_NAMES) {
      const v = env[SECRET_ENV[n]];
      if (v) {
        this.values[n] = v;
        this.fromEnv[n] = true;
      }
    }
  }

  all(): Secrets {
    return { ...this.values };
  }

  set(name: SecretName, value: string | null): void {
    if (value === null) delete this.values[name];
    else this.values[name] = value;
    this.fromEnv[name] = false;
  }

  status(): SecretStatus {
    const set = none();
    for (const n of SECRET_NAMES) set[n] = this.values[n] !== undefined;
    return { storage: 'memory', set, fromEnvironment: { ...this.fromEnv } };
  }
}

/** The environment without the secrets' variables: the service process gets secrets over its port, not its environment. */
export function withoutSecretEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const n of SECRET_NAMES) delete out[SECRET_ENV[n]];
  return out;
}
