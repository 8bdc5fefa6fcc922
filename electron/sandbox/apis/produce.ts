// Produce v3-8 (record batch magic v2 only). Each partition's batch is validated and every
// record decoded (gzip inflated first, at most socket.request.max.bytes of it; other codecs get
// UNSUPPORTED_COMPRESSION_TYPE), so nothing a consumer cannot read is stored. It is then checked
// against the leader, min.insync.replicas and the producer's sequence numbers, and stored intact
// with broker-assigned offsets.
// timeout_ms is not used: replication is instant here.
import { Produce, type ProducePartitionResponse } from '../../kafka-wire/apis/produce';
import { KafkaError } from '../../kafka-wire/error-codes';
import { parseRecordBatches } from '../../kafka-wire/record-batch-validate';
import { closeConnection, defineHandler, type RequestContext } from '../api-handler';

interface PartitionResult {
  index: number;
  error: number;
  baseOffset: number;
  logStartOffset: number;
  message: string | null;
}

function producePartition(
  ctx: RequestContext,
  topicName: string,
  index: number,
  records: Buffer | null,
  acks: number,
): PartitionResult {
  const state = ctx.services.state;
  const res = (error: number, message: string | null = null): PartitionResult => ({
    index,
    error,
    baseOffset: -1,
    logStartOffset: -1,
    message,
  });
  const found = state.findPartition(topicName, index);
  // No message, as Kafka 4.4.0 answers (measured with Produce v8).
  if (!found) return res(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
  const { topic, partition } = found;
  if (partition.leader !== ctx.broker.id)
    return res(KafkaError.NOT_LEADER_OR_FOLLOWER, 'This server is not the leader for that topic-partition.');
  if (records === null || records.length === 0) return res(KafkaError.CORRUPT_MESSAGE, 'no records');
  const parsed = parseRecordBatches(records, { maxDecompressedBytes: state.config.int('socket.request.max.bytes') });
  if (!parsed.ok) return res(parsed.error, parsed.message);
  if (parsed.batches.length !== 1)
    return res(
      KafkaError.CORRUPT_MESSAGE,
      'Produce requests with version 3+ must have exactly one record batch per partition',
    );
  const batch = parsed.batches[0];
  const max = state.maxMessageBytes(topic);
  if (batch.bytes.length > max) {
    return res(
      KafkaError.MESSAGE_TOO_LARGE,
      `The record batch is ${batch.bytes.length} bytes, larger than max.message.bytes ${max}.`,
    );
  }
  if (batch.isTransactional || batch.isControl)
    return res(KafkaError.INVALID_TXN_STATE, 'the sandbox does not support transactions');
  const minIsr = state.minInsyncReplicas(topic);
  if (acks === -1 && partition.isr.length < minIsr) {
    return res(
      KafkaError.NOT_ENOUGH_REPLICAS,
      `Messages are rejected since there are fewer in-sync replicas than required (${partition.isr.length} < ${minIsr}).`,
    );
  }
  const seq = partition.producers.check(batch);
  if (seq.kind === 'error') return res(seq.error, seq.message);
  if (seq.kind === 'duplicate') {
    return {
      index,
      error: KafkaError.NONE,
      baseOffset: seq.baseOffset,
      logStartOffset: partition.log.logStartOffset,
      message: null,
    };
  }
  const stored = partition.log.append(batch, partition.leaderEpoch);
  partition.producers.record(batch, stored.baseOffset);
  state.afterAppend();
  ctx.services.events.emit('append', topicName, index);
  return {
    index,
    error: KafkaError.NONE,
    baseOffset: stored.baseOffset,
    logStartOffset: partition.log.logStartOffset,
    message: null,
  };
}

export const produceHandler = defineHandler({
  api: Produce,
  minVersion: 3,
  maxVersion: 8,
  handle(ctx, req) {
    const acks = req.acks;
    const results = req.topicData.map((t) => ({
      name: t.name,
      partitions: t.partitionData.map((p) =>
        acks === 0 || acks === 1 || acks === -1
          ? producePartition(ctx, t.name, p.index, p.records, acks)
          : {
              index: p.index,
              error: KafkaError.INVALID_REQUIRED_ACKS,
              baseOffset: -1,
              logStartOffset: -1,
              message: null,
            },
      ),
    }));
    if (acks === 0) {
      // No response for acks=0. On an error Kafka closes the connection instead, so the
      // client notices and refreshes its metadata.
      const failed = results.flatMap((t) =>
        t.partitions.filter((p) => p.error !== KafkaError.NONE).map((p) => `${t.name}-${p.index}: error ${p.error}`),
      );
      return failed.length > 0 ? closeConnection(`acks=0 produce failed (${failed.join(', ')})`) : null;
    }
    return {
      responses: results.map((t) => ({
        name: t.name,
        partitionResponses: t.partitions.map((p): ProducePartitionResponse => ({
          index: p.index,
          errorCode: p.error,
          baseOffset: p.baseOffset,
          logAppendTimeMs: -1, // CreateTime topics
          logStartOffset: p.logStartOffset,
          recordErrors: [],
          errorMessage: p.error === KafkaError.NONE ? null : p.message,
        })),
      })),
      throttleTimeMs: 0,
    };
  },
});
