// SaslHandshake v0-1: the client names its mechanism, one of those the listener offers
// (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). With v1 the tokens then travel in SaslAuthenticate
// requests; with v0 the next frames are bare tokens (the pre-KIP-152 flow), handled through
// the session's rawSaslToken hook.
import { SaslHandshake } from '../../kafka-wire/apis/sasl-handshake';
import { KafkaError } from '../../kafka-wire/error-codes';
import { closeConnection, defineHandler } from '../api-handler';
import { saslStep } from './sasl-authenticate';
import { SCRAM_MECHANISMS, ScramServer } from '../../kafka-wire/sasl-scram';

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
    const offered = [...services.saslMechanisms];
    if (!offered.includes(req.mechanism)) {
      return closeConnection(
        `unsupported SASL mechanism ${req.mechanism}`,
        answer(KafkaError.UNSUPPORTED_SASL_MECHANISM, offered),
      );
    }
    session.saslMechanism = req.mechanism;
    const hash = SCRAM_MECHANISMS[req.mechanism];
    if (hash) {
      const creds = services.scramCredentials.get(req.mechanism);
      session.scram = new ScramServer(hash, (user) => creds?.get(user));
    }
    if (ctx.apiVersion === 0) {
      session.rawSaslToken = (token) => {
        const res = saslStep(services, session, token);
        if (!res.ok)
          services.log(`${session.remoteAddress}: SASL/${req.mechanism} authentication failed: ${res.message}`);
        return res.ok ? res.reply : null;
      };
    }
    return answer(KafkaError.NONE, offered);
  },
});
