// One client connection: splits the byte stream into size-prefixed frames, answers requests
// strictly in order (Kafka mutes a connection while it handles a request), and closes the
// connection on anything it cannot parse. Nothing here may throw out to the server.
//
// What a connection may hold is bounded: a frame over socket.request.max.bytes closes it; each
// request is charged to the cluster's queued.max.request.bytes budget from its size prefix until
// it is answered (buffer-budget.ts), and reading stops while a large request cannot start or
// while the requests queued on this connection reach socket.request.max.bytes. The broker's sweep
// (checkTimeouts) closes a connection whose request stays incomplete for
// sandbox.request.receive.timeout.ms, or that is idle for connections.max.idle.ms; closing
// releases everything it held.
import type net from 'node:net';
import { encodeResponseFrame, requestHeaderVersion, type KafkaApi } from '../kafka-wire/api';
import { ApiKey } from '../kafka-wire/api-keys';
import { ApiVersions, type ApiVersionRange } from '../kafka-wire/apis/api-versions';
import { KafkaError } from '../kafka-wire/error-codes';
import { FrameReader, SIZE_PREFIX_BYTES, sizePrefixed } from '../kafka-wire/frames';
import { decodeRequestHeaderRest, decodeRequestHeaderStart } from '../kafka-wire/headers';
import { KafkaReader } from '../kafka-wire/kafka-reader';
import { ProtocolError } from '../kafka-wire/protocol-error';
import { CloseConnection, type AnyApiHandler, type ConnectionSession, type SandboxServices } from './api-handler';
import { BufferBudget, SMALL_REQUEST_BYTES } from './buffer-budget';
import type { BrokerNode } from './cluster-state';

export interface ConnectionOptions {
  services: SandboxServices;
  broker: BrokerNode;
  table: ReadonlyMap<number, AnyApiHandler>;
  maxRequestBytes: number;
  latencyMs: () => number;
  /** queued.max.request.bytes, shared by every connection (default: unbounded). */
  budget?: BufferBudget;
}

export interface ConnectionTimeouts {
  /** sandbox.request.receive.timeout.ms */
  receiveTimeoutMs: number;
  /** connections.max.idle.ms; -1 never closes an idle connection */
  idleMs: number;
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
  private readonly budget: BufferBudget;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  /** Bytes charged for requests received whole and not yet answered. */
  private queuedBytes = 0;
  /** Bytes charged for the request being received (its size prefix and declared size). */
  private receivingCharge = 0;
  /** Since when the bytes buffered are an incomplete frame (null: none). */
  private partialSince: number | null = null;
  private lastActivity = Date.now();
  private stopWaiting: (() => void) | null = null;
  private paused = false;
  private closed = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly opts: ConnectionOptions,
  ) {
    this.budget = opts.budget ?? new BufferBudget(-1);
    this.remoteAddress = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', () => this.close());
    socket.on('close', () => {
      this.closed = true;
      this.closing.abort();
      this.releaseReceiving();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.releaseReceiving();
  }

  private closeBecause(why: string): void {
    this.opts.services.log(`broker ${this.opts.broker.id}: closing ${this.remoteAddress}: ${why}`);
    this.close();
  }

  /** The partial request's charge and any wait for room end with the connection. */
  private releaseReceiving(): void {
    this.stopWaiting?.();
    this.stopWaiting = null;
    if (this.receivingCharge > 0) this.budget.release(this.receivingCharge);
    this.receivingCharge = 0;
    this.partialSince = null;
  }

  /** Closes the connection when its request has been incomplete too long, or it has been idle too long. */
  checkTimeouts(now: number, t: ConnectionTimeouts): void {
    if (this.closed) return;
    if (this.partialSince !== null && now - this.partialSince > t.receiveTimeoutMs) {
      const size = this.frames.nextSize();
      const what = size === null ? 'a request size' : `a request of ${size} bytes`;
      this.closeBecause(
        `${what} still incomplete after ${now - this.partialSince} ms (${this.frames.bufferedBytes} bytes received; sandbox.request.receive.timeout.ms ${t.receiveTimeoutMs})`,
      );
      return;
    }
    if (t.idleMs >= 0 && this.pending === 0 && this.partialSince === null && now - this.lastActivity > t.idleMs) {
      this.closeBecause(`idle for ${now - this.lastActivity} ms (connections.max.idle.ms ${t.idleMs})`);
    }
  }

  private onData(data: Buffer): void {
    if (this.closed) return;
    this.lastActivity = Date.now();
    this.frames.push(data);
    this.takeFrames();
  }

  private takeFrames(): void {
    while (!this.closed && this.stopWaiting === null) {
      const size = this.frames.nextSize();
      if (size === null) {
        this.partialSince = this.frames.bufferedBytes > 0 ? (this.partialSince ?? Date.now()) : null;
        break;
      }
      if (size < 0 || size > this.opts.maxRequestBytes) {
        this.closeBecause(`frame of ${size} bytes (limit ${this.opts.maxRequestBytes})`);
        return;
      }
      if (this.receivingCharge === 0) {
        const charge = SIZE_PREFIX_BYTES + size;
        const whole = this.frames.bufferedBytes >= charge;
        if (whole || size <= SMALL_REQUEST_BYTES) {
          this.budget.charge(charge);
        } else if (this.budget.tryReserve(charge)) {
          this.frames.gather();
        } else {
          this.partialSince ??= Date.now();
          this.stopWaiting = this.budget.waitForRoom(() => {
            this.stopWaiting = null;
            this.takeFrames();
          });
          break;
        }
        this.receivingCharge = charge;
      }
      const frame = this.frames.nextFrame();
      if (!frame) {
        this.partialSince ??= Date.now();
        break;
      }
      const charge = this.receivingCharge;
      this.receivingCharge = 0;
      this.partialSince = null;
      this.enqueue(frame, charge);
    }
    this.updateFlow();
  }

  /** Reading stops while a request waits for room, or too much is queued here; it resumes with hysteresis. */
  private updateFlow(): void {
    if (this.closed) return;
    const over = this.queuedBytes > this.opts.maxRequestBytes;
    if (!this.paused && (this.stopWaiting !== null || this.pending >= PAUSE_AT || over)) {
      this.paused = true;
      this.socket.pause();
    } else if (this.paused && this.stopWaiting === null && this.pending <= RESUME_AT && !over) {
      this.paused = false;
      this.socket.resume();
    }
  }

  private enqueue(frame: Buffer, charge: number): void {
    this.pending++;
    this.queuedBytes += charge;
    this.queue = this.queue.then(async () => {
      try {
        if (!this.closed) await this.handle(frame);
      } catch (err) {
        const why = err instanceof ProtocolError ? err.message : `internal error: ${(err as Error)?.stack ?? err}`;
        this.closeBecause(why);
      } finally {
        this.pending--;
        this.queuedBytes -= charge;
        this.budget.release(charge);
        this.lastActivity = Date.now();
        this.updateFlow();
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

  private async respond<Res>(
    api: KafkaApi<unknown, Res>,
    version: number,
    correlationId: number,
    response: Res,
  ): Promise<void> {
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
