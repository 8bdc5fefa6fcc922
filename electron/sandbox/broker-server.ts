// One broker's listener on 127.0.0.1. Stopping it closes the listener and every connection,
// which is what a client sees when a broker process dies. While it listens, a sweep closes
// connections whose request stays incomplete or that sit idle (connection.ts).
import net from 'node:net';
import tls from 'node:tls';
import type { AnyApiHandler, SandboxServices } from './api-handler';
import type { BufferBudget } from './buffer-budget';
import type { BrokerNode } from './cluster-state';
import { Connection, type ConnectionTimeouts } from './connection';

const MAX_SWEEP_MS = 1000;

export interface TlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
  /** With `ca`, clients must present a certificate it signed (mutual TLS, ssl.client.auth=required). */
  ca?: string | Buffer;
  requireClientCert?: boolean;
}

export class BrokerServer {
  latencyMs = 0;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly connections = new Set<Connection>();
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly services: SandboxServices,
    readonly node: BrokerNode,
    private readonly table: ReadonlyMap<number, AnyApiHandler>,
    private readonly opts: {
      maxRequestBytes: number;
      tls: TlsOptions | null;
      budget?: BufferBudget;
      timeouts?: ConnectionTimeouts;
    },
  ) {}

  get listening(): boolean {
    return this.server !== null;
  }

  /** Listens on node.host:node.port; port 0 picks a free port once and keeps it for restarts. */
  async start(): Promise<void> {
    if (this.server) return;
    const onSocket = (socket: net.Socket) => {
      this.sockets.add(socket);
      const connection = new Connection(socket, {
        services: this.services,
        broker: this.node,
        table: this.table,
        maxRequestBytes: this.opts.maxRequestBytes,
        latencyMs: () => this.latencyMs,
        budget: this.opts.budget,
      });
      this.connections.add(connection);
      socket.on('close', () => {
        this.sockets.delete(socket);
        this.connections.delete(connection);
      });
    };
    const server = this.opts.tls
      ? tls.createServer(
          {
            key: this.opts.tls.key,
            cert: this.opts.tls.cert,
            ...(this.opts.tls.requireClientCert
              ? { ca: this.opts.tls.ca, requestCert: true, rejectUnauthorized: true }
              : {}),
          },
          onSocket,
        )
      : net.createServer(onSocket);
    // A TLS handshake failure is the client's problem; the listener must keep going.
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.node.host, port: this.node.port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.node.port = (server.address() as net.AddressInfo).port;
    this.server = server;
    const timeouts = this.opts.timeouts;
    if (timeouts) {
      const every = Math.max(
        10,
        Math.min(
          MAX_SWEEP_MS,
          timeouts.receiveTimeoutMs / 4,
          timeouts.idleMs >= 0 ? timeouts.idleMs / 4 : MAX_SWEEP_MS,
        ),
      );
      this.sweep = setInterval(() => {
        const now = Date.now();
        for (const c of this.connections) c.checkTimeouts(now, timeouts);
      }, every);
      this.sweep.unref();
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }
}
