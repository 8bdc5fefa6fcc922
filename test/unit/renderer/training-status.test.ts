import { describe, expect, it } from 'vitest';
import { commandOutcome, parseStatus } from '../../../renderer/training/training-status';
import { bundleOf } from '../../../renderer/i18n/i18n';
import { UI_STRINGS } from '../../../renderer/i18n/ui-strings';

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

describe("a trainer's command, as the Training screen says what it did", () => {
  it("names what each command did, and passes a refusal on with the sandbox's own words", () => {
    expect(commandOutcome('stop-all', 'ok')).toEqual({ key: 'training.didStopAll', params: {} });
    expect(commandOutcome('start-all', 'ok')).toEqual({ key: 'training.didStartAll', params: {} });
    expect(commandOutcome('stop 2', 'ok')).toEqual({ key: 'training.didStop', params: { n: 2 } });
    expect(commandOutcome('start 3', 'ok')).toEqual({ key: 'training.didStart', params: { n: 3 } });
    expect(commandOutcome('latency 1 800', 'ok')).toEqual({ key: 'training.didSlow', params: { n: 1, ms: 800 } });
    expect(commandOutcome('latency 1 0', 'ok')).toEqual({ key: 'training.didFast', params: { n: 1 } });
    const refusal = 'error: no sandbox cluster is running here (the app uses the configured brokers)';
    expect(commandOutcome('stop-all', refusal)).toEqual({
      key: 'training.refused',
      params: { command: 'stop-all', reply: refusal },
    });
    // An ok to a command the screen does not know is not claimed as done.
    expect(commandOutcome('reboot', 'ok').key).toBe('training.refused');
  });

  it('has the words in both languages for every outcome', () => {
    const keys = [
      'training.didStop',
      'training.didStart',
      'training.didStopAll',
      'training.didStartAll',
      'training.didSlow',
      'training.didFast',
      'training.refused',
    ];
    for (const lang of ['en', 'ko'] as const) {
      const bundle = bundleOf(UI_STRINGS, lang);
      expect(keys.filter((k) => !bundle[k])).toEqual([]);
    }
  });
});
