// The order topic deleted: the checklist's replication factor row read "Unknown" and its usual
// sentence, nothing saying why, beside a cluster that answered every other item.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { SafetyChecklistPanel } from '../../../renderer/diagnostics/SafetyChecklistPanel';
import { judge, type ClusterSafetyFacts } from '../../../electron/diagnostics/safety-checklist';
import type { ChecklistItemId, ProducerSafetyConfig } from '../../../shared/diagnostics-types';

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
  topicMissing: true,
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
  return m ? m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') : `(no row ${id} in ${html})`;
}

describe('the safety checklist with the order topic deleted', () => {
  it('says the replication factor is unknown because the topic does not exist, in English and Korean', async () => {
    expect(row(deleted, 'replicationFactor')).toMatch(/Unknown .*The order topic does not exist/);
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(row(deleted, 'replicationFactor')).toMatch(/알 수 없음 .*주문 토픽이 없습니다/);
  });

  it('gives no such reason when the topic could not be described for another reason (not allowed)', () => {
    expect(row({ ...deleted, topicMissing: false }, 'replicationFactor')).not.toMatch(/does not exist/);
  });
});

// The order topic at Kafka's default retention (7 days) against the history's 400: nothing said
// the topic could not be replayed for most of what the terminal shows.
describe("the order topic's retention against the terminal's history", () => {
  const sevenDays: ClusterSafetyFacts = {
    ...deleted,
    topicExists: true,
    topicMissing: false,
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
