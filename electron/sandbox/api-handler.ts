// What a handler in apis/ is: the wire module's API (which decodes its requests and encodes
// its responses), the versions the sandbox implements, and a function from a decoded request
// to a response object. The connection does the bytes.
import type { EventEmitter } from 'node:events';
import type { KafkaApi } from '../kafka-wire/api';
import type { BrokerNode, ClusterState } from './cluster-state';
import type { ScramCredential, ScramServer } from '../kafka-wire/sasl-scram';

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
  /** A SCRAM exchange under way (its server side keeps the nonces between the two tokens). */
  scram?: ScramServer | null;
  /** Aborted when the connection closes, so a waiting request (a long-polling Fetch) can let go. */
  closedSignal?: AbortSignal;
  close(): void;
}

/** Everything a handler may use. One per cluster. */
export interface SandboxServices {
  state: ClusterState;
  /** SASL users (name → password); null when SASL is off. */
  saslUsers: ReadonlyMap<string, string> | null;
  /** The mechanisms the listener offers (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). */
  saslMechanisms: readonly string[];
  /** SCRAM credentials per mechanism and user, derived once at start (the sandbox never compares SCRAM passwords). */
  scramCredentials: ReadonlyMap<string, ReadonlyMap<string, ScramCredential>>;
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

/** A request that must end the connection, optionally after one last response (as Kafka does after a failed SASL authentication). */
export class CloseConnection<Res> {
  constructor(
    readonly reason: string,
    readonly response?: Res,
  ) {}
}

/** A response, no response at all (acks=0), or the end of the connection. */
export type HandlerResult<Res> = Res | null | CloseConnection<Res>;

export interface ApiHandler<Req, Res> {
  /** The wire module's API: key, name, and the codec for both directions. */
  readonly api: KafkaApi<Req, Res>;
  /** The versions the sandbox implements (ApiVersions advertises exactly these). */
  readonly minVersion: number;
  readonly maxVersion: number;
  /** Usable before SASL authentication completes. */
  readonly allowedBeforeAuth?: boolean;
  handle(ctx: RequestContext, req: Req): HandlerResult<Res> | Promise<HandlerResult<Res>>;
}

/** A handler of any API, as the dispatch table holds them (method parameters are bivariant). */
export type AnyApiHandler = ApiHandler<unknown, unknown>;

/** Checks at start-up that the sandbox never claims a version its wire module cannot read. */
export function defineHandler<Req, Res>(h: ApiHandler<Req, Res>): ApiHandler<Req, Res> {
  if (h.minVersion < h.api.minVersion || h.maxVersion > h.api.maxVersion) {
    throw new Error(
      `${h.api.name} v${h.minVersion}-${h.maxVersion} is outside what the wire module knows (v${h.api.minVersion}-${h.api.maxVersion})`,
    );
  }
  return h;
}

export function closeConnection<Res>(reason: string, response?: Res): CloseConnection<Res> {
  return new CloseConnection(reason, response);
}
