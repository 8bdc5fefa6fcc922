// A partition log's settings: each topic-level key, else its broker-level default
// (cluster-config.ts). Without a data directory a segment is at most a sixteenth of the memory
// budget (sandbox.log.memory.max.bytes), so the budget can be kept by deleting whole segments.
import type { BrokerConfig } from './cluster-config';

export interface LogSettings {
  segmentBytes: number;
  segmentMs: number;
  indexIntervalBytes: number;
  retentionMs: number;
  retentionBytes: number;
  /** cleanup.policy includes delete (retention applies). */
  deleteEnabled: boolean;
  producerIdExpirationMs: number;
}

export const MEMORY_SEGMENTS_PER_BUDGET = 16;
const MIN_MEMORY_SEGMENT_BYTES = 1024 * 1024;

export function logSettings(
  config: BrokerConfig,
  topicConfigs: Record<string, string>,
  inMemory: boolean,
): LogSettings {
  const topic = (key: string) => Number(config.topicValue(topicConfigs, key).value);
  let segmentBytes = topic('segment.bytes');
  if (inMemory) {
    const budgetShare = Math.floor(config.int('sandbox.log.memory.max.bytes') / MEMORY_SEGMENTS_PER_BUDGET);
    segmentBytes = Math.min(segmentBytes, Math.max(MIN_MEMORY_SEGMENT_BYTES, budgetShare));
  }
  return {
    segmentBytes,
    segmentMs: topic('segment.ms'),
    indexIntervalBytes: topic('index.interval.bytes'),
    retentionMs: topic('retention.ms'),
    retentionBytes: topic('retention.bytes'),
    deleteEnabled: String(config.topicValue(topicConfigs, 'cleanup.policy').value).split(',').includes('delete'),
    producerIdExpirationMs: config.int('producer.id.expiration.ms'),
  };
}
