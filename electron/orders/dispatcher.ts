// Sends outbox rows to Kafka, in order, with the one idempotent producer, and keeps the
// clerk informed: every row change is emitted as a small change (saved → sending → delivered
// with partition and offset, or failed with an AppError; never the order itself), one list per
// batch, and so is the connection state. Nothing here ever blocks a submit: the outbox
// is the only thing a submit waits for.
//
// How a batch is sent (and why it is never sent twice within a session):
// - Waiting rows are grouped by the partition their key maps to (kafkajs' default
//   partitioner), one batch per partition, at most one batch in flight per partition, so a
//   customer's orders reach their partition in the order they were saved.
// - One producer.send covers exactly one partition. A send spanning several brokers could
//   half-succeed, and re-sending the whole of it would then duplicate the half that landed.
// - When a send fails, its rows are "pinned": the next attempt for that partition sends exactly
//   the same rows again. kafkajs rolls the partition's sequence number back on failure, so the
//   retried batch carries the same sequence numbers and a broker that had appended it after
//   all answers with the original offset instead of appending it again.
// - A new producer session (the app started again after dying mid-send, the settings changed,
//   or the broker forgot the old session) has a new producer id, so the broker cannot recognise
//   an earlier session's batches. So before its first send, the session looks up every
//   undelivered order's id in its partition (from shortly before the order was saved): an order
//   already there is marked delivered at its real offset, never sent twice. See outbox-store.ts
//   and test/integration/orders/delivery.test.ts.
import type { Message } from 'kafkajs';
import type { OrderCancellation } from '../../shared/order-schema';
import { changeOf, type ConnectionState, type OrderChange, type OrderRecord } from '../../shared/outbox-types';
import { appError, type AppError } from '../../shared/error-codes';
import type { Result } from '../../shared/contract';
import {
  createOrderProducer,
  type OrderProducer,
  type OrderProducerFactory,
  type TopicIdentity,
} from '../kafka/order-producer';
import { cancellationMessage, orderMessage, partitionForKey } from '../kafka/order-message';
import type { ClusterConfig } from '../cluster/cluster-config';
import { bootstrapExpectsTls } from '../cluster/raw-connection';
import {
  definitelyNotAppended,
  errorDetail,
  isAutoRetryable,
  kafkaErrorToAppError,
  needsNewProducer,
} from '../cluster/error-mapper';
import { KafkaError, KafkaResponseError } from '../kafka-wire/error-codes';
import { OrderSearchError } from '../kafka/order-id-search';
import type { Delivery, OutboxStore, PendingRow } from './outbox-store';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { withoutHeldCustomers } from './customer-hold';
import { KAFKA_DEFAULT_MAX_MESSAGE_BYTES } from '../kafka/message-size';
import { checkPartition, checkTopic, checkTopicId, wentBackwards } from './topic-identity';
import { resendPrevious } from './resend-previous';

/** Where orders go now. `cluster` is null when no broker is configured, or when `problem` says why the settings cannot work. */
export interface DispatchTarget {
  brokers: string[];
  topic: string;
  sandbox: boolean;
  cluster: ClusterConfig | null;
  problem?: AppError;
}

export interface DispatcherOptions {
  outbox: OutboxStore;
  target: DispatchTarget;
  /** The changes of one step (a batch marked sending, delivered or failed), never empty. */
  onChanges(changes: OrderChange[]): void;
  onConnection(state: ConnectionState): void;
  createProducer?: OrderProducerFactory;
  backoff?: BackoffPolicy;
  /** Rows read from the outbox per cycle. */
  maxCandidates?: number;
  /** Per partition batch limits (kept well under the broker's default 1 MB message.max.bytes). */
  maxBatchRows?: number;
  maxBatchBytes?: number;
  /** While idle and connected, re-check the cluster this often so the header stays truthful. */
  idleProbeMs?: number;
  /** How long the partition count of the topic is trusted. */
  metadataMaxAgeMs?: number;
  /** How long delivered orders wait for their topic id to be confirmed, so one question serves many batches. */
  topicIdConfirmMs?: number;
  log?: (message: string) => void;
  /** A flagged order's extra headers (`risk`, `risk-decision`), from electron/risk; undefined for most. */
  extraHeaders?: (orderId: string) => Record<string, string> | undefined;
}

const CLOSE_GRACE_MS = 3_000;

/**
 * Orders given the cluster at a time (learnCluster): an upgraded terminal may hold a year of
 * them; 500 take about 5 ms here, and Save waits for at most one such step.
 */
const ADOPT_BATCH = 500;
/**
 * A change of the waiting count alone goes out at most this often (the last one always
 * does): the header's number, not one more message per order for every window or tab.
 * A change of status or error goes out at once.
 */
const WAITING_ONLY_EMIT_MS = 250;
/**
 * A delivery cycle with no answer after this long makes the header say the cluster is slow (it
 * stops saying "connected"), long before a request itself times out; the orders keep waiting.
 */
export const SLOW_SEND_MS = 3_000;
/**
 * For orders sent by an app that did not record the log end before sending (outbox schema < 4):
 * how far before the save time the in-doubt check starts reading. Record timestamps come from
 * the producer's clock (this terminal's) or, with LogAppendTime topics, the broker's.
 */
const IN_DOUBT_CLOCK_MARGIN_MS = 10 * 60_000;

interface Lane {
  partition: number;
  rows: PendingRow[];
  /**
   * The partition's saved orders left out of this batch (it was full, or pinned to a batch
   * being re-sent): they go after it, so if it is refused they wait for the same reason.
   */
  behind: number[];
}

type LaneOutcome = { lane: Lane; offsets: string[] } | { lane: Lane; err: unknown };

