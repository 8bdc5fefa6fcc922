// The sandbox's `status` reply, as the Training screen shows it.
export interface BrokerState {
  id: number;
  up: boolean;
  latency: number;
}

/** "ok controller=1 brokers 1=up@127.0.0.1:9092 2=down@…+500ms" → brokers. */
export function parseStatus(reply: string): BrokerState[] {
  return [...reply.matchAll(/(\d+)=(up|down)@\S+?(?:\+(\d+)ms)?(?=\s|$)/g)].map((m) => ({
    id: Number(m[1]),
    up: m[2] === 'up',
    latency: m[3] ? Number(m[3]) : 0,
  }));
}
