// The order being typed, in draft.json in the data directory: written (atomically, fsynced) a
// moment after each change, so a reload, a crash of the window or of the whole app loses at
// most the last keystrokes. An empty form removes the file.
import fs from 'node:fs';
import path from 'node:path';
import { counterDraftSchema, type CounterDraft } from '../../shared/counter-types';
import { writeFileAtomic } from '../settings/settings-store';

export const DRAFT_FILE = 'draft.json';

export class DraftStore {
  private readonly file: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, DRAFT_FILE);
  }

  get(): CounterDraft | null {
    try {
      const parsed = counterDraftSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  save(draft: CounterDraft | null): void {
    if (draft === null) fs.rmSync(this.file, { force: true });
    else writeFileAtomic(this.file, JSON.stringify(draft));
  }
}
