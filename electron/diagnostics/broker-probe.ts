// Probes ONE broker with its own TCP (or TLS) connection and times a single Metadata request.
// kafkajs routes metadata requests to whichever broker it likes, so it cannot say "broker 2 is
// down but 1 and 3 answer in 3 ms"; a direct connection per broker can, honestly.
import net from 'node:net';
import tls from 'node:tls';
import type { KafkaConfig } from 'kafkajs';

type SaslConfig = NonNullable<KafkaConfig['sasl']>;

const API_METADATA = 3;
const API_SASL_HANDSHAKE = 17;
const API_SASL_AUTHENTICATE = 36;
/** v1 is the oldest version where an empty topic list means "no topics" (v0 meant "all topics"). */
const METADATA_VERSION = 1;

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeOptions {
  clientId: string;
  ssl?: boolean | tls.ConnectionOptions;
  sasl?: SaslConfig;
  timeoutMs: number;
}

export interface ProbeResult {
  reachable: boolean;
  /** Round trip of the Metadata request alone (connect and login excluded). */
  rttMs: number | null;
  /** The node id the broker reports for the address we dialled, when it lists itself. */
  nodeId: number | null;
  controllerId: number | null;
  error: string | null;
}

export async function probeBroker(target: ProbeTarget, opts: ProbeOptions): Promise<ProbeResult> {
  let conn: FrameConnection | null = null;
  try {
    conn = await FrameConnection.open(target, opts);
    if (opts.sasl) await saslPlainLogin(conn, opts.sasl, opts.clientId);
    const started = performance.now();
    const body = await conn.request(API_METADATA, METADATA_VERSION, opts.clientId, int32(0));
    const rttMs = performance.now() - started;
    const meta = parseMetadataV1(body);
    const self = meta.brokers.find((b) => b.port === target.port && sameHost(b.host, target.host));
    return { reachable: true, rttMs, nodeId: self?.nodeId ?? null, controllerId: meta.controllerId, error: null };
  } catch (e) {
    return { reachable: false, rttMs: null, nodeId: null, controllerId: null, error: (e as Error).message };
  } finally {
    conn?.close();
  }
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string) => (h === 'localhost' ? '127.0.0.1' : h.toLowerCase());
  return norm(a) === norm(b);
}

async function saslPlainLogin(conn: FrameConnection, sasl: SaslConfig, clientId: string): Promise<void> {
  if (sasl.mechanism !== 'plain' || !('username' in sasl)) {
    throw new Error(`the broker probe supports SASL/PLAIN only, not ${sasl.mechanism}`);
  }
  const hs = new Reader(await conn.request(API_SASL_HANDSHAKE, 1, clientId, kString('PLAIN')));
  const hsError = hs.int16();
  if (hsError !== 0) throw new Error(`SASL handshake refused (error ${hsError})`);
  const token = Buffer.from(`\0${sasl.username}\0${sasl.password}`, 'utf8');
  const auth = new Reader(await conn.request(API_SASL_AUTHENTICATE, 0, clientId, kBytes(token)));
  const authError = auth.int16();
  if (authError !== 0) throw new Error(`SASL login refused: ${auth.nullableString() ?? `error ${authError}`}`);
}

interface MetadataV1 {
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  controllerId: number;
}

export function parseMetadataV1(body: Buffer): MetadataV1 {
  const r = new Reader(body);
  const n = r.int32();
  const brokers: MetadataV1['brokers'] = [];
  for (let i = 0; i < n; i++) {
    const nodeId = r.int32();
    const host = r.string();
    const port = r.int32();
    r.nullableString(); // rack
    brokers.push({ nodeId, host, port });
  }
  return { brokers, controllerId: r.int32() };
}

/** One connection carrying length-prefixed Kafka frames, one request at a time. */
class FrameConnection {
  private buffered = Buffer.alloc(0);
  private waiting: { resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  private correlationId = 1;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed by the broker')));
  }

  static open(target: ProbeTarget, opts: ProbeOptions): Promise<FrameConnection> {
    return new Promise((resolve, reject) => {
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
        resolve(new FrameConnection(socket, opts.timeoutMs));
      });
    });
  }

  request(apiKey: number, version: number, clientId: string, body: Buffer): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    const correlationId = this.correlationId++;
    const header = Buffer.concat([int16(apiKey), int16(version), int32(correlationId), kString(clientId)]);
    const frame = Buffer.concat([int32(header.length + body.length), header, body]);
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiting = {
        resolve: (response) => {
          clearTimeout(timer);
          const got = response.readInt32BE(0);
          if (got !== correlationId) reject(new Error(`answer to another request (correlation ${got})`));
          else resolve(response.subarray(4));
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.socket.write(frame);
    });
  }

  close(): void {
    this.failure ??= new Error('closed');
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (size < 4) return this.fail(new Error(`malformed answer (frame size ${size})`));
      if (this.buffered.length < 4 + size) return;
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      const w = this.waiting;
      this.waiting = null;
      w?.resolve(frame);
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(e);
  }
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  int16(): number {
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int32(): number {
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  string(): string {
    const s = this.nullableString();
    if (s === null) throw new Error('malformed answer (null string)');
    return s;
  }
  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }
}

function int16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(v);
  return b;
}
function int32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(v);
  return b;
}
function kString(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([int16(bytes.length), bytes]);
}
function kBytes(bytes: Buffer): Buffer {
  return Buffer.concat([int32(bytes.length), bytes]);
}
