// Writes the order being typed to the terminal a moment after the last change, and says whether
// what the clerk sees now is on the terminal. Only the write of the newest change may say
// "saved": an older write that finishes after a newer change would otherwise report the form as
// kept while its last field is not, and a reload then would lose it. A write that fails (the
// service process died while answering it, the socket was down) is tried again until it is
// kept or a newer change replaces it: nothing else would write it, and the clerk may not type
// again before a reload. A write the service refused as a request (invalid, too large) is not:
// the same write would be refused again. Either way the last failure is passed on with "not
// saved" until a write succeeds, so the clerk is told the order would not survive a reload
// (a full disk fails every write for as long as it lasts, whatever the clerk types).
import type { Result } from '../../shared/contract';
import { appError, type AppError } from '../../shared/error-codes';

export class DraftAutosave<T> {
  private generation = 0;
  private closed = false;
  /** The newest change's write, while its moment (or its retry's) has not come. */
  private waiting: { timer: ReturnType<typeof setTimeout>; write: () => void } | null = null;
  /** Why the last write finished without being kept, until one is kept. */
  private failure: AppError | null = null;

  constructor(
    private readonly write: (value: T) => Promise<Result<unknown>>,
    private readonly onSaved: (saved: boolean, failure: AppError | null) => void,
    private readonly delayMs: number,
    private readonly retryMs = 1000,
  ) {}

  /** The form changed: it is pending until this value's own write has succeeded. */
  change(value: T): void {
    const generation = ++this.generation;
    // A change is a form in use again (React may run a kept component's effects' cleanup and
    // setup again: StrictMode, a hidden screen shown).
    this.closed = false;
    this.onSaved(false, this.failure);
    this.cancel();
    const write = () =>
      void this.write(value)
        .catch((e: unknown): Result<unknown> => ({
          ok: false,
          error: appError('internal', { detail: e instanceof Error ? e.message : String(e) }),
        }))
        .then((r) => {
          this.failure = r.ok ? null : r.error;
          if (generation !== this.generation || this.closed) return;
          this.onSaved(r.ok, this.failure);
          if (!r.ok && !r.error.code.startsWith('request.')) this.wait(write, this.retryMs);
        });
    this.wait(write, this.delayMs);
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

  /**
   * The form is gone (another screen): its last change is written now, and a failed write is not
   * tried again, since the next form reads the terminal's draft and writes its own. Until a
   * next change, if this form comes back.
   */
  close(): void {
    this.closed = true;
    this.flush();
  }

  private wait(write: () => void, ms: number): void {
    this.waiting = { timer: setTimeout(() => this.flush(), ms), write };
  }

  /** Stops a write not yet started (a newer change replaces it). */
  cancel(): void {
    if (this.waiting) clearTimeout(this.waiting.timer);
    this.waiting = null;
  }
}
