/**
 * Polls `cond` every `everyMs` (20) until it holds; throws naming `what` after `ms`. The
 * in-memory dispatcher tests poll every 5 ms: they look between two of its cycles.
 */
export async function until(
  cond: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
  everyMs = 20,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
