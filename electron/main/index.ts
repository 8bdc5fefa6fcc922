// Electron entry: one instance per data dir, then everything happens in desktop.ts.
import { app } from 'electron';
import { startDesktop } from './desktop';

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
