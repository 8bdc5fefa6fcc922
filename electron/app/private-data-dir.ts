// The data directory holds customers' names and phone numbers (the outbox, its history), the
// logs and the app's secrets: on a terminal shared by several accounts only the app's own may
// read them. settings.json and the secrets were written owner-only already, but the outbox and
// logs were readable by every account (0644 in a 0755 directory). The directory itself is made
// owner-only, so nothing in it can be reached, whatever each file's own mode.
import fs from 'node:fs';

const OWNER_ONLY = 0o700;

/** Creates the data directory owner-only, or makes an existing one so (it belongs to this app). */
export function makeDataDirPrivate(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: OWNER_ONLY });
  // Windows keeps access in ACLs, which a mode does not change: nothing to do there.
  if (process.platform === 'win32') return;
  if ((fs.statSync(dataDir).mode & 0o777) !== OWNER_ONLY) fs.chmodSync(dataDir, OWNER_ONLY);
}
