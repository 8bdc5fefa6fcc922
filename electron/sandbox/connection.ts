// One client connection: splits the byte stream into size-prefixed frames, answers requests
// strictly in order (Kafka mutes a connection while it handles a request), and closes the
// connection on anything it cannot parse. Nothing here may throw out to the server.
import type net from 'node:net';
import type { ApiHandler, ConnectionSession, HandlerResult, SandboxServices } from './api-handler';
import type { BrokerNode } from './cluster-state';
import { ApiKey } from './protocol/api-keys';
import { KafkaError } from './protocol/error-codes';
import { KafkaReader } from './protocol/kafka-reader';
import { KafkaWriter } from './protocol/kafka-writer';
import { ProtocolError } from './protocol/protocol-error';

export interface ConnectionOptions {
  services: SandboxServices;
  broker: BrokerNode;
  table: ReadonlyMap<number, ApiHandler>;
  maxRequestBytes: number;
  latencyMs: () => number;
}

const PAUSE_AT = 64;
const RESUME_AT = 8;
let nextConnectionId = 1;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Connection implements ConnectionSession {
  readonly id = nextConnectionId++;
  remoteAddress: string;
  saslMechanism: string | null = null;
  authenticatedUser: string | null = null;
  rawSaslToken: ((token: Buffer) => Buffer | null) | null = null;
  private readonly closing = new AbortController();
  readonly closedSignal = this.closing.signal;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private closed = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly opts: ConnectionOptions,
  ) {
    this.remoteAddress = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', () => this.close());
    socket.on('close', () => {
      this.closed = true;
      this.closing.abort();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
  }

  private onData(data: Buffer): void {
    if (this.closed) return;
    this.chunks.push(data);
    this.buffered += data.length;
    for (;;) {
      if (this.buffered < 4) return;
      const size = this.peekSize();
      if (size < 0 || size > this.opts.maxRequestBytes) {
        this.opts.services.log(`broker ${this.opts.broker.id}: closing ${this.remoteAddress}: frame of ${size} bytes (limit ${this.opts.maxRequestBytes})`);
        this.close();
        return;
      }
      if (this.buffered < 4 + size) return;
      const frame = this.take(4 + size).subarray(4);
      this.enqueue(frame);
    }
  }

  private peekSize(): number {
    if (this.chunks[0].length >= 4) return this.chunks[0].readInt32BE(0);
    return Buffer.concat(this.chunks).readInt32BE(0);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0];
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks, this.buffered);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }

  private enqueue(frame: Buffer): void {
    this.pending++;
    if (this.pending >= PAUSE_AT) this.socket.pause();
    this.queue = this.queue.then(async () => {
      try {
        if (!this.closed) await this.handle(frame);
      } catch (err) {
        const why = err instanceof ProtocolError ? err.message : `internal error: ${(err as Error)?.stack ?? err}`;
        this.opts.services.log(`broker ${this.opts.broker.id}: closing ${this.remoteAddress}: ${why}`);
        this.close();
      } finally {
        this.pending--;
        if (this.pending <= RESUME_AT && !this.closed) this.socket.resume();
      }
    });
  }

  private async handle(frame: Buffer): Promise<void> {
    if (this.rawSaslToken) {
      // SaslHandshake v0 flow: this frame is a bare token and so is the reply.
      const onToken = this.rawSaslToken;
      this.rawSaslToken = null;
      const reply = onToken(frame);
      if (reply === null) throw new ProtocolError('SASL authentication failed');
      const head = Buffer.allocUnsafe(4);
      head.writeInt32BE(reply.length, 0);
      this.socket.write(Buffer.concat([head, reply]));
      return;
    }
    const r = new KafkaReader(frame);
    const apiKey = r.int16();
    const apiVersion = r.int16();
    const correlationId = r.int32();
    const handler = this.opts.table.get(apiKey);
    if (!handler) throw new ProtocolError(`unknown API key ${apiKey}`);
    if (apiKey === ApiKey.ApiVersions && apiVersion > handler.maxVersion) {
      // Kafka's rule: answer in the v0 layout with UNSUPPORTED_VERSION and the supported
      // ranges, so the client can retry with a version both sides know.
      await this.respond(correlationId, unsupportedApiVersionsV0(this.opts.table));
      return;
    }
    if (apiVersion < handler.minVersion || apiVersion > handler.maxVersion) {
      throw new ProtocolError(`${handler.name} v${apiVersion} is not supported (v${handler.minVersion}-${handler.maxVersion})`);
    }
    const clientId = r.nullableString();
    if (this.opts.services.saslUsers && this.authenticatedUser === null && !handler.allowedBeforeAuth) {
      throw new ProtocolError(`${handler.name} before SASL authentication`);
    }
    const result: HandlerResult = await handler.handle(
      { services: this.opts.services, broker: this.opts.broker, session: this, apiVersion, correlationId, clientId },
      r,
    );
    if (result === null) return;
    if ('close' in result) {
      this.opts.services.log(`broker ${this.opts.broker.id}: closing ${this.remoteAddress}: ${result.close}`);
      if (result.response) {
        // Send the last answer, then close gracefully so the client can read it.
        await this.respond(correlationId, result.response);
        this.closed = true;
        this.socket.end(() => this.socket.destroy());
        return;
      }
      this.close();
      return;
    }
    await this.respond(correlationId, result);
  }

  private async respond(correlationId: number, body: KafkaWriter): Promise<void> {
    const latency = this.opts.latencyMs();
    if (latency > 0) await sleep(latency);
    if (this.closed) return;
    const chunks = body.toChunks();
    const head = Buffer.allocUnsafe(8);
    head.writeInt32BE(body.length + 4, 0);
    head.writeInt32BE(correlationId, 4);
    this.socket.cork();
    this.socket.write(head);
    for (const c of chunks) this.socket.write(c);
    this.socket.uncork();
  }
}

export function writeApiVersionList(w: KafkaWriter, table: ReadonlyMap<number, ApiHandler>): KafkaWriter {
  const entries = [...table.values()].sort((a, b) => a.apiKey - b.apiKey);
  return w.array(entries, (w2, h) => w2.int16(h.apiKey).int16(h.minVersion).int16(h.maxVersion));
}

function unsupportedApiVersionsV0(table: ReadonlyMap<number, ApiHandler>): KafkaWriter {
  const w = new KafkaWriter().int16(KafkaError.UNSUPPORTED_VERSION);
  return writeApiVersionList(w, table);
}
