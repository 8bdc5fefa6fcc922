import { describe, expect, it } from 'vitest';
import { parseStatus } from '../../../renderer/training/training-status';

describe('the sandbox status line, as the Training screen reads it', () => {
  it('lists each broker, up or down, with the latency a trainer set', () => {
    expect(
      parseStatus('ok controller=1 brokers 1=up@127.0.0.1:9092+800ms 2=down@127.0.0.1:9093 3=up@127.0.0.1:9094'),
    ).toEqual([
      { id: 1, up: true, latency: 800 },
      { id: 2, up: false, latency: 0 },
      { id: 3, up: true, latency: 0 },
    ]);
    expect(parseStatus('error: no sandbox cluster is running here')).toEqual([]);
  });
});
