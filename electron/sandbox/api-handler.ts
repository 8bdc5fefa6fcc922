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

/** A response body, no response at all (acks=0), or a request that must end the connection. */
export type HandlerResult = KafkaWriter | null | { close: string };

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
