// SASL login on a raw connection, one function per mechanism (KIP-152 flow: SaslHandshake v1,
// then the mechanism's tokens in SaslAuthenticate). Adding a mechanism (SCRAM) means adding it
// to ClusterSasl and a function here; the connection and its users do not change.
import { SaslAuthenticate } from '../kafka-wire/apis/sasl-authenticate';
import { SaslHandshake } from '../kafka-wire/apis/sasl-handshake';
import { KafkaError, KafkaResponseError } from '../kafka-wire/error-codes';
import { encodeSaslPlainToken } from '../kafka-wire/sasl-plain';
import type { ClusterSasl } from './cluster-config';
import type { RawConnection } from './raw-connection';

export const SASL_HANDSHAKE_VERSION = 1;
export const SASL_AUTHENTICATE_VERSION = 0;

type Login<S extends ClusterSasl> = (conn: RawConnection, sasl: S) => Promise<void>;

async function handshake(conn: RawConnection, mechanism: string): Promise<void> {
  const hs = await conn.request(SaslHandshake, SASL_HANDSHAKE_VERSION, { mechanism });
  if (hs.errorCode !== KafkaError.NONE) {
    throw new KafkaResponseError(hs.errorCode, {
      context: `SASL handshake for ${mechanism} refused (the broker offers ${hs.mechanisms.join(', ') || 'none'})`,
    });
  }
}

const plain: Login<Extract<ClusterSasl, { mechanism: 'plain' }>> = async (conn, sasl) => {
  await handshake(conn, 'PLAIN');
  const auth = await conn.request(SaslAuthenticate, SASL_AUTHENTICATE_VERSION, {
    authBytes: encodeSaslPlainToken({ username: sasl.username, password: sasl.password }),
  });
  if (auth.errorCode !== KafkaError.NONE) {
    throw new KafkaResponseError(auth.errorCode, { context: 'SASL login refused', brokerMessage: auth.errorMessage });
  }
};

const LOGINS: { [M in ClusterSasl['mechanism']]: Login<Extract<ClusterSasl, { mechanism: M }>> } = { plain };

export function saslLogin(conn: RawConnection, sasl: ClusterSasl): Promise<void> {
  const login = LOGINS[sasl.mechanism] as Login<ClusterSasl> | undefined;
  if (!login) return Promise.reject(new Error(`SASL mechanism ${sasl.mechanism} is not supported`));
  return login(conn, sasl);
}
