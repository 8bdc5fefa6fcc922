// Two costs inside kafkajs 2.2.4 dominated the benchmark's profile, so before kafkajs loads we
// register faster, behaviour-identical replacements under the module paths kafkajs requires
// them from:
// - the record batch CRC-32C is computed in JavaScript (about 11% of a run with 1,000-byte
//   records): replaced by @node-rs/crc32's native crc32c, already a dependency;
// - grouping a send's messages by partition copies the array for every message
//   (`[...current, message]`), quadratic in the batch (about 12%): replaced by a linear loop
//   returning the same object;
// - each record is encoded into a zero-filled 512-byte buffer that is then grown and copied
//   (about a third of the run in allocations, copies and garbage collection): replaced by an
//   encoder that writes the same bytes (Kafka's record v2 layout) into one buffer of the exact
//   size. It handles what the benchmark sends (a Buffer value, an optional Buffer key, no
//   headers) and refuses anything else loudly rather than encoding it differently.
// The benchmark measures the cluster, not those two loops. If a path ever moves, nothing is
// replaced and kafkajs keeps its own. Import this module before anything that imports kafkajs.
// It only takes effect where kafkajs has not been loaded yet, and it is only installed by the
// benchmark's own entry points (install-kafkajs-speedups.ts): the worker thread and the CLI.
// ORDER_DESK_BENCH_PLAIN_KAFKAJS=1 turns both off, to measure kafkajs exactly as shipped.
import { crc32c } from '@node-rs/crc32';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

function here(): string {
  try {
    if (import.meta.url) return fileURLToPath(import.meta.url);
  } catch {
    // CommonJS bundle without import.meta
  }
  return typeof __filename === 'string' ? __filename : `${process.cwd()}/index.js`;
}

type Grouping = (args: {
  topic: string;
  partitionMetadata: unknown[];
  messages: unknown[];
  partitioner: (a: { topic: string; partitionMetadata: unknown[]; message: unknown }) => number;
}) => Record<number, unknown[]>;

const groupMessagesPerPartition: Grouping = ({ topic, partitionMetadata, messages, partitioner }) => {
  const result: Record<number, unknown[]> = {};
  if (partitionMetadata.length === 0) return result;
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    (result[partition] ??= []).push(message);
  }
  return result;
};

/** Kafka's zig-zag varint, for the small integers a record header holds (|n| < 2^30 here). */
function zigzagSize(n: number): number {
  const v = n >= 0 ? n * 2 : -n * 2 - 1;
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}
function writeZigzag(buf: Buffer, offset: number, n: number): number {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  while (v >= 0x80) {
    buf[offset++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[offset++] = v;
  return offset;
}

interface RecordInput {
  offsetDelta?: number;
  timestampDelta?: number;
  key?: Buffer | null;
  value?: Buffer | null;
  headers?: Record<string, unknown>;
}

/** One record (v2 layout: length, attributes, timestamp delta, offset delta, key, value, headers), as kafkajs' Encoder-like object. */
export function encodeRecord({ offsetDelta = 0, timestampDelta = 0, key = null, value = null, headers = {} }: RecordInput): { buf: Buffer; buffer: Buffer } {
  if (Math.abs(Number(timestampDelta)) >= 2 ** 30 || Math.abs(offsetDelta) >= 2 ** 30) {
    throw new Error('the benchmark record encoder takes deltas below 2^30');
  }
  if (Object.keys(headers).length > 0) throw new Error('the benchmark record encoder does not encode headers');
  if ((key !== null && key !== undefined && !Buffer.isBuffer(key)) || (value !== null && value !== undefined && !Buffer.isBuffer(value))) {
    throw new Error('the benchmark record encoder takes Buffer keys and values only');
  }
  const ts = Number(timestampDelta);
  const keyLen = key ? key.length : -1;
  const valueLen = value ? value.length : -1;
  const body =
    1 + zigzagSize(ts) + zigzagSize(offsetDelta) + zigzagSize(keyLen) + Math.max(0, keyLen) + zigzagSize(valueLen) + Math.max(0, valueLen) + 1;
  const buf = Buffer.allocUnsafe(zigzagSize(body) + body);
  let o = writeZigzag(buf, 0, body);
  buf[o++] = 0; // attributes
  o = writeZigzag(buf, o, ts);
  o = writeZigzag(buf, o, offsetDelta);
  o = writeZigzag(buf, o, keyLen);
  // TypedArray.set: a plain memcpy, without Buffer.copy's argument handling per record.
  if (key) {
    buf.set(key, o);
    o += key.length;
  }
  o = writeZigzag(buf, o, valueLen);
  if (value) {
    buf.set(value, o);
    o += value.length;
  }
  buf[o] = 0; // no headers
  return { buf, buffer: buf };
}

function register(modulePath: string, exports: unknown): boolean {
  try {
    const require = createRequire(here());
    const path = require.resolve(modulePath);
    if (require.cache[path]) return false;
    const m = new Module(path);
    m.filename = path;
    m.loaded = true;
    m.exports = exports;
    require.cache[path] = m;
    return true;
  } catch {
    return false;
  }
}

export interface KafkajsSpeedups {
  nativeCrc32c: boolean;
  linearGrouping: boolean;
  exactSizeRecords: boolean;
}

/** Which replacements are in this process's module cache; all false until installed. */
export const kafkajsSpeedups: KafkajsSpeedups = { nativeCrc32c: false, linearGrouping: false, exactSizeRecords: false };

/**
 * Registers the replacements. Called only by install-kafkajs-speedups.ts, which the benchmark's
 * own entry points (the worker thread and the CLI) import first; never at import time, so the
 * app's main process, whose order producer needs kafkajs' header-encoding record encoder, can
 * import the benchmark's modules safely.
 */
export function installKafkajsSpeedups(): KafkajsSpeedups {
  if (process.env.ORDER_DESK_BENCH_PLAIN_KAFKAJS) return kafkajsSpeedups;
  kafkajsSpeedups.nativeCrc32c ||= register('kafkajs/src/protocol/recordBatch/crc32C/index.js', (buffer: Buffer): number => crc32c(buffer));
  kafkajsSpeedups.linearGrouping ||= register('kafkajs/src/producer/groupMessagesPerPartition.js', groupMessagesPerPartition);
  kafkajsSpeedups.exactSizeRecords ||= register('kafkajs/src/protocol/recordBatch/record/v0/index.js', encodeRecord);
  return kafkajsSpeedups;
}
