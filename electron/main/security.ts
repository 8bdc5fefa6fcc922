// Everything a page could use to leave the app is refused here: navigation, redirects,
// <webview> and window.open. The helpers are pure (side effects come in as arguments) so
// they are unit-tested without Electron; installSecurity wires them to a webContents.
import type { WebContents } from 'electron';
import { isAppUrl, type AppLocation } from '../ipc/trusted-sender';

export interface Preventable {
  preventDefault(): void;
}
export type SecurityLog = (message: string) => void;
/** shell.openExternal: the OS opens the link in the user's browser, outside the app. */
export type OpenExternal = (url: string) => void;

/** Only web links leave the app, and only to the OS's browser; file:, javascript:, custom schemes never. */
export function isExternalWebLink(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

function openOutside(url: string, log: SecurityLog, openExternal: OpenExternal): void {
  if (isExternalWebLink(url)) {
    log(`opening ${url} in the system browser`);
    openExternal(url);
  }
}

/**
 * Navigation is allowed only within the app's own page; anything else is refused, and a web
 * link (http/https) is handed to the system browser instead.
 */
export function guardNavigation(
  event: Preventable,
  url: string,
  app: AppLocation,
  log: SecurityLog,
  openExternal: OpenExternal = () => {},
): boolean {
  if (isAppUrl(url, app)) return true;
  event.preventDefault();
  log(`refused navigation to ${url}`);
  openOutside(url, log, openExternal);
  return false;
}

/** Redirects are never followed: the app loads local files only. */
export function guardRedirect(event: Preventable, url: string, log: SecurityLog): void {
  event.preventDefault();
  log(`refused redirect to ${url}`);
}

export function refuseWebview(event: Preventable, log: SecurityLog): void {
  event.preventDefault();
  log('refused <webview>');
}

/** No window is ever opened by the page; a web link goes to the system browser. */
export function windowOpenDecision(
  url: string,
  log: SecurityLog,
  openExternal: OpenExternal = () => {},
): { action: 'deny' } {
  log(`refused window.open(${url})`);
  openOutside(url, log, openExternal);
  return { action: 'deny' };
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function installSecurity(
  contents: GuardedContents,
  app: AppLocation,
  log: SecurityLog,
  openExternal: OpenExternal = () => {},
): void {
  contents.on('will-navigate', (event, url) => guardNavigation(event, url, app, log, openExternal));
  contents.on('will-frame-navigate', (details) => {
    if (!details.isMainFrame) guardNavigation(details, details.url, app, log);
  });
  contents.on('will-redirect', (event, url) => guardRedirect(event, url, log));
  contents.on('will-attach-webview', (event) => refuseWebview(event, log));
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url, log, openExternal));
}

/** Every permission a page may ask for (camera, notifications, geolocation, ...) is denied. */
export function denyAllPermissions(
  _contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  log: SecurityLog = () => {},
): void {
  log(`refused permission ${permission}`);
  callback(false);
}

/** Adds the CSP to every response the session serves (app:// responses carry it themselves). */
export function cspHeaderListener(policy: string) {
  return (
    details: { responseHeaders?: Record<string, string[] | string> },
    callback: (response: { responseHeaders: Record<string, string[] | string> }) => void,
  ): void => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  };
}
