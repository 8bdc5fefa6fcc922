import type { EventEmitter } from 'node:events';
import type { BrokerNode, ClusterState } from './cluster-state';
import type { KafkaReader } from './protocol/kafka-reader';
import type { KafkaWriter } from './protocol/kafka-writer';

/** What a connection knows about itself; SASL handlers move it from unauthenticated to authenticated. */
export interface ConnectionSession {
  readonly id: number;
  remoteAddress: string;
  saslMechanism: string | null;
  authenticatedUser: string | null;
  /**
   * Set by SaslHandshake v0: the next frame is a bare SASL token (no request header). The
   * function returns the bare reply token, or null to close the connection.
   */
  rawSaslToken?: ((token: Buffer) => Buffer | null) | null;
  /** Aborted when the connection closes, so a waiting request (a long-polling Fetch) can let go. */
  closedSignal?: AbortSignal;
  close(): void;
}

/** Everything a handler may use. One per cluster. */
export interface SandboxServices {
  state: ClusterState;
  /** SASL/PLAIN users (name → password); null when SASL is off. */
  saslUsers: ReadonlyMap<string, string> | null;
  /** Group coordinator and other services register themselves here by name. */
  extensions: Map<string, unknown>;
  /** Emits 'append' (topic, partition) after records are stored, so waiting fetches wake up. */
  events: EventEmitter;
  log(line: string): void;
}

export interface RequestContext {
  services: SandboxServices;
  broker: BrokerNode;
  session: ConnectionSession;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

/**
 * A response body, no response at all (acks=0), or a request that must end the connection
 * (optionally after sending one last response, as Kafka does after a failed SASL authentication).
 */
export type HandlerResult = KafkaWriter | null | { close: string; response?: KafkaWriter };

export interface ApiHandler {
  apiKey: number;
  name: string;
  minVersion: number;
  maxVersion: number;
  /** Usable before SASL authentication completes. */
  allowedBeforeAuth?: boolean;
  handle(ctx: RequestContext, body: KafkaReader): HandlerResult | Promise<HandlerResult>;
}

export function closeConnection(reason: string): HandlerResult {
  return { close: reason };
}
