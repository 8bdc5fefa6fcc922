// Electron main, after `ready`: the window, its security, the sender check and the relay.
// The services (outbox, dispatcher, Diagnostics, benchmark, training sandbox) run in a utility
// process of their own (dist-electron/service-host.cjs), so a slow disk, a burst of orders or a
// benchmark never stalls the window, and a crash there never takes it down: main restarts the
// process and the page says so. Nothing here knows about Kafka or SQLite.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, utilityProcess } from 'electron';
import { formatError } from '../../shared/error-codes';
import path from 'node:path';
import { bindElectronIpc } from '../ipc/electron-ipc';
import type { AppLocation } from '../ipc/trusted-sender';
import { utilityHostLauncher } from '../relay/host-launch';
import { createRelayDispatch } from '../relay/relay-dispatch';
import { attachSandboxConsole } from '../relay/sandbox-console';
import { ServiceSupervisor } from '../relay/service-supervisor';
import { contentSecurityPolicy } from './csp';
import { resolveDataDir } from './data-dir';
import { electronSqliteBinding, SQLITE_BINDING_ENV } from './native-binding';
import { cspHeaderListener, denyAllPermissions, installSecurity } from './security';
import { APP_HOST, APP_INDEX_URL, APP_SCHEME, appProtocolHandler } from './app-protocol';
import { mainWindowOptions } from './window';
import { createAppLog } from '../logging/app-log';
import { relayLogs } from '../relay/relay-logs';
import { KeychainSecretStore } from '../secrets/secret-store';
import { adoptLegacyPassword } from '../secrets/legacy-password';
import { setRedactedSecrets } from '../logging/redact';

const appLog = createAppLog('app');
const log = appLog.log;

/** The bundled service host, beside this bundle (dist-electron/main.cjs). */
export const SERVICE_HOST_BUNDLE = 'service-host.cjs';

export async function startDesktop(): Promise<void> {
  // dist-electron/main.cjs → the project (or app.asar) root is one level up.
  const rootDir = path.join(__dirname, '..');
  const location: AppLocation = {
    scheme: APP_SCHEME,
    host: APP_HOST,
    devServerOrigin: !app.isPackaged ? (process.env.ORDER_DESK_DEV_SERVER ?? null) : null,
  };
  // The pages come from app://order-desk/ (registered as privileged in index.ts), never file://.
  protocol.handle(
    APP_SCHEME,
    appProtocolHandler(path.join(rootDir, 'dist', 'renderer'), contentSecurityPolicy('electron')),
  );
  // The launcher passes the Electron-ABI better-sqlite3 it built; otherwise look where it puts it.
  const sqliteBinding =
    process.env[SQLITE_BINDING_ENV] ||
    electronSqliteBinding({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, projectDir: rootDir });

  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  appLog.attachFile(dataDir);
  // Secrets live in the OS keychain through safeStorage, which only this process has.
  const secretStore = new KeychainSecretStore(dataDir, safeStorage);
  adoptLegacyPassword(dataDir, secretStore, log);
  const secretsChanged = () => {
    setRedactedSecrets(Object.values(secretStore.all()));
    services.secretsChanged();
  };
  setRedactedSecrets(Object.values(secretStore.all()));
  const services = new ServiceSupervisor({
    launch: utilityHostLauncher(utilityProcess, path.join(__dirname, SERVICE_HOST_BUNDLE)),
    init: { mode: 'electron', dataDir, version: app.getVersion(), sqliteBinding },
    secrets: () => secretStore.all(),
    log,
  });
  // The window opens at once; requests wait for the services to be up. Browser mode on the
  // same data directory owns the outbox: say so and leave it alone.
  void services.start().then(() => {
    const state = services.state();
    if (state.status !== 'failed' || state.error?.code !== 'instance.running') return;
    dialog.showErrorBox('Order Desk', formatError(state.error, app.getLocale().startsWith('ko') ? 'ko' : 'en'));
    app.quit();
  });

  if (location.devServerOrigin) {
    // Vite's dev server injects an inline script for hot reload, which the policy forbids.
    log(`development: loading ${location.devServerOrigin} without the Content-Security-Policy header`);
  } else {
    session.defaultSession.webRequest.onHeadersReceived(cspHeaderListener(contentSecurityPolicy('electron')));
  }
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) =>
    denyAllPermissions(wc, permission, callback, log),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) =>
    installSecurity(contents, location, log, (url) => void shell.openExternal(url)),
  );

  let win: BrowserWindow | null = null;
  const unbind = bindElectronIpc({
    ipcMain,
    // shell.openPath answers '' on success, else the reason it could not open the folder.
    dispatch: createRelayDispatch(
      services,
      relayLogs(dataDir, async (dir) => (await shell.openPath(dir)) === ''),
      { store: secretStore, changed: secretsChanged },
    ),
    app: location,
    subscribe: (listener) => services.subscribe(listener),
    target: () => win?.webContents ?? null,
  });

  const openWindow = () => {
    win = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
    win.once('ready-to-show', () => win?.show());
    win.on('closed', () => (win = null));
    void (location.devServerOrigin ? win.loadURL(location.devServerOrigin) : win.loadURL(APP_INDEX_URL));
  };
  openWindow();
  // Training mode: the terminal `npm start` ran in takes the sandbox's fault commands.
  const detachConsole = attachSandboxConsole(services, process.stdin, (line) => process.stdout.write(`${line}\n`));
  app.on('activate', () => {
    if (!win) openWindow();
  });
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    // Close the services (outbox, producer, sandbox) cleanly before the process ends.
    event.preventDefault();
    closing = true;
    unbind();
    detachConsole();
    void services.close().finally(() => app.quit());
  });
}
