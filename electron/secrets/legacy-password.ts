// Settings files before version 4 kept the SASL/PLAIN password in plain text. At start, before
// the services read the file, the relay moves that password into the secret store and rewrites
// the file without it, so an upgraded terminal keeps connecting and the plain copy is gone.
// Runs in the relay because only it holds the store (the keychain is Electron main's).
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from './secret-store';

export const SETTINGS_FILE_NAME = 'settings.json';

export type LegacyPasswordOutcome = 'none' | 'moved' | 'dropped';

/**
 * Moves an old settings file's plain-text SASL password into `store`. 'dropped': the store
 * could not take it (no keychain); the plain copy is removed anyway and the operator enters
 * the password again, which `log` says.
 */
export function adoptLegacyPassword(
  dataDir: string,
  store: SecretStore,
  log: (message: string) => void,
): LegacyPasswordOutcome {
  const file = path.join(dataDir, SETTINGS_FILE_NAME);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return 'none'; // no file, or a broken one the settings store reports itself
  }
  const sasl = json.sasl as Record<string, unknown> | null | undefined;
  if (!sasl || typeof sasl !== 'object' || !('password' in sasl)) return 'none';
  const { password, ...rest } = sasl;
  let outcome: LegacyPasswordOutcome = 'none';
  if (typeof password === 'string' && password !== '') {
    try {
      store.set('saslPassword', password);
      outcome = 'moved';
      log(
        `settings: the SASL password moved from ${SETTINGS_FILE_NAME} to the ${store.kind === 'keychain' ? 'OS keychain' : 'memory of this process'}`,
      );
    } catch (e) {
      outcome = 'dropped';
      log(
        `settings: the SASL password was removed from ${SETTINGS_FILE_NAME} but could not be stored (${e instanceof Error ? e.message : String(e)}); enter it again in Settings`,
      );
    }
  }
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify({ ...json, sasl: rest }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return outcome;
}
