// Test harness: drives a real Connection (framing, dispatch table, SASL gate) through an
// in-memory socket, so handler tests work on captured request and response bytes without TCP.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type net from 'node:net';
import { API_TABLE } from '../../../electron/sandbox/api-table';
import type { BufferBudget } from '../../../electron/sandbox/buffer-budget';
import { Connection } from '../../../electron/sandbox/connection';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { SandboxCluster, type SandboxOptions } from '../../../electron/sandbox/sandbox-cluster';

/** A cluster whose brokers are "up" in the cluster state but have no TCP listeners. */
export function offlineCluster(opts: SandboxOptions = {}): SandboxCluster {
  const cluster = new SandboxCluster(opts);
  for (const id of cluster.brokerIds) cluster.state.brokerUp(id);
  for (const t of opts.topics ?? []) cluster.createTopic(t);
  return cluster;
}

export function requestFrame(
  apiKey: number,
  version: number,
  correlationId: number,
  body: (w: KafkaWriter) => void,
  clientId: string | null = 'test',
): Buffer {
  const w = new KafkaWriter().int16(apiKey).int16(version).int32(correlationId).nullableString(clientId);
  body(w);
  const payload = w.toBuffer();
  const head = Buffer.alloc(4);
  head.writeInt32BE(payload.length);
  return Buffer.concat([head, payload]);
}

class FakeSocket extends EventEmitter {
  remoteAddress = '127.0.0.1';
  remotePort = 50000;
  readonly written: Buffer[] = [];
  destroyed = false;
  ended = false;
  paused = false;
  setNoDelay(): this {
    return this;
  }
  cork(): void {}
  uncork(): void {}
  pause(): this {
    this.paused = true;
    return this;
  }
  resume(): this {
    this.paused = false;
    return this;
  }
  write(b: Buffer): boolean {
    if (!this.destroyed && !this.ended) this.written.push(Buffer.from(b));
    return true;
  }
  end(cb?: () => void): this {
    this.ended = true;
    cb?.();
    return this;
  }
  destroy(): this {
    if (!this.destroyed) {
      this.destroyed = true;
      this.emit('close');
    }
    return this;
  }
}

export interface Response {
  correlationId: number;
  /** The response body after the correlation id. */
  body: KafkaReader;
}

export class FrameClient {
  readonly socket = new FakeSocket();
  readonly connection: Connection;

  constructor(
    readonly cluster: SandboxCluster,
    brokerId = cluster.state.controllerId,
    maxRequestBytes = 100 * 1024 * 1024,
    budget?: BufferBudget,
  ) {
    const broker = cluster.state.brokers.get(brokerId);
    if (!broker) throw new Error(`no broker ${brokerId}`);
    this.connection = new Connection(this.socket as unknown as net.Socket, {
      services: cluster.services,
      broker,
      table: API_TABLE,
      maxRequestBytes,
      latencyMs: () => 0,
      budget,
    });
  }

  /** True once the broker closed (destroyed or ended) the connection. */
  get closed(): boolean {
    return this.socket.destroyed || this.socket.ended;
  }

  send(bytes: Buffer): void {
    this.socket.emit('data', bytes);
  }

  /** Lets the connection's queue run (handlers are async). */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }

  /** Every complete response frame written so far. */
  responses(): Response[] {
    const all = Buffer.concat(this.socket.written);
    const out: Response[] = [];
    let pos = 0;
    while (pos + 4 <= all.length) {
      const size = all.readInt32BE(pos);
      if (pos + 4 + size > all.length) break;
      const frame = all.subarray(pos + 4, pos + 4 + size);
      pos += 4 + size;
      if (size < 4) continue; // a bare SASL token reply (SaslHandshake v0 flow), not a response
      out.push({ correlationId: frame.readInt32BE(0), body: new KafkaReader(frame, 4) });
    }
    return out;
  }

  /** Sends one request and returns its response (throws when none came). */
  async request(
    apiKey: number,
    version: number,
    body: (w: KafkaWriter) => void,
    correlationId = 7,
  ): Promise<KafkaReader> {
    const before = this.responses().length;
    this.send(requestFrame(apiKey, version, correlationId, body));
    await this.settle();
    const res = this.responses();
    if (res.length === before) throw new Error(`no response to API ${apiKey} v${version} (closed: ${this.closed})`);
    const last = res[res.length - 1];
    if (last.correlationId !== correlationId)
      throw new Error(`correlation id ${last.correlationId}, expected ${correlationId}`);
    return last.body;
  }
}

const require = createRequire(import.meta.url);

/** The exact request body kafkajs 2.2.4 encodes, from its own protocol module (e.g. 'deleteTopics/v1'). */
export async function kafkajsRequest(
  request: string,
  args: unknown,
): Promise<{ apiKey: number; apiVersion: number; body: Buffer }> {
  const build = require(`kafkajs/src/protocol/requests/${request}/request`) as (a: unknown) => {
    apiKey: number;
    apiVersion: number;
    encode(): Promise<{ buffer: Buffer }>;
  };
  const req = build(args);
  return { apiKey: req.apiKey, apiVersion: req.apiVersion, body: (await req.encode()).buffer };
}

/** Decodes a response body with kafkajs's own decoder and parser (parse throws kafkajs's protocol errors). */
// kafkajs's protocol internals have no types; the tests read the fields they check.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function kafkajsDecode(request: string, body: Buffer): Promise<{ decoded: any; parse(): Promise<any> }> {
  const res = require(`kafkajs/src/protocol/requests/${request}/response`) as {
    decode(b: Buffer): Promise<any>;
    parse(d: any): Promise<any>;
  };
  const decoded = await res.decode(body);
  return { decoded, parse: () => res.parse(decoded) };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Sends what kafkajs would send for `request` and returns the response body bytes. */
export async function kafkajsRoundTrip(client: FrameClient, request: string, args: unknown): Promise<Buffer> {
  const req = await kafkajsRequest(request, args);
  const r = await client.request(req.apiKey, req.apiVersion, (w) => w.raw(req.body));
  return r.buf.subarray(r.pos);
}
