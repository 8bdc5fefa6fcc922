// Save goes before the delivery's bookkeeping: a submit read in the same turn of the event loop as
// the broker's acknowledgement of an earlier batch is committed and answered before that batch is
// marked delivered and moved to the history (milliseconds of work after a burst), with the real
// outbox, order service and dispatcher and an in-memory producer.
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Dispatcher } from '../../../electron/orders/dispatcher';
import { OrderService } from '../../../electron/orders/order-service';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { DEFAULT_SETTINGS } from '../../../shared/settings-schema';
import { orderSubmissionSchema } from '../../../shared/order-schema';
import { until } from '../../support/until';
import { FakeKafka } from './fake-kafka';
import { draft } from './fixtures';
import { tempDir } from './temp-dir';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('a submit read in the same turn as the broker’s acknowledgement is saved and answered before that batch is recorded delivered', async () => {
  const outbox = OutboxStore.open(path.join(tempDir(), 'outbox.sqlite'));
  const kafka = new FakeKafka();
  const seen: string[] = [];
  const dispatcher = new Dispatcher({
    outbox,
    target: {
      brokers: ['127.0.0.1:9092'],
      topic: 'user-data',
      sandbox: false,
      cluster: clusterConfig({ brokers: ['127.0.0.1:9092'] }),
    },
    createProducer: kafka.factory,
    onChanges: (changes) => {
      for (const c of changes) if (c.state === 'delivered') seen.push(`delivered ${c.orderId}`);
    },
    onConnection: () => {},
  });
  const service = new OrderService({
    outbox,
    settings: () => ({ ...DEFAULT_SETTINGS, storeId: 'gangnam-3', terminalId: 'pos-7', clerk: 'Park' }),
    onChanges: () => {},
    nudge: () => dispatcher.nudge(),
  });
  cleanups.push(
    () => outbox.close(),
    () => dispatcher.close(),
  );
  dispatcher.start();

  const first = await service.submit(orderSubmissionSchema.parse(draft({ customerId: 'c-1' })));
  if (!first.ok) throw new Error(first.error.code);
  let second: Promise<unknown> | null = null;
  kafka.beforeAck = () => {
    kafka.beforeAck = null;
    // The clerk's next order arrives with the broker's answer to the first.
    second = service.submit(orderSubmissionSchema.parse(draft({ customerId: 'c-2' }))).then((r) => {
      if (!r.ok) throw new Error(r.error.code);
      seen.push(`saved ${r.value.order.orderId}`);
    });
  };
  await until(() => seen.length >= 2, 5_000, 'the second order saved and the first delivered');
  await second;
  expect(seen[0]).toMatch(/^saved /);
  expect(seen[1]).toBe(`delivered ${first.value.order.orderId}`);
});
