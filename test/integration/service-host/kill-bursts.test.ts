// "Saved" survives the service process being killed (issue 10): SIGKILL at random moments
// during 200-order bursts, ten times, the process restarted each time on the same data
// directory; then the topic, read back by a separate consumer, holds every acknowledged order
// exactly once, in each customer's order. (restart-under-load.test.ts covers the relay's side:
// the page's socket stays up through one kill.) More kills and the figures: npm run bench:faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaCluster, type TestCluster } from '../../support/kafka-target';
import { runKillBursts } from '../../support/kill-bursts';
import { tempDir } from '../../unit/orders/temp-dir';

// 200, not the bench's 500: a kill still lands while batches are in flight (the in-doubt check
// on restart is what keeps them from going twice; with it broken, 200 shows duplicates too).
const BURST = 200;

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await kafkaCluster();
});
afterAll(() => cluster?.close());

describe('the service process killed with SIGKILL during 200-order bursts', () => {
  it('ten kills at random moments, restarted on the same data directory: 0 lost, 0 duplicated', async () => {
    const f = await runKillBursts({ cluster, dataDir: tempDir('order-desk-kills-'), kills: 10, burst: BURST });
    console.log(`kill bursts (${cluster.kind}): ${JSON.stringify(f)}`);
    expect(f.kills).toBe(10);
    expect(f.outages).toBe(10);
    expect(f.acknowledged).toBe(10 * BURST);
    expect(f).toMatchObject({ delivered: f.acknowledged, inTopic: f.acknowledged, lost: 0, duplicated: 0 });
    expect(f.outOfCustomerOrder).toBe(0);
  }, 180_000);
});
