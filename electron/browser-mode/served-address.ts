// The names browser mode answers on: 127.0.0.1 and localhost, with its own port (localhost is the
// same loopback server; browsers never send it to the network). A DNS rebinding points another
// name at 127.0.0.1, and the browser then sends that name as the Host of every request, the
// page's as the WebSocket's: this one rule decides both (server.ts, ws-auth.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appError, formatError, type AppError } from '../../shared/error-codes';

/** `host:port` as a Host header names them, the printed one first. */
export function servedAddresses(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Whether a request's Host header names this server (host names are case-insensitive). */
export function isServedAddress(host: string | undefined, addresses: readonly string[]): boolean {
  return host !== undefined && addresses.includes(host.toLowerCase());
}

/**
 * request.wrongAddress for a page opened under the name `host`, naming the addresses to open
 * instead; request.noAddress when the request named none (an HTTP/1.0 client sends no Host), since
 * "opened at http://" would name nothing.
 */
export function wrongAddressError(host: string | undefined, addresses: readonly string[]): AppError {
  const open = { expected: `http://${addresses[0]}`, alsoAt: `http://${addresses[1]}` };
  return host
    ? appError('request.wrongAddress', { address: `http://${host}`, ...open })
    : appError('request.noAddress', open);
}

/**
 * The answer to an HTTP request under another name: 421 Misdirected Request and, for whoever
 * opened it in a browser, which addresses to open, in both languages. Never the page.
 */
export function refuseWrongAddress(req: IncomingMessage, res: ServerResponse, addresses: readonly string[]): void {
  const error = wrongAddressError(req.headers.host, addresses);
  const body = `${formatError(error, 'en')}\n\n${formatError(error, 'ko')}\n`;
  res
    .writeHead(421, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    })
    .end(req.method === 'HEAD' ? undefined : body);
}
