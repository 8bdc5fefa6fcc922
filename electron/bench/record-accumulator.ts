// kafkajs has no batch.size, linger.ms or buffer.memory: every producer.send() is one request.
// This accumulator gives the benchmark the Java producer's batching on top of kafkajs:
// - records without a key go to one "sticky" partition until its batch is sent, then another
//   partition is picked at random (Kafka 2.4's sticky partitioner for keyless records);
// - a batch is sent when it reaches batch.size bytes, or when linger.ms has passed since its
//   first record and fewer than maxInFlight batches are outstanding (with linger 0 the batch is
//   sent as soon as a send slot is free, and keeps filling while all slots are busy, as the
//   Java sender does);
// - append() waits while more than buffer.memory bytes are queued or in flight.
// Each record's completion callback fires when its batch is acknowledged (or, with acks=0,
// handed to the socket: kafkajs resolves such sends once written).

export interface AccumulatorOptions {
  partitions: number[];
  batchSizeBytes: number;
  lingerMs: number;
  maxInFlight: number;
  bufferMemoryBytes: number;
  sendBatch(partition: number, values: Buffer[]): Promise<void>;
  random?: () => number;
}

export type RecordDone = (error: Error | null) => void;

interface Batch {
  partition: number;
  values: Buffer[];
  callbacks: RecordDone[];
  bytes: number;
}

export class RecordAccumulator {
  private open: Batch | null = null;
  private lingerTimer: NodeJS.Timeout | null = null;
  private lingerExpired = false;
  private inFlight = 0;
  private queuedBytes = 0;
  private spaceWaiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];
  private sticky: number;
  private readonly random: () => number;
  batchesSent = 0;
  recordsSent = 0;

  constructor(private readonly opts: AccumulatorOptions) {
    if (opts.partitions.length === 0) throw new Error('no partitions to write to');
    this.random = opts.random ?? Math.random;
    this.sticky = this.pickPartition(null);
  }

  /** Queues one record. Resolves at once, or later when buffer memory frees up. */
  append(value: Buffer, done: RecordDone): Promise<void> | void {
    if (this.open && this.open.bytes > 0 && this.open.bytes + value.length > this.opts.batchSizeBytes) {
      this.sendOpen();
    }
    if (!this.open) {
      this.open = { partition: this.sticky, values: [], callbacks: [], bytes: 0 };
      this.startLinger();
    }
    this.open.values.push(value);
    this.open.callbacks.push(done);
    this.open.bytes += value.length;
    this.queuedBytes += value.length;
    if (this.open.bytes >= this.opts.batchSizeBytes) this.sendOpen();
    else if (this.lingerExpired && this.inFlight < this.opts.maxInFlight) this.sendOpen();
    if (this.queuedBytes >= this.opts.bufferMemoryBytes) {
      return new Promise((resolve) => this.spaceWaiters.push(resolve));
    }
  }

  /** Sends whatever is open and resolves when nothing is queued or in flight. */
  flush(): Promise<void> {
    if (this.open) this.sendOpen();
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get pending(): number {
    return this.inFlight;
  }

  private startLinger(): void {
    this.lingerExpired = false;
    const batch = this.open;
    const expire = () => {
      if (this.open === batch) this.onLingerExpired();
    };
    // linger 0: let the current synchronous burst of appends join this batch first.
    if (this.opts.lingerMs <= 0) setImmediate(expire);
    else this.lingerTimer = setTimeout(expire, this.opts.lingerMs);
  }

  private onLingerExpired(): void {
    this.lingerTimer = null;
    this.lingerExpired = true;
    if (this.open && this.inFlight < this.opts.maxInFlight) this.sendOpen();
  }

  private sendOpen(): void {
    const batch = this.open;
    if (!batch) return;
    this.open = null;
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
    this.lingerExpired = false;
    this.sticky = this.pickPartition(batch.partition);
    this.inFlight++;
    this.batchesSent++;
    this.recordsSent += batch.values.length;
    const settle = (error: Error | null) => {
      this.inFlight--;
      this.queuedBytes -= batch.bytes;
      for (const cb of batch.callbacks) cb(error);
      this.afterSettle();
    };
    let sending: Promise<void>;
    try {
      sending = this.opts.sendBatch(batch.partition, batch.values);
    } catch (e) {
      sending = Promise.reject(e);
    }
    sending.then(
      () => settle(null),
      (e: unknown) => settle(e instanceof Error ? e : new Error(String(e))),
    );
  }

  private afterSettle(): void {
    if (this.open && this.lingerExpired && this.inFlight < this.opts.maxInFlight) this.sendOpen();
    while (this.queuedBytes < this.opts.bufferMemoryBytes && this.spaceWaiters.length) this.spaceWaiters.shift()!();
    if (this.inFlight === 0 && !this.open) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private pickPartition(previous: number | null): number {
    const choices =
      this.opts.partitions.length > 1 ? this.opts.partitions.filter((p) => p !== previous) : this.opts.partitions;
    return choices[Math.floor(this.random() * choices.length)];
  }
}
