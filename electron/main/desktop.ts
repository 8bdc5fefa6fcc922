// Electron main, after `ready`: data dir → services (the same app core browser mode runs)
// → the one IPC binding → a locked-down window. Nothing here knows about Kafka or SQLite.
import { app, BrowserWindow, ipcMain, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppCore } from '../app/app-core';
import { attachSandboxConsole } from '../app/sandbox-console';
import { createRequestDispatcher } from '../ipc/bind-requests';
import { bindElectronIpc } from '../ipc/electron-ipc';
import type { AppLocation } from '../ipc/trusted-sender';
import { contentSecurityPolicy } from './csp';
import { resolveDataDir } from './data-dir';
import { electronSqliteBinding, SQLITE_BINDING_ENV } from './native-binding';
import { cspHeaderListener, installSecurity } from './security';
import { mainWindowOptions } from './window';

const log = (message: string) => console.error(`[order-desk] ${message}`);

export async function startDesktop(): Promise<void> {
  // dist-electron/main.cjs → the project (or app.asar) root is one level up.
  const rootDir = path.join(__dirname, '..');
  const location: AppLocation = {
    indexFileUrl: pathToFileURL(path.join(rootDir, 'dist', 'renderer', 'index.html')).href,
    devServerOrigin: !app.isPackaged ? (process.env.ORDER_DESK_DEV_SERVER ?? null) : null,
  };
  // The launcher passes the Electron-ABI better-sqlite3 it built; otherwise look where it puts it.
  const binding = electronSqliteBinding({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, projectDir: rootDir });
  if (binding && !process.env[SQLITE_BINDING_ENV]) process.env[SQLITE_BINDING_ENV] = binding;

  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  const core = await createAppCore({ mode: 'electron', dataDir, version: app.getVersion(), sqliteBinding: process.env[SQLITE_BINDING_ENV] ?? null });
  const dispatch = createRequestDispatcher(core.handlers, (channel, err) => log(`${channel} failed: ${String(err)}`));

  if (location.devServerOrigin) {
    // Vite's dev server injects an inline script for hot reload, which the policy forbids.
    log(`development: loading ${location.devServerOrigin} without the Content-Security-Policy header`);
  } else {
    session.defaultSession.webRequest.onHeadersReceived(cspHeaderListener(contentSecurityPolicy('electron')));
  }
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  app.on('web-contents-created', (_e, contents) => installSecurity(contents, location, log));

  let win: BrowserWindow | null = null;
  const unbind = bindElectronIpc({
    ipcMain,
    dispatch,
    app: location,
    subscribe: (listener) => core.subscribe(listener),
    target: () => win?.webContents ?? null,
  });

  const openWindow = () => {
    win = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
    win.once('ready-to-show', () => win?.show());
    win.on('closed', () => (win = null));
    void (location.devServerOrigin ? win.loadURL(location.devServerOrigin) : win.loadURL(location.indexFileUrl));
  };
  openWindow();
  // Training mode: the terminal `npm start` ran in takes the sandbox's fault commands.
  const detachConsole = attachSandboxConsole(core, process.stdin, (line) => process.stdout.write(`${line}\n`));
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
    // Close the outbox and producer cleanly before the process ends.
    event.preventDefault();
    closing = true;
    unbind();
    detachConsole();
    void Promise.resolve(core.close()).finally(() => app.quit());
  });
}
