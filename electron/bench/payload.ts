// Record values as kafka-producer-perf-test makes them: with a record size, one random payload
// of capital letters reused for every record; with a payload file, the file split by the
// delimiter and each record picking a random entry.
import { readFile } from 'node:fs/promises';

export interface PayloadSource {
  next(): Buffer;
  /** Largest value this source can produce, for the max.message.bytes check. */
  readonly maxBytes: number;
}

export type Random = () => number;

export function randomPayload(recordSize: number, random: Random = Math.random): PayloadSource {
  const payload = Buffer.alloc(recordSize);
  for (let i = 0; i < recordSize; i++) payload[i] = 65 + Math.floor(random() * 26);
  return { next: () => payload, maxBytes: recordSize };
}

export function payloadList(entries: string[], random: Random = Math.random): PayloadSource {
  if (entries.length === 0) throw new Error('the payload list is empty');
  const buffers = entries.map((e) => Buffer.from(e, 'utf8'));
  return {
    next: () => buffers[Math.floor(random() * buffers.length)],
    maxBytes: Math.max(...buffers.map((b) => b.length)),
  };
}

/**
 * perf-test's --payload-delimiter is a Java regex, so the shell's `"\n"` (backslash, n) means a
 * newline there. We split on the literal delimiter after turning \n, \r, \t and \\ into the
 * characters they name, which covers how the flag is used without regex surprises.
 */
export function unescapeDelimiter(d: string): string {
  return d.replace(/\\([nrt\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '\\': '\\' })[c] ?? c);
}

/** Java's String.split drops trailing empty strings; so do we (a final newline adds no entry). */
export function splitPayloads(text: string, delimiter: string): string[] {
  const parts = text.split(unescapeDelimiter(delimiter));
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export type PayloadFileResult = { ok: true; entries: string[] } | { ok: false; detail: string };

export async function readPayloadFile(path: string, delimiter = '\\n'): Promise<PayloadFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return {
      ok: false,
      detail: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message,
    };
  }
  const entries = splitPayloads(text, delimiter);
  if (entries.length === 0) return { ok: false, detail: 'the file contains no payloads' };
  return { ok: true, entries };
}
