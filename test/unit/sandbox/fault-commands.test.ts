// Stdin fault commands: parsing, and what each does to the cluster it drives (a recording fake).
import { describe, expect, it } from 'vitest';
import { type FaultControls, parseFaultCommand, runFaultCommand } from '../../../electron/sandbox/fault-commands';

function fakeCluster() {
  const calls: string[] = [];
  const brokers = new Map([1, 2, 3].map((id) => [id, { id, host: '127.0.0.1', port: 9091 + id, up: true }]));
  const target: FaultControls = {
    brokerIds: [1, 2, 3],
    state: { controllerId: 1, brokers },
    async startBroker(id) {
      calls.push(`start ${id}`);
      brokers.get(id)!.up = true;
    },
    async stopBroker(id) {
      calls.push(`stop ${id}`);
      brokers.get(id)!.up = false;
    },
    async restartBroker(id) {
      calls.push(`restart ${id}`);
    },
    setLatency(id, ms) {
      calls.push(`latency ${id} ${ms}`);
    },
    async startAll() {
      calls.push('start-all');
    },
    async stopAll() {
      calls.push('stop-all');
      throw new Error('disk on fire');
    },
  };
  return { target, calls };
}

describe('parseFaultCommand', () => {
  it.each([
    ['stop 2', { op: 'stop', broker: 2 }],
    ['  start   3 ', { op: 'start', broker: 3 }],
    ['restart 1', { op: 'restart', broker: 1 }],
    ['latency 2 200', { op: 'latency', broker: 2, ms: 200 }],
    ['stop-all', { op: 'stop-all' }],
    ['start-all', { op: 'start-all' }],
    ['status', { op: 'status' }],
    ['help', { op: 'help' }],
  ])('%s', (line, command) => {
    expect(parseFaultCommand(line)).toEqual({ ok: true, command });
  });

  it.each([
    ['', 'empty command; type help'],
    ['stop', 'stop takes a broker id'],
    ['stop two', 'broker id must be a number, got "two"'],
    ['stop 1 2', 'stop takes a broker id'],
    ['latency 2', 'latency takes a broker id and milliseconds'],
    ['latency 2 -5', 'latency must be 0-600000 ms, got "-5"'],
    ['latency 2 1.5', 'latency must be 0-600000 ms, got "1.5"'],
    ['status now', 'status takes no arguments'],
    ['kill 1', 'unknown command "kill"'],
  ])('%j → %s', (line, error) => {
    const res = parseFaultCommand(line);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toContain(error);
  });
});

describe('runFaultCommand', () => {
  it('drives the cluster and answers ok; status reports brokers, controller and latency', async () => {
    const { target, calls } = fakeCluster();
    const latencies = new Map<number, number>();
    for (const line of ['stop 2', 'latency 3 200', 'start 2', 'restart 1', 'start-all']) {
      expect(await runFaultCommand(target, line, latencies)).toBe('ok');
    }
    expect(calls).toEqual(['stop 2', 'latency 3 200', 'start 2', 'restart 1', 'start-all']);
    await runFaultCommand(target, 'stop 1', latencies);
    expect(await runFaultCommand(target, 'status', latencies)).toBe(
      'ok controller=1 brokers 1=down@127.0.0.1:9092 2=up@127.0.0.1:9093 3=up@127.0.0.1:9094+200ms',
    );
    expect(await runFaultCommand(target, 'help')).toMatch(/^ok commands: stop N/);
  });

  it('answers error: for unknown brokers, bad lines and failing operations, and keeps going', async () => {
    const { target, calls } = fakeCluster();
    expect(await runFaultCommand(target, 'stop 7')).toBe('error: no broker 7 (brokers are 1, 2, 3)');
    expect(await runFaultCommand(target, 'latency 0 5')).toBe('error: no broker 0 (brokers are 1, 2, 3)');
    expect(await runFaultCommand(target, 'reboot')).toMatch(/^error: unknown command "reboot"/);
    expect(await runFaultCommand(target, 'stop-all')).toBe('error: disk on fire');
    expect(await runFaultCommand(target, 'stop 3')).toBe('ok');
    expect(calls).toEqual(['stop-all', 'stop 3']);
  });
});
