// One plain or TLS connection to one broker carrying Kafka frames, with SASL login, for the
// questions kafkajs cannot answer or answers too slowly: "is broker 2 alive on its own?",
// "what is wrong with each topic?" (Diagnostics), "is this order already in its partition?"
// (the outbox's in-doubt check) and the benchmark's own producer. Requests and responses are
// encoded and decoded by the wire module; several may be in flight, and a broker answers one
// connection's requests in order.
import net from 'node:net';
import tls from 'node:tls';
import { decodeResponseStart, encodeRequestFrame, type KafkaApi } from '../kafka-wire/api';
import { ApiVersions, type ApiVersionRange } from '../kafka-wire/apis/api-versions';
import { KafkaError } from '../kafka-wire/error-codes';
import { FrameReader } from '../kafka-wire/frames';
import { KafkaReader } from '../kafka-wire/kafka-reader';
import { ClusterConnectionError, ClusterRequestTimeoutError } from './cluster-errors';
import { bootstrapAddresses, type BrokerAddress, type ClusterConfig, type ClusterTls } from './cluster-config';
import { saslLogin } from './sasl-login';
import { TLS_LISTENER_CODE } from './error-mapper';

interface Waiting {
  /** Decodes the answer; throws when it cannot. */
  decode(frame: Buffer): unknown;
  resolve(value: unknown): void;
  reject(e: Error): void;
}

/** The one place ClusterConfig's TLS becomes Node's socket options. */
function tlsOptions(t: ClusterTls, target: BrokerAddress): tls.ConnectionOptions {
  return {
    host: target.host,
    port: target.port,
    // SNI needs a name, not an IP address.
    servername: net.isIP(target.host) ? undefined : target.host,
    ...(t.ca ? { ca: t.ca } : {}),
    ...(t.cert ? { cert: t.cert } : {}),
    ...(t.key ? { key: t.key } : {}),
    ...(t.passphrase ? { passphrase: t.passphrase } : {}),
    // The chain is always verified; only the name check can be turned off.
    ...(t.checkServerName === false ? { checkServerIdentity: () => undefined } : {}),
  };
}

export class RawConnection {
  private readonly frames = new FrameReader();
  /** Requests awaiting an answer, oldest first. */
  private readonly waiting: Waiting[] = [];
  private correlationId = 1;
  private failure: Error | null = null;
  private answered = false;
  private probing = false;
  private versions: Promise<ReadonlyMap<number, ApiVersionRange> | null> | null = null;

