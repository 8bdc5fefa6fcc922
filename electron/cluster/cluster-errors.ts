// What the raw connection throws when the network, not Kafka, fails. Kafka's own answers
// arrive as KafkaResponseError (electron/kafka-wire/error-codes.ts). error-mapper.ts turns
// both into the app's error codes.

/** The broker could not be reached, or the connection broke. `code` is Node's (ECONNREFUSED, ...) when there is one. */
export class ClusterConnectionError extends Error {
  override name = 'ClusterConnectionError';
  readonly code: string | undefined;

  constructor(message: string, opts: { code?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.code = opts.code;
  }
}

/** A request got no answer in time; the connection it was sent on is given up. */
export class ClusterRequestTimeoutError extends Error {
  override name = 'ClusterRequestTimeoutError';
}
