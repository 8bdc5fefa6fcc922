// A barcode scanner in keyboard-wedge mode types the code's digits much faster than a person
// (a few ms apart) and then Enter. This tells such a burst from typing: at least MIN_DIGITS
// digits, each within MAX_GAP_MS of the one before, then Enter within MAX_GAP_MS. A person
// typing digits into Quantity seldom gets there, a quick typist's phone number or a test's
// keyboard.type may: the order form takes a burst no product has as typing, not a scan.
export const WEDGE = { minDigits: 6, maxGapMs: 60 } as const;

export interface WedgeBurst {
  code: string;
  /** When the burst's first digit was typed, to undo what it typed into a field. */
  startedAt: number;
}

export class BarcodeWedge {
  private digits = '';
  private startedAt = 0;
  private lastAt = -Infinity;

  /**
   * Feed every keydown (key as KeyboardEvent.key, time in ms). Returns the scanned code on the
   * Enter that ends a burst, else null.
   */
  key(key: string, at: number): WedgeBurst | null {
    const fast = at - this.lastAt <= WEDGE.maxGapMs;
    this.lastAt = at;
    if (/^[0-9]$/.test(key)) {
      if (fast && this.digits.length > 0) this.digits += key;
      else {
        this.digits = key;
        this.startedAt = at;
      }
      return null;
    }
    const burst = key === 'Enter' && fast && this.digits.length >= WEDGE.minDigits;
    const result = burst ? { code: this.digits, startedAt: this.startedAt } : null;
    this.digits = '';
    return result;
  }

  /** True while the digits so far could still become a scan (a field's Enter should wait). */
  get pending(): string {
    return this.digits;
  }
}
