// Electron entry: one instance per data dir, then everything happens in desktop.ts.
import { app, protocol } from 'electron';
import path from 'node:path';
import { resolveDataDir } from './data-dir';
import { startDesktop } from './desktop';
import { APP_SCHEME_PRIVILEGES } from './app-protocol';

// Before `ready`: the app's own scheme, so its pages are a secure origin of their own.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// Electron's single-instance lock belongs to the userData directory. A data directory of its
// own (ORDER_DESK_DATA_DIR) gets its own Electron profile inside it, so the lock, and the
// focusing of the first window, is per data directory like the outbox's own lock.
const dataDir = resolveDataDir(process.env, app.getPath('userData'));
if (path.resolve(dataDir) !== path.resolve(app.getPath('userData')))
  app.setPath('userData', path.join(dataDir, 'electron-profile'));

if (!app.requestSingleInstanceLock()) {
  // Another Order Desk owns the outbox; it focuses its window (see 'second-instance').
  app.quit();
} else {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(startDesktop)
    .catch((err: unknown) => {
      console.error('[order-desk] failed to start:', err);
      app.exit(1);
    });
}
