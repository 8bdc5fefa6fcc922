// Poison orders (issue 10), through the app core against the sandbox or real Apache Kafka
// (KAFKA_TARGET): an order larger than the topic's max.message.bytes is refused at Save when the
// limit is known; when it is not (offline at Save, or the limit lowered later) the broker's
// refusal makes it "needs attention", its customer's later orders wait behind it, other
// customers' orders keep flowing, and correct / void / export work. Each test reads the topic
// back with a separate consumer and counts saved, delivered, lost, duplicated and out of
// per-customer order.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigResourceTypes } from 'kafkajs';
import type { OrderDraftInput } from '../../../shared/order-schema';
import type { OrderChange, OrderRecord } from '../../../shared/outbox-types';
import { clerkView, type ClerkState } from '../../../shared/delivery-states';
import { kafkaCluster, targetKind, type TestCluster } from '../../support/kafka-target';
import { readTopic, type ReadMessage } from '../../support/read-topic';
import { until } from '../../support/until';
import { draft, orderTopic, useOrderCores, type Core } from './order-core';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { OUTBOX_FILE } from '../../../electron/app/app-core';
import { createRequestDispatcher } from '../../../electron/ipc/bind-requests';
import { channelOf } from '../../../shared/contract';
import { appError } from '../../../shared/error-codes';
import { tempDir } from '../../unit/orders/temp-dir';
import { order, refuseAsTooLarge } from '../../unit/orders/fixtures';

const { core } = useOrderCores();

/** The topic's limit in these tests: an order of 20 long lines crosses it with its note. */
const LIMIT = 6_000;

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await kafkaCluster();
});
afterAll(() => cluster?.close());

/** 20 lines with 190-character product names (about 5.5 KB as a record batch) and a note of `noteLength`. */
function bigDraft(customerId: string, noteLength: number): OrderDraftInput {
  return {
    customerName: `Customer ${customerId}`,
    customerId,
    lines: Array.from({ length: 20 }, (_, i) => ({
      sku: `SKU-${i}`,
      productName: `${'P'.repeat(185)}-${String(i).padStart(4, '0')}`,
      quantity: 1,
      unitPrice: 1000,
    })),
    currency: 'KRW',
    paymentMethod: 'card',
    note: 'n'.repeat(noteLength),
  };
}

async function limitedTopic(): Promise<string> {
  const topic = cluster.topic('poison');
  await cluster.createTopic(topic, { partitions: 3, configs: { 'max.message.bytes': String(LIMIT) } });
  return topic;
}

type SubmitOutcome = Awaited<ReturnType<Core['core']['handlers']['orders']['submit']>>;
const submitRaw = (c: Core, d: OrderDraftInput): Promise<SubmitOutcome> => c.core.handlers.orders.submit(d as never);

/** Every state the clerk was shown for each order, in the order the events told them. */
function shownStates(c: Core): Map<string, ClerkState[]> {
  const shown = new Map<string, ClerkState[]>();
  c.core.subscribe((event, payload) => {
    if (event !== 'orders.changed') return;
    for (const ch of (payload as { changes: OrderChange[] }).changes) {
      const list = shown.get(ch.orderId) ?? [];
      const s = clerkView(ch).state;
      if (list.at(-1) !== s) list.push(s);
      shown.set(ch.orderId, list);
    }
  });
  return shown;
}

interface Count {
  saved: number;
  delivered: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
}

/** Reads the topic back with a separate consumer and counts against what was saved, customer by customer. */
function count(saved: Array<{ id: string; customerId: string }>, read: ReadMessage[], notSent: string[] = []): Count {
  const ids = read.map((m) => (m.value as { orderId: string }).orderId);
  const expected = saved.filter((s) => !notSent.includes(s.id));
  const once = new Set(ids);
  let outOfOrder = 0;
  for (const customer of new Set(expected.map((s) => s.customerId))) {
    const want = expected.filter((s) => s.customerId === customer).map((s) => s.id);
    const got = read
      .filter((m) => m.key === customer)
      .sort((a, b) => Number(a.offset) - Number(b.offset))
      .map((m) => (m.value as { orderId: string }).orderId);
    if (JSON.stringify([...new Set(got)]) !== JSON.stringify(want)) outOfOrder++;
  }
  return {
    saved: saved.length,
    delivered: once.size,
    lost: expected.filter((s) => !once.has(s.id)).length,
    duplicated: ids.length - once.size,
    outOfOrder,
  };
}

