// Settings saves the settings, then the SASL password typed with them, and the service reconnects
// in between: the header and the offline banner flashed "A SASL user name is set but no
// password" before the real result. Until the password has arrived that reads as connecting; a
// password that never takes effect is still said.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/error-codes';
import type { ConnectionState } from '../../../shared/outbox-types';

const listeners = new Map<string, (payload: unknown) => void>();
vi.mock('../../../renderer/transport/api', () => ({
  api: { on: (name: string, f: (payload: unknown) => void) => listeners.set(name, f) },
  onTransportStatus: () => () => {},
}));
const { setPasswordOnItsWay, startStore, useAppStore } = await import('../../../renderer/store/app-store');

const conn = (status: ConnectionState['status'], error: ConnectionState['error']): ConnectionState => ({
  status,
  brokers: ['127.0.0.1:9092'],
  topic: 'user-data',
  waiting: 0,
  cancellations: 0,
  attention: 0,
  sandbox: false,
  error,
});
const heard = (c: ConnectionState) => listeners.get('connection.changed')!(c);
const shown = () => useAppStore.getState().connection;

describe('the connection while Settings sends a SASL password', () => {
  afterEach(() => vi.useRealTimers());

  it('shows connecting, not "no password", until the real result, which it shows as it is', () => {
    vi.useFakeTimers();
    startStore();
    const missing = conn('offline', appError('sasl.passwordMissing'));
    setPasswordOnItsWay(true);
    heard(missing);
    expect(shown()).toMatchObject({ status: 'connecting', error: null });
    // The password is sent; the service's answer to it may come a moment later.
    setPasswordOnItsWay(false);
    expect(shown()).toMatchObject({ status: 'connecting', error: null });
    const real = conn('offline', appError('sasl.notOnListener'));
    heard(real);
    expect(shown()).toEqual(real);
    // Afterwards "no password" is the truth again and shown at once.
    heard(missing);
    expect(shown()).toEqual(missing);
  });

  it('says "no password" when it is still so a while after the password was sent', () => {
    vi.useFakeTimers();
    startStore();
    const missing = conn('offline', appError('sasl.passwordMissing'));
    setPasswordOnItsWay(true);
    heard(missing);
    setPasswordOnItsWay(false);
    vi.advanceTimersByTime(5_000);
    expect(shown()).toEqual(missing);
  });
});
