// Writes the order being typed to the terminal a moment after the last change, and says whether
// what the clerk sees now is on the terminal. Only the write of the newest change may say
// "saved": an older write that finishes after a newer change would otherwise report the form as
// kept while its last field is not, and a reload then would lose it.
export class DraftAutosave<T> {
  private generation = 0;
  /** The newest change's write, while its moment has not come. */
  private waiting: { timer: ReturnType<typeof setTimeout>; write: () => void } | null = null;

  constructor(
    private readonly write: (value: T) => Promise<boolean>,
    private readonly onSaved: (saved: boolean) => void,
    private readonly delayMs: number,
  ) {}

  /** The form changed: it is pending until this value's own write has succeeded. */
  change(value: T): void {
    const generation = ++this.generation;
    this.onSaved(false);
    this.cancel();
    const write = () =>
      void this.write(value).then(
        (ok) => ok && generation === this.generation && this.onSaved(true),
        () => undefined,
      );
    this.waiting = { timer: setTimeout(() => this.flush(), this.delayMs), write };
  }

  /**
   * Writes a change still waiting for its moment now: the form is going away (a reload, the
   * window closed, another screen), and the write, once sent, is done by the service process
   * either way.
   */
  flush(): void {
    const waiting = this.waiting;
    this.cancel();
    waiting?.write();
  }

  /** Stops a write not yet started (a newer change replaces it). */
  cancel(): void {
    if (this.waiting) clearTimeout(this.waiting.timer);
    this.waiting = null;
  }
}
