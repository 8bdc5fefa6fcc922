import { describe, expect, it } from 'vitest';
import { judge, type ClusterSafetyFacts } from '../../../electron/diagnostics/safety-checklist';
import { CHECKLIST_ITEM_IDS, CHECKLIST_TEXT } from '../../../shared/diagnostics-types';
import { appError } from '../../../shared/error-codes';

const brokers = (cfg: Record<string, string>) => new Map([1, 2, 3].map((id) => [id, new Map(Object.entries(cfg))]));
const safeBroker = {
  'auto.create.topics.enable': 'false',
  'delete.topic.enable': 'false',
  'min.insync.replicas': '2',
  'unclean.leader.election.enable': 'false',
};
const safe: ClusterSafetyFacts = {
  brokerConfigs: brokers(safeBroker),
  topicExists: true,
  topicUnread: null,
  topicConfigs: new Map([
    ['min.insync.replicas', '2'],
    ['unclean.leader.election.enable', 'false'],
    ['retention.ms', '-1'],
  ]),
  topicReplicationFactor: 3,
};
const statuses = (items: ReturnType<typeof judge>) => Object.fromEntries(items.map((i) => [i.id, i.status]));

describe('safety checklist judgement', () => {
  it('passes a safe cluster and an acks=all idempotent producer', () => {
    const items = judge(safe, { acks: -1, idempotent: true });
    expect(items.map((i) => i.id)).toEqual([...CHECKLIST_ITEM_IDS]);
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['pass']));
    expect(items.find((i) => i.id === 'producerAcksIdempotent')?.value).toBe('acks=all, enable.idempotence=true');
  });

  it('warns on each unsafe setting and says what it read', () => {
    const facts: ClusterSafetyFacts = {
      brokerConfigs: brokers({
        ...safeBroker,
        'auto.create.topics.enable': 'true',
        'delete.topic.enable': 'true',
        'min.insync.replicas': '1',
        'unclean.leader.election.enable': 'true',
      }),
      topicExists: true,
      topicUnread: null,
      topicConfigs: new Map([['retention.ms', '604800000']]),
      topicReplicationFactor: 1,
    };
    const items = judge(facts, { acks: 1, idempotent: false });
    expect(statuses(items)).toEqual({
      autoCreateTopics: 'warn',
      deleteTopic: 'warn',
      replicationFactor: 'warn',
      minInsyncReplicas: 'warn',
      uncleanLeaderElection: 'warn',
      producerAcksIdempotent: 'warn',
      topicRetention: 'warn',
    });
    expect(items.find((i) => i.id === 'minInsyncReplicas')?.value).toBe('1');
  });

  it("prefers the topic's min.insync.replicas over the brokers' (topic override)", () => {
    const facts = { ...safe, brokerConfigs: brokers({ ...safeBroker, 'min.insync.replicas': '1' }) };
    expect(statuses(judge(facts, { acks: -1, idempotent: true })).minInsyncReplicas).toBe('pass');
    const override = { ...safe, topicConfigs: new Map([['min.insync.replicas', '1']]) };
    expect(statuses(judge(override, { acks: -1, idempotent: true })).minInsyncReplicas).toBe('warn');
  });

  it('warns when min.insync.replicas leaves no replica to spare: one broker down would stop every order', () => {
    // Operator's run on Apache Kafka 4.4.0: the order topic at min.insync.replicas=3 with 3
    // replicas passed every item, and stopping one broker blocked all three partitions.
    const allOfThem = { ...safe, topicConfigs: new Map([...safe.topicConfigs!, ['min.insync.replicas', '3']]) };
    expect(judge(allOfThem, { acks: -1, idempotent: true }).find((i) => i.id === 'minInsyncReplicas')).toEqual({
      id: 'minInsyncReplicas',
      status: 'warn',
      value: '3',
    });
    const moreThanThere = { ...safe, topicReplicationFactor: 2 };
    expect(statuses(judge(moreThanThere, { acks: -1, idempotent: true })).minInsyncReplicas).toBe('warn');
    const spare = { ...allOfThem, topicReplicationFactor: 4 };
    expect(statuses(judge(spare, { acks: -1, idempotent: true })).minInsyncReplicas).toBe('pass');
    // The sentence says why, in both languages: the replicas it is compared with.
    expect(CHECKLIST_TEXT.minInsyncReplicas.title.en).toMatch(/below the replication factor/);
    expect(CHECKLIST_TEXT.minInsyncReplicas.title.ko).toMatch(/복제 계수보다 작게/);
    expect(CHECKLIST_TEXT.minInsyncReplicas.why.en).toMatch(/one broker can stop/);
    expect(CHECKLIST_TEXT.minInsyncReplicas.why.ko).toMatch(/브로커 하나가 멈춰도/);
  });

  it('warns when only one broker is unsafe', () => {
    const mixed = brokers(safeBroker);
    mixed.set(2, new Map(Object.entries({ ...safeBroker, 'delete.topic.enable': 'true' })));
    const items = judge({ ...safe, brokerConfigs: mixed }, { acks: -1, idempotent: true });
    expect(items.find((i) => i.id === 'deleteTopic')).toEqual({
      id: 'deleteTopic',
      status: 'warn',
      value: 'false / true',
    });
  });

  it('says unknown for what could not be read: unreachable cluster, missing topic', () => {
    expect(statuses(judge(null, { acks: -1, idempotent: true }))).toEqual({
      autoCreateTopics: 'unknown',
      deleteTopic: 'unknown',
      replicationFactor: 'unknown',
      minInsyncReplicas: 'unknown',
      uncleanLeaderElection: 'unknown',
      producerAcksIdempotent: 'pass',
      topicRetention: 'unknown',
    });
    const noTopic = judge(
      { ...safe, topicExists: false, topicConfigs: null, topicReplicationFactor: null },
      { acks: -1, idempotent: true },
    );
    expect(statuses(noTopic).replicationFactor).toBe('unknown');
    expect(statuses(noTopic).minInsyncReplicas).toBe('pass'); // falls back to the brokers' setting
  });

  it("warns when the order topic keeps records for less time than the terminal's history keeps orders", () => {
    const withRetention = (ms: string | null, days: number) =>
      judge(
        { ...safe, topicConfigs: new Map([...safe.topicConfigs!, ['retention.ms', ms]]) },
        { acks: -1, idempotent: true },
        days,
      ).find((i) => i.id === 'topicRetention');
    // Kafka's default, 7 days, against the history's default 400.
    expect(withRetention('604800000', 400)).toEqual({
      id: 'topicRetention',
      status: 'warn',
      value: 'retention.ms=604800000',
      durationMs: 604_800_000,
    });
    expect(withRetention(String(400 * 86_400_000), 400)?.status).toBe('pass');
    expect(withRetention(String(400 * 86_400_000 - 1), 400)?.status).toBe('warn');
    expect(withRetention('604800000', 7)?.status).toBe('pass');
    expect(withRetention('-1', 3650)).toEqual({
      id: 'topicRetention',
      status: 'pass',
      value: 'retention.ms=-1',
      durationMs: -1,
    });
    expect(withRetention(null, 400)?.status).toBe('unknown');
    const missing = appError('checklist.topicMissing', { topic: 'user-data' });
    expect(
      judge(
        { ...safe, topicExists: false, topicUnread: missing, topicConfigs: null },
        { acks: -1, idempotent: true },
        400,
      ).find((i) => i.id === 'topicRetention'),
    ).toEqual({ id: 'topicRetention', status: 'unknown', value: null, reason: missing });
  });

  it('has one sentence of why per item in English and Korean; delete.topic explains the offset reset', () => {
    for (const id of CHECKLIST_ITEM_IDS) {
      expect(CHECKLIST_TEXT[id].why.en.length).toBeGreaterThan(20);
      expect(CHECKLIST_TEXT[id].why.ko.length).toBeGreaterThan(10);
    }
    expect(CHECKLIST_TEXT.deleteTopic.why.en).toMatch(/re-created topic restarts its offsets.*checkpoints/);
  });
});
