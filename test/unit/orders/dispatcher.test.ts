import path from 'node:path';
import { clerkView } from '../../../shared/delivery-states';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Dispatcher,
  SLOW_SEND_MS,
  type DispatcherOptions,
  type DispatchTarget,
} from '../../../electron/orders/dispatcher';
import { OutboxStore } from '../../../electron/orders/outbox-store';
import { partitionForKey } from '../../../electron/kafka/order-message';
import type { ConnectionState, OrderChange } from '../../../shared/outbox-types';
import { errors, FakeKafka } from './fake-kafka';
import { order } from './fixtures';
import { tempDir } from './temp-dir';
import { clusterConfig } from '../../../electron/cluster/cluster-config';
import { until as waitUntil } from '../../support/until';

const target: DispatchTarget = {
  brokers: ['127.0.0.1:9092'],
  topic: 'user-data',
  sandbox: false,
  cluster: clusterConfig({ brokers: ['127.0.0.1:9092'] }),
};
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The outbox row number of a waiting order. */
function seqOf(outbox: OutboxStore, orderId: string): number {
  return outbox.undelivered().find((r) => r.orderId === orderId)!.seq;
}

function setup(
  kafka = new FakeKafka(),
  opts: {
    maxBatchRows?: number;
    maxBatchBytes?: number;
    idleProbeMs?: number;
    metadataMaxAgeMs?: number;
    topicIdConfirmMs?: number;
    log?: (m: string) => void;
  } = {},
) {
  const outbox = OutboxStore.open(path.join(tempDir(), 'outbox.sqlite'));
  const records: OrderChange[] = [];
  const states: ConnectionState[] = [];
  const stateTimes: number[] = [];
  const d = new Dispatcher({
    outbox,
    target,
    createProducer: kafka.factory,
    onChanges: (changes) => records.push(...changes),
    onConnection: (s) => {
      states.push(s);
      stateTimes.push(Date.now());
    },
    backoff: { initialMs: 10, maxMs: 40 },
    idleProbeMs: 60_000,
    topicIdConfirmMs: 5,
    ...opts,
  });
  cleanups.push(
    () => outbox.close(),
    () => d.close(),
  );
  const add = (customerId: string) => {
    const r = outbox.add(order({ customerId }));
    if (!r.ok) throw new Error('add failed');
    d.nudge();
    return r.value.order.orderId;
  };
  return { kafka, outbox, d, records, states, stateTimes, add };
}

const until = (cond: () => boolean, ms = 5_000): Promise<void> =>
  waitUntil(cond, ms, 'the outbox and the dispatcher to get there', 5);

