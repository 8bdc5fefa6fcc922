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

/** What a trainer's command did, in words the screen translates; `params` fill them in. */
export type CommandOutcome =
  | { key: 'training.didStop' | 'training.didStart'; params: { n: number } }
  | { key: 'training.didStopAll' | 'training.didStartAll'; params: Record<string, never> }
  | { key: 'training.didSlow'; params: { n: number; ms: number } }
  | { key: 'training.didFast'; params: { n: number } }
  /** Anything else, or a refusal: the sandbox's own line, which names what went wrong. */
  | { key: 'training.refused'; params: { command: string; reply: string } };

/** The Training screen's commands (the terminal's own) and the sandbox's reply, as a sentence. */
export function commandOutcome(command: string, reply: string): CommandOutcome {
  const refused = { key: 'training.refused', params: { command, reply } } as const;
  if (reply !== 'ok') return refused;
  if (command === 'stop-all') return { key: 'training.didStopAll', params: {} };
  if (command === 'start-all') return { key: 'training.didStartAll', params: {} };
  const one = /^(stop|start) (\d+)$/.exec(command);
  if (one) return { key: one[1] === 'stop' ? 'training.didStop' : 'training.didStart', params: { n: Number(one[2]) } };
  const latency = /^latency (\d+) (\d+)$/.exec(command);
  if (latency) {
    const [n, ms] = [Number(latency[1]), Number(latency[2])];
    return ms > 0 ? { key: 'training.didSlow', params: { n, ms } } : { key: 'training.didFast', params: { n } };
  }
  return refused;
}
