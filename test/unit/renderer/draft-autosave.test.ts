import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftAutosave } from '../../../renderer/order-form/draft-autosave';
import type { Result } from '../../../shared/contract';
import { appError } from '../../../shared/error-codes';

const answers = {
  kept: { ok: true, value: null },
  // The service process died while answering (the relay's answer).
  lost: { ok: false, error: appError('service.restarting') },
  // The terminal's disk refused it (the draft handlers' answer to a full disk).
  diskFull: { ok: false, error: appError('draft.storeFailed', { detail: 'ENOSPC: no space left on device, write' }) },
  // Refused at the request gate: the same write would be refused again.
  refused: { ok: false, error: appError('request.invalid', { detail: 'lines: too many' }) },
} satisfies Record<string, Result<unknown>>;

// A terminal whose writes finish when the test says so, in the order they were sent.
function slowTerminal() {
  const kept: string[] = [];
  const inFlight: Array<{ value: string; done: (answer: Result<unknown>) => void }> = [];
  const write = (value: string) =>
    new Promise<Result<unknown>>((resolve) => {
      inFlight.push({
        value,
        done: (answer) => {
          if (answer.ok) kept.push(value);
          resolve(answer);
        },
      });
    });
  const finishNext = async (answer: Result<unknown> = answers.kept) => {
    inFlight.shift()!.done(answer);
    await Promise.resolve();
    await Promise.resolve();
  };
  return { kept, inFlight, write, finishNext };
}

// An autosave over that terminal, 200 ms after the last change, and what it last said.
function typing() {
  const terminal = slowTerminal();
  const said: { saved: boolean; failure: string | null } = { saved: true, failure: null };
  const autosave = new DraftAutosave(
    terminal.write,
    (s, failure) => Object.assign(said, { saved: s, failure: failure?.code ?? null }),
    200,
  );
  return { terminal, autosave, said };
}