export class Dispatcher {
  private readonly outbox: OutboxStore;
  private readonly createProducer: OrderProducerFactory;
  private readonly backoff: BackoffPolicy;
  private readonly maxCandidates: number;
  private readonly maxBatchRows: number;
  private readonly maxBatchBytes: number;
  private readonly idleProbeMs: number;
  private readonly metadataMaxAgeMs: number;
  private readonly log: (message: string) => void;
  private readonly extraHeaders: (orderId: string) => Record<string, string> | undefined;
  private readonly onChanges: (changes: OrderChange[]) => void;
  private readonly onConnection: (state: ConnectionState) => void;

  private target: DispatchTarget;
  private nextTarget: DispatchTarget | null = null;
  private producer: OrderProducer | null = null;
  private producerReady = false;
  private replaceProducer = false;
  private partitions: { topic: string; count: number; at: number } | null = null;
  /**
   * The topic's max.message.bytes (Save's size check uses it) and min.insync.replicas, read
   * with its partition count.
   */
  private topicLimit: { topic: string; bytes: number; minInsync: number } | null = null;
  /**
   * Partitions that cannot take the app's acks=all writes now: as the last Metadata read found
   * them (fewer replicas in sync than the topic's min.insync.replicas), plus those whose send was
   * refused with NOT_ENOUGH_REPLICAS since, less those delivered to since. Non-empty, the header
   * says writes are blocked instead of "connected": with nothing waiting no send would tell it.
   */
  private readonly blockedPartitions = new Set<number>();
  private readingLimit: Promise<void> | null = null;
  /** The current producer session has not yet checked the topic for orders an earlier one sent. */
  private inDoubtCheck = true;
  /**
   * Check that the topic still holds the orders delivered to it (topic-identity.ts): at each
   * session's start and whenever its metadata is read again. Per partition, the first offset of
   * a batch whose partition went backwards, still to be checked below.
   */
  private topicCheckDue = true;
  private readonly partitionChecks = new Map<number, number>();
  /**
   * The topic's id as the broker reported it when its metadata was last read (null: the broker
   * reports none, or could not be asked). Delivered orders are recorded with it only when the
   * broker reports the same id again after their batch (confirmTopicId).
   */
  private topicId: { topic: string; id: string | null } | null = null;
  /** Orders recorded without a cluster are being given this one (learnCluster). */
  private adopting = false;
  /**
   * Orders delivered whose topic id is not yet confirmed: one question after a short wait
   * serves every batch delivered meanwhile. Asked after each batch, in line, it cost a
   * request per batch and held up the next send (Delivered p99 3x with four tabs at once).
   */
  private idPending: { topic: string; seqs: number[] } | null = null;
  private idTimer: NodeJS.Timeout | null = null;
  private idAsking = false;
  private readonly topicIdConfirmMs: number;
  /**
   * Per partition, an offset its log has reached (asked once per session, then advanced by each
   * acknowledged batch): a lower bound for where the next batch's records land, recorded on
   * each order's first send for the in-doubt check. Offsets only grow, so a stale one is still
   * a safe place to start reading.
   */
  private readonly knownLogEnd = new Map<number, number>();
  /**
   * Sends are timing out or unanswered: metadata alone (which a slow broker may still answer)
   * does not make the cluster "connected" again; only a delivered batch does.
   */
  private sendTrouble = false;

  /** Rows of a failed send, re-sent unchanged (see the top of this file). */
  private readonly pins = new Map<number, number[]>();
  /** Partitions whose last batch was too large: send their rows one by one. */
  private readonly singles = new Set<number>();
  private readonly laneFailures = new Map<number, number>();
  private globalFailures = 0;
  private retryAt = 0;
  private lastSelectAt = 0;

  private status: ConnectionState['status'];
  private lastError: AppError | null = null;
  private lastEmitted = '';
  /** Status, error and target of the last emitted state: what must go out at once. */
  private lastEmittedHead = '';
  private lastEmittedAt = 0;
  private emitScheduled = false;
  private waitingTimer: NodeJS.Timeout | null = null;

  private running: Promise<void> | null = null;
  private again = false;
  private probeDue = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(opts: DispatcherOptions) {
    this.outbox = opts.outbox;
    this.target = opts.target;
    this.outbox.deliveringTo({ training: this.target.sandbox });
    this.onChanges = opts.onChanges;
    this.onConnection = opts.onConnection;
    this.createProducer = opts.createProducer ?? createOrderProducer;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.maxCandidates = opts.maxCandidates ?? 1_000;
    this.maxBatchRows = opts.maxBatchRows ?? 250;
    this.maxBatchBytes = opts.maxBatchBytes ?? 512 * 1024;
    this.idleProbeMs = opts.idleProbeMs ?? 10_000;
    this.metadataMaxAgeMs = opts.metadataMaxAgeMs ?? 30_000;
    this.topicIdConfirmMs = opts.topicIdConfirmMs ?? 1_000;
    this.log = opts.log ?? (() => {});
    this.extraHeaders = opts.extraHeaders ?? (() => undefined);
    this.status = opts.target.cluster ? 'connecting' : 'offline';
    if (!opts.target.cluster) this.lastError = opts.target.problem ?? appError('kafka.unreachable', { brokers: '—' });
  }

  /** Begins connecting and sending whatever the outbox holds. */
  start(): void {
    this.scheduleConnectionEmit();
    this.nudge();
  }

  /**
   * The cluster was changed from here (the Training screen took it down or brought it back): ask
   * it now, as the idle probe would within 10 s, so the header says so at once.
   */
  probeNow(): void {
    this.probeDue = true;
    this.nudge();
  }

