// Builds the renderer's OrderDeskApi from the contract over any transport. The preload
// (Electron IPC) and the browser-mode WebSocket client both use it, so the two can never
// offer different functions. Each request becomes its own named function; there is no
// generic invoke on the object the renderer gets.
import { events, requestList, type EventName, type OrderDeskApi, type Result } from './contract';

export interface ApiTransport {
  /** Sends one request on its derived channel and resolves with main's Result. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to one contract event; returns the unsubscribe function. */
  listen(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export function createApiClient(transport: ApiTransport): OrderDeskApi {
  const api: Record<string, unknown> = {};
  for (const { group, method, channel } of requestList()) {
    const g = (api[group] ??= {}) as Record<string, unknown>;
    // A named function per request (its .name is the method) that forwards exactly one argument.
    const fn = { [method]: (input?: unknown) => transport.invoke(channel, input) }[method];
    g[method] = fn;
  }
  api.on = (event: unknown, listener: unknown) => {
    if (!isEventName(event)) throw new TypeError(`Unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    return transport.listen(event, (payload) => (listener as (p: unknown) => void)(payload));
  };
  return api as OrderDeskApi;
}
