// Builds magic v2 record batches byte by byte, independently of kafkajs, so tests can send
// exactly the batch they mean (a given sequence number, a wrong CRC, a lying length...).
import { crc32c } from '@node-rs/crc32';

function zigzagVarint(n: number): Buffer {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Buffer.from(out);
}

function sizedBytes(b: Buffer | null): Buffer {
  return b === null ? zigzagVarint(-1) : Buffer.concat([zigzagVarint(b.length), b]);
}

export interface TestRecord {
  key?: string | null;
  value: string;
  headers?: Record<string, string>;
}

export interface BatchOptions {
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  timestamp?: number;
}

export function buildRecordBatch(records: TestRecord[], opts: BatchOptions = {}): Buffer {
  const ts = opts.timestamp ?? 1_700_000_000_000;
  const body = Buffer.concat(
    records.map((rec, i) => {
      const headers = Object.entries(rec.headers ?? {});
      const inner = Buffer.concat([
        Buffer.from([0]), // attributes
        zigzagVarint(0), // timestamp delta
        zigzagVarint(i), // offset delta
        sizedBytes(rec.key == null ? null : Buffer.from(rec.key)),
        sizedBytes(Buffer.from(rec.value)),
        zigzagVarint(headers.length),
        ...headers.map(([k, v]) => Buffer.concat([sizedBytes(Buffer.from(k)), sizedBytes(Buffer.from(v))])),
      ]);
      return Buffer.concat([zigzagVarint(inner.length), inner]);
    }),
  );
  const head = Buffer.alloc(61);
  head.writeBigInt64BE(0n, 0);
  head.writeInt32BE(61 - 12 + body.length, 8);
  head.writeInt32BE(-1, 12);
  head.writeInt8(2, 16);
  head.writeInt16BE(0, 21);
  head.writeInt32BE(records.length - 1, 23);
  head.writeBigInt64BE(BigInt(ts), 27);
  head.writeBigInt64BE(BigInt(ts), 35);
  head.writeBigInt64BE(BigInt(opts.producerId ?? -1), 43);
  head.writeInt16BE(opts.producerEpoch ?? -1, 51);
  head.writeInt32BE(opts.baseSequence ?? -1, 53);
  head.writeInt32BE(records.length, 57);
  const batch = Buffer.concat([head, body]);
  batch.writeUInt32BE(crc32c(batch.subarray(21)) >>> 0, 17);
  return batch;
}

/** The same batch with another base sequence, CRC recomputed. */
export function withSequence(batch: Buffer, baseSequence: number): Buffer {
  const copy = Buffer.from(batch);
  copy.writeInt32BE(baseSequence, 53);
  copy.writeUInt32BE(crc32c(copy.subarray(21)) >>> 0, 17);
  return copy;
}
