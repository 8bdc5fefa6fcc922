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

// The retention row read "Now: retention.ms=604800000": the operator had to divide by 86,400,000
// to hold it against Keep delivered orders (days).
describe("the order topic's retention in days, hours or for ever", () => {
  const retention = (ms: string): ClusterSafetyFacts => ({
    ...deleted,
    topicExists: true,
    topicMissing: false,
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
