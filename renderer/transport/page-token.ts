// Browser mode's token leaves the address bar once the page has read it: left there, it went
// into the browser's history, screenshots, screen shares and every copied link. This tab keeps
// it (sessionStorage) so a reload still connects; a new tab on the bare address does not get
// it. Pure, so the rules are unit-tested; api.ts applies the result to the page.
import { WS_TOKEN_PARAM } from '../../shared/ws-protocol';

/** The sessionStorage key this tab keeps its token under. */
export const PAGE_TOKEN_KEY = 'order-desk.token';

export interface PageToken {
  /** The token to connect with: the address's, else the one this tab kept; null for neither. */
  token: string | null;
  /**
   * The address to show instead (path, other parameters and hash as they were), or null when the
   * address holds no token parameter and stays as it is.
   */
  address: string | null;
}

const isTokenParam = (part: string): boolean => {
  const name = part.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name) === WS_TOKEN_PARAM;
  } catch {
    return false; // a malformed escape names no token
  }
};

/**
 * A token in the address wins over the kept one (a restarted server prints a new one); an empty
 * `token=` is none. The other parameters are kept byte for byte, never re-encoded.
 */
export function readPageToken(href: string, kept: string | null): PageToken {
  const url = new URL(href);
  const fromAddress = url.searchParams.get(WS_TOKEN_PARAM);
  const parts = url.search.slice(1).split('&');
  const others = parts.filter((p) => p !== '' && !isTokenParam(p));
  const address = parts.some(isTokenParam)
    ? `${url.pathname}${others.length ? `?${others.join('&')}` : ''}${url.hash}`
    : null;
  return { token: fromAddress || kept || null, address };
}
