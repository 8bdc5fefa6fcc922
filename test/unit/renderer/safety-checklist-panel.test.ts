// The order topic deleted: the checklist's replication factor row read "Unknown" and its usual
// sentence, nothing saying why, beside a cluster that answered every other item.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { SafetyChecklistPanel } from '../../../renderer/diagnostics/SafetyChecklistPanel';
import { judge, readFacts, type ClusterSafetyFacts } from '../../../electron/diagnostics/safety-checklist';
import type { ChecklistItemId, ProducerSafetyConfig } from '../../../shared/diagnostics-types';
import { appError } from '../../../shared/error-codes';
import { KafkaError, KafkaResponseError } from '../../../electron/kafka-wire/error-codes';
import { ClusterConnectionError } from '../../../electron/cluster/cluster-errors';
import type { ClusterClient } from '../../../electron/cluster/cluster-client';

const broker = new Map(
  Object.entries({
    'auto.create.topics.enable': 'false',
    'delete.topic.enable': 'true',
    'min.insync.replicas': '2',
    'unclean.leader.election.enable': 'false',
  }),
);
const deleted: ClusterSafetyFacts = {
  brokerConfigs: new Map([1, 2, 3].map((id) => [id, broker])),
  topicExists: false,
  topicUnread: appError('checklist.topicMissing', { topic: 'user-data' }),
  topicConfigs: null,
  topicReplicationFactor: null,
};
const ordersProducer: ProducerSafetyConfig = { acks: -1, idempotent: true };

/** One checklist row's text, as the operator reads it. */
function row(facts: ClusterSafetyFacts, id: ChecklistItemId, historyDays = 400): string {
  const checklist = {
    checkedAt: '2026-12-07T06:30:00.000Z',
    items: judge(facts, ordersProducer, historyDays),
    error: null,
  };
  const html = renderToStaticMarkup(createElement(SafetyChecklistPanel, { checklist }));
  const m = new RegExp(`<li[^>]*data-item="${id}"[^>]*>(.*?)</li>`).exec(html);
  const text = (h: string) =>
    h
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'");
  return m ? text(m[1]) : `(no row ${id} in ${html})`;
}

describe('the safety checklist with the order topic deleted', () => {
  it('says the replication factor is unknown because the topic does not exist, in English and Korean', async () => {
    expect(row(deleted, 'replicationFactor')).toMatch(/Unknown .*The order topic "user-data" does not exist/);
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(row(deleted, 'replicationFactor')).toMatch(/알 수 없음 .*주문 토픽 user-data가 없습니다/);
  });

  it('gives no such reason when the topic could not be described for another reason (not allowed)', () => {
    const notAllowed = { ...deleted, topicUnread: appError('checklist.topicNotAuthorized', { topic: 'user-data' }) };
    expect(row(notAllowed, 'replicationFactor')).not.toMatch(/does not exist/);
  });
});

// The order topic at Kafka's default retention (7 days) against the history's 400: nothing said
// the topic could not be replayed for most of what the terminal shows.
describe("the order topic's retention against the terminal's history", () => {
  const sevenDays: ClusterSafetyFacts = {
    ...deleted,
    topicExists: true,
    topicUnread: null,
    topicConfigs: new Map([['retention.ms', '604800000']]),
    topicReplicationFactor: 3,
  };
  it('warns that the topic keeps records for less time than the history, in English and Korean', async () => {
    expect(row(sevenDays, 'topicRetention')).toMatch(
      /Warning .*Keep delivered orders.*retention\.ms=604800000.*cannot be replayed/,
    );
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(row(sevenDays, 'topicRetention')).toMatch(
      /경고 .*전송 완료 주문 보관 기간.*retention\.ms=604800000.*다시 읽을 수 없/,
    );
  });
  it('passes when the topic keeps them at least as long', () => {
    expect(row(sevenDays, 'topicRetention', 7)).toMatch(/^ ?Pass /);
  });
});

