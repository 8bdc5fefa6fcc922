// Who may open browser mode's WebSocket: a request to one of the names this server answers on
// (Host check, the same rule as the page's: served-address.ts), from a page served by this
// server (Origin check; a missing Origin means a local non-browser client), that knows the
// random token printed at start. Pure, so the rules are unit-tested.
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { WS_PATH, WS_TOKEN_PARAM } from '../../shared/ws-protocol';
import type { ErrorCode } from '../../shared/error-codes';
import { isServedAddress } from './served-address';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export type UpgradeDecision =
  | { kind: 'accept' }
  /** Not our endpoint or a foreign page: refused at the HTTP level. */
  | { kind: 'refuse'; status: 403 | 404; code: ErrorCode }
  /** Our page but no valid token: the socket opens only to be told why, then closes. */
  | { kind: 'unauthorized'; code: 'request.unauthorized' }
  /**
   * Our page, served under a name we do not answer on (its origin is the Host it was loaded
   * from): told so, as the token's page is, instead of a refusal it cannot see and retries for ever.
   */
  | { kind: 'wrongAddress'; code: 'request.wrongAddress'; host: string | undefined };

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function decideUpgrade(
  req: { url: string | undefined; origin: string | undefined; host: string | undefined },
  server: { token: string; addresses: readonly string[] },
): UpgradeDecision {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WS_PATH) return { kind: 'refuse', status: 404, code: 'request.unknown' };
  if (!isServedAddress(req.host, server.addresses)) {
    // Our page served under that name (its origin is the Host it was loaded from), or a local
    // client without a page: told which address to open. Any other page is refused outright.
    if (req.origin === undefined || req.origin === `http://${req.host}`)
      return { kind: 'wrongAddress', code: 'request.wrongAddress', host: req.host };
    return { kind: 'refuse', status: 403, code: 'request.forbidden' };
  }
  if (req.origin !== undefined && !server.addresses.some((a) => req.origin === `http://${a}`))
    return { kind: 'refuse', status: 403, code: 'request.forbidden' };
  const token = url.searchParams.get(WS_TOKEN_PARAM);
  if (!token || !sameToken(token, server.token)) return { kind: 'unauthorized', code: 'request.unauthorized' };
  return { kind: 'accept' };
}
