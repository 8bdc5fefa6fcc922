// The data directory holds customers' names and phone numbers (the outbox, the history) and the
// logs: on a terminal shared by several accounts, only the app's own account may read them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, OUTBOX_FILE } from '../../../electron/app/app-core';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

// Windows keeps access in ACLs, which a file mode does not show: there the app sets no mode.
const onWindows = process.platform === 'win32';
if (onWindows) console.log("skipping the data directory's mode test: Windows keeps access in ACLs, not modes");

describe.skipIf(onWindows)('the data directory', () => {
  it('is owner-only once the app has opened it, made new or found open to others', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-private-'));
    made.push(parent);
    const fresh = path.join(parent, 'new');
    const open = path.join(parent, 'open');
    fs.mkdirSync(open, { mode: 0o755 });
    fs.chmodSync(open, 0o755);
    for (const dataDir of [fresh, open]) {
      const core = await createAppCore({
        dataDir,
        mode: 'browser',
        env: { KAFKA_BROKERS: '127.0.0.1:1' },
        log: () => {},
      });
      try {
        expect(modeOf(dataDir)).toBe(0o700);
        // Another account cannot reach the outbox through it, whatever the file's own mode.
        expect(fs.existsSync(path.join(dataDir, OUTBOX_FILE))).toBe(true);
      } finally {
        await core.close();
      }
    }
  });
});
