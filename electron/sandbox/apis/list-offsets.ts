// ListOffsets v1-5: the offset for a timestamp, where -1 is the latest offset (the high
// watermark, which is also the last stable offset: the sandbox has no transactions) and -2 the
// earliest (the log start offset). Only the partition's leader answers, as in Kafka.
import type { ApiHandler } from '../api-handler';
import type { PartitionState } from '../cluster-state';
import { checkPartitionRead } from '../partition-read-check';
import { ApiKey } from '../protocol/api-keys';
import { KafkaError } from '../protocol/error-codes';
import { KafkaReader } from '../protocol/kafka-reader';
import { KafkaWriter } from '../protocol/kafka-writer';
import { BATCH_HEADER_BYTES } from '../protocol/record-batch';

export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;

interface OffsetAnswer {
  index: number;
  error: number;
  timestamp: number;
  offset: number;
  leaderEpoch: number;
}

const ATTR_LOG_APPEND_TIME = 0x08;

/**
 * The first record at or after `ts` (Kafka's fetchOffsetByTimestamp): the first batch whose max
 * timestamp reaches it, then the first record inside it that does. Compressed batches are not
 * opened; their base offset and max timestamp answer, which is where a consumer would start anyway.
 */
export function offsetForTimestamp(p: PartitionState, ts: number): { offset: number; timestamp: number; leaderEpoch: number } | null {
  const log = p.log;
  for (const b of log.batches) {
    if (b.maxTimestamp < ts || b.lastOffset < log.logStartOffset) continue;
    const bytes = b.bytes;
    const leaderEpoch = bytes.readInt32BE(12);
    const attributes = bytes.readInt16BE(21);
    if ((attributes & 0x07) !== 0 || (attributes & ATTR_LOG_APPEND_TIME) !== 0) {
      return { offset: Math.max(b.baseOffset, log.logStartOffset), timestamp: b.maxTimestamp, leaderEpoch };
    }
    const firstTimestamp = Number(bytes.readBigInt64BE(27));
    const count = bytes.readInt32BE(57);
    const r = new KafkaReader(bytes, BATCH_HEADER_BYTES);
    for (let i = 0; i < count; i++) {
      const len = r.varint();
      const end = r.pos + len;
      r.int8(); // attributes
      const timestamp = firstTimestamp + r.varint();
      const offset = b.baseOffset + r.varint();
      if (timestamp >= ts && offset >= log.logStartOffset) return { offset, timestamp, leaderEpoch };
      r.pos = end;
    }
  }
  return null;
}

function answer(p: PartitionState, index: number, ts: number): OffsetAnswer {
  const log = p.log;
  if (ts === LATEST_TIMESTAMP) return { index, error: KafkaError.NONE, timestamp: -1, offset: log.nextOffset, leaderEpoch: p.leaderEpoch };
  if (ts === EARLIEST_TIMESTAMP) {
    const first = log.batches.find((b) => b.lastOffset >= log.logStartOffset);
    const leaderEpoch = first ? first.bytes.readInt32BE(12) : p.leaderEpoch;
    return { index, error: KafkaError.NONE, timestamp: -1, offset: log.logStartOffset, leaderEpoch };
  }
  // Other negative values (-3 = max timestamp) only mean something from v7 on.
  if (ts < 0) return { index, error: KafkaError.INVALID_REQUEST, timestamp: -1, offset: -1, leaderEpoch: -1 };
  const found = offsetForTimestamp(p, ts);
  // No record that late: Kafka answers offset -1 with no error.
  return found ? { index, error: KafkaError.NONE, ...found } : { index, error: KafkaError.NONE, timestamp: -1, offset: -1, leaderEpoch: -1 };
}

export const listOffsetsHandler: ApiHandler = {
  apiKey: ApiKey.ListOffsets,
  name: 'ListOffsets',
  minVersion: 1,
  maxVersion: 5,
  handle(ctx, r) {
    const v = ctx.apiVersion;
    r.int32(); // replica_id: -1 for consumers; there are no follower fetchers here
    if (v >= 2) r.int8(); // isolation_level: the last stable offset is the high watermark either way
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({
        index: y.int32(),
        currentLeaderEpoch: v >= 4 ? y.int32() : -1,
        timestamp: y.int64n(),
      })),
    }));
    const seen = new Map<string, number>();
    for (const t of topics) for (const p of t.partitions) seen.set(`${t.name}\0${p.index}`, (seen.get(`${t.name}\0${p.index}`) ?? 0) + 1);

    const state = ctx.services.state;
    const results = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): OffsetAnswer => {
        const fail = (error: number): OffsetAnswer => ({ index: p.index, error, timestamp: -1, offset: -1, leaderEpoch: -1 });
        // Kafka refuses a partition listed twice in one request.
        if ((seen.get(`${t.name}\0${p.index}`) ?? 0) > 1) return fail(KafkaError.INVALID_REQUEST);
        const check = checkPartitionRead(state, ctx.broker.id, t.name, p.index, p.currentLeaderEpoch);
        if (!check.ok) return fail(check.error);
        return answer(check.partition, p.index, p.timestamp);
      }),
    }));

    const w = new KafkaWriter();
    if (v >= 2) w.int32(0); // throttle_time_ms
    w.array(results, (w2, t) => {
      w2.string(t.name);
      w2.array(t.partitions, (w3, p) => {
        w3.int32(p.index).int16(p.error).int64(p.timestamp).int64(p.offset);
        if (v >= 4) w3.int32(p.leaderEpoch);
      });
    });
    return w;
  },
};