// The retention row read "Now: retention.ms=604800000": the operator had to divide by 86,400,000
// to hold it against Keep delivered orders (days).
describe("the order topic's retention in days, hours or for ever", () => {
  const retention = (ms: string): ClusterSafetyFacts => ({
    ...deleted,
    topicExists: true,
    topicUnread: null,
    topicConfigs: new Map([['retention.ms', ms]]),
    topicReplicationFactor: 3,
  });
  it('says the retention as an operator reads it, in English and Korean', async () => {
    expect(row(retention('604800000'), 'topicRetention')).toMatch(/Now: 7 days \(retention\.ms=604800000\)/);
    expect(row(retention('86400000'), 'topicRetention', 1)).toMatch(/Now: 1 day \(/);
    expect(row(retention('129600000'), 'topicRetention')).toMatch(/Now: 1\.5 days \(/);
    expect(row(retention('3600000'), 'topicRetention')).toMatch(/Now: 1 hour \(/);
    expect(row(retention('43200000'), 'topicRetention')).toMatch(/Now: 12 hours \(/);
    // Just short of 400 days warns against a 400-day history, so it must not read as 400.
    expect(row(retention(String(400 * 86_400_000 - 1)), 'topicRetention')).toMatch(/Warning .*Now: 399\.9 days \(/);
    expect(row(retention('-1'), 'topicRetention')).toMatch(/Pass .*Now: kept forever \(retention\.ms=-1\)/);
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(row(retention('604800000'), 'topicRetention')).toMatch(/현재: 7일 \(retention\.ms=604800000\)/);
    expect(row(retention('43200000'), 'topicRetention')).toMatch(/현재: 12시간 \(/);
    expect(row(retention('-1'), 'topicRetention')).toMatch(/현재: 영구 보관 \(retention\.ms=-1\)/);
  });
});

// A topic the cluster would not describe (not allowed, or its DescribeConfigs failed) showed its
// rows "Unknown" and their usual sentence, with nothing saying why; only a missing topic said so.
describe('the safety checklist when the order topic cannot be described', () => {
  const brokers = ['kafka-1:9092'];
  const client = (topicCode: number, topicConfigs: () => Promise<Map<string, string | null>>) =>
    ({
      metadata: () =>
        Promise.resolve({
          brokers: [{ nodeId: 1, host: 'kafka-1', port: 9092 }],
          topics: [
            {
              name: 'user-data',
              errorCode: topicCode,
              partitions: topicCode === KafkaError.NONE ? [{ replicaNodes: [1, 2, 3] }] : [],
            },
          ],
        }),
      brokerConfigs: () => Promise.resolve(new Map()),
      topicConfigs,
    }) as unknown as ClusterClient;
  const rowOf = async (c: ClusterClient, id: ChecklistItemId) => {
    const facts = await readFacts(c, 'user-data', brokers);
    return row(facts, id);
  };

  it('says the terminal is not allowed to describe it, in English and Korean', async () => {
    const notAllowed = client(KafkaError.TOPIC_AUTHORIZATION_FAILED, () => Promise.reject(new Error('not asked')));
    for (const id of ['replicationFactor', 'topicRetention', 'minInsyncReplicas'] as const)
      expect(await rowOf(notAllowed, id)).toMatch(/Unknown .*not allowed to describe the order topic "user-data"/);
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(await rowOf(notAllowed, 'topicRetention')).toMatch(/알 수 없음 .*주문 토픽 user-data를 조회할 권한이 없어/);
  });

  it('says why when the topic is listed but its settings are refused or not answered', async () => {
    const refused = client(KafkaError.NONE, () =>
      Promise.reject(new KafkaResponseError(KafkaError.TOPIC_AUTHORIZATION_FAILED, { context: 'DescribeConfigs' })),
    );
    expect(await rowOf(refused, 'topicRetention')).toMatch(/Unknown .*not allowed to describe the order topic/);
    // The replication factor comes from Metadata, which answered: no reason beside a value.
    expect(await rowOf(refused, 'replicationFactor')).toMatch(/^ ?Pass .*Now: 3/);
    expect(await rowOf(refused, 'replicationFactor')).not.toMatch(/not allowed/);
    const unreachable = client(KafkaError.NONE, () =>
      Promise.reject(new ClusterConnectionError('connect ECONNREFUSED 10.0.0.5:9092', { code: 'ECONNREFUSED' })),
    );
    expect(await rowOf(unreachable, 'topicRetention')).toMatch(
      /Unknown .*Cannot reach the Kafka cluster \(kafka-1:9092\): nothing accepts connections at 10\.0\.0\.5:9092/,
    );
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(await rowOf(unreachable, 'topicRetention')).toMatch(
      /알 수 없음 .*Kafka 클러스터\(kafka-1:9092\)에 연결할 수 없습니다/,
    );
  });

  it('still says the topic does not exist when Metadata says so', async () => {
    const gone = client(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, () => Promise.reject(new Error('not asked')));
    expect(await rowOf(gone, 'topicRetention')).toMatch(/Unknown .*The order topic "user-data" does not exist/);
  });
});