describe('the draft written while the clerk types', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes once, a moment after the last change, and only then says saved', async () => {
    const { terminal, autosave, said } = typing();
    autosave.change('C');
    vi.advanceTimersByTime(150);
    autosave.change('Ch');
    vi.advanceTimersByTime(150);
    autosave.change('Choi');
    vi.advanceTimersByTime(199);
    expect(terminal.inFlight).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(terminal.inFlight.map((w) => w.value)).toEqual(['Choi']);
    expect(said.saved).toBe(false);
    await terminal.finishNext();
    expect(terminal.kept).toEqual(['Choi']);
    expect(said.saved).toBe(true);
  });

  it('an older write finishing after a newer change does not say saved', async () => {
    const { terminal, autosave, said } = typing();
    autosave.change('Choi');
    vi.advanceTimersByTime(200);
    // The write of "Choi" is on its way when the clerk types the note.
    autosave.change('Choi, no sugar');
    await terminal.finishNext();
    expect(terminal.kept).toEqual(['Choi']);
    expect(said.saved).toBe(false);
    vi.advanceTimersByTime(200);
    await terminal.finishNext();
    expect(terminal.kept).toEqual(['Choi', 'Choi, no sugar']);
    expect(said.saved).toBe(true);
  });

  it('a failed write stays pending and is written again a second later, until it is kept', async () => {
    const { terminal, autosave, said } = typing();
    autosave.change('Choi');
    vi.advanceTimersByTime(200);
    await terminal.finishNext(answers.lost);
    expect(said.saved).toBe(false);
    vi.advanceTimersByTime(999);
    expect(terminal.inFlight).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(terminal.inFlight.map((w) => w.value)).toEqual(['Choi']);
    await terminal.finishNext(answers.lost);
    vi.advanceTimersByTime(1000);
    await terminal.finishNext();
    expect(terminal.kept).toEqual(['Choi']);
    expect(said.saved).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(terminal.inFlight).toHaveLength(0);
  });

  it('a rejected write (the socket closed) is tried again too', async () => {
    const said = { saved: true };
    const sent: string[] = [];
    let up = false;
    const autosave = new DraftAutosave(
      (v: string) => (sent.push(v), up ? Promise.resolve(answers.kept) : Promise.reject(new Error('socket closed'))),
      (s) => (said.saved = s),
      200,
    );
    autosave.change('Choi');
    await vi.advanceTimersByTimeAsync(200);
    expect([sent, said.saved]).toEqual([['Choi'], false]);
    up = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect([sent, said.saved]).toEqual([['Choi', 'Choi'], true]);
  });

  it('a write refused as a request is not sent again, and the form stays pending', async () => {
    const { terminal, autosave, said } = typing();
    autosave.change('Choi');
    vi.advanceTimersByTime(200);
    await terminal.finishNext(answers.refused);
    vi.advanceTimersByTime(5000);
    expect(terminal.inFlight).toHaveLength(0);
    expect(said.saved).toBe(false);
  });

  it('says why a write was not kept, through later changes, until one is kept', async () => {
    const { terminal, autosave, said } = typing();
    autosave.change('Choi');
    vi.advanceTimersByTime(200);
    expect(said).toEqual({ saved: false, failure: null });
    await terminal.finishNext(answers.diskFull);
    expect(said).toEqual({ saved: false, failure: 'draft.storeFailed' });
    // The disk is still full: a new keystroke does not make the form look safe again.
    autosave.change('Choi, no sugar');
    expect(said).toEqual({ saved: false, failure: 'draft.storeFailed' });
    vi.advanceTimersByTime(200);
    await terminal.finishNext(answers.diskFull);
    vi.advanceTimersByTime(1000);
    expect(terminal.inFlight.map((w) => w.value)).toEqual(['Choi, no sugar']);
    await terminal.finishNext();
    expect(said).toEqual({ saved: true, failure: null });
    expect(terminal.kept).toEqual(['Choi, no sugar']);
  });

  it('a write refused as a request says why too', async () => {
    const { terminal, autosave, said } = typing();
    autosave.change('Choi');
    vi.advanceTimersByTime(200);
    await terminal.finishNext(answers.refused);
    expect(said).toEqual({ saved: false, failure: 'request.invalid' });
  });

  it('a newer change replaces the retry of a failed one', async () => {
    const { terminal, autosave, said } = typing();
    autosave.change('Choi');
    vi.advanceTimersByTime(200);
    await terminal.finishNext(answers.lost);
    autosave.change('Choi, no sugar');
    vi.advanceTimersByTime(5000);
    expect(terminal.inFlight.map((w) => w.value)).toEqual(['Choi, no sugar']);
    await terminal.finishNext();
    vi.advanceTimersByTime(5000);
    expect(terminal.kept).toEqual(['Choi, no sugar']);
    expect(said.saved).toBe(true);
  });

  it('close writes the waiting change and does not retry it (the next form writes its own) until a change reopens it', async () => {
    const { terminal, autosave, said } = typing();
    autosave.change('Choi');
    autosave.close();
    expect(terminal.inFlight.map((w) => w.value)).toEqual(['Choi']);
    await terminal.finishNext(answers.lost);
    vi.advanceTimersByTime(5000);
    expect(terminal.inFlight).toHaveLength(0);
    // Its effects set up again (React's StrictMode, a hidden screen shown): it writes and says so.
    autosave.change('Choi, no ice');
    vi.advanceTimersByTime(200);
    await terminal.finishNext();
    expect(said.saved).toBe(true);
  });

  it('flush writes the waiting change at once (the page is going away), and only once', async () => {
    const { terminal, autosave, said } = typing();
    autosave.change('Choi, no ice');
    autosave.flush();
    expect(terminal.inFlight.map((w) => w.value)).toEqual(['Choi, no ice']);
    vi.advanceTimersByTime(1000);
    autosave.flush();
    expect(terminal.inFlight).toHaveLength(1);
    await terminal.finishNext();
    expect(said.saved).toBe(true);
  });

  it('cancel stops a write not yet started', () => {
    const terminal = slowTerminal();
    const autosave = new DraftAutosave(terminal.write, () => undefined, 200);
    autosave.change('Choi');
    autosave.cancel();
    vi.advanceTimersByTime(1000);
    expect(terminal.inFlight).toHaveLength(0);
  });
});