describe('poison orders', () => {
  it("Save refuses an order larger than the topic's max.message.bytes; one of exactly that size is delivered", async () => {
    const topic = await limitedTopic();
    const c = await core({ brokers: cluster.brokers, topic });
    const warm = await c.submit(draft('warm'));
    await until(() => c.state(warm.order.orderId) === 'delivered', 30_000, 'the first order delivered');

    // The size Save measures is the record batch kafkajs sends: learn it from the refusal…
    const refused = await submitRaw(c, bigDraft('big', 500));
    expect(refused).toMatchObject({ ok: false, error: { code: 'order.tooLarge', params: { max: LIMIT } } });
    const size = Number((refused as unknown as { error: { params: { size: number } } }).error.params.size);
    expect(size).toBeGreaterThan(LIMIT);
    // …then an order exactly at the limit is saved, and the broker accepts it: Save is not stricter.
    const atLimit = 500 - (size - LIMIT);
    expect(await submitRaw(c, bigDraft('big', atLimit + 1))).toMatchObject({
      ok: false,
      error: { code: 'order.tooLarge', params: { size: LIMIT + 1, max: LIMIT } },
    });
    const fits = await c.submit(bigDraft('big', atLimit));
    await until(() => c.state(fits.order.orderId) === 'delivered', 30_000, 'the order of exactly the limit delivered');
    const read = await readTopic(cluster.kafka(), topic, 2);
    expect(read.map((m) => (m.value as { orderId: string }).orderId)).toEqual(
      expect.arrayContaining([warm.order.orderId, fits.order.orderId]),
    );
    // Nothing refused reached the outbox.
    const recent = await c.core.handlers.orders.recent({ limit: 10 });
    expect(recent.ok && recent.value.length).toBe(2);
  });

  it("offline at Save: the broker's refusal needs attention, the customer's later orders wait, others go; correct, void, export", async () => {
    const topic = await limitedTopic();
    // Offline: Save cannot know the topic's limit and uses Kafka's default.
    const c = await core({ brokers: ['127.0.0.1:1'], topic });
    const shown = shownStates(c);
    const saved: Array<{ id: string; customerId: string }> = [];
    const save = async (d: OrderDraftInput) => {
      const r = await c.submit(d);
      saved.push({ id: r.order.orderId, customerId: d.customerId });
      return r.order.orderId;
    };
    const a1 = await save(draft('pa', 1));
    const p = await save(bigDraft('pa', 500)); // poison, customer pa
    const a2 = await save(draft('pa', 2));
    const b1 = await save(draft('pb', 1));
    const q = await save(bigDraft('pc', 500)); // poison, customer pc
    const c2 = await save(draft('pc', 2));
    const b2 = await save(draft('pb', 2));
    const a3 = await save(draft('pa', 3));

    const current = await c.core.handlers.settings.get(undefined);
    if (!current.ok) throw new Error('settings.get failed');
    await c.core.handlers.settings.save({ ...current.value, brokers: cluster.brokers });

    const view = (id: string) => clerkView(c.records.get(id)!);
    await until(
      () =>
        [a1, b1, b2].every((id) => c.state(id) === 'delivered') && [p, q].every((id) => view(id).state === 'attention'),
      40_000,
      'good orders delivered, the poison ones needing attention',
    );
    expect(view(p)).toEqual({ state: 'attention', reason: 'attention.tooLarge' });
    // The same customers' later orders wait behind them, and say why; a second look finds them still waiting.
    await new Promise((r) => setTimeout(r, 1_500));
    for (const id of [a2, a3, c2]) expect(view(id)).toEqual({ state: 'waiting', reason: 'waiting.heldBehind' });

    // The refusal taught the app the topic's limit: once another order went through, Save refuses a poison order.
    const x = await save(draft('px', 1));
    await until(() => c.state(x) === 'delivered', 30_000, 'an order of another customer delivered');
    expect(await submitRaw(c, bigDraft('py', 500))).toMatchObject({
      ok: false,
      error: { code: 'order.tooLarge', params: { max: LIMIT } },
    });

    // Export: a JSON file with the order as saved and why it waits.
    const exported = await c.core.handlers.orders.export({ orderId: p });
    if (!exported.ok) throw new Error(`export failed: ${JSON.stringify(exported.error)}`);
    const file = JSON.parse(fs.readFileSync(exported.value.file, 'utf8')) as OrderRecord;
    expect(file).toMatchObject({ order: { orderId: p, customerId: 'pa' }, state: 'failed', autoRetry: false });
    expect(JSON.parse(exported.value.json)).toEqual(file);

    // Correct: still too large is refused and changes nothing; shortened, it goes in its place, then pa's others.
    expect(await c.core.handlers.orders.correct({ orderId: p, draft: bigDraft('pa', 500) as never })).toMatchObject({
      ok: false,
      error: { code: 'order.tooLarge' },
    });
    expect(view(p).state).toBe('attention');
    const corrected = await c.core.handlers.orders.correct({
      orderId: p,
      draft: {
        ...bigDraft('pa', 0),
        note: 'shortened by the clerk',
        lines: bigDraft('pa', 0).lines.slice(0, 5),
      } as never,
    });
    expect(corrected).toMatchObject({ ok: true, value: { state: 'saved', order: { orderId: p, customerId: 'pa' } } });
    await until(() => [p, a2, a3].every((id) => c.state(id) === 'delivered'), 30_000, "pa's orders delivered in order");

    // Void: a reason is required; then it is kept, never sent, and pc's later order goes.
    expect(await c.core.handlers.orders.void({ orderId: q, reason: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'order.voidReason' },
    });
    expect(view(q).state).toBe('attention');
    const voided = await c.core.handlers.orders.void({ orderId: q, reason: 'customer cancelled by phone' });
    expect(voided).toMatchObject({ ok: true, value: { state: 'voided', order: { orderId: q } } });
    await until(() => c.state(c2) === 'delivered', 30_000, "pc's later order delivered");
    const kept = await c.core.handlers.orders.void({ orderId: q, reason: 'again' });
    // Voiding it again is refused as such (issue 11: voids of any order go through the same request).
    expect(kept).toMatchObject({ ok: false, error: { code: 'order.alreadyVoided', params: { orderId: q } } });
    expect(await c.core.handlers.orders.correct({ orderId: a1, draft: draft('pa') as never })).toMatchObject({
      ok: false,
      error: { code: 'order.notHeld' },
    });

    // Read back: every saved order but the voided one, once, in each customer's order.
    const read = await readTopic(cluster.kafka(), topic, saved.length - 1, 30_000);
    const counted = count(saved, read, [q]);
    expect(counted).toEqual({
      saved: saved.length,
      delivered: saved.length - 1,
      lost: 0,
      duplicated: 0,
      outOfOrder: 0,
    });
    expect(read.some((m) => (m.value as { orderId: string }).orderId === q)).toBe(false);
    expect(read.find((m) => (m.value as { orderId: string }).orderId === p)?.value).toMatchObject({
      note: 'shortened by the clerk',
    });
    // Only the poison orders were ever shown as needing attention.
    const attention = [...shown].filter(([, states]) => states.includes('attention')).map(([id]) => id);
    expect(attention.sort()).toEqual([p, q].sort());
    console.log(
      `poison (${targetKind}, offline at Save): saved ${counted.saved}, delivered ${counted.delivered}, voided 1, ` +
        `lost ${counted.lost}, duplicated ${counted.duplicated}, out of per-customer order ${counted.outOfOrder}`,
    );
  });

  it.skipIf(
    targetKind !== 'kafka' &&
      (console.log('skipping "limit lowered later" on the sandbox: it has no AlterConfigs (real Kafka runs it)'), true),
  )("the topic's limit lowered while the app runs: the refused order holds only its customer", async () => {
    const topic = cluster.topic('poison-lowered');
    await cluster.createTopic(topic, { partitions: 3 });
    const c = await core({ brokers: cluster.brokers, topic });
    const warm = await c.submit(draft('lw', 0));
    await until(() => c.state(warm.order.orderId) === 'delivered', 30_000, 'the first order delivered');
    const admin = cluster.kafka().admin();
    await admin.connect();
    try {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topic,
            configEntries: [{ name: 'max.message.bytes', value: '6000' }],
          },
        ],
      });
      // Each broker applies the change from the metadata log on its own: wait until it is
      // reported, then a little longer for the partition leaders (seen once: an order sent right
      // after the change was still stored under the old limit).
      await until(
        async () => {
          const d = await admin.describeConfigs({
            includeSynonyms: false,
            resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] }],
          });
          return d.resources[0]?.configEntries.some((e) => e.configValue === '6000') ?? false;
        },
        20_000,
        'the new limit reported',
      );
      await new Promise((r) => setTimeout(r, 2_000));
    } finally {
      await admin.disconnect();
    }
    // Save still knows the old limit (it reads it again after a refusal or every 30 s).
    const saved: Array<{ id: string; customerId: string }> = [{ id: warm.order.orderId, customerId: 'lw' }];
    const save = async (d: OrderDraftInput) => {
      const id = (await c.submit(d)).order.orderId;
      saved.push({ id, customerId: d.customerId });
      return id;
    };
    const p = await save(bigDraft('lw', 500));
    const l2 = await save(draft('lw', 2));
    const o1 = await save(draft('lo', 1));
    const view = (id: string) => clerkView(c.records.get(id)!);
    await until(
      () => c.state(o1) === 'delivered' && view(p).state === 'attention',
      40_000,
      'the other customer delivered, the refused order needing attention',
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect(view(l2)).toEqual({ state: 'waiting', reason: 'waiting.heldBehind' });
    expect((await c.core.handlers.orders.void({ orderId: p, reason: 'too large after the limit change' })).ok).toBe(
      true,
    );
    await until(() => c.state(l2) === 'delivered', 30_000, "the customer's later order delivered after the void");
    const read = await readTopic(cluster.kafka(), topic, saved.length - 1, 30_000);
    expect(count(saved, read, [p])).toEqual({
      saved: 4,
      delivered: 3,
      lost: 0,
      duplicated: 0,
      outOfOrder: 0,
    });
  });

  it('an order saved before the ISO 4217 check (KWR), and before look-alike customer IDs were refused, is corrected through the request gate and delivered', async () => {
    const t = await orderTopic(cluster);
    // A terminal's outbox from before: the order in KWR, its customer ID with a Cyrillic С,
    // refused by the broker and needing attention.
    const dataDir = tempDir('order-desk-it-');
    const old = order({ customerId: 'СONF1', currency: 'KWR' });
    const before = OutboxStore.open(path.join(dataDir, OUTBOX_FILE));
    before.addMany([old]);
    refuseAsTooLarge(before, before.candidates(1)[0].seq);
    before.close();
    const c = await core({ brokers: t.brokers, topic: t.topic, dataDir });
    const request = createRequestDispatcher(c.core.handlers);
    const {
      customerId: _key,
      orderId: _id,
      schemaVersion: _v,
      storeId: _s,
      terminalId: _t,
      clerk: _c,
      createdAt: _at,
      total: _total,
      ...asSaved
    } = old;
    // As it was saved, it is refused, naming the currency, with the reason's code the screen words
    // in the clerk's language (the Correct panel says it before sending).
    expect(
      await request(channelOf('orders', 'correct'), {
        orderId: old.orderId,
        draft: { ...asSaved, customerId: old.customerId },
      }),
    ).toEqual({
      ok: false,
      error: appError('request.invalid', {
        reason: 'field.currencyUnknownMeant',
        code: 'KWR',
        suggestion: 'KRW',
        field: 'draft.currency',
        detail: 'draft.currency: KWR is not a currency code; did you mean KRW?',
      }),
    });
    // In KRW it is taken (the customer ID, the key the clerk cannot change, as it was saved) and delivered.
    const corrected = await request(channelOf('orders', 'correct'), {
      orderId: old.orderId,
      draft: { ...asSaved, customerId: old.customerId, currency: 'KRW' },
    });
    expect(corrected).toMatchObject({ ok: true, value: { state: 'saved', order: { currency: 'KRW' } } });
    expect(clerkView((corrected as { value: OrderRecord }).value).state).not.toBe('attention');
    await until(() => c.state(old.orderId) === 'delivered', 30_000, 'the corrected order delivered');
    const [read] = await t.readBack(1);
    expect(read.key).toBe('СONF1');
    expect(read.value).toMatchObject({ orderId: old.orderId, currency: 'KRW' });
  });
});
