// SaslAuthenticate v0-1 carrying SASL/PLAIN tokens (RFC 4616: `authzid NUL authcid NUL passwd`)
// or the two client tokens of SCRAM (kafka-wire/sasl-scram.ts). A failed authentication is
// answered with SASL_AUTHENTICATION_FAILED and a message, then the connection is closed, as
// Kafka's SaslServerAuthenticator does.
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

export type SaslStep = { ok: true; reply: Buffer } | { ok: false; message: string };

/**
 * One client token of the session's mechanism: PLAIN authenticates at once; SCRAM answers its
 * first token with the server-first message and authenticates on the second. Shared with the
 * SaslHandshake v0 raw-token flow.
 */
export function saslStep(services: SandboxServices, session: ConnectionSession, token: Buffer): SaslStep {
  const done = (user: string, reply: Buffer): SaslStep => {
    session.authenticatedUser = user;
    session.scram = null;
    services.log(`${session.remoteAddress} authenticated as ${user}`);
    return { ok: true, reply };
  };
  if (session.scram) {
    try {
      if (session.scram.user === null) return { ok: true, reply: session.scram.first(token) };
      const reply = session.scram.final(token);
      return done(session.scram.user, reply);
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }
  const res = checkPlainToken(token, services.saslUsers ?? new Map());
  return res.ok ? done(res.user, Buffer.alloc(0)) : res;
}

export const saslAuthenticateHandler = defineHandler({
  api: SaslAuthenticate,
  minVersion: 0,
  maxVersion: 1,
  allowedBeforeAuth: true,
  handle(ctx, req) {
    // session_lifetime_ms 0: no re-authentication.
    const answer = (errorCode: number, errorMessage: string | null, authBytes: Buffer = Buffer.alloc(0)) => ({
      errorCode,
      errorMessage,
      authBytes,
      sessionLifetimeMs: 0,
    });
    const { services, session } = ctx;
    if (!services.saslUsers || session.authenticatedUser !== null) {
      // What Kafka's request handler answers on a listener without SASL, or a second time.
      return answer(KafkaError.ILLEGAL_SASL_STATE, 'SaslAuthenticate request received after successful authentication');
    }
    if (session.saslMechanism === null) return closeConnection('SaslAuthenticate before SaslHandshake');
    const res = saslStep(services, session, req.authBytes);
    if (!res.ok)
      return closeConnection(
        `SASL/${session.saslMechanism} authentication failed: ${res.message}`,
        answer(KafkaError.SASL_AUTHENTICATION_FAILED, res.message),
      );
    return answer(KafkaError.NONE, null, res.reply);
  },
});
