// One client connection: splits the byte stream into size-prefixed frames, answers requests
// strictly in order (Kafka mutes a connection while it handles a request), and closes the
// connection on anything it cannot parse. Nothing here may throw out to the server.
import type net from 'node:net';
import { encodeResponseFrame, requestHeaderVersion, type KafkaApi } from '../kafka-wire/api';
import { ApiKey } from '../kafka-wire/api-keys';
import { ApiVersions, type ApiVersionRange } from '../kafka-wire/apis/api-versions';
import { KafkaError } from '../kafka-wire/error-codes';
import { FrameReader, sizePrefixed } from '../kafka-wire/frames';
import { decodeRequestHeaderRest, decodeRequestHeaderStart } from '../kafka-wire/headers';
import { KafkaReader } from '../kafka-wire/kafka-reader';
import { ProtocolError } from '../kafka-wire/protocol-error';
import { CloseConnection, type AnyApiHandler, type ConnectionSession, type SandboxServices } from './api-handler';
import type { BrokerNode } from './cluster-state';

export interface ConnectionOptions {
  services: SandboxServices;
  broker: BrokerNode;
  table: ReadonlyMap<number, AnyApiHandler>;
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
  private readonly frames = new FrameReader();
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
    this.frames.push(data);
    for (;;) {
      const size = this.frames.nextSize();
      if (size === null) return;
      if (size < 0 || size > this.opts.maxRequestBytes) {
        this.opts.services.log(`broker ${this.opts.broker.id}: closing ${this.remoteAddress}: frame of ${size} bytes (limit ${this.opts.maxRequestBytes})`);
        this.close();
        return;
      }
      const frame = this.frames.nextFrame();
      if (!frame) return;
      this.enqueue(frame);
    }
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
      this.socket.write(sizePrefixed(reply));
      return;
    }
    const r = new KafkaReader(frame);
    const { apiKey, apiVersion, correlationId } = decodeRequestHeaderStart(r);
    const handler = this.opts.table.get(apiKey);
    if (!handler) throw new ProtocolError(`unknown API key ${apiKey}`);
    if (apiKey === ApiKey.ApiVersions && apiVersion > handler.maxVersion) {
      // Kafka's rule: answer in the v0 layout with UNSUPPORTED_VERSION and the supported
      // ranges, so the client can retry with a version both sides know.
      await this.respond(ApiVersions, 0, correlationId, {
        errorCode: KafkaError.UNSUPPORTED_VERSION,
        apiKeys: apiVersionRanges(this.opts.table),
        throttleTimeMs: 0,
      });
      return;
    }
    const name = handler.api.name;
    if (apiVersion < handler.minVersion || apiVersion > handler.maxVersion) {
      throw new ProtocolError(`${name} v${apiVersion} is not supported (v${handler.minVersion}-${handler.maxVersion})`);
    }
    const { clientId } = decodeRequestHeaderRest(r, requestHeaderVersion(handler.api, apiVersion));
    if (this.opts.services.saslUsers && this.authenticatedUser === null && !handler.allowedBeforeAuth) {
      throw new ProtocolError(`${name} before SASL authentication`);
    }
    const request = handler.api.decodeRequest(r, apiVersion);
    const result = await handler.handle(
      { services: this.opts.services, broker: this.opts.broker, session: this, apiVersion, correlationId, clientId },
      request,
    );
    if (result === null) return;
    if (result instanceof CloseConnection) {
      this.opts.services.log(`broker ${this.opts.broker.id}: closing ${this.remoteAddress}: ${result.reason}`);
      if (result.response !== undefined) {
        // Send the last answer, then close gracefully so the client can read it.
        await this.respond(handler.api, apiVersion, correlationId, result.response);
        this.closed = true;
        this.socket.end(() => this.socket.destroy());
        return;
      }
      this.close();
      return;
    }
    await this.respond(handler.api, apiVersion, correlationId, result);
  }

  private async respond<Res>(api: KafkaApi<unknown, Res>, version: number, correlationId: number, response: Res): Promise<void> {
    const latency = this.opts.latencyMs();
    if (latency > 0) await sleep(latency);
    if (this.closed) return;
    const chunks = encodeResponseFrame(api, version, correlationId, response);
    this.socket.cork();
    for (const c of chunks) this.socket.write(c);
    this.socket.uncork();
  }
}

/** What ApiVersions advertises: exactly the dispatch table, by API key. */
export function apiVersionRanges(table: ReadonlyMap<number, AnyApiHandler>): ApiVersionRange[] {
  return [...table.values()]
    .sort((a, b) => a.api.apiKey - b.api.apiKey)
    .map((h) => ({ apiKey: h.api.apiKey, minVersion: h.minVersion, maxVersion: h.maxVersion }));
}
