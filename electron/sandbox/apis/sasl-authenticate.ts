// SaslAuthenticate v0-1 carrying SASL/PLAIN tokens (RFC 4616: `authzid NUL authcid NUL passwd`).
// A failed authentication is answered with SASL_AUTHENTICATION_FAILED and a message, then the
// connection is closed, as Kafka's SaslServerAuthenticator does.
import { SaslAuthenticate } from '../../kafka-wire/apis/sasl-authenticate';
import { KafkaError } from '../../kafka-wire/error-codes';
import { saslPlainTokenParts } from '../../kafka-wire/sasl-plain';
import { closeConnection, defineHandler, type ConnectionSession, type SandboxServices } from '../api-handler';

export type PlainCheck = { ok: true; user: string } | { ok: false; message: string };

/** Checks one PLAIN token against the configured users; the messages are Kafka's. */
export function checkPlainToken(token: Buffer, users: ReadonlyMap<string, string>): PlainCheck {
  const parts = saslPlainTokenParts(token);
  if (parts.length !== 3)
    return { ok: false, message: `Invalid SASL/PLAIN response: expected 3 tokens, got ${parts.length}` };
  const [authzid, user, password] = parts;
  if (user === '') return { ok: false, message: 'Authentication failed: username not specified' };
  if (password === '') return { ok: false, message: 'Authentication failed: password not specified' };
  const expected = users.get(user);
  if (expected === undefined || expected !== password)
    return { ok: false, message: 'Authentication failed: Invalid username or password' };
  if (authzid !== '' && authzid !== user) {
    return {
      ok: false,
      message: 'Authentication failed: Client requested an authorization id that is different from username',
    };
  }
  return { ok: true, user };
}

/** Marks the session authenticated (or logs why not); shared with the SaslHandshake v0 raw-token flow. */
export function authenticatePlain(services: SandboxServices, session: ConnectionSession, token: Buffer): PlainCheck {
  const res = checkPlainToken(token, services.saslUsers ?? new Map());
  if (res.ok) {
    session.authenticatedUser = res.user;
    services.log(`${session.remoteAddress} authenticated as ${res.user}`);
  }
  return res;
}

export const saslAuthenticateHandler = defineHandler({
  api: SaslAuthenticate,
  minVersion: 0,
  maxVersion: 1,
  allowedBeforeAuth: true,
  handle(ctx, req) {
    // session_lifetime_ms 0: no re-authentication.
    const answer = (errorCode: number, errorMessage: string | null) => ({
      errorCode,
      errorMessage,
      authBytes: Buffer.alloc(0),
      sessionLifetimeMs: 0,
    });
    const { services, session } = ctx;
    if (!services.saslUsers || session.authenticatedUser !== null) {
      // What Kafka's request handler answers on a listener without SASL, or a second time.
      return answer(KafkaError.ILLEGAL_SASL_STATE, 'SaslAuthenticate request received after successful authentication');
    }
    if (session.saslMechanism === null) return closeConnection('SaslAuthenticate before SaslHandshake');
    const res = authenticatePlain(services, session, req.authBytes);
    if (!res.ok)
      return closeConnection(
        `SASL/PLAIN authentication failed: ${res.message}`,
        answer(KafkaError.SASL_AUTHENTICATION_FAILED, res.message),
      );
    return answer(KafkaError.NONE, null);
  },
});
