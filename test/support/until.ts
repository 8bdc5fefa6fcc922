/**
 * Polls `cond` every `everyMs` (20) until it holds; throws naming `what` after `ms`. The
 * in-memory dispatcher tests poll every 5 ms: they look between two of its cycles. `what` may be
 * a function, read at the timeout, so the failure says where things stood (a flake on a busy CI
 * machine is then readable from its log alone).
 */
export async function until(
  cond: () => boolean | Promise<boolean>,
  ms: number,
  what: string | (() => string),
  everyMs = 20,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end)
      throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
