import { describe, expect, it } from 'vitest';
import {
  cspHeaderListener,
  guardNavigation,
  guardRedirect,
  denyAllPermissions,
  installSecurity,
  isExternalWebLink,
  refuseWebview,
  windowOpenDecision,
} from '../../../electron/main/security';
import { contentSecurityPolicy, withCspMeta } from '../../../electron/main/csp';
import { isAppUrl, type AppLocation } from '../../../electron/ipc/trusted-sender';
import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from '../../../electron/main/app-protocol';

const app: AppLocation = { scheme: APP_SCHEME, host: APP_HOST, devServerOrigin: null };

function event() {
  const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
  return e;
}

describe('navigation and window guards', () => {
  it.each(['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'http://127.0.0.1:5173/', 'not a url'])(
    'refuses navigation to %s',
    (url) => {
      const e = event();
      const log: string[] = [];
      expect(guardNavigation(e, url, app, (m) => log.push(m))).toBe(false);
      expect(e.prevented).toBe(true);
      expect(log[0]).toContain('refused navigation');
    },
  );

  it('lets the app reload its own page', () => {
    const e = event();
    expect(guardNavigation(e, `${APP_INDEX_URL}?x=1`, app, () => {})).toBe(true);
    expect(e.prevented).toBe(false);
  });

  it('refuses every redirect, every <webview> and every window.open', () => {
    const r = event();
    guardRedirect(r, APP_INDEX_URL, () => {});
    expect(r.prevented).toBe(true);
    const w = event();
    refuseWebview(w, () => {});
    expect(w.prevented).toBe(true);
    expect(windowOpenDecision('https://example.com', () => {})).toEqual({ action: 'deny' });
  });

  it('installs every guard on a webContents', () => {
    const on = new Map<string, (...a: unknown[]) => void>();
    let openHandler: ((d: { url: string }) => unknown) | null = null;
    installSecurity(
      {
        on: ((name: string, fn: (...a: unknown[]) => void) => on.set(name, fn)) as never,
        setWindowOpenHandler: ((fn: (d: { url: string }) => unknown) => (openHandler = fn)) as never,
      },
      app,
      () => {},
    );
    expect([...on.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ]);
    const e = event();
    on.get('will-navigate')!(e, 'https://evil.example/');
    expect(e.prevented).toBe(true);
    expect(openHandler!({ url: 'https://x' })).toEqual({ action: 'deny' });
  });

  it('trusts only its own app://order-desk origin, never file:// (which reaches every local file)', () => {
    expect(isAppUrl('app://order-desk/index.html#settings', app)).toBe(true);
    expect(isAppUrl('app://order-desk/', app)).toBe(true);
    expect(isAppUrl('app://elsewhere/index.html', app)).toBe(false);
    expect(isAppUrl('file:///opt/od/dist/renderer/index.html', app)).toBe(false);
  });
});

describe('external links', () => {
  it('hands http(s) links to the system browser, and nothing else', () => {
    const opened: string[] = [];
    const open = (u: string) => void opened.push(u);
    for (const url of [
      'https://kafka.apache.org/documentation/',
      'http://intranet.store/help',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/x',
      'https://user:pw@evil.example/',
    ]) {
      expect(windowOpenDecision(url, () => {}, open)).toEqual({ action: 'deny' });
      guardNavigation(event(), url, app, () => {}, open);
    }
    expect(opened).toEqual([
      'https://kafka.apache.org/documentation/',
      'https://kafka.apache.org/documentation/',
      'http://intranet.store/help',
      'http://intranet.store/help',
    ]);
    expect(isExternalWebLink('ftp://x')).toBe(false);
  });

  it('denies every permission request', () => {
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read'])
      denyAllPermissions(null, p, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false]);
  });
});

describe('content security policy', () => {
  it('allows only the app itself, never eval, and a local WebSocket only in browser mode', () => {
    const electron = contentSecurityPolicy('electron');
    const browser = contentSecurityPolicy('browser');
    expect(electron).toMatch(/default-src 'self'/);
    for (const p of [electron, browser]) {
      expect(p).not.toMatch(/unsafe-eval/);
      expect(p).not.toMatch(/unsafe-inline/);
      expect(p).toMatch(/object-src 'none'/);
    }
    expect(electron).not.toMatch(/ws:/);
    expect(browser).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\*/);
  });

  it('writes the policy into index.html, replacing an existing one', () => {
    const html = '<html><head><title>x</title></head></html>';
    const once = withCspMeta(html, 'electron');
    expect(once).toContain(`content="${contentSecurityPolicy('electron')}"`);
    const swapped = withCspMeta(once, 'browser');
    expect(swapped).toContain(`content="${contentSecurityPolicy('browser')}"`);
    expect(swapped.match(/Content-Security-Policy/g)).toHaveLength(1);
  });

  it('adds the header to every session response', () => {
    let out: Record<string, unknown> = {};
    cspHeaderListener("default-src 'self'")({ responseHeaders: { 'X-A': ['1'] } }, (r) => (out = r.responseHeaders));
    expect(out).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': ["default-src 'self'"] });
  });
});
