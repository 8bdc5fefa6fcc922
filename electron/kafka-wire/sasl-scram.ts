// SASL/SCRAM (RFC 5802, with SHA-256 and SHA-512 as RFC 7677 and Kafka's KIP-84 use them): the
// messages both sides exchange in SaslAuthenticate, and the key derivations. The client half is
// used by the app's raw connections, the server half by the sandbox; both from this one file so
// they cannot drift apart. No channel binding (Kafka offers none): the GS2 header is "n,,".
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export type ScramHash = 'sha256' | 'sha512';
export const SCRAM_MECHANISMS: Record<string, ScramHash> = { 'SCRAM-SHA-256': 'sha256', 'SCRAM-SHA-512': 'sha512' };
/** Kafka's minimum iteration count for SCRAM credentials. */
export const SCRAM_MIN_ITERATIONS = 4096;
const GS2_HEADER = 'n,,';

const hmac = (hash: ScramHash, key: Buffer, text: string) => createHmac(hash, key).update(text, 'utf8').digest();
const h = (hash: ScramHash, data: Buffer) => createHash(hash).update(data).digest();
const xor = (a: Buffer, b: Buffer) => Buffer.from(a.map((v, i) => v ^ b[i]));

/** RFC 5802's saslname: ',' and '=' escaped. */
export function escapeSaslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}
export function unescapeSaslName(name: string): string {
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** "a=1,b=2" → { a: '1', b: '2' } (values may contain '='). */
function attributes(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) out[part[0]] = part.slice(2);
  }
  return out;
}

export interface ScramCredential {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

function keys(hash: ScramHash, password: string, salt: Buffer, iterations: number) {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, hash === 'sha256' ? 32 : 64, hash);
  const clientKey = hmac(hash, salted, 'Client Key');
  return { clientKey, storedKey: h(hash, clientKey), serverKey: hmac(hash, salted, 'Server Key') };
}

/** What a server stores for a user (never the password itself). */
export function scramCredential(
  hash: ScramHash,
  password: string,
  salt: Buffer = randomBytes(24),
  iterations = SCRAM_MIN_ITERATIONS,
): ScramCredential {
  const { storedKey, serverKey } = keys(hash, password, salt, iterations);
  return { salt, iterations, storedKey, serverKey };
}

export class ScramError extends Error {}

/** The client's side of one exchange: first(), then final(serverFirst), then verify(serverFinal). */
export class ScramClient {
  private readonly clientFirstBare: string;
  private serverSignature: Buffer | null = null;

  constructor(
    private readonly hash: ScramHash,
    private readonly username: string,
    private readonly password: string,
    private readonly nonce: string = randomBytes(18).toString('base64'),
  ) {
    this.clientFirstBare = `n=${escapeSaslName(username)},r=${nonce}`;
  }

  first(): Buffer {
    return Buffer.from(GS2_HEADER + this.clientFirstBare, 'utf8');
  }

  final(serverFirst: Buffer): Buffer {
    const text = serverFirst.toString('utf8');
    const a = attributes(text);
    if (a.e) throw new ScramError(`the broker refused the login: ${a.e}`);
    if (!a.r || !a.s || !a.i) throw new ScramError('the broker sent a malformed SCRAM server-first message');
    if (!a.r.startsWith(this.nonce)) throw new ScramError('the broker’s SCRAM nonce does not extend ours');
    const iterations = Number(a.i);
    if (!Number.isInteger(iterations) || iterations < SCRAM_MIN_ITERATIONS)
      throw new ScramError(`the broker asked for ${a.i} SCRAM iterations (at least ${SCRAM_MIN_ITERATIONS} expected)`);
    const k = keys(this.hash, this.password, Buffer.from(a.s, 'base64'), iterations);
    const withoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${a.r}`;
    const authMessage = `${this.clientFirstBare},${text},${withoutProof}`;
    const clientSignature = hmac(this.hash, k.storedKey, authMessage);
    this.serverSignature = hmac(this.hash, k.serverKey, authMessage);
    return Buffer.from(`${withoutProof},p=${xor(k.clientKey, clientSignature).toString('base64')}`, 'utf8');
  }

  /** Checks the server's signature: proof that the broker knows the password too. */
  verify(serverFinal: Buffer): void {
    const a = attributes(serverFinal.toString('utf8'));
    if (a.e) throw new ScramError(`the broker refused the login: ${a.e}`);
    const v = a.v ? Buffer.from(a.v, 'base64') : null;
    if (
      !this.serverSignature ||
      !v ||
      v.length !== this.serverSignature.length ||
      !timingSafeEqual(v, this.serverSignature)
    )
      throw new ScramError('the broker’s SCRAM signature is wrong (it does not know this user’s password)');
  }
}

/** The server's side of one exchange. */
export class ScramServer {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private credential: ScramCredential | null = null;
  user: string | null = null;

  constructor(
    private readonly hash: ScramHash,
    private readonly lookup: (user: string) => ScramCredential | undefined,
    private readonly serverNonce: string = randomBytes(18).toString('base64'),
  ) {}

  /** Answers client-first; throws ScramError (unknown user, malformed). */
  first(clientFirst: Buffer): Buffer {
    const text = clientFirst.toString('utf8');
    if (!text.startsWith('n,'))
      throw new ScramError('Invalid SCRAM client first message: channel binding is not supported');
    this.clientFirstBare = text.slice(text.indexOf(',', 2) + 1);
    const a = attributes(this.clientFirstBare);
    if (!a.n || !a.r) throw new ScramError('Invalid SCRAM client first message');
    const user = unescapeSaslName(a.n);
    const credential = this.lookup(user);
    if (!credential) throw new ScramError('Authentication failed: Invalid user credentials');
    this.credential = credential;
    this.user = user;
    this.nonce = a.r + this.serverNonce;
    this.serverFirst = `r=${this.nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`;
    return Buffer.from(this.serverFirst, 'utf8');
  }

  /** Checks client-final's proof and answers server-final; throws ScramError when the proof is wrong. */
  final(clientFinal: Buffer): Buffer {
    const text = clientFinal.toString('utf8');
    const a = attributes(text);
    if (!this.credential || a.r !== this.nonce || !a.p) throw new ScramError('Invalid SCRAM client final message');
    const withoutProof = text.slice(0, text.lastIndexOf(',p='));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.hash, this.credential.storedKey, authMessage);
    const proof = Buffer.from(a.p, 'base64');
    if (proof.length !== clientSignature.length)
      throw new ScramError('Authentication failed: Invalid user credentials');
    const clientKey = xor(proof, clientSignature);
    const stored = h(this.hash, clientKey);
    if (!timingSafeEqual(stored, this.credential.storedKey))
      throw new ScramError('Authentication failed: Invalid user credentials');
    return Buffer.from(`v=${hmac(this.hash, this.credential.serverKey, authMessage).toString('base64')}`, 'utf8');
  }
}
