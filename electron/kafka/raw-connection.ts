// One plain or TLS connection to one broker carrying Kafka frames, one request at a time, with
// SASL/PLAIN login. For the few questions kafkajs cannot answer: "is broker 2 alive on its
// own?" (diagnostics) and "is this order already in its partition?" (the outbox's in-doubt
// check). Encoding uses the sandbox's bounds-checked protocol primitives.
import net from 'node:net';
import tls from 'node:tls';
import type { KafkaConfig } from 'kafkajs';
import { KafkaReader } from '../kafka-wire/kafka-reader';
import { KafkaWriter } from '../kafka-wire/kafka-writer';

export type SaslConfig = NonNullable<KafkaConfig['sasl']>;

const API_SASL_HANDSHAKE = 17;
const API_SASL_AUTHENTICATE = 36;

export interface BrokerAddress {
  host: string;
  port: number;
}

export interface RawConnectionOptions {
  clientId: string;
  ssl?: boolean | tls.ConnectionOptions;
  sasl?: SaslConfig;
  timeoutMs: number;
}

export class RawConnection {
  private buffered: Buffer = Buffer.alloc(0);
  /** Requests awaiting an answer, oldest first: a broker answers one connection's requests in order. */
  private readonly waiting: Array<{ resolve: (b: Buffer) => void; reject: (e: Error) => void }> = [];
  private correlationId = 1;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly opts: RawConnectionOptions,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed by the broker')));
  }

  /** Connects and, when SASL is configured, logs in. */
  static async open(target: BrokerAddress, opts: RawConnectionOptions): Promise<RawConnection> {
    const conn = await new Promise<RawConnection>((resolve, reject) => {
      const tlsOptions = opts.ssl ? (typeof opts.ssl === 'object' ? opts.ssl : {}) : null;
      const socket = tlsOptions
        ? tls.connect({ ...tlsOptions, host: target.host, port: target.port, servername: target.host })
        : net.connect({ host: target.host, port: target.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no connection within ${opts.timeoutMs} ms`));
      }, opts.timeoutMs);
      const onError = (e: Error) => {
        clearTimeout(timer);
        reject(e);
      };
      socket.once('error', onError);
      socket.once(tlsOptions ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(new RawConnection(socket, opts));
      });
    });
    if (opts.sasl) {
      try {
        await conn.saslPlainLogin(opts.sasl);
      } catch (e) {
        conn.close();
        throw e;
      }
    }
    return conn;
  }

  /**
   * Sends one request; resolves with a reader positioned after the response's correlation id.
   * Several may be in flight at once.
   */
  request(apiKey: number, version: number, body: KafkaWriter): Promise<KafkaReader> {
    if (this.failure) return Promise.reject(this.failure);
    const correlationId = this.correlationId++;
    const frame = this.frame(apiKey, version, correlationId, body);
    return new Promise<KafkaReader>((resolve, reject) => {
      const entry = {
        resolve: (response: Buffer) => {
          clearTimeout(timer);
          const r = new KafkaReader(response);
          const got = r.int32();
          if (got !== correlationId) reject(new Error(`answer to another request (correlation ${got})`));
          else resolve(r);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      // A broker that stops answering poisons the whole connection: later answers would be out of step.
      const timer = setTimeout(() => this.fail(new Error(`no answer within ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs);
      this.waiting.push(entry);
      this.socket.write(frame);
    });
  }

  /** Sends a request the broker does not answer (Produce with acks=0); resolves once handed to the socket. */
  sendOnly(apiKey: number, version: number, body: KafkaWriter): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const frame = this.frame(apiKey, version, this.correlationId++, body);
    return new Promise<void>((resolve, reject) => this.socket.write(frame, (e) => (e ? reject(e) : resolve())));
  }

  private frame(apiKey: number, version: number, correlationId: number, body: KafkaWriter): Buffer {
    const header = new KafkaWriter().int16(apiKey).int16(version).int32(correlationId).string(this.opts.clientId).toBuffer();
    const bodyChunks = body.toChunks();
    const size = Buffer.allocUnsafe(4);
    size.writeInt32BE(header.length + body.length, 0);
    return Buffer.concat([size, header, ...bodyChunks]);
  }

  close(): void {
    this.failure ??= new Error('closed');
    this.socket.destroy();
  }

  private async saslPlainLogin(sasl: SaslConfig): Promise<void> {
    if (sasl.mechanism !== 'plain' || !('username' in sasl)) throw new Error(`only SASL/PLAIN is supported here, not ${sasl.mechanism}`);
    const hs = await this.request(API_SASL_HANDSHAKE, 1, new KafkaWriter().string('PLAIN'));
    const hsError = hs.int16();
    if (hsError !== 0) throw new Error(`SASL handshake refused (error ${hsError})`);
    const token = Buffer.from(`\0${sasl.username}\0${sasl.password}`, 'utf8');
    const auth = await this.request(API_SASL_AUTHENTICATE, 0, new KafkaWriter().nullableBytes(token));
    const authError = auth.int16();
    if (authError !== 0) throw new Error(`SASL login refused: ${auth.nullableString() ?? `error ${authError}`}`);
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (size < 4) return this.fail(new Error(`malformed answer (frame size ${size})`));
      if (this.buffered.length < 4 + size) return;
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      this.waiting.shift()?.resolve(frame);
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(e);
    this.socket.destroy();
  }

  get failed(): boolean {
    return this.failure !== null;
  }
}

/** "host:port" → address (IPv6 in brackets allowed). */
export function parseBrokerAddress(s: string): BrokerAddress {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(s.trim());
  if (!m) throw new Error(`not a host:port broker address: ${s}`);
  return { host: m[1], port: Number(m[2]) };
}

/** Connects to the first of the bootstrap brokers that answers. */
export async function openAnyBroker(brokers: readonly string[], opts: RawConnectionOptions): Promise<RawConnection> {
  let last: unknown = new Error('no brokers configured');
  for (const b of brokers) {
    try {
      return await RawConnection.open(parseBrokerAddress(b), opts);
    } catch (e) {
      last = e;
    }
  }
  throw last;
}
