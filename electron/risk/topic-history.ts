// The whole store's recent orders, read back from the order topic itself: every terminal
// produces there, so a reader of that topic sees them all. No consumer group (it commits
// nothing and disturbs no one): each partition is read from the first offset within the
// window (ListOffsets by time) to its end, then followed by polling. Records that are not
// orders (another producer's) are passed over; a cancellation, by its headers alone (its
// event type and its order's id), takes that order out of the checks' baselines (onCancelled).
// When the cluster cannot be reached the reader says so and tries again at the next poll; the
// checks use what they have.
import {
  customerIdKey,
  KAFKA_HEADER_NAMES,
  ORDER_CANCELLED_EVENT,
  orderSchema,
  type Order,
} from '../../shared/order-schema';
import type { ClusterConfig } from '../cluster/cluster-config';
import { ClusterClient } from '../cluster/cluster-client';
import { listOffset, partitionLeader, readPartition } from '../cluster/partition-reader';
import type { RiskOrder } from './risk-history';

/** An order this version's Save made: its customer ID is already the key the checks group by. */
export function riskOrderOf(order: Order): RiskOrder {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    terminalId: order.terminalId,
    at: Date.parse(order.createdAt),
    total: order.total,
    currency: order.currency,
    lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
  };
}

/**
 * An order read back (the outbox at start-up, the topic, a correction, which keeps the stored ID):
 * one an older version saved, or another terminal's, may hold "c1001", which is C1001's order.
 */
export function recordedRiskOrderOf(order: Order): RiskOrder {
  return { ...riskOrderOf(order), customerId: customerIdKey(order.customerId) };
}

export type TopicHistoryState = 'starting' | 'catching-up' | 'live' | 'offline';

export interface TopicHistoryStatus {
  state: TopicHistoryState;
  /** Orders read from the topic since start. */
  ordersRead: number;
  /** When the reader last reached the end of every partition (ms), or null. */
  caughtUpAt: number | null;
  error: string | null;
}

export interface TopicHistoryOptions {
  config: ClusterConfig;
  topic: string;
  /** How far back to read at start (default 24 h). */
  windowMs?: number;
  /** How often to look for new records (default 1 s). */
  pollMs?: number;
  now?: () => number;
  /**
   * Whether the checks already have this order (this terminal's own orders, added when saved):
   * such a record is passed over by its `order-id` header, without parsing its value.
   */
  known?(orderId: string): boolean;
  onOrder(order: RiskOrder): void;
  /** A voided order's cancellation, read from the topic (any terminal's). */
  onCancelled?(orderId: string): void;
  onStatus?(status: TopicHistoryStatus): void;
}

/**
 * Bytes per fetch. Small, so that one fetch's records are decoded in well under a millisecond:
 * the reader shares the event loop with the submits, and at 1,000 orders/s a 4 MB fetch of five
 * seconds of orders held it for 70-90 ms (Saved p99 50-60 ms in bench:orders, 2026-12-03).
 */
const READ_BYTES = 256 * 1024;
/** Polling often keeps each poll's reading short for the same reason. */
const DEFAULT_POLL_MS = 1_000;

export class TopicHistoryReader {
  private readonly positions = new Map<number, number>();
  private client: ClusterClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private current: TopicHistoryStatus = { state: 'starting', ordersRead: 0, caughtUpAt: null, error: null };

  constructor(private readonly opts: TopicHistoryOptions) {}

  get status(): TopicHistoryStatus {
    return this.current;
  }

  /** Reads the window and then keeps following; resolves after the first catch-up (or its failure). */
  start(): Promise<void> {
    this.running = this.cycle();
    return this.running;
  }

  /** One read of every partition up to its end (the benchmark and tests call it directly). */
  async catchUp(): Promise<void> {
    const now = this.opts.now ?? Date.now;
    this.client ??= new ClusterClient(this.opts.config);
    const meta = await this.client.metadata([this.opts.topic]);
    const topic = meta.topics.find((t) => t.name === this.opts.topic);
    for (const p of topic?.partitions ?? []) {
      const ref = { topic: this.opts.topic, partition: p.partitionIndex };
      const leader = await partitionLeader(this.client, ref);
      if (!leader) continue;
      let from = this.positions.get(p.partitionIndex);
      if (from === undefined) {
        this.set({ state: 'catching-up' });
        from =
          (await listOffset(this.client, leader, ref, now() - (this.opts.windowMs ?? 24 * 3_600_000))) ?? undefined;
        // No record inside the window: start at the end.
        if (from === undefined) from = (await listOffset(this.client, leader, ref, -1)) ?? 0;
      }
      const end = await readPartition(
        this.client,
        leader,
        ref,
        from,
        ({ records }) => {
          for (const r of records) {
            if (!r.value) continue;
            const id = r.headers.find((h) => h.key === KAFKA_HEADER_NAMES.orderId)?.value;
            if (
              r.headers.some(
                (h) => h.key === KAFKA_HEADER_NAMES.eventType && h.value?.toString('utf8') === ORDER_CANCELLED_EVENT,
              )
            ) {
              if (id) this.opts.onCancelled?.(id.toString('utf8'));
              continue;
            }
            if (id && this.opts.known?.(id.toString('utf8'))) continue;
            let parsed: unknown;
            try {
              parsed = JSON.parse(r.value.toString('utf8'));
            } catch {
              continue;
            }
            const order = orderSchema.safeParse(parsed);
            if (!order.success) continue;
            this.opts.onOrder(recordedRiskOrderOf(order.data));
            this.current.ordersRead++;
          }
        },
        { maxBytes: READ_BYTES },
      );
      this.positions.set(p.partitionIndex, end);
    }
    this.set({ state: 'live', caughtUpAt: now(), error: null });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
    this.client?.close();
    this.client = null;
  }

  private async cycle(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.catchUp();
    } catch (e) {
      // A new client next time: the old one's connections may be the problem.
      this.client?.close();
      this.client = null;
      this.set({ state: 'offline', error: e instanceof Error ? e.message : String(e) });
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.cycle();
    }, this.opts.pollMs ?? DEFAULT_POLL_MS);
    this.timer.unref?.();
  }

  private set(patch: Partial<TopicHistoryStatus>): void {
    this.current = { ...this.current, ...patch };
    this.opts.onStatus?.(this.current);
  }
}
