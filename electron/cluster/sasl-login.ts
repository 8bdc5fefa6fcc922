// SASL login on a raw connection, one function per mechanism (KIP-152 flow: SaslHandshake v1,
// then the mechanism's tokens in SaslAuthenticate): PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512.
// Adding a mechanism means adding it to ClusterSasl and a function here; the connection and
// its users do not change.
import { SaslAuthenticate } from '../kafka-wire/apis/sasl-authenticate';
import { SaslHandshake } from '../kafka-wire/apis/sasl-handshake';
import { KafkaError, KafkaResponseError } from '../kafka-wire/error-codes';
import { encodeSaslPlainToken } from '../kafka-wire/sasl-plain';
import { SCRAM_MECHANISMS, ScramClient } from '../kafka-wire/sasl-scram';
import type { ClusterSasl } from './cluster-config';
import type { RawConnection } from './raw-connection';

export const SASL_HANDSHAKE_VERSION = 1;
export const SASL_AUTHENTICATE_VERSION = 0;

type Login = (conn: RawConnection, sasl: ClusterSasl) => Promise<void>;

async function handshake(conn: RawConnection, mechanism: string): Promise<void> {
  const hs = await conn.request(SaslHandshake, SASL_HANDSHAKE_VERSION, { mechanism });
  if (hs.errorCode !== KafkaError.NONE) {
    throw new KafkaResponseError(hs.errorCode, {
      context: `SASL handshake for ${mechanism} refused (the broker offers ${hs.mechanisms.join(', ') || 'none'})`,
    });
  }
}

async function authenticate(conn: RawConnection, authBytes: Buffer): Promise<Buffer> {
  const auth = await conn.request(SaslAuthenticate, SASL_AUTHENTICATE_VERSION, { authBytes });
  if (auth.errorCode !== KafkaError.NONE) {
    throw new KafkaResponseError(auth.errorCode, { context: 'SASL login refused', brokerMessage: auth.errorMessage });
  }
  return auth.authBytes;
}

const plain: Login = async (conn, sasl) => {
  await handshake(conn, 'PLAIN');
  await authenticate(conn, encodeSaslPlainToken({ username: sasl.username, password: sasl.password }));
};

const scram =
  (mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512'): Login =>
  async (conn, sasl) => {
    await handshake(conn, mechanism);
    const client = new ScramClient(SCRAM_MECHANISMS[mechanism], sasl.username, sasl.password);
    const serverFirst = await authenticate(conn, client.first());
    const serverFinal = await authenticate(conn, client.final(serverFirst));
    client.verify(serverFinal);
  };

const LOGINS: Record<ClusterSasl['mechanism'], Login> = {
  plain,
  'scram-sha-256': scram('SCRAM-SHA-256'),
  'scram-sha-512': scram('SCRAM-SHA-512'),
};

export function saslLogin(conn: RawConnection, sasl: ClusterSasl): Promise<void> {
  const login = LOGINS[sasl.mechanism] as Login | undefined;
  if (!login) return Promise.reject(new Error(`SASL mechanism ${sasl.mechanism} is not supported`));
  return login(conn, sasl);
}
