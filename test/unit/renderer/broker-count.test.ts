// The create-topic warning's count of brokers: the cluster's brokers, not the table's rows. A
// configured address no broker of the cluster is known at is listed as "?" and is not another
// broker (3 brokers, one down, read "Only 2 of the 4 brokers answer"); and one broker answers.
import { describe, expect, it } from 'vitest';
import type { ClusterHealth } from '../../../shared/diagnostics-types';
import { brokerCount } from '../../../renderer/diagnostics/CreateTopicForm';
import { i18next } from '../../../renderer/i18n/i18n';
import '../../../renderer/diagnostics/diagnostics-strings';

const row = (nodeId: number, port: number, reachable: boolean) => ({
  nodeId,
  host: nodeId < 0 ? 'localhost' : '127.0.0.1',
  port,
  reachable,
  rttMs: reachable ? 1 : null,
  isController: false,
  error: reachable ? null : { code: 'broker.refused' as const, params: { address: `127.0.0.1:${port}` } },
  detail: reachable ? null : 'connect ECONNREFUSED',
});

const health = (brokers: ClusterHealth['brokers']) => ({ brokers }) as ClusterHealth;

describe("the create-topic form's broker count", () => {
  it('counts the cluster\'s brokers, not an address listed as "?"', () => {
    const h = health([row(-1, 19093, false), row(1, 19092, true), row(2, 19093, false), row(3, 19094, true)]);
    expect(brokerCount(h)).toEqual({ known: 3, reachable: 2 });
  });

  it('says "1 of the 3 brokers answers" in English, and the Korean count', async () => {
    const text = (lang: string, reachable: number) =>
      i18next.getFixedT(lang, 'diag')('create.fewReachable', { count: reachable, known: 3, rf: 3 });
    expect(text('en', 1)).toMatch(/^Only 1 of the 3 brokers answers:/);
    expect(text('en', 2)).toMatch(/^Only 2 of the 3 brokers answer:/);
    expect(text('ko', 1)).toMatch(/^브로커 3개 중 1개만 응답합니다/);
  });
});
