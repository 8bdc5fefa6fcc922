// The local history of benchmark results: one JSON file under the data directory, newest last,
// written atomically (temp file + rename) so a crash never leaves half a history.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { benchRunResultSchema, type BenchRunResult } from '../../shared/bench-types';

export const HISTORY_FILE = 'bench-history.json';
export const HISTORY_LIMIT = 200;
/** Payload files can be large; history keeps a few entries to show what was sent. */
const PAYLOADS_KEPT = 20;

const historySchema = z.array(benchRunResultSchema);

export class BenchHistory {
  private cache: BenchRunResult[] | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  get path(): string {
    return join(this.dataDir, HISTORY_FILE);
  }

  async list(): Promise<BenchRunResult[]> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      this.cache = [];
      return this.cache;
    }
    let parsed: ReturnType<typeof historySchema.safeParse> | null;
    try {
      parsed = historySchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (parsed?.success) {
      this.cache = parsed.data;
    } else {
      // A damaged history is set aside (kept on disk) rather than breaking the screen or
      // being overwritten by the next result.
      await rename(this.path, `${this.path}.damaged-${Date.now()}`).catch(() => undefined);
      this.cache = [];
    }
    return this.cache;
  }

  async add(results: BenchRunResult[]): Promise<void> {
    const current = await this.list();
    const trimmed = results.map((r) =>
      r.params.payloads && r.params.payloads.length > PAYLOADS_KEPT
        ? { ...r, params: { ...r.params, payloads: r.params.payloads.slice(0, PAYLOADS_KEPT) } }
        : r,
    );
    this.cache = [...current, ...trimmed].slice(-HISTORY_LIMIT);
    const snapshot = JSON.stringify(this.cache, null, 1);
    this.writing = this.writing.then(async () => {
      await mkdir(this.dataDir, { recursive: true });
      const tmp = `${this.path}.tmp`;
      await writeFile(tmp, snapshot);
      await rename(tmp, this.path);
    });
    await this.writing;
  }
}
