// The SASL/PLAIN token (RFC 4616) that SaslAuthenticate (or, after SaslHandshake v0, a bare
// frame) carries: authzid NUL authcid NUL passwd, in UTF-8.

export interface PlainCredentials {
  /** Empty: act as the authenticated user. */
  authzid?: string;
  username: string;
  password: string;
}

export function encodeSaslPlainToken(c: PlainCredentials): Buffer {
  return Buffer.from(`${c.authzid ?? ''}\0${c.username}\0${c.password}`, 'utf8');
}

/** The token's NUL-separated parts; a well-formed token has exactly three. */
export function saslPlainTokenParts(token: Buffer): string[] {
  return token.toString('utf8').split('\0');
}
