// The round trip of each broker's row read "1234.6 ms": toFixed, digits not grouped as every other
// figure of the app (formatNumber). It is "1,234.6 ms" now, in English and in Korean.
// Diagnostics with no broker reached (a mistyped broker name): the cluster panel's controller line
// said "Unknown: the controller quorum did not answer", blaming a quorum nobody could ask, beside
// the alert that says why the cluster could not be reached. Reached, with no leader named, it
// still says the quorum did not answer.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { ClusterHealthPanel, TopicPartitionsPanel } from '../../../renderer/diagnostics/ClusterHealthPanel';
import type { ClusterHealth } from '../../../shared/diagnostics-types';

const health = (reachable: boolean): ClusterHealth => ({
  checkedAt: '2026-12-07T06:30:00.000Z',
  reachable,
  clusterId: null,
  controllerId: null,
  brokers: [],
  topic: { name: 'user-data', exists: false, error: null, minInsyncReplicas: null, partitions: [] },
  otherTopics: [],
  error: reachable ? null : { code: 'kafka.unreachable' },
});

/** The controller line's text, as the operator reads it. */
function controllerLine(h: ClusterHealth): string {
  const html = renderToStaticMarkup(createElement(ClusterHealthPanel, { health: h }));
  const m = /data-testid="cluster-controller"[^>]*>([^<]*)</.exec(html);
  return m ? m[1] : `(no controller line in ${html})`;
}

describe("Diagnostics' controller line", () => {
  it('names no culprit when no broker could be reached, in either language', async () => {
    expect(controllerLine(health(false))).toBe('—');
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(controllerLine(health(false))).toBe('—');
  });

  it('says the quorum did not answer when the cluster was reached and named no controller', () => {
    expect(controllerLine(health(true))).toBe('Unknown: the controller quorum did not answer');
  });
});

describe("Diagnostics' metadata round trip", () => {
  const withRtt = (rttMs: number | null): ClusterHealth => ({
    ...health(true),
    brokers: [
      {
        nodeId: 1,
        host: 'kafka-1',
        port: 9092,
        reachable: rttMs !== null,
        rttMs,
        isController: true,
        error: null,
        detail: null,
      },
    ],
  });
  /** The round-trip cell of the broker's row, as the operator reads it. */
  const rtt = (h: ClusterHealth): string => {
    const html = renderToStaticMarkup(createElement(ClusterHealthPanel, { health: h }));
    const cells = [...html.split('<tbody>')[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    return cells[3].replace(/<[^>]+>/g, '');
  };

  it("groups its digits and keeps one decimal, as the app's other figures, in English and Korean", async () => {
    expect(rtt(withRtt(1234.56))).toBe('1,234.6\u00a0ms');
    expect(rtt(withRtt(2))).toBe('2.0\u00a0ms');
    expect(rtt(withRtt(null))).toBe('—');
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(rtt(withRtt(1234.56))).toBe('1,234.6\u00a0ms');
    expect(rtt(withRtt(0.44))).toBe('0.4\u00a0ms');
  });
});

// All three brokers of an Apache Kafka cluster stopped: the order topic's card was a title over
// nothing, neither its partitions nor a word on why, beside a safety checklist saying "Unknown".
describe("Diagnostics' order topic card while the cluster cannot be reached", () => {
  const topicCardText = (h: ClusterHealth): string =>
    renderToStaticMarkup(createElement(TopicPartitionsPanel, { health: h }))
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/\s+/g, ' ')
      .trim();

  it('says its partitions are not known until a broker answers, in English and Korean', async () => {
    expect(topicCardText(health(false))).toBe(
      'Order topic "user-data" Not known until a broker answers: its partitions cannot be read while the cluster cannot be reached.',
    );
    // Reached, a topic that does not exist still says so, and nothing about being unreachable.
    expect(topicCardText(health(true))).not.toContain('Not known');
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(topicCardText(health(false))).toBe(
      '주문 토픽 "user-data" 브로커가 응답할 때까지 알 수 없습니다: 클러스터에 연결할 수 없는 동안에는 파티션을 읽을 수 없습니다.',
    );
  });
});

describe("Diagnostics' cluster badge", () => {
  const broker = (nodeId: number, reachable: boolean) => ({
    nodeId,
    host: `kafka-${nodeId}`,
    port: 9092,
    reachable,
    rttMs: reachable ? 1 : null,
    isController: reachable && nodeId === 1,
    error: null,
    detail: null,
  });
  const badge = (h: ClusterHealth): { text: string; state: string } => {
    const html = renderToStaticMarkup(createElement(ClusterHealthPanel, { health: h }));
    const m = /<span([^>]*data-testid="cluster-state"[^>]*)>([^<]*)</.exec(html);
    return { text: m?.[2] ?? `(no badge in ${html})`, state: /data-state="([^"]*)"/.exec(m?.[1] ?? '')?.[1] ?? '' };
  };

  it('says how many brokers answer when some do not, and when no controller is named, in either language', async () => {
    const all = { ...health(true), controllerId: 1, brokers: [broker(1, true), broker(2, true), broker(3, true)] };
    const twoDown = {
      ...health(true),
      controllerId: null,
      brokers: [broker(1, true), broker(2, false), broker(3, false)],
    };
    const noController = { ...all, controllerId: null };
    expect(badge(all)).toEqual({ text: 'Reachable', state: 'reachable' });
    expect(badge(twoDown)).toEqual({ text: 'Reachable: 1 of 3 brokers answer', state: 'partial' });
    expect(badge(noController)).toEqual({ text: 'Reachable, no controller named', state: 'noController' });
    expect(badge(health(false))).toEqual({ text: 'Unreachable', state: 'unreachable' });
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(badge(twoDown).text).toBe('일부만 연결됨: 브로커 3개 중 1개 응답');
    expect(badge(noController).text).toBe('연결됨, 컨트롤러 없음');
  });
});