  /** Something changed (a new order, a retry): run a cycle now, or right after the current one. */
  nudge(): void {
    if (this.closed) return;
    this.scheduleConnectionEmit();
    if (this.running) {
      this.again = true;
      return;
    }
    this.clearTimer();
    // Start on the next turn of the event loop, not inside the caller's stack: a submit
    // answers "Saved" first, and submits arriving together share one cycle.
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.pump())
      .finally(() => {
        this.running = null;
      });
  }

  /**
   * The largest record batch the topic accepts: as last read from the cluster, else Kafka's
   * default (offline since start, or a cluster that does not answer DescribeConfigs).
   */
  maxMessageBytes(): number {
    const t = this.nextTarget ?? this.target;
    return this.topicLimit?.topic === t.topic ? this.topicLimit.bytes : KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Reads the topic's max.message.bytes and min.insync.replicas; on failure keeps what it knew (or Kafka's defaults). */
  private readTopicLimit(producer: OrderProducer, topic: string): Promise<void> {
    if (!producer.writeConfig || this.readingLimit) return this.readingLimit ?? Promise.resolve();
    this.readingLimit = producer
      .writeConfig(topic)
      .then(
        (c) => {
          if (producer === this.producer)
            this.topicLimit = { topic, bytes: c.maxMessageBytes, minInsync: c.minInsyncReplicas };
        },
        (e: unknown) =>
          // Credentials that may not describe configs, or an old cluster: keep what we knew.
          this.log(
            `cannot read max.message.bytes and min.insync.replicas of ${topic}: ${e instanceof Error ? e.message : String(e)}`,
          ),
      )
      .finally(() => {
        this.readingLimit = null;
      });
    return this.readingLimit;
  }

  /** The clerk's Retry: the failed order (and everything else waiting) is tried now. */
  retry(orderId: string): Result<OrderRecord> {
    const result = this.outbox.retry(orderId);
    if (!result.ok) return result;
    this.emitChanges([changeOf(result.value), ...this.outbox.release(result.value.order.customerId)]);
    this.outbox.makeAllDueNow();
    this.retryAt = 0;
    this.nudge();
    return result;
  }

  /**
   * The operator's confirmed re-send of orders gone from their topic (resend-previous.ts). They
   * go back to waiting ahead of newer orders and are delivered to the topic as it is now.
   */
  resendPreviousTopic(confirmed: number): Result<{ resent: number }> {
    const r = resendPrevious(this.outbox, confirmed, this.log);
    if (!r.ok) return r;
    this.emitChanges(r.value);
    this.scheduleConnectionEmit();
    this.nudge();
    return { ok: true, value: { resent: r.value.length } };
  }

  /** New brokers, credentials or topic: a new producer over the same outbox, no restart. */
  setTarget(target: DispatchTarget): void {
    this.nextTarget = target;
    this.status = target.cluster ? 'connecting' : 'offline';
    this.lastError = target.cluster ? null : (target.problem ?? appError('kafka.unreachable', { brokers: '—' }));
    this.retryAt = 0;
    this.nudge();
  }

  connectionState(): ConnectionState {
    const t = this.nextTarget ?? this.target;
    return {
      status: this.status,
      brokers: [...t.brokers],
      topic: t.topic,
      ...this.outbox.headerCounts(),
      sandbox: t.sandbox,
      error: this.lastError,
      previousTopic: this.outbox.previousTopic(this.topicId?.topic === t.topic ? this.topicId.id : null),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    this.dropPendingIds();
    if (this.waitingTimer) clearTimeout(this.waitingTimer);
    this.waitingTimer = null;
    // Let a send in flight finish so its rows are marked, but do not hold up quitting for
    // kafkajs' full request timeout: an unmarked row is simply sent again next time.
    if (this.running)
      await Promise.race([this.running.catch(() => {}), new Promise((r) => setTimeout(r, CLOSE_GRACE_MS))]);
    const p = this.producer;
    this.producer = null;
    if (p) await p.disconnect().catch(() => {});
  }

  // ---- the loop -------------------------------------------------------------------------

  private async pump(): Promise<void> {
    do {
      this.again = false;
      // With orders on their way, a cycle (metadata, log ends, the sends) that gets no answer for
      // SLOW_SEND_MS makes the header say so, whichever request is stuck. Whether any is on its
      // way (not only needing a person) is asked when it fires, not at every cycle: rarely, and
      // after what was delivered meanwhile.
      const slow =
        this.outbox.countWaiting() > 0
          ? setTimeout(() => {
              if (this.closed || this.outbox.onTheirWay() === 0) return;
              this.sendTrouble = true;
              this.status = 'offline';
              this.lastError = appError('kafka.slow', { seconds: SLOW_SEND_MS / 1000 });
              this.scheduleConnectionEmit();
            }, SLOW_SEND_MS)
          : null;
      slow?.unref?.();
      try {
        await this.cycle();
      } catch (e) {
        // A bug, not a Kafka error: report it and try again later rather than stop delivering.
        this.log(`dispatcher cycle failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        this.globalFailures++;
        this.retryAt = Date.now() + backoffDelay(this.globalFailures, this.backoff);
      } finally {
        if (slow) clearTimeout(slow);
      }
    } while (this.again && !this.closed);
    if (!this.closed) this.scheduleWake();
  }

  private async cycle(): Promise<void> {
    if (this.nextTarget || this.replaceProducer) await this.swapProducer();
    const cfg = this.target.cluster;
    if (!cfg || this.closed) return;
    const now = Date.now();
    if (now < this.retryAt) return;

    const probing = this.probeDue;
    this.probeDue = false;
    this.producer ??= this.createProducer(cfg);
    const producer = this.producer;
    const topic = this.target.topic;

    try {
      if (!this.producerReady) {
        await producer.connect();
        this.producerReady = true;
      }
      if (
        probing ||
        !this.partitions ||
        this.partitions.topic !== topic ||
        now - this.partitions.at > this.metadataMaxAgeMs
      ) {
        const { count, inSync } = producer.topicPartitions
          ? await producer.topicPartitions(topic)
          : { count: await producer.partitionCount(topic), inSync: [] };
        if (count === 0)
          throw new KafkaResponseError(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, {
            context: `topic ${topic} has no partitions`,
          });
        this.partitions = { topic, count, at: Date.now() };
        // Both before anything is sent, asked together: the id for the orders about to go, and
        // the limit, so Save knows it once the cluster answers (and again right after a
        // refusal for size, which clears `partitions`).
        const [identity] = await Promise.all([this.askIdentity(producer, topic), this.readTopicLimit(producer, topic)]);
        this.topicId = { topic, id: identity.topicId };
        this.topicCheckDue = true;
        this.learnCluster(identity.clusterId, topic);
        // Kafka's own default when the configs could not be read: then only refused sends tell.
        const minInsync = this.topicLimit?.topic === topic ? this.topicLimit.minInsync : 1;
        this.blockedPartitions.clear();
        inSync.forEach((n, p) => {
          if (n < minInsync) this.blockedPartitions.add(p);
        });
      }
    } catch (e) {
      if (this.closed || producer !== this.producer) return;
      const mapped = kafkaErrorToAppError(e, { brokers: this.target.brokers, topic: this.target.topic });
      const tlsPort =
        (mapped.code === 'kafka.unreachable' || mapped.code === 'kafka.timeout') && (await bootstrapExpectsTls(cfg));
      if (this.closed || producer !== this.producer) return;
      this.failGlobally(e, tlsPort ? appError('tls.plainToTls') : undefined);
      return;
    }
    if (this.closed || producer !== this.producer) return;
    if (this.inDoubtCheck) {
      try {
        await this.settleInDoubt(producer, topic, this.partitions!.count);
        this.inDoubtCheck = false;
      } catch (e) {
        if (this.closed || producer !== this.producer) return;
        if (!(e instanceof OrderSearchError && e.unauthorized)) {
          this.failGlobally(e);
          return;
        }
        // Write-only credentials: the topic cannot be checked, so these orders go again
        // (at-least-once); each carries its order id for consumers to drop a duplicate.
        this.log(`cannot read ${topic} to check for orders an earlier session sent (${e.message}); sending them again`);
        this.inDoubtCheck = false;
      }
    }
    if (this.topicCheckDue || this.partitionChecks.size > 0) await this.checkTopicIdentity(producer, topic);
    if (this.superseded(producer)) return;
    this.globalFailures = 0;
    // Only a delivered batch says sends go again; with none left to send (an order that needed
    // a person is not sent by itself) the header said offline until the next order, even once
    // the brokers were fast again. The cluster has just answered: it is connected.
    if (this.sendTrouble && this.outbox.onTheirWay() === 0) this.sendTrouble = false;
    if (!this.sendTrouble) {
      if (this.blockedPartitions.size > 0) this.sayBlocked();
      else if (this.status !== 'connected' || (this.lastError && this.laneFailures.size === 0)) {
        this.status = 'connected';
        this.lastError = null;
        this.scheduleConnectionEmit();
      }
    }

    // A fresh time: the awaits above may have taken a while. scheduleWake() looks for retry
    // times after this instant, so a row blocked here is always covered by a timer.
    this.lastSelectAt = Date.now();
    const lanes = this.selectLanes(
      withoutHeldCustomers(this.outbox.candidates(this.maxCandidates), this.outbox.heldCustomers()),
      this.partitions!.count,
      this.lastSelectAt,
    );
    if (lanes.length === 0) return;

    // Where each lane's partition log ends, known before its first send in this session.
    try {
      for (const lane of lanes)
        if (!this.knownLogEnd.has(lane.partition))
          this.knownLogEnd.set(lane.partition, await producer.logEndOffset(topic, lane.partition));
    } catch (e) {
      if (this.closed || producer !== this.producer) return;
      this.failGlobally(e);
      return;
    }
    if (this.superseded(producer)) return;
    this.emitChanges(
      this.outbox.markSending(
        lanes.flatMap((l) =>
          l.rows.map((row) => ({ seq: row.seq, partition: l.partition, logEnd: this.knownLogEnd.get(l.partition)! })),
        ),
      ),
    );
    const outcomes = await Promise.all(
      lanes.map((lane): Promise<LaneOutcome> =>
        producer
          .sendToPartition(
            topic,
            lane.partition,
            lane.rows.map(
              (row) =>
                (row.kind === 'cancel'
                  ? cancellationMessage(row.order as unknown as OrderCancellation, row.orderJson)
                  : orderMessage(row.order, row.orderJson, this.extraHeaders(row.order.orderId))) as Message,
            ),
          )
          .then(
            (offsets) => ({ lane, offsets }),
            (err: unknown) => ({ lane, err }),
          ),
      ),
    );
    // Recorded at the check phase, not where the broker's answer is read: submits read before it
    // in the same poll have queued their group commit ahead of this, so they are saved and
    // answered first instead of waiting behind the bookkeeping (marking delivered, moving to the
    // history, the next batch's marks), which takes milliseconds after a burst.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const o of outcomes) {
      if (!('offsets' in o) || o.offsets.length === 0) continue;
      // Acknowledged at an offset we had already recorded as delivered: the log went backwards.
      const first = Number(o.offsets[0]);
      const gone = Number.isSafeInteger(first) ? wentBackwards(this.outbox, topic, o.lane.partition, first) : null;
      if (!gone) continue;
      this.log(
        `${topic}-${o.lane.partition}: acknowledged at offset ${first}, at or below orders delivered before; the topic was re-created or truncated`,
      );
      this.emitChanges(gone);
      this.partitionChecks.set(o.lane.partition, Math.min(first, this.partitionChecks.get(o.lane.partition) ?? first));
    }
    this.settle(outcomes);
    // Marked delivered at once, without an id: the clerk's "delivered" never waits for the id
    // question; the id is added once the broker has confirmed it (a crash in between leaves
    // these orders without one, and the offsets check covers them).
    const delivered = outcomes.flatMap((o) => ('offsets' in o ? o.lane.rows.map((r) => r.seq) : []));
    this.recordTopicId(producer, topic, delivered);
  }

  /**
   * Records the topic id on orders just delivered, once the broker confirms it (confirmTopicId),
   * after topicIdConfirmMs and together with every order delivered meanwhile. The id read
   * before their sends stands for all of them only if the broker still reports it after the
   * last one. A crash or a target switch before then leaves them without an id; the offsets
   * check covers them.
   */
  private recordTopicId(producer: OrderProducer, topic: string, seqs: number[]): void {
    if (seqs.length === 0 || this.closed) return;
    if (this.idPending && this.idPending.topic !== topic) this.idPending = null;
    this.idPending ??= { topic, seqs: [] };
    for (const seq of seqs) this.idPending.seqs.push(seq);
    // One question at a time; orders delivered while it is out wait for the next.
    if (!this.idTimer && !this.idAsking)
      this.idTimer = setTimeout(() => void this.confirmPendingIds(producer), this.topicIdConfirmMs);
  }

  private async confirmPendingIds(producer: OrderProducer): Promise<void> {
    this.idTimer = null;
    const pending = this.idPending;
    this.idPending = null;
    if (!pending || this.closed || producer !== this.producer) return;
    this.idAsking = true;
    try {
      const id = await this.confirmTopicId(producer, pending.topic);
      if (id !== null && !this.closed) this.outbox.recordTopicId(pending.seqs, pending.topic, id);
    } finally {
      this.idAsking = false;
    }
    // Delivered meanwhile (by this producer, or by a new one: a switch drops what came before it).
    const next = this.idPending as { topic: string; seqs: number[] } | null;
    if (next && !this.closed && this.producer) {
      this.idPending = null;
      this.recordTopicId(this.producer, next.topic, next.seqs);
    }
  }

  private dropPendingIds(): void {
    if (this.idTimer) clearTimeout(this.idTimer);
    this.idTimer = null;
    this.idPending = null;
  }

  /**
   * The cluster's and the topic's ids as the broker reports them now; each null when it reports
   * none or cannot be asked (logged).
   */
  private async askIdentity(producer: OrderProducer, topic: string): Promise<TopicIdentity> {
    if (!producer.topicIdentity) return { clusterId: null, topicId: null };
    try {
      return await producer.topicIdentity(topic);
    } catch (e) {
      this.log(`cannot read the topic id of ${topic}: ${e instanceof Error ? e.message : String(e)}`);
      return { clusterId: null, topicId: null };
    }
  }

  /**
   * The cluster the brokers answer as (null: not known): the orders delivered from now on are
   * recorded with it and the topic's checks look at its orders only (outbox-store.ts). Orders
   * recorded without one (delivered while it could not be asked, or before outbox schema 24)
   * are given it meanwhile, a batch at a time, so neither Save nor delivery waits for a year of
   * them on an upgraded terminal (until given it, an order is simply not checked).
   */
  private learnCluster(clusterId: string | null, topic: string): void {
    if (clusterId === null) return;
    // The outbox's, which deliveringTo clears at a switch of target.
    const known = this.outbox.clusterDeliveringTo;
    if (clusterId !== known) {
      if (known !== null)
        this.log(
          `the brokers now answer as cluster ${clusterId}, not ${known}: orders delivered to ${known} are not looked for here`,
        );
      this.outbox.deliveringToCluster(clusterId, topic);
      this.judgeOtherClusters(clusterId, topic);
    }
    if (this.adopting) return;
    this.adopting = true;
    const step = () => {
      // Stops at a switch of target: those left wait for the next cluster learned.
      const same = !this.closed && this.outbox.clusterDeliveringTo === clusterId;
      if (same && this.outbox.adoptUnknownCluster(topic, ADOPT_BATCH) === ADOPT_BATCH) setImmediate(step);
      else this.adopting = false;
    };
    step();
  }

  /**
   * Once per cluster learned (so at each new target, a topic changed alone too): the orders whose
   * answer another cluster or topic never gave are set aside (the in-doubt search here cannot see
   * that log, and sent here they may be in both), and those set aside so for this cluster's topic
   * go again, after the in-doubt search looks for them.
   */
  private judgeOtherClusters(clusterId: string, topic: string): void {
    const { setAside, sentAgain } = this.outbox.atCluster(clusterId, topic);
    if (setAside.length > 0)
      this.log(
        `${setAside.length} order(s) sent to another cluster or topic without an answer set aside: they may be there, not sent to ${topic} on ${clusterId}`,
      );
    if (sentAgain.length > 0) {
      this.log(
        `${sentAgain.length} order(s) set aside as perhaps in ${topic} on ${clusterId} looked for there, then sent`,
      );
      this.inDoubtCheck = true;
    }
    this.emitChanges([...setAside, ...sentAgain]);
  }

  /**
   * The id to record with orders just found in or delivered to `topic`: the id read with its
   * metadata before, if the broker still reports that same id now. A topic can be deleted and
   * re-created between the two reads (the batch may then have gone to either topic): the orders
   * are then recorded without an id, the offsets check covers them, and the new id is checked
   * against the orders delivered before.
   */
  private async confirmTopicId(producer: OrderProducer, topic: string): Promise<string | null> {
    const before = this.topicId?.topic === topic ? this.topicId.id : null;
    if (before === null) return null;
    const now = (await this.askIdentity(producer, topic)).topicId;
    if (now === before) return now;
    if (now !== null) {
      this.log(`${topic}: the broker now reports topic id ${now}, not ${before}: the topic was deleted and re-created`);
      this.topicId = { topic, id: now };
      this.topicCheckDue = true;
    }
    return null;
  }

  /**
   * Marks the orders no longer in the topic they were delivered to (topic-identity.ts). A
   * failed check is tried again next cycle; it never holds up sending.
   */
  private async checkTopicIdentity(producer: OrderProducer, topic: string): Promise<void> {
    // By id first: certain, and no request (the id was read with the metadata).
    const id = this.topicId?.topic === topic ? this.topicId.id : null;
    if (this.topicCheckDue && id !== null) {
      const byId = checkTopicId(this.outbox, topic, id);
      if (byId.length > 0) {
        this.log(
          `${byId.length} order(s) delivered to ${topic} went to a topic of that name with another id; the broker now reports topic id ${id} (the topic was deleted and re-created): marked delivered-previous-topic`,
        );
        this.emitChanges(byId);
        this.scheduleConnectionEmit();
      }
    }
    const probe = producer.probeOffset?.bind(producer);
    if (!probe) {
      this.topicCheckDue = false;
      this.partitionChecks.clear();
      return;
    }
    const count = this.partitions!.count;
    try {
      const changes: OrderChange[] = [];
      for (const [p, below] of [...this.partitionChecks]) {
        changes.push(...(await checkPartition(this.outbox, topic, p, (q, o) => probe(topic, q, o), below)));
        this.partitionChecks.delete(p);
      }
      if (this.topicCheckDue) {
        changes.push(...(await checkTopic(this.outbox, topic, count, (q, o) => probe(topic, q, o))));
        this.topicCheckDue = false;
      }
      if (changes.length > 0) {
        this.log(
          `${changes.length} order(s) delivered to ${topic} are no longer in it (the topic was deleted and re-created, or truncated): marked delivered-previous-topic`,
        );
        this.emitChanges(changes);
        this.scheduleConnectionEmit();
      }
    } catch (e) {
      this.log(
        `could not check that ${topic} still holds the orders delivered to it: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /**
   * Marks delivered every undelivered order that an earlier producer session already put in the
   * topic. Only orders that were sent at least once are looked for (one never sent cannot be
   * there), each in the partition it was sent to, from where that partition's log ended before
   * its first send: no clock decides where to look. Orders sent by an app before that was
   * recorded fall back to their save time, less a margin.
   */
  private async settleInDoubt(producer: OrderProducer, topic: string, partitionCount: number): Promise<void> {
    type Search = { offset: number | null; sinceMs: number; rows: Array<{ seq: number; orderId: string }> };
    const byPartition = new Map<number, Search>();
    for (const row of this.outbox.undelivered()) {
      if (row.attempts === 0 && row.searchFrom === null) continue;
      const p = row.searchFrom?.partition ?? partitionForKey(topic, row.customerId, partitionCount);
      let s = byPartition.get(p);
      if (!s) byPartition.set(p, (s = { offset: null, sinceMs: Infinity, rows: [] }));
      s.rows.push(row);
      if (row.searchFrom) s.offset = Math.min(s.offset ?? Infinity, row.searchFrom.offset);
      else s.sinceMs = Math.min(s.sinceMs, row.savedAtMs - IN_DOUBT_CLOCK_MARGIN_MS);
    }
    const deliveries: Delivery[] = [];
    for (const [partition, s] of byPartition) {
      // Rows with no recorded log end (an older app sent them) widen the search to their time.
      const from = s.sinceMs === Infinity ? { offset: s.offset, sinceMs: 0 } : { offset: null, sinceMs: s.sinceMs };
      const found = await producer.findOrderIds(topic, partition, from, new Set(s.rows.map((r) => r.orderId)));
      for (const r of s.rows) {
        const offset = found.get(r.orderId);
        if (offset !== undefined) deliveries.push({ seq: r.seq, partition, offset });
      }
    }
    if (deliveries.length === 0) return;
    this.log(
      `${deliveries.length} order(s) were already in ${topic} from an earlier session: marked delivered, not sent again`,
    );
    this.emitChanges(this.outbox.markDelivered(deliveries, { topic, topicId: null }));
    this.recordTopicId(
      producer,
      topic,
      deliveries.map((d) => d.seq),
    );
  }

  /** Up to one batch per partition: the oldest waiting rows of each, in seq order. */
  private selectLanes(candidates: PendingRow[], partitionCount: number, now: number): Lane[] {
    const lanes = new Map<number, Lane & { bytes: number }>();
    const full = new Set<number>();
    const topic = this.target.topic;
    // A batch never larger than the topic accepts (a quarter left for record overhead).
    const maxBatchBytes = Math.min(this.maxBatchBytes, Math.floor(this.maxMessageBytes() * 0.75));
    for (const row of candidates) {
      const p = partitionForKey(topic, row.customerId, partitionCount);
      if (full.has(p)) {
        if (row.state === 'saved') lanes.get(p)?.behind.push(row.seq);
        continue;
      }
      let lane = lanes.get(p);
      if (!lane) {
        // Only the partition's oldest row decides whether it is due; later rows follow it.
        if (row.state === 'failed' && row.nextAttemptAt !== null && row.nextAttemptAt > now) {
          full.add(p);
          continue;
        }
        lane = { partition: p, rows: [], behind: [], bytes: 0 };
        lanes.set(p, lane);
      }
      const pin = this.pins.get(p);
      if (pin) {
        if (pin[lane.rows.length] !== row.seq) {
          // The pinned rows are no longer the oldest waiting ones (e.g. one was delivered
          // elsewhere); nothing left to protect, batch afresh.
          this.log(`partition ${p}: pinned batch no longer matches the outbox; regrouping`);
          this.pins.delete(p);
        } else {
          lane.rows.push(row);
          if (lane.rows.length === pin.length) full.add(p);
          continue;
        }
      }
      const limitRows = this.singles.has(p) ? 1 : this.maxBatchRows;
      if (lane.rows.length > 0 && (lane.rows.length >= limitRows || lane.bytes + row.bytes > maxBatchBytes)) {
        full.add(p);
        if (row.state === 'saved') lane.behind.push(row.seq);
        continue;
      }
      lane.rows.push(row);
      lane.bytes += row.bytes;
    }
    return [...lanes.values()].filter((l) => l.rows.length > 0);
  }

  private settle(outcomes: LaneOutcome[]): void {
    const now = Date.now();
    // Every lane's delivered rows in one transaction: a commit per partition wrote the pages
    // they share (the history's newest, the count) once for each.
    const deliveries: Delivery[] = [];
    const errors: AppError[] = [];
    for (const outcome of outcomes) {
      const { lane } = outcome;
      if ('offsets' in outcome) {
        // The first batch a blocked partition takes says the replicas are back: read the others'
        // now rather than after metadataMaxAgeMs (while orders wait no idle probe comes).
        if (this.blockedPartitions.delete(lane.partition) && this.blockedPartitions.size > 0) this.partitions = null;
        this.pins.delete(lane.partition);
        this.laneFailures.delete(lane.partition);
        const last = Number(outcome.offsets[outcome.offsets.length - 1]);
        if (Number.isSafeInteger(last))
          this.knownLogEnd.set(lane.partition, Math.max(this.knownLogEnd.get(lane.partition) ?? 0, last + 1));
        lane.rows.forEach((row, i) =>
          deliveries.push({ seq: row.seq, partition: lane.partition, offset: outcome.offsets[i] }),
        );
        continue;
      }
      const error = kafkaErrorToAppError(outcome.err, { brokers: this.target.brokers, topic: this.target.topic });
      errors.push(error);
      if (error.code === 'kafka.notEnoughReplicas') this.blockedPartitions.add(lane.partition);
      if (error.code === 'kafka.topicMissing' || error.code === 'kafka.unreachable') this.partitions = null;
      // A missing topic may come back re-created, its logs starting again at 0.
      if (error.code === 'kafka.topicMissing') this.knownLogEnd.clear();
      const failures = (this.laneFailures.get(lane.partition) ?? 0) + 1;
      this.laneFailures.set(lane.partition, failures);
      let autoRetry = isAutoRetryable(error, outcome.err);
      let nextAttemptAt = now + backoffDelay(failures, this.backoff);
      if (needsNewProducer(outcome.err)) {
        // The broker no longer knows this producer session (e.g. the topic was deleted and
        // re-created) and refused the batch; a new producer sends the rows again at once.
        this.replaceProducer = true;
        autoRetry = true;
        nextAttemptAt = now;
        this.pins.delete(lane.partition);
      } else if (definitelyNotAppended(error)) {
        // The broker refused the batch outright, so it may be regrouped: try the rows one by
        // one, and give up (until the clerk's Retry) only on a single order that is too large.
        this.pins.delete(lane.partition);
        if (lane.rows.length > 1) {
          this.singles.add(lane.partition);
          autoRetry = true;
          nextAttemptAt = now;
        }
      } else if (autoRetry) {
        this.pins.set(
          lane.partition,
          lane.rows.map((r) => r.seq),
        );
      } else {
        this.pins.delete(lane.partition);
      }
      this.emitChanges(
        this.outbox.markFailed(
          lane.rows.map((r) => r.seq),
          { error, autoRetry, nextAttemptAt, countAttempt: false },
        ),
      );
      if (this.pins.has(lane.partition) && lane.behind.length > 0)
        // The batch waits to be re-sent as it is, and the orders behind it in its partition wait
        // for it (a customer's orders keep their order), not sent: they said "Saved" with no
        // reason for minutes beside others that said why. Due already (as of this cycle's
        // selection, so no timer wakes for them), so they follow the batch as soon as it goes.
        // (Not for a batch regrouped or re-sent at once: they go next.)
        this.emitChanges(
          this.outbox.markFailed(lane.behind, {
            error,
            autoRetry: true,
            nextAttemptAt: this.lastSelectAt,
            countAttempt: false,
          }),
        );
      if (!autoRetry && definitelyNotAppended(error) && lane.rows.length === 1) {
        // A poison order: it needs a person, and its customer's later orders wait behind it
        // (customer-hold.ts). The topic's limit is read again, so Save refuses the next such order.
        const [row] = lane.rows;
        this.log(
          `order ${row.order.orderId} (customer ${row.customerId}) refused by ${this.target.topic} for good: ` +
            `${errorDetail(outcome.err)}; it needs attention and the customer's later orders wait`,
        );
        this.emitChanges(this.outbox.holdCustomer(row.customerId, row.seq));
        this.partitions = null;
        // The poison order is out of the way: this partition's batches need not go one by one.
        this.singles.delete(lane.partition);
      }
    }
    if (deliveries.length > 0) {
      this.emitChanges(this.outbox.markDelivered(deliveries, { topic: this.target.topic, topicId: null }));
      if (this.sendTrouble) {
        // Answers are back: the cluster is usable again.
        this.sendTrouble = false;
        this.status = 'connected';
        if (this.lastError?.code === 'kafka.slow') this.lastError = null;
      }
    }
    if (errors.length === 0) {
      // Another partition may still be waiting out its backoff; its error stays visible.
      if (this.laneFailures.size === 0) this.lastError = null;
    } else {
      this.lastError = errors[0];
      if (
        deliveries.length === 0 &&
        errors.every((e) => e.code === 'kafka.unreachable' || e.code === 'kafka.timeout')
      ) {
        this.status = 'offline';
        this.sendTrouble = true;
      }
    }
    if (!this.sendTrouble) {
      if (this.blockedPartitions.size > 0) this.sayBlocked();
      else if (this.status === 'blocked') {
        // The blocked partitions took their batches: writes go again.
        this.status = 'connected';
        if (this.lastError?.code === 'kafka.notEnoughReplicas') this.lastError = null;
      }
    }
    // The waiting count changed either way.
    this.scheduleConnectionEmit();
    // Look again right away: more may be waiting than one batch per partition, and rows of a
    // partition that just failed are now blocked by their future retry time, so the extra
    // cycle costs one query.
    this.again = true;
  }

  /**
   * The cluster answers but the topic refuses writes (too few replicas in sync): not "connected",
   * which told the clerk orders go, nor "offline"; the reason is the one a refused send gives.
   */
  private sayBlocked(): void {
    if (this.status === 'blocked' && this.lastError?.code === 'kafka.notEnoughReplicas') return;
    this.status = 'blocked';
    this.lastError = appError('kafka.notEnoughReplicas');
    this.scheduleConnectionEmit();
  }

  /** Connecting or reading metadata failed: nothing was sent; the oldest orders say why. */
  private failGlobally(e: unknown, told?: AppError): void {
    const error = told ?? kafkaErrorToAppError(e, { brokers: this.target.brokers, topic: this.target.topic });
    if (needsNewProducer(e)) this.replaceProducer = true;
    this.globalFailures++;
    this.retryAt = Date.now() + backoffDelay(this.globalFailures, this.backoff);
    this.partitions = null;
    if (error.code === 'kafka.topicMissing') this.knownLogEnd.clear();
    // The brokers answer but no order can go (no topic, or too few replicas in sync): on hold,
    // not a green "connected" beside the banner that says why.
    this.status =
      error.code === 'kafka.topicMissing' || error.code === 'kafka.notEnoughReplicas' ? 'blocked' : 'offline';
    this.lastError = error;
    this.scheduleConnectionEmit();
    const waiting = withoutHeldCustomers(this.outbox.candidates(this.maxBatchRows), this.outbox.heldCustomers());
    if (waiting.length > 0) {
      // A connection or topic problem never makes an order itself bad: always retried automatically.
      this.emitChanges(
        this.outbox.markFailed(
          waiting.map((r) => r.seq),
          { error, autoRetry: true, nextAttemptAt: this.retryAt, countAttempt: true },
        ),
      );
    }
  }

  /**
   * This cycle's producer is no longer the one to send with: closed, replaced, or about to be
   * (the settings changed the brokers or the topic meanwhile). Checked before orders are picked
   * and before they are marked sending: a cycle that began before the change would otherwise send
   * orders saved after it to the old topic. The next cycle, on the new target, sends them.
   */
  private superseded(producer: OrderProducer): boolean {
    return this.closed || producer !== this.producer || this.nextTarget !== null;
  }

  private async swapProducer(): Promise<void> {
    const old = this.producer;
    this.producer = null;
    this.producerReady = false;
    this.replaceProducer = false;
    this.partitions = null;
    // A new producer id: the broker cannot recognise the old session's batches any more.
    this.pins.clear();
    this.inDoubtCheck = true;
    this.topicCheckDue = true;
    this.partitionChecks.clear();
    this.topicId = null;
    this.dropPendingIds();
    this.knownLogEnd.clear();
    this.sendTrouble = false;
    this.blockedPartitions.clear();
    this.singles.clear();
    this.laneFailures.clear();
    this.globalFailures = 0;
    if (this.nextTarget) {
      this.target = this.nextTarget;
      this.nextTarget = null;
      this.outbox.deliveringTo({ training: this.target.sandbox });
      this.retryAt = 0;
      this.outbox.makeAllDueNow();
      // A cycle on the old target may have finished since setTarget and said "connected".
      this.status = this.target.cluster ? 'connecting' : 'offline';
      this.lastError = this.target.cluster
        ? null
        : (this.target.problem ?? appError('kafka.unreachable', { brokers: '—' }));
      this.scheduleConnectionEmit();
    }
    if (old) await old.disconnect().catch(() => {});
  }

  private emitChanges(changes: OrderChange[]): void {
    if (changes.length > 0) this.onChanges(changes);
  }

  // ---- timers and events --------------------------------------------------------------------

  private scheduleWake(): void {
    this.clearTimer();
    if (!this.target.cluster && !this.nextTarget) return;
    const now = Date.now();
    let at = Infinity;
    if (this.retryAt > now) at = this.retryAt;
    else {
      // Rows due by the last selection were offered to it; later ones need a timer (or, when
      // their time has come since, an immediate cycle).
      const due = this.outbox.nextDueAt(this.lastSelectAt);
      if (due !== null) at = Math.max(due, now);
    }
    // Never sleep longer than the probe interval: the connection state stays truthful while
    // idle, and waiting orders are looked at again even if some wake-up was missed.
    at = Math.min(at, now + this.idleProbeMs);
    const delay = Math.max(0, at - now);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (delay >= this.idleProbeMs) this.probeDue = true;
      this.nudge();
    }, delay);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Emits the connection state once per tick at most, only when it changed (see WAITING_ONLY_EMIT_MS). */
  private scheduleConnectionEmit(): void {
    if (this.emitScheduled) return;
    this.emitScheduled = true;
    setImmediate(() => {
      this.emitScheduled = false;
      this.emitConnection(false);
    });
  }

  private emitConnection(trailing: boolean): void {
    if (this.closed) return;
    const t = this.nextTarget ?? this.target;
    const head = JSON.stringify([this.status, this.lastError, t.brokers, t.topic, t.sandbox]);
    if (head === this.lastEmittedHead && !trailing) {
      // Only the waiting count can have changed: send it later, with whatever else changes by then.
      const wait = this.lastEmittedAt + WAITING_ONLY_EMIT_MS - Date.now();
      if (wait > 0) {
        this.waitingTimer ??= setTimeout(() => {
          this.waitingTimer = null;
          this.emitConnection(true);
        }, wait);
        this.waitingTimer.unref?.();
        return;
      }
    }
    if (this.waitingTimer && !trailing) {
      clearTimeout(this.waitingTimer);
      this.waitingTimer = null;
    }
    const state = this.connectionState();
    const key = JSON.stringify(state);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.lastEmittedHead = head;
    this.lastEmittedAt = Date.now();
    this.onConnection(state);
  }
}
