// Who may call main: only the main frame of our own window, showing our own page (the
// packaged file:// index or, in development, the Vite dev server's origin).
export interface AppLocation {
  /** file:// URL of the built index.html, e.g. file:///opt/order-desk/dist/renderer/index.html */
  indexFileUrl: string;
  /** http://127.0.0.1:5173 in development; null when packaged. */
  devServerOrigin: string | null;
}

export function isAppUrl(url: string, app: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const expected = new URL(app.indexFileUrl);
    return parsed.pathname === expected.pathname;
  }
  return app.devServerOrigin !== null && parsed.origin === new URL(app.devServerOrigin).origin;
}

/** The parts of Electron's WebFrameMain the check needs (so tests need no Electron). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrame | null | undefined, app: AppLocation): boolean {
  if (!frame) return false; // the frame navigated away or was destroyed
  if (frame.parent !== null) return false; // sub-frames never talk to main
  return isAppUrl(frame.url, app);
}
