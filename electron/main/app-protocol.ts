// The window's pages come from app://order-desk/, served by a protocol handler over the built
// renderer, not from file://. A file:// page shares its origin with every other local file and
// can read them; app://order-desk is an origin of its own that serves only the renderer's files,
// each with the Content-Security-Policy, and is what the IPC sender check trusts.
import fs from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf, resolveStaticPath } from './renderer-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'order-desk';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged (before `ready`): a standard, secure scheme (so
 * relative URLs, 'self' in the CSP and fetch work) that bypasses nothing.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** protocol.handle's handler: GET/HEAD of files under rendererDir, with the CSP; 404 for anything else. */
export function appProtocolHandler(rendererDir: string, csp: string) {
  const root = path.resolve(rendererDir);
  const headers = (contentType: string) => ({
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
  });
  return async (request: { url: string; method?: string }): Promise<Response> => {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD')
      return new Response(null, { status: 405, headers: headers('text/plain; charset=utf-8') });
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(root, url.pathname) : null;
    if (!file) return new Response('Not found\n', { status: 404, headers: headers('text/plain; charset=utf-8') });
    try {
      const body = await fs.readFile(file);
      return new Response(method === 'HEAD' ? null : body, { status: 200, headers: headers(contentTypeOf(file)) });
    } catch {
      return new Response('Not found\n', { status: 404, headers: headers('text/plain; charset=utf-8') });
    }
  };
}
