// Record batch v2 (magic 2), the only format Kafka 4.x accepts:
// baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
// attributes int16 | lastOffsetDelta int32 | firstTimestamp int64 | maxTimestamp int64 |
// producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records...
// The CRC-32C covers attributes to the end, so the broker may stamp baseOffset and
// partitionLeaderEpoch without recomputing it. Each record: length varint | attributes int8 |
// timestampDelta varint | offsetDelta varint | key (varint length, -1 = null) | value (same) |
// header count varint | headers (key: varint length + UTF-8, value: varint length, -1 = null).

export const BATCH_MAGIC = 2;
export const BATCH_HEADER_BYTES = 61;
/** baseOffset and batchLength: the bytes before the length's count starts. */
export const LOG_OVERHEAD = 12;

/** Byte offsets of the header fields. */
export const BatchField = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  firstTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
} as const;

/** Bits of the attributes field. */
export const BatchAttribute = {
  compressionMask: 0x07,
  logAppendTime: 0x08,
  transactional: 0x10,
  control: 0x20,
} as const;

/** Compression codecs (attributes & compressionMask). */
export const Compression = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
export type CompressionName = keyof typeof Compression;
export const MAX_COMPRESSION_CODEC = Compression.zstd;

/** producerId / producerEpoch / baseSequence of a batch from a producer that is not idempotent. */
export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
/** partitionLeaderEpoch before a broker stamps it. */
export const NO_PARTITION_LEADER_EPOCH = -1;
