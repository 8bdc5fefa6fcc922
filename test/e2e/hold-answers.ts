// Holding the service's answers to one request on the page's WebSockets, as a slow service
// process would, to see what the page does while it waits.
import type { Page } from '@playwright/test';

/**
 * Holds the answers to `channel` (e.g. channelOf('draft', 'get')) on the page's WebSockets opened
 * from now on until release() (every one: a page that reconnects asks again); the first `skip`
 * requests of the channel are answered as usual.
 */
export async function holdAnswers(
  page: Page,
  channel: string,
  { skip = 0 }: { skip?: number } = {},
): Promise<{ held(): number; release(order?: 'reversed'): void }> {
  const held: Array<() => void> = [];
  let holding = true;
  let seen = 0;
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    const asked = new Set<number>();
    ws.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { id: number; channel: string };
      if (msg.channel === channel && ++seen > skip) asked.add(msg.id);
      server.send(m);
    });
    server.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { type: string; id?: number };
      if (holding && msg.type === 'response' && msg.id !== undefined && asked.has(msg.id)) held.push(() => ws.send(m));
      else ws.send(m);
    });
  });
  return {
    held: () => held.length,
    // 'reversed': the last asked answers first, as a slow query overtaken by a quick one.
    release: (order) => {
      holding = false;
      const sends = held.splice(0);
      (order === 'reversed' ? sends.reverse() : sends).forEach((send) => send());
    },
  };
}
