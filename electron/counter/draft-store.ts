// The order being typed, in draft.json in the data directory: written (atomically, fsynced) a
// moment after each change, so a reload, a crash of the window or of the whole app loses at
// most the last keystrokes. An empty form removes the file. Beside it, draft-aside.json holds
// the orders set aside next to the typed one (see the order form), so they survive a reload too.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { asideDraftsSchema, counterDraftSchema, type CounterDraft } from '../../shared/counter-types';
import { writeFileAtomic } from '../settings/settings-store';

export const DRAFT_FILE = 'draft.json';
export const ASIDE_FILE = 'draft-aside.json';

export class DraftStore {
  private readonly file: string;
  private readonly asideFile: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, DRAFT_FILE);
    this.asideFile = path.join(dataDir, ASIDE_FILE);
  }

  get(): CounterDraft | null {
    return readJson(this.file, counterDraftSchema.nullable()) ?? null;
  }

  save(draft: CounterDraft | null): void {
    writeOrRemove(this.file, draft);
  }

  getAside(): CounterDraft[] {
    return readJson(this.asideFile, asideDraftsSchema) ?? [];
  }

  saveAside(drafts: CounterDraft[]): void {
    writeOrRemove(this.asideFile, drafts.length ? drafts : null);
  }
}

/** A missing, unreadable or foreign file reads as nothing kept: the form opens empty. */
function readJson<T>(file: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function writeOrRemove(file: string, value: unknown): void {
  if (value === null) fs.rmSync(file, { force: true });
  else writeFileAtomic(file, JSON.stringify(value));
}
