// Serves the built renderer (vite build output). Only files under the root, GET/HEAD only;
// index.html gets browser mode's CSP, and no response leaks the token-bearing URL.
import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentSecurityPolicy, withCspMeta } from '../main/csp';
import { contentTypeOf, resolveStaticPath } from '../main/renderer-files';

const SECURITY_HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy('browser'),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function createStaticHandler(rootDir: string) {
  const root = path.resolve(rootDir);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = resolveStaticPath(root, urlPath);
    if (!file) {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      const isIndex = file === path.join(root, 'index.html');
      res
        .writeHead(isIndex ? 503 : 404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
        .end(isIndex ? 'The renderer is not built yet: run `npm run build`.\n' : 'Not found\n');
      return;
    }
    const ext = path.extname(file);
    if (ext === '.html') body = Buffer.from(withCspMeta(body.toString('utf8'), 'browser'));
    res.writeHead(200, {
      'Content-Type': contentTypeOf(file),
      'Content-Length': body.length,
      // Hashed asset names can be cached; index.html must always be fresh.
      'Cache-Control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
