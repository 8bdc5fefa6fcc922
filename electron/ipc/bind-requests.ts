// The one gate every request passes before a service sees it, in the service host, for
// Electron IPC and browser mode alike: an unknown channel, or input that does not match the
// contract's schema, is answered with a typed error and never reaches a service; a handler
// that throws becomes `internal`. This is the only place the renderer's input is validated:
// the relay in front checks who calls and how large the message is, the services behind take
// the parsed, typed values.
import { requestList, requestSpec, type HostRequestHandlers, type Result } from '../../shared/contract';
import { appError } from '../../shared/error-codes';
import { requestRefusal } from '../../shared/describe-issues';

/** `window` names the window that asked (browser mode's socket); each window gets its share of the relay's bounds. */
export type RequestDispatcher = (channel: string, input: unknown, window?: object) => Promise<Result<unknown>>;

type AnyHandler = (input: unknown) => Promise<Result<unknown>>;

const DETAIL_MAX = 200;

export function createRequestDispatcher(
  handlers: HostRequestHandlers,
  onInternalError: (channel: string, err: unknown) => void = () => {},
): RequestDispatcher {
  // channel → [group, method], built from the contract once; lookups never touch prototypes.
  const routes = new Map(requestList().map((r) => [r.channel, r] as const));
  return async (channel, input) => {
    const route = typeof channel === 'string' ? routes.get(channel) : undefined;
    const spec = route && requestSpec(route.group, route.method);
    if (!route || !spec)
      return { ok: false, error: appError('request.unknown', { channel: String(channel).slice(0, 100) }) };
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: requestRefusal(parsed.error) };
    const group = (handlers as Record<string, Record<string, AnyHandler | undefined> | undefined>)[route.group];
    const handler = group?.[route.method];
    if (typeof handler !== 'function') return { ok: false, error: appError('request.unknown', { channel }) };
    try {
      return await handler(parsed.data);
    } catch (err) {
      onInternalError(channel, err);
      const detail = err instanceof Error ? err.message : String(err);
      return { ok: false, error: appError('internal', { detail: detail.slice(0, DETAIL_MAX) }) };
    }
  };
}
