// queued.max.request.bytes: the bytes of requests the sandbox holds (being received, queued or
// being handled), across every connection of every broker, since they share one process. As in
// Kafka's memory pool (non-strict), a request may start while any room is left, so one request
// of socket.request.max.bytes always fits; a connection whose request cannot start stops reading
// until another request is released, and its bytes wait in the operating system's socket
// buffers, not here. Requests of up to SMALL_REQUEST_BYTES never wait: they are charged and go,
// so ordinary clients keep working while large partial requests hold the budget.
export const SMALL_REQUEST_BYTES = 1024 * 1024;

export class BufferBudget {
  private used = 0;
  /** Connections waiting for room, in arrival order. */
  private readonly waiting = new Set<() => void>();

  /** capacity < 0: unbounded (Kafka's default of -1). */
  constructor(readonly capacity: number) {}

  get usedBytes(): number {
    return this.used;
  }

  private full(): boolean {
    return this.capacity >= 0 && this.used >= this.capacity;
  }

  /** Reserves `bytes` if any room is left (the reservation may overshoot, as Kafka's does). */
  tryReserve(bytes: number): boolean {
    if (this.full()) return false;
    this.used += bytes;
    return true;
  }

  /** Charges `bytes` whatever is left (small requests, and requests already received whole). */
  charge(bytes: number): void {
    this.used += bytes;
  }

  release(bytes: number): void {
    this.used -= bytes;
    for (const wake of [...this.waiting]) {
      if (this.full()) break;
      this.waiting.delete(wake);
      wake();
    }
  }

  /** Calls `wake` once there is room again; returns a function that gives up the wait. */
  waitForRoom(wake: () => void): () => void {
    this.waiting.add(wake);
    return () => this.waiting.delete(wake);
  }
}
