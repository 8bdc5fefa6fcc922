// SaslHandshake v0-1: the client names its mechanism; only PLAIN is offered. With v1 the
// token then travels in SaslAuthenticate requests; with v0 the next frame is a bare token
// (the pre-KIP-152 flow), handled through the session's rawSaslToken hook.
import { SaslHandshake } from '../../kafka-wire/apis/sasl-handshake';
import { KafkaError } from '../../kafka-wire/error-codes';
import { closeConnection, defineHandler } from '../api-handler';
import { authenticatePlain } from './sasl-authenticate';

export const SASL_MECHANISMS = ['PLAIN'];

export const saslHandshakeHandler = defineHandler({
  api: SaslHandshake,
  minVersion: 0,
  maxVersion: 1,
  allowedBeforeAuth: true,
  handle(ctx, req) {
    const { services, session } = ctx;
    const answer = (errorCode: number, mechanisms: string[]) => ({ errorCode, mechanisms });
    // A listener without SASL, or a connection that already authenticated: Kafka's request
    // handler answers ILLEGAL_SASL_STATE and keeps the connection.
    if (!services.saslUsers || session.authenticatedUser !== null) return answer(KafkaError.ILLEGAL_SASL_STATE, []);
    if (session.saslMechanism !== null) return closeConnection('second SaslHandshake before authentication completed');
    if (req.mechanism !== 'PLAIN') {
      return closeConnection(
        `unsupported SASL mechanism ${req.mechanism}`,
        answer(KafkaError.UNSUPPORTED_SASL_MECHANISM, SASL_MECHANISMS),
      );
    }
    session.saslMechanism = req.mechanism;
    if (ctx.apiVersion === 0) {
      session.rawSaslToken = (token) => {
        const res = authenticatePlain(services, session, token);
        if (!res.ok) services.log(`${session.remoteAddress}: SASL/PLAIN authentication failed: ${res.message}`);
        return res.ok ? Buffer.alloc(0) : null;
      };
    }
    return answer(KafkaError.NONE, SASL_MECHANISMS);
  },
});
