// Everything a page could use to leave the app is refused here: navigation, redirects,
// <webview> and window.open. The helpers are pure (side effects come in as arguments) so
// they are unit-tested without Electron; installSecurity wires them to a webContents.
import type { WebContents } from 'electron';
import { isAppUrl, type AppLocation } from '../ipc/trusted-sender';

export interface Preventable {
  preventDefault(): void;
}
export type SecurityLog = (message: string) => void;

/** Navigation is allowed only to the app's own page (a reload); everything else is refused. */
export function guardNavigation(event: Preventable, url: string, app: AppLocation, log: SecurityLog): boolean {
  if (isAppUrl(url, app)) return true;
  event.preventDefault();
  log(`refused navigation to ${url}`);
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

export function windowOpenDecision(url: string, log: SecurityLog): { action: 'deny' } {
  log(`refused window.open(${url})`);
  return { action: 'deny' };
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function installSecurity(contents: GuardedContents, app: AppLocation, log: SecurityLog): void {
  contents.on('will-navigate', (event, url) => guardNavigation(event, url, app, log));
  contents.on('will-frame-navigate', (details) => {
    if (!details.isMainFrame) guardNavigation(details, details.url, app, log);
  });
  contents.on('will-redirect', (event, url) => guardRedirect(event, url, log));
  contents.on('will-attach-webview', (event) => refuseWebview(event, log));
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url, log));
}

/** Adds the CSP to every response the session serves (the meta tag covers file://). */
export function cspHeaderListener(policy: string) {
  return (
    details: { responseHeaders?: Record<string, string[] | string> },
    callback: (response: { responseHeaders: Record<string, string[] | string> }) => void,
  ): void => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  };
}
