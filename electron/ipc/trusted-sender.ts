// Who may call main: only the main frame of our own window, showing our own page (the app's
// own app://order-desk origin or, in development, the Vite dev server's origin).
export interface AppLocation {
  /** The app's own origin's scheme and host, e.g. { scheme: 'app', host: 'order-desk' }. */
  scheme: string;
  host: string;
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
  if (parsed.protocol === `${app.scheme}:`) return parsed.host === app.host;
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
