// Sends routed orders to the review topic. Kept apart from the order dispatcher, which is built
// around one topic's partitions and its in-doubt search: routed orders are few and only a
// reviewer reads them. Same producer settings as orders (idempotent, acks=all, never creates
// topics); one order a request, oldest first, each marked with its offset once acknowledged.
// A crash between the acknowledgement and the mark sends it again on the next start (the
// reviewer's consumer can drop the repeat by its order-id header); a missing review topic keeps
// them waiting and the log says which topic to create (Diagnostics can create it).
import type { Message } from 'kafkajs';
import { appError, type AppError } from '../../shared/error-codes';
import type { ClusterConfig } from '../cluster/cluster-config';
import { kafkaErrorToAppError } from '../cluster/error-mapper';
import { createOrderProducer, type OrderProducer, type OrderProducerFactory } from '../kafka/order-producer';
import { orderMessage, partitionForKey } from '../kafka/order-message';
import type { RiskStore } from './risk-store';

export interface ReviewSenderOptions {
  store: RiskStore;
  cluster(): ClusterConfig | null;
  topic(): string;
  log(message: string): void;
  createProducer?: OrderProducerFactory;
  retryMs?: number;
}

export class ReviewSender {
  private producer: OrderProducer | null = null;
  private producerFor: ClusterConfig | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private lastError = '';
  private why: AppError | null = null;

  constructor(private readonly opts: ReviewSenderOptions) {}

  /**
   * Why routed orders wait, as the clerk's error codes say it, since the last try failed (null
   * once one went): Review shows it beside them, which only the log said before.
   */
  problem(): AppError | null {
    return this.why;
  }

  /** Something was routed (or the cluster changed): try now. */
  nudge(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.cycle().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
    await this.dropProducer();
  }

  private async cycle(): Promise<void> {
    const pending = this.opts.store.routing(100);
    if (pending.length === 0) return;
    const cluster = this.opts.cluster();
    if (!cluster) return this.retryLater('no cluster configured', appError('kafka.unreachable', { brokers: '—' }));
    const topic = this.opts.topic();
    try {
      if (this.producerFor !== cluster) await this.dropProducer();
      if (!this.producer) {
        this.producer = (this.opts.createProducer ?? createOrderProducer)(cluster);
        this.producerFor = cluster;
        await this.producer.connect();
      }
      const count = await this.producer.partitionCount(topic);
      if (count === 0)
        return this.retryLater(
          `the review topic ${topic} does not exist; create it in Diagnostics`,
          appError('kafka.topicMissing', { topic }),
        );
      for (const r of pending) {
        if (this.closed) return;
        const partition = partitionForKey(topic, r.order.customerId, count);
        const base = orderMessage(r.order, r.orderJson);
        const message: Message = { ...base, headers: { ...base.headers, ...r.headers } };
        const [offset] = await this.producer.sendToPartition(topic, partition, [message]);
        this.opts.store.markRouted(r.order.orderId, partition, offset);
      }
      this.lastError = '';
      this.why = null;
      if (pending.length === 100) this.again = true;
    } catch (e) {
      await this.dropProducer();
      this.retryLater(
        e instanceof Error ? e.message : String(e),
        kafkaErrorToAppError(e, { brokers: cluster.brokers, topic }),
      );
    }
  }

  private retryLater(reason: string, why: AppError): void {
    this.why = why;
    if (reason !== this.lastError)
      this.opts.log(`routed orders wait for the review topic: ${(this.lastError = reason)}`);
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.nudge();
    }, this.opts.retryMs ?? 2_000);
    this.timer.unref?.();
  }

  private async dropProducer(): Promise<void> {
    const p = this.producer;
    this.producer = null;
    this.producerFor = null;
    await p?.disconnect().catch(() => {});
  }
}