describe('dispatcher (with an in-memory producer)', () => {
  it('sends the waiting count at most every 250 ms while orders stream in, and always the final count', async () => {
    const { d, states, stateTimes, add, outbox } = setup();
    d.start();
    await until(() => states.at(-1)?.status === 'connected');
    const base = states.length;
    const t0 = Date.now();
    let n = 0;
    while (Date.now() - t0 < 700) {
      add(`cust-${n++ % 7}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    await until(() => outbox.countWaiting() === 0 && states.at(-1)?.waiting === 0, 5_000);
    // Dozens of orders saved and delivered; one message per change would be as many or more.
    expect(n).toBeGreaterThan(40);
    const times = stateTimes.slice(base);
    expect(times.length).toBeGreaterThan(1);
    expect(times.length).toBeLessThanOrEqual(8);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(240);
    expect(states.slice(base).every((st) => st.status === 'connected')).toBe(true);
  });

  it('a new session does not send again an order an earlier session delivered but never marked', async () => {
    const { kafka, outbox, d, records, add } = setup();
    // The earlier session marked these two sending (recording where each partition's log
    // ended), its producer appended them, then the app died before marking them delivered.
    const landed = [add('cust-1'), add('cust-2')];
    const waiting = add('cust-3');
    for (const id of landed) {
      const p = partitionForKey('user-data', outbox.get(id)!.order.customerId, 3);
      const log = kafka.logs.get(p) ?? [];
      outbox.markSending([{ seq: seqOf(outbox, id), partition: p, logEnd: log.length }]);
      kafka.logs.set(p, [...log, id]);
    }
    d.start();
    await until(() => outbox.countWaiting() === 0);
    expect(kafka.sends.flatMap((c) => c.orderIds)).toEqual([waiting]);
    expect(kafka.allDelivered().sort()).toEqual([...landed, waiting].sort());
    for (const id of landed) {
      const rec = outbox.get(id)!;
      expect(rec.state).toBe('delivered');
      expect(kafka.logs.get(rec.partition!)![Number(rec.offset)]).toBe(id);
    }
    expect(records.some((r) => r.orderId === landed[0] && r.state === 'delivered')).toBe(true);
  });

  it('looks for an earlier session’s orders from where their partition’s log ended before their first send, and never for orders not yet sent', async () => {
    const kafka = new FakeKafka();
    const { outbox, d, add } = setup(kafka);
    const sent = add('cust-1');
    const neverSent = add('cust-2');
    const p = partitionForKey('user-data', 'cust-1', 3);
    // Other terminals' records were already there; the first send recorded that end (3).
    kafka.logs.set(p, ['other-a', 'other-b', 'other-c']);
    outbox.markSending([{ seq: seqOf(outbox, sent), partition: p, logEnd: 3 }]);
    kafka.logs.get(p)!.push(sent);
    d.start();
    await until(() => outbox.countWaiting() === 0);
    expect(kafka.searchStarts).toEqual([{ partition: p, offset: 3, ids: [sent] }]);
    expect(kafka.sends.flatMap((c) => c.orderIds)).toEqual([neverSent]);
    expect(outbox.get(sent)).toMatchObject({ state: 'delivered', partition: p, offset: '3' });
    // Its own first send asked where the log ended, once per partition for the session.
    expect(kafka.logEndAsked).toBe(1);
  });

  it('with write-only credentials the check cannot be made: the orders are sent (at-least-once) rather than held forever', async () => {
    const kafka = new FakeKafka();
    kafka.readDenied = true;
    const logs: string[] = [];
    const { outbox, d, add } = setup(kafka, { log: (m) => logs.push(m) });
    const id = add('cust-4');
    // Sent once by an earlier session, which never heard back: waiting to be sent again.
    const seq = seqOf(outbox, id);
    outbox.markSending([{ seq, partition: 0, logEnd: 0 }]);
    outbox.markFailed([seq], {
      error: { code: 'kafka.timeout' },
      autoRetry: true,
      nextAttemptAt: Date.now(),
      countAttempt: false,
    });
    d.start();
    await until(() => outbox.countWaiting() === 0);
    expect(kafka.allDelivered()).toEqual([id]);
    expect(logs.some((l) => /cannot read user-data .*sending them again/.test(l))).toBe(true);
  });

  it('checks again when the producer is replaced, and sends nothing before the check can be made', async () => {
    const kafka = new FakeKafka();
    const { outbox, d, add } = setup(kafka);
    d.start();
    add('cust-1');
    await until(() => outbox.countWaiting() === 0);
    const checks = kafka.searches;
    kafka.reachable = false;
    const id = add('cust-2');
    d.setTarget({ ...target });
    await new Promise((r) => setTimeout(r, 100));
    expect(kafka.sends.filter((c) => c.orderIds.includes(id))).toEqual([]);
    kafka.reachable = true;
    await until(() => outbox.countWaiting() === 0);
    expect(kafka.searches).toBeGreaterThan(checks);
    expect(kafka.allDelivered().filter((x) => x === id)).toHaveLength(1);
  });

  it('delivers in order, one batch per partition per send, each record with its partition and offset', async () => {
    const { kafka, outbox, d, records, add } = setup();
    const ids = Array.from({ length: 30 }, (_, i) => add(`cust-${i % 7}`));
    d.start();
    await until(() => outbox.countWaiting() === 0);
    // Each customer's orders sit on the partition of its key, in submit order.
    for (let c = 0; c < 7; c++) {
      const p = partitionForKey('user-data', `cust-${c}`, 3);
      const mine = ids.filter((_, i) => i % 7 === c);
      expect(kafka.logs.get(p)!.filter((id) => mine.includes(id))).toEqual(mine);
    }
    expect(kafka.allDelivered().sort()).toEqual([...ids].sort());
    for (const s of kafka.sends) {
      for (const id of s.orderIds) {
        const rec = outbox.get(id)!;
        expect(rec.partition).toBe(s.partition);
        expect(kafka.logs.get(s.partition)![Number(rec.offset)]).toBe(id);
      }
    }
    const seen = records.filter((r) => r.orderId === ids[0]).map((r) => r.state);
    expect(seen).toEqual(['sending', 'delivered']);
  });

  it('batches many waiting orders into few sends', async () => {
    const { kafka, outbox, d, add } = setup();
    for (let i = 0; i < 300; i++) add(`c${i}`);
    d.start();
    await until(() => outbox.countWaiting() === 0);
    expect(kafka.sends.length).toBeLessThan(30);
  });

  it('keeps each batch under the byte limit (counted in UTF-8 bytes, Korean names included)', async () => {
    const { kafka, outbox, d, add } = setup(new FakeKafka(), { maxBatchBytes: 3_000 });
    for (let i = 0; i < 40; i++) add('한글고객');
    d.start();
    await until(() => outbox.countWaiting() === 0);
    const rowBytes = Buffer.byteLength(JSON.stringify(outbox.recent(1)[0].order));
    const perBatch = Math.floor(3_000 / rowBytes);
    expect(perBatch).toBeGreaterThan(1);
    expect(Math.max(...kafka.sends.map((s) => s.orderIds.length))).toBe(perBatch);
  });

  it('re-sends a batch whose outcome was unknown exactly as it was, so nothing is appended twice', async () => {
    const kafka = new FakeKafka();
    // The broker appends the first batch, but the answer is lost.
    kafka.sendFaults.push({ kind: 'fail', error: errors.refused(), appendFirst: true });
    const { outbox, d, add } = setup(kafka, { maxBatchRows: 5 });
    const ids = Array.from({ length: 12 }, () => add('same-customer'));
    d.start();
    await until(() => outbox.countWaiting() === 0);
    const [first, second] = kafka.sends;
    expect(second.orderIds).toEqual(first.orderIds);
    expect(kafka.allDelivered()).toEqual(ids);
    expect(outbox.get(ids[0])!.offset).toBe('0');
    expect(outbox.get(ids[11])!.offset).toBe('11');
    expect(outbox.get(ids[0])!.attempts).toBe(2);
  });

  it('keeps retrying when reading metadata takes longer than the backoff', async () => {
    const kafka = new FakeKafka();
    kafka.metadataDelayMs = 40; // longer than the 10 ms first backoff
    kafka.sendFaults.push({ kind: 'fail', error: errors.refused(), appendFirst: false });
    const { outbox, d, add } = setup(kafka);
    const id = add('slow-meta');
    d.start();
    await until(() => outbox.get(id)!.state === 'delivered');
    expect(kafka.sends).toHaveLength(2);
  });

  it('starts offline, keeps orders waiting with the reason, then delivers when the cluster is reachable', async () => {
    const kafka = new FakeKafka();
    kafka.reachable = false;
    const { outbox, d, add, states, records } = setup(kafka);
    d.start();
    const id = add('kim');
    await until(() => states.some((s) => s.status === 'offline' && s.waiting === 1));
    expect(d.connectionState()).toMatchObject({
      status: 'offline',
      waiting: 1,
      error: { code: 'kafka.unreachable', params: { brokers: '127.0.0.1:9092' } },
    });
    await until(() => outbox.get(id)!.state === 'failed');
    expect(outbox.get(id)).toMatchObject({ autoRetry: true, error: { code: 'kafka.unreachable' } });
    expect(outbox.get(id)!.nextAttemptAt).not.toBeNull();
    kafka.reachable = true;
    await until(() => outbox.get(id)!.state === 'delivered');
    await until(() => d.connectionState().status === 'connected' && states.at(-1)?.waiting === 0);
    expect(d.connectionState().error).toBeNull();
    expect(records.filter((r) => r.orderId === id).at(-1)!.state).toBe('delivered');
  });

  it('waits with kafka.topicMissing naming the topic, and delivers once the topic exists', async () => {
    const kafka = new FakeKafka();
    kafka.topics.clear();
    const { outbox, d, add } = setup(kafka);
    const id = add('kim');
    d.start();
    await until(() => d.connectionState().error?.code === 'kafka.topicMissing');
    // On hold: the brokers answer, but no order can go (it said a green "connected" before).
    expect(d.connectionState()).toMatchObject({ status: 'blocked', error: { params: { topic: 'user-data' } } });
    await until(() => outbox.get(id)!.state === 'failed');
    expect(outbox.get(id)!.error).toEqual({ code: 'kafka.topicMissing', params: { topic: 'user-data' } });
    kafka.topics.set('user-data', 3);
    await until(() => outbox.get(id)!.state === 'delivered');
    await until(() => d.connectionState().status === 'connected' && d.connectionState().error === null);
  });

  it('a partition refusing with NOT_ENOUGH_REPLICAS holds only that partition; the rest flows', async () => {
    const kafka = new FakeKafka();
    // Find two customers on different partitions.
    const a = 'alpha';
    const b = ['beta', 'gamma', 'delta', 'eps'].find(
      (k) => partitionForKey('user-data', k, 3) !== partitionForKey('user-data', a, 3),
    )!;
    const pa = partitionForKey('user-data', a, 3);
    let refusing = true;
    const orig = kafka.factory;
    kafka.factory = () => {
      const p = orig();
      return {
        ...p,
        sendToPartition: async (t, part, m) => {
          if (part === pa && refusing) {
            refused.push(...m.map((x) => String(x.headers?.['order-id'])));
            throw errors.notEnoughReplicas();
          }
          return p.sendToPartition(t, part, m);
        },
      };
    };
    const refused: string[] = [];
    const { outbox, d, add } = setup(kafka);
    const ia = add(a);
    const ib = add(b);
    d.start();
    await until(() => outbox.get(ib)!.state === 'delivered');
    await until(() => outbox.get(ia)!.state === 'failed');
    expect(outbox.get(ia)!.error).toEqual({ code: 'kafka.notEnoughReplicas' });
    expect(d.connectionState().error).toEqual({ code: 'kafka.notEnoughReplicas' });
    // The customer's next order, saved meanwhile, waits behind the refused one: it says why at
    // the batch's next refusal, never having been sent (it said "Saved" with no reason before).
    const ia2 = add(a);
    await until(() => outbox.get(ia2)!.state === 'failed');
    expect(outbox.get(ia2)!.error).toEqual({ code: 'kafka.notEnoughReplicas' });
    expect(outbox.get(ia2)!.attempts).toBe(0);
    expect(refused).toContain(ia);
    expect(refused).not.toContain(ia2);
    refusing = false;
    await until(() => outbox.get(ia)!.state === 'delivered' && outbox.get(ia2)!.state === 'delivered');
    // In the order they were saved.
    expect(kafka.logs.get(pa)).toEqual([ia, ia2]);
    await until(() => d.connectionState().error === null);
  });

  it("an order too large for the broker needs attention; its customer's later orders wait behind it, others go", async () => {
    const kafka = new FakeKafka();
    const { outbox, d, add } = setup(kafka);
    const ids = [add('kim'), add('kim'), add('kim'), add('lee')];
    kafka.tooLarge.add(ids[1]);
    d.start();
    await until(() => outbox.get(ids[0])!.state === 'delivered' && outbox.get(ids[3])!.state === 'delivered');
    await until(() => outbox.get(ids[1])!.state === 'failed');
    expect(outbox.get(ids[1])).toMatchObject({
      state: 'failed',
      autoRetry: false,
      error: { code: 'kafka.messageTooLarge' },
    });
    expect(clerkView(outbox.get(ids[1])!)).toEqual({ state: 'attention', reason: 'attention.tooLarge' });
    // kim's later order waits behind it (per-customer order), and says why.
    await new Promise((r) => setTimeout(r, 200));
    expect(outbox.get(ids[2])).toMatchObject({ state: 'saved', error: { code: 'waiting.heldBehind' } });
    expect(clerkView(outbox.get(ids[2])!)).toEqual({ state: 'waiting', reason: 'waiting.heldBehind' });
    // A new order of kim saved meanwhile waits too; one of lee goes.
    const later = add('kim');
    const lee2 = add('lee');
    d.nudge();
    await until(() => outbox.get(lee2)!.state === 'delivered');
    expect(outbox.get(later)).toMatchObject({ state: 'saved', error: { code: 'waiting.heldBehind' } });
    // The connection state counts it apart from the orders on their way.
    expect(d.connectionState()).toMatchObject({ waiting: 3, attention: 1 });
    // The clerk's Resend sends it again now, and kim's orders follow it in order.
    kafka.tooLarge.clear();
    const r = d.retry(ids[1]);
    expect(r.ok && r.value.state).toBe('saved');
    await until(() => [ids[1], ids[2], later].every((id) => outbox.get(id)!.state === 'delivered'));
    expect(d.connectionState()).toMatchObject({ waiting: 0, attention: 0 });
    const kimOffsets = [ids[0], ids[1], ids[2], later].map((id) => Number(outbox.get(id)!.offset));
    expect([...kimOffsets].sort((a, b) => a - b)).toEqual(kimOffsets);
    expect(d.retry(ids[1])).toEqual({ ok: false, error: { code: 'order.notRetryable' } });
  });

  it('a broker that forgot the producer session (UNKNOWN_PRODUCER_ID) gets a new producer, and the order goes', async () => {
    const kafka = new FakeKafka();
    kafka.sendFaults.push({ kind: 'fail', error: errors.unknownProducer(), appendFirst: false });
    const { outbox, d, add } = setup(kafka);
    const id = add('kim');
    d.start();
    await until(() => outbox.get(id)!.state === 'delivered');
    expect(kafka.producersCreated).toBe(2);
    expect(kafka.disconnected).toBe(1);
    expect(kafka.sends.map((s) => s.producer)).toEqual([1, 2]);
  });

  describe('topic ids (issue 10: a re-created topic has a new id)', () => {
    const ID_1 = 'E4h2qNF3SYq2jnivziqwQA';
    const ID_2 = 'qhnBq3gZSOeOqBbcHj7Rrw';

    it('records the id with each delivered order; another id later marks them delivered-previous-topic, saying both ids', async () => {
      const kafka = new FakeKafka();
      kafka.topicIds.set('user-data', ID_1);
      const logs: string[] = [];
      // Metadata read every cycle, so the next order's cycle sees the new id.
      const { outbox, d, states, add } = setup(kafka, { metadataMaxAgeMs: 0, log: (m) => logs.push(m) });
      d.start();
      const before = [add('kim'), add('lee'), add('park')];
      await until(() => before.every((id) => outbox.get(id)!.state === 'delivered'));
      // Confirmed after the batch, one question for all three.
      await until(() => outbox.recordedTopicIds('user-data').length > 0);
      expect(outbox.recordedTopicIds('user-data')).toEqual([ID_1]);

      // Deleted and re-created: a new id and an empty log. This fake answers no offset probes,
      // so only the id can tell.
      kafka.topicIds.set('user-data', ID_2);
      kafka.logs.clear();
      const after = add('choi');
      await until(() => outbox.get(after)!.state === 'delivered');
      await until(() => before.every((id) => outbox.get(id)!.state === 'delivered-previous-topic'));
      expect(outbox.get(after)!.state).toBe('delivered');
      await until(() => outbox.recordedTopicIds('user-data').includes(ID_2));
      expect(outbox.recordedTopicIds('user-data')).toEqual([ID_2]);
      await until(() => states.at(-1)?.previousTopic?.count === 3);
      expect(states.at(-1)!.previousTopic!.topicId).toEqual({ delivered: ID_1, now: ID_2 });
      expect(logs.join('\n')).toMatch(
        /3 order\(s\) delivered to user-data went to a topic of that name with another id/,
      );
    });

    it("orders recorded without a cluster are given the first one the brokers name; another cluster's id then leaves them alone", async () => {
      const kafka = new FakeKafka();
      kafka.topicIds.set('user-data', ID_1);
      const logs: string[] = [];
      const { outbox, d, add } = setup(kafka, { metadataMaxAgeMs: 0, log: (m) => logs.push(m) });
      d.start();
      // A broker that names no cluster (as an upgraded terminal's orders of before schema 24).
      const before = [add('kim'), add('lee')];
      await until(() => before.every((id) => outbox.get(id)!.state === 'delivered'));
      await until(() => outbox.recordedTopicIds('user-data').length > 0);
      // The brokers name their cluster: those orders are given it.
      kafka.clusterId = 'cluster-A';
      const onA = add('park');
      await until(() => outbox.get(onA)!.state === 'delivered');
      await until(() => outbox.recordedTopicIds('user-data').length > 0);
      // Now the same addresses answer as another cluster with a topic of that name (another
      // id, an empty log): it never had A's orders, and none is marked gone.
      kafka.clusterId = 'cluster-B';
      kafka.topicIds.set('user-data', ID_2);
      kafka.logs.clear();
      const onB = add('choi');
      await until(() => outbox.get(onB)!.state === 'delivered');
      await new Promise((r) => setTimeout(r, 100));
      expect([...before, onA].map((id) => outbox.get(id)!.state)).toEqual(['delivered', 'delivered', 'delivered']);
      expect(logs.join('\n')).toMatch(/the brokers now answer as cluster cluster-B, not cluster-A/);
      // Back on A, whose topic was re-created meanwhile (a third id): A's three are gone, B's is not.
      kafka.clusterId = 'cluster-A';
      kafka.topicIds.set('user-data', 'a-third-id-of-22-chars');
      const again = add('jung');
      await until(() => outbox.get(again)!.state === 'delivered');
      await until(() => [...before, onA].every((id) => outbox.get(id)!.state === 'delivered-previous-topic'));
      expect(outbox.get(onB)!.state).toBe('delivered');
    });

    it('an order sent while the topic was re-created is recorded without an id, and is not marked by the id', async () => {
      const kafka = new FakeKafka();
      kafka.topicIds.set('user-data', ID_1);
      // The first question (with the metadata) says ID_1; by the one after the send it is ID_2.
      kafka.beforeTopicIdAnswer = (asked) => {
        if (asked === 1) kafka.topicIds.set('user-data', ID_2);
      };
      const { outbox, d, add } = setup(kafka, { metadataMaxAgeMs: 0 });
      d.start();
      const id = add('kim');
      await until(() => outbox.get(id)!.state === 'delivered');
      // The question after the send has been answered (ID_2), and nothing was recorded.
      await until(() => kafka.topicIdAsked >= 2);
      expect(outbox.recordedTopicIds('user-data')).toEqual([]);
      const next = add('lee');
      await until(() => outbox.get(next)!.state === 'delivered');
      await until(() => outbox.recordedTopicIds('user-data').length > 0);
      // The first order went to one of the two topics: only its offset can tell, never the id.
      expect(outbox.get(id)!.state).toBe('delivered');
      expect(outbox.recordedTopicIds('user-data')).toEqual([ID_2]);
    });

    it('an older broker reports no id: orders are recorded without one and only the offsets can be checked', async () => {
      const kafka = new FakeKafka();
      const { outbox, d, states, add } = setup(kafka, { metadataMaxAgeMs: 0 });
      d.start();
      const ids = [add('kim'), add('lee')];
      await until(() => ids.every((id) => outbox.get(id)!.state === 'delivered'));
      expect(kafka.topicIdAsked).toBeGreaterThan(0);
      expect(outbox.recordedTopicIds('user-data')).toEqual([]);
      expect(states.at(-1)?.previousTopic ?? null).toBeNull();
    });
  });

  it('new brokers: a new producer over the same outbox, the old one disconnected', async () => {
    const kafka = new FakeKafka();
    kafka.reachable = false;
    const { outbox, d, add } = setup(kafka);
    const id = add('kim');
    d.start();
    await until(() => d.connectionState().status === 'offline');
    kafka.reachable = true;
    d.setTarget({ ...target, brokers: ['10.1.1.1:9092'], cluster: clusterConfig({ brokers: ['10.1.1.1:9092'] }) });
    expect(d.connectionState()).toMatchObject({ status: 'connecting', brokers: ['10.1.1.1:9092'] });
    await until(() => outbox.get(id)!.state === 'delivered');
    expect(kafka.producersCreated).toBe(2);
    expect(kafka.disconnected).toBe(1);
  });

  it('an order saved after the topic is changed goes to the new topic, even while a cycle on the old one is under way', async () => {
    const kafka = new FakeKafka();
    kafka.topics.set('store-orders', 3);
    // Slow metadata: the first cycle, on user-data, is still under way when the topic changes.
    kafka.metadataDelayMs = 200;
    const { outbox, d, add } = setup(kafka);
    d.start();
    await new Promise((r) => setTimeout(r, 50));
    d.setTarget({ ...target, topic: 'store-orders' });
    const id = add('kim');
    await until(() => outbox.get(id)!.state === 'delivered');
    expect(kafka.sends.filter((c) => c.orderIds.includes(id)).map((c) => c.topic)).toEqual(['store-orders']);
  });

  describe('an order in flight when Settings changes between the store and training clusters', () => {
    const training: DispatchTarget = {
      brokers: ['127.0.0.1:19092'],
      topic: 'user-data',
      sandbox: true,
      cluster: clusterConfig({ brokers: ['127.0.0.1:19092'] }),
    };
    /** The app on `file`, as app-core starts it: sendsTo, then the dispatcher (not started). */
    function appOn(file: string, cluster: 'store' | 'training', createProducer: DispatcherOptions['createProducer']) {
      const outbox = OutboxStore.open(file);
      outbox.sendsTo(cluster);
      const d = new Dispatcher({
        outbox,
        target: cluster === 'training' ? training : target,
        createProducer,
        onChanges: () => {},
        onConnection: () => {},
        backoff: { initialMs: 10, maxMs: 40 },
        idleProbeMs: 60_000,
        topicIdConfirmMs: 5,
      });
      cleanups.push(
        () => outbox.close(),
        () => d.close(),
      );
      return { outbox, d };
    }

    /**
     * An order being sent to the store's cluster (its send held open) when the app switches to
     * training as app-core's reconnect does: sendsTo first, then setTarget. `answer` ends the send;
     * 'none': the process is gone before the answer (its connection left idle, never written again).
     */
    async function switchedMidSend(answer: 'fail' | 'ack' | 'none') {
      const store = new FakeKafka();
      const practice = new FakeKafka();
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      let entered = false;
      const file = path.join(tempDir(), 'outbox.sqlite');
      const { outbox, d } = appOn(file, 'store', (cfg) => {
        if (cfg.brokers.includes(training.brokers[0])) return practice.factory();
        const p = store.factory();
        return {
          ...p,
          sendToPartition: async (...args: Parameters<typeof p.sendToPartition>) => {
            entered = true;
            await held;
            return p.sendToPartition(...args);
          },
        };
      });
      const o = order({ customerId: 'kim' });
      expect(outbox.add(o).ok).toBe(true);
      d.start();
      await until(() => entered);
      expect(outbox.get(o.orderId)!.state).toBe('sending');
      expect(outbox.sendsTo('training').switched).toBe(true);
      d.setTarget(training);
      // Stored by the store's cluster, its answer lost: retriable, and the order may be there.
      if (answer === 'fail') store.sendFaults.push({ kind: 'fail', error: errors.refused(), appendFirst: true });
      if (answer !== 'none') release();
      else cleanups.push(release);
      return { outbox, d, store, practice, id: o.orderId, file };
    }

    /** The app started again on `file` after it died. */
    function restartedOn(file: string, cluster: 'store' | 'training', kafka: FakeKafka) {
      const app = appOn(file, cluster, kafka.factory);
      app.d.start();
      return app;
    }

    it('its send fails: set aside like the orders waiting, needing a person, never sent to training', async () => {
      const { outbox, d, store, practice, id } = await switchedMidSend('fail');
      await until(() => outbox.get(id)!.state === 'failed' && d.connectionState().sandbox);
      await new Promise((r) => setTimeout(r, 200));
      expect(practice.sends.flatMap((c) => c.orderIds)).not.toContain(id);
      expect(store.allDelivered()).toEqual([id]);
      expect(outbox.get(id)).toMatchObject({
        state: 'failed',
        autoRetry: false,
        error: { code: 'order.storeOrderNotSent' },
      });
      expect(outbox.countAttention()).toBe(1);
    });

    // The process killed (or the power cut) before the store's cluster answered: the order may
    // be in its topic, and restarted on training the app had sent it there too.
    it('the app dies before its send is answered: after the restart set aside the same way, never sent to training', async () => {
      const { store, file, id } = await switchedMidSend('none');
      const practice = new FakeKafka();
      const { outbox: after, d } = restartedOn(file, 'training', practice);
      await until(() => d.connectionState().status === 'connected');
      await new Promise((r) => setTimeout(r, 200));
      expect(practice.sends.flatMap((c) => c.orderIds)).not.toContain(id);
      expect(store.allDelivered()).toEqual([]);
      expect(after.get(id)).toMatchObject({
        state: 'failed',
        autoRetry: false,
        error: { code: 'order.storeOrderNotSent' },
      });
      expect(after.countAttention()).toBe(1);
    });

    it('the app dies before its send is answered, Settings back on the store cluster: sent there again by itself', async () => {
      const { outbox, file, id } = await switchedMidSend('none');
      expect(outbox.sendsTo('store').switched).toBe(true);
      const store = new FakeKafka();
      const { outbox: after } = restartedOn(file, 'store', store);
      await until(() => after.get(id)!.state === 'delivered');
      expect(store.allDelivered()).toEqual([id]);
      expect(after.countAttention()).toBe(0);
    });

    // Settings moved the store to other brokers (another cluster, a topic of the same name) while
    // a send's answer was lost: the new cluster's in-doubt search could not see the old topic,
    // and the order went to both clusters.
    it('store to another store cluster, the answer lost: set aside, not sent there; back on its cluster, found, not sent twice', async () => {
      const a = new FakeKafka();
      a.clusterId = 'cluster-A';
      const b = new FakeKafka();
      b.clusterId = 'cluster-B';
      const other: DispatchTarget = {
        ...target,
        brokers: ['10.2.2.2:9092'],
        cluster: clusterConfig({ brokers: ['10.2.2.2:9092'] }),
      };
      const { outbox, d } = appOn(path.join(tempDir(), 'outbox.sqlite'), 'store', (cfg) =>
        cfg.brokers.includes(other.brokers[0]) ? b.factory() : a.factory(),
      );
      // Stored, the answer lost; and every send again fails while the app is still on A.
      a.sendFaults.push({ kind: 'fail', error: errors.refused(), appendFirst: true });
      for (let i = 0; i < 1000; i++) a.sendFaults.push({ kind: 'fail', error: errors.refused(), appendFirst: false });
      const lost = order({ customerId: 'kim' });
      expect(outbox.add(lost).ok).toBe(true);
      d.start();
      await until(() => outbox.get(lost.orderId)!.state === 'failed');
      expect(outbox.sendsTo('store').switched).toBe(false);
      d.setTarget(other);
      const next = order({ customerId: 'lee' });
      expect(outbox.add(next).ok).toBe(true);
      d.nudge();
      await until(() => outbox.get(next.orderId)!.state === 'delivered');
      expect(b.allDelivered()).toEqual([next.orderId]);
      expect(outbox.get(lost.orderId)).toMatchObject({
        state: 'failed',
        autoRetry: false,
        error: { code: 'order.inDoubtOtherCluster' },
      });

      a.sendFaults.length = 0;
      d.setTarget(target);
      await until(() => outbox.get(lost.orderId)!.state === 'delivered');
      expect(a.allDelivered()).toEqual([lost.orderId]);
      expect(b.allDelivered()).toEqual([next.orderId]);
    });

    it('its send succeeds: delivered to the store cluster it was sent to', async () => {
      const { outbox, store, practice, id } = await switchedMidSend('ack');
      await until(() => outbox.get(id)!.state === 'delivered');
      expect(store.allDelivered()).toEqual([id]);
      expect(practice.sends).toEqual([]);
      expect(outbox.get(id)!.practice).toBeUndefined();
    });
  });

  it('while idle it re-checks the cluster, so the header turns offline (and back) without any order', async () => {
    const { kafka, d, states } = setup(new FakeKafka(), { idleProbeMs: 30 });
    d.start();
    await until(() => d.connectionState().status === 'connected');
    kafka.reachable = false;
    await until(() => d.connectionState().status === 'offline');
    kafka.reachable = true;
    await until(() => d.connectionState().status === 'connected');
    expect(states.map((s) => s.status)).toEqual(expect.arrayContaining(['connected', 'offline']));
  });

  describe('the slow state (a cycle with no answer for SLOW_SEND_MS) is only for orders on their way', () => {
    const statuses = (states: ConnectionState[], from: number) =>
      states.slice(from).map((s) => `${s.status}${s.error ? ` ${s.error.code}` : ''}`);

    it('an order that needs a person is not on its way: a slow idle probe leaves the header connected', async () => {
      const kafka = new FakeKafka();
      const { d, states, add, outbox } = setup(kafka, { idleProbeMs: 100 });
      const poison = add('kim');
      kafka.tooLarge.add(poison);
      d.start();
      await until(() => outbox.get(poison)!.state === 'failed' && d.connectionState().status === 'connected');
      expect(d.connectionState()).toMatchObject({ waiting: 1, attention: 1 });
      const from = states.length;
      // The brokers answer the idle probe, but slowly (as a broker slowed down on the Training screen).
      kafka.metadataDelayMs = SLOW_SEND_MS + 400;
      await new Promise((r) => setTimeout(r, SLOW_SEND_MS + 900));
      expect(statuses(states, from)).not.toContainEqual(expect.stringContaining('offline'));
      expect(d.connectionState().status).toBe('connected');
    }, 10_000);

    it('said slow while an order waited, then that order needed a person: with the broker fast again the idle probe says connected, no other order needed', async () => {
      const kafka = new FakeKafka();
      const { d, add, outbox } = setup(kafka, { idleProbeMs: 100 });
      d.start();
      await until(() => d.connectionState().status === 'connected');
      kafka.metadataDelayMs = SLOW_SEND_MS + 300;
      // Metadata is read again for the next order (as after a change on the Training screen).
      d.probeNow();
      const poison = add('kim');
      kafka.tooLarge.add(poison);
      await until(() => d.connectionState().error?.code === 'kafka.slow', SLOW_SEND_MS + 1_000);
      expect(d.connectionState().status).toBe('offline');
      kafka.metadataDelayMs = 0;
      await until(() => outbox.get(poison)!.state === 'failed', 2_000);
      expect(d.connectionState()).toMatchObject({ waiting: 1, attention: 1 });
      await until(() => d.connectionState().status === 'connected', 2_000);
      expect(d.connectionState().error).toBeNull();
    }, 10_000);
  });

  it('with no broker configured it stays offline and keeps every order', async () => {
    const kafka = new FakeKafka();
    const outbox = OutboxStore.open(path.join(tempDir(), 'o.sqlite'));
    const d = new Dispatcher({
      outbox,
      target: { brokers: [], topic: 'user-data', sandbox: false, cluster: null },
      createProducer: kafka.factory,
      onChanges: () => {},
      onConnection: () => {},
    });
    cleanups.push(
      () => outbox.close(),
      () => d.close(),
    );
    outbox.add(order());
    d.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(d.connectionState()).toMatchObject({ status: 'offline', waiting: 1, error: { code: 'kafka.unreachable' } });
    expect(kafka.producersCreated).toBe(0);
  });
});
