/** A request the broker cannot parse. The connection that sent it is closed, as Kafka does. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}
