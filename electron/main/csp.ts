// The Content-Security-Policy, one function for all three places it is applied: Electron's
// session headers, the meta tag Vite writes into index.html, and browser mode's server
// (which also needs to reach its WebSocket on 127.0.0.1).
export type CspMode = 'electron' | 'browser';

export function contentSecurityPolicy(mode: CspMode): string {
  const connect = mode === 'browser' ? "'self' ws://127.0.0.1:*" : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const META_RE = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/i;

/** index.html with its CSP meta tag set to `mode`'s policy (inserted when absent). */
export function withCspMeta(html: string, mode: CspMode): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(mode)}" />`;
  if (META_RE.test(html)) return html.replace(META_RE, tag);
  // After <meta charset> when there is one: the charset must come first.
  const charset = /<meta\s+charset="[^"]*"\s*\/?>/i;
  if (charset.test(html)) return html.replace(charset, (m) => `${m}\n    ${tag}`);
  return html.replace(/<head>/i, `<head>\n    ${tag}`);
}
