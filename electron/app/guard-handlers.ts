// Every handler the core hands out answers with a Result, even when a service throws: an
// exception becomes `internal` with its message, never a rejected promise or a crash.
import { channelOf, type Result } from '../../shared/contract';
import { appError } from '../../shared/error-codes';

const DETAIL_MAX = 200;
type AnyHandler = (input: unknown) => Promise<Result<unknown>>;

export function guardHandlers<H extends object>(handlers: H, onError: (channel: string, err: unknown) => void): H {
  const out: Record<string, Record<string, AnyHandler>> = {};
  for (const [group, methods] of Object.entries(handlers as unknown as Record<string, Record<string, AnyHandler>>)) {
    out[group] = {};
    for (const [method, fn] of Object.entries(methods)) {
      out[group][method] = async (input) => {
        try {
          return await fn(input);
        } catch (err) {
          onError(channelOf(group, method), err);
          const detail = err instanceof Error ? err.message : String(err);
          return { ok: false, error: appError('internal', { detail: detail.slice(0, DETAIL_MAX) }) };
        }
      };
    }
  }
  return out as unknown as H;
}
