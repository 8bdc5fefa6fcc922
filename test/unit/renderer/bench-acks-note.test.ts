// Two of three brokers stopped: the topic's partitions had 1 replica in sync against
// min.insync.replicas 2. Diagnostics said acks=all writes are refused, and with the benchmark's
// acks at 1 it said nothing: acks=1 is still acknowledged, on fewer replicas than the rule asks.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { AcksBelowMinIsrNote } from '../../../renderer/diagnostics/BenchPanel';
import type { ClusterHealth } from '../../../shared/diagnostics-types';

const partition = (n: number, isr: number[], writesBlocked: boolean) => ({
  partition: n,
  leader: isr[0],
  replicas: [1, 2, 3],
  isr,
  offlineReplicas: [1, 2, 3].filter((r) => !isr.includes(r)),
  underReplicated: isr.length < 3,
  writesBlocked,
  offline: false,
  error: null,
});
const health: ClusterHealth = {
  checkedAt: '2026-12-07T06:30:00.000Z',
  reachable: true,
  clusterId: 'c',
  controllerId: 1,
  brokers: [],
  topic: {
    name: 'user-data',
    exists: true,
    error: null,
    minInsyncReplicas: 2,
    partitions: [partition(0, [1], true), partition(1, [1, 2], false)],
  },
  otherTopics: [
    {
      name: 'order-desk-bench',
      internal: false,
      error: null,
      minInsyncReplicas: 2,
      partitions: [partition(0, [1], true)],
    },
  ],
  error: null,
};

const note = (topic: string, acks: '0' | '1' | '-1', h: ClusterHealth | null = health) =>
  renderToStaticMarkup(createElement(AcksBelowMinIsrNote, { health: h, topic, acks }))
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"');

describe("the benchmark's acks=1 on a topic short of in-sync replicas", () => {
  it('says acks=1 still succeeds but the records are on fewer replicas than the safety rule, in English and Korean', async () => {
    expect(note('user-data', '1')).toBe(
      'acks=1 is still acknowledged, but 1 partition of "user-data" has fewer replicas in sync than min.insync.replicas (2): records sent now are kept on fewer replicas than the store’s safety rule asks, and a broker lost now can lose them.',
    );
    expect(note('order-desk-bench', '1')).toMatch(
      /^acks=1 is still acknowledged, but 1 partition of "order-desk-bench"/,
    );
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(note('user-data', '1')).toMatch(
      /^acks=1은 여전히 확인되지만.*min\.insync\.replicas\(2\)보다 적습니다.*안전 규칙/,
    );
  });

  it('says nothing for acks=all (refused, as the partition rows say), acks=0 (never acknowledged), a topic in sync, or no answer yet', () => {
    expect(note('user-data', '-1')).toBe('');
    expect(note('user-data', '0')).toBe('');
    expect(note('other', '1')).toBe('');
    expect(note('user-data', '1', null)).toBe('');
  });
});