  private constructor(
    private readonly socket: net.Socket,
    readonly address: BrokerAddress,
    private readonly config: ClusterConfig,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) =>
      this.fail(new ClusterConnectionError(`${this.where}: ${e.message}`, { code: e.code, cause: e })),
    );
    socket.on('close', () => {
      const closed = new ClusterConnectionError(`${this.where}: connection closed by the broker`);
      // A plaintext connection closed before any answer: perhaps the port speaks TLS. Ask it,
      // so the operator reads "turn TLS on" rather than "connection closed".
      if (this.config.tls || this.answered || this.failure || this.waiting.length === 0) return this.fail(closed);
      // The requests' own timeouts wait for this short question (at most a second).
      this.probing = true;
      void answersTls(this.address, Math.min(1_000, this.config.timeouts.connectMs)).then((isTls) =>
        this.fail(
          isTls
            ? new ClusterConnectionError(`${this.where}: the port expects TLS, and TLS is off`, {
                code: TLS_LISTENER_CODE,
                cause: closed,
              })
            : closed,
        ),
      );
    });
  }

  private get where(): string {
    return `${this.address.host}:${this.address.port}`;
  }

  /** Connects (TLS when configured) and, when SASL is configured, logs in. */
  static async open(target: BrokerAddress, config: ClusterConfig): Promise<RawConnection> {
    const where = `${target.host}:${target.port}`;
    const timeoutMs = config.timeouts.connectMs;
    const conn = await new Promise<RawConnection>((resolve, reject) => {
      const socket = config.tls
        ? tls.connect(tlsOptions(config.tls, target))
        : net.connect({ host: target.host, port: target.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ClusterConnectionError(`${where}: no connection within ${timeoutMs} ms`, { code: 'ETIMEDOUT' }));
      }, timeoutMs);
      const onError = (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new ClusterConnectionError(`${where}: ${e.message}`, { code: e.code, cause: e }));
      };
      socket.once('error', onError);
      socket.once(config.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(new RawConnection(socket, target, config));
      });
    });
    if (config.sasl) {
      try {
        await saslLogin(conn, config.sasl);
      } catch (e) {
        conn.close();
        throw e;
      }
    }
    return conn;
  }

  /** Sends one request; resolves with the decoded response. */
  request<Req, Res>(api: KafkaApi<Req, Res>, version: number, req: Req): Promise<Res> {
    if (this.failure) return Promise.reject(this.failure);
    const correlationId = this.correlationId++;
    const frame = encodeRequestFrame(api, version, correlationId, this.config.clientId, req);
    return new Promise<Res>((resolve, reject) => {
      // A broker that stops answering poisons the whole connection: later answers would be out of step.
      const timeoutMs = this.config.timeouts.requestMs;
      const timer = setTimeout(
        () =>
          !this.probing &&
          this.fail(
            new ClusterRequestTimeoutError(`${this.where}: no answer within ${timeoutMs} ms (${api.name} v${version})`),
          ),
        timeoutMs,
      );
      this.waiting.push({
        decode: (response) => {
          const r = new KafkaReader(response);
          decodeResponseStart(api, version, r, correlationId);
          return api.decodeResponse(r, version);
        },
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as Res);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.write(frame);
    });
  }

  /**
   * The versions this broker serves, by API key (ApiVersions v0, which every Kafka since 0.10
   * answers), asked once per connection; null when the broker answers with an error.
   */
  apiVersions(): Promise<ReadonlyMap<number, ApiVersionRange> | null> {
    this.versions ??= this.request(ApiVersions, 0, {}).then((res) =>
      res.errorCode === KafkaError.NONE ? new Map(res.apiKeys.map((k) => [k.apiKey, k])) : null,
    );
    // A failed question (timeout, closed) is asked again on the next call, on a new connection.
    this.versions.catch(() => (this.versions = null));
    return this.versions;
  }

  /** Sends a request the broker does not answer (Produce with acks=0); resolves once handed to the socket. */
  sendOnly<Req>(api: KafkaApi<Req, unknown>, version: number, req: Req): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const frame = encodeRequestFrame(api, version, this.correlationId++, this.config.clientId, req);
    return new Promise<void>((resolve, reject) => this.write(frame, (e) => (e ? reject(e) : resolve())));
  }

  private write(chunks: Buffer[], done?: (e?: Error | null) => void): void {
    // One buffer per request: a record batch stays one copy, and the socket gets one write.
    this.socket.write(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), done);
  }

  close(): void {
    this.failure ??= new ClusterConnectionError(`${this.where}: closed`);
    this.socket.destroy();
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  private onData(chunk: Buffer): void {
    this.frames.push(chunk);
    for (;;) {
      const size = this.frames.nextSize();
      if (size === null) return;
      if (size < 4)
        return this.fail(new ClusterConnectionError(`${this.where}: malformed answer (frame size ${size})`));
      const frame = this.frames.nextFrame();
      if (!frame) return;
      const w = this.waiting.shift();
      if (!w) return this.fail(new ClusterConnectionError(`${this.where}: an answer nobody asked for`));
      let value: unknown;
      try {
        value = w.decode(frame);
      } catch (e) {
        // An answer we cannot read: the stream may be out of step, so nothing after it is trusted.
        w.reject(e as Error);
        return this.fail(
          new ClusterConnectionError(`${this.where}: unreadable answer (${(e as Error).message})`, { cause: e }),
        );
      }
      this.answered = true;
      w.resolve(value);
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(e);
    this.socket.destroy();
  }
}

/** Whether the port completes a TLS handshake (the certificate is not judged: only the protocol). */
export function answersTls(target: BrokerAddress, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: target.host, port: target.port, rejectUnauthorized: false });
    const done = (yes: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(yes);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * A plaintext client was turned away (kafkajs only sees the connection close): does the first
 * bootstrap broker's port speak TLS instead? Then the operator reads "turn TLS on".
 */
export function bootstrapExpectsTls(config: ClusterConfig): Promise<boolean> {
  const first = bootstrapAddresses(config)[0];
  if (config.tls || !first) return Promise.resolve(false);
  return answersTls(first, Math.min(1_000, config.timeouts.connectMs));
}

/** Connects to the first of the bootstrap brokers that answers. */
export async function openAnyBroker(targets: readonly BrokerAddress[], config: ClusterConfig): Promise<RawConnection> {
  let last: unknown = new ClusterConnectionError('no brokers configured');
  for (const t of targets) {
    try {
      return await RawConnection.open(t, config);
    } catch (e) {
      last = e;
    }
  }
  throw last;
}
