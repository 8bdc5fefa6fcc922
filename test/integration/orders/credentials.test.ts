// SASL/PLAIN credentials (the password from the relay’s secret store): a wrong password makes orders wait with kafka.authFailed;
// fixing it delivers them without a restart. Sandbox only (the kafka leg leaves it out, see
// test/support/test-legs.ts): it needs a listener that requires SASL, which only the sandbox's
// options set up.
import { describe, expect, it } from 'vitest';
import { startSandboxCluster } from '../../../electron/sandbox';
import { until } from '../../support/until';
import { draft, useOrderCores } from './order-core';

const { core, cleanups } = useOrderCores();

describe('credentials', () => {
  it('a refused login waits with kafka.authFailed; fixing the password in Settings delivers without a restart', async () => {
    const sandbox = await startSandboxCluster({
      brokers: 3,
      port: 0,
      minInsyncReplicas: 2,
      topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
      sasl: { users: { 'pos-7': 'right-password' } },
    });
    cleanups.push(() => sandbox.close());
    const c = await core({
      brokers: sandbox.bootstrapServers,
      topic: 'user-data',
      settings: { sasl: { mechanism: 'plain', username: 'pos-7' } },
      secrets: { saslPassword: 'wrong-password' },
    });
    const a = await c.submit(draft('auth-1'));
    await until(() => c.connection.some((s) => s.error?.code === 'kafka.authFailed'), 20_000, 'kafka.authFailed');
    expect(c.state(a.order.orderId)).not.toBe('delivered');
    // The operator types the right password in Settings: the relay's store hands it over.
    await c.core.setSecrets({ saslPassword: 'right-password' });
    await until(() => c.state(a.order.orderId) === 'delivered', 30_000, 'delivery after fixing the password');
    expect(c.connection.at(-1)).toMatchObject({ status: 'connected', error: null });
  });
});
