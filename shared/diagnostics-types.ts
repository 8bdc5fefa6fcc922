import { z } from 'zod';
import { topicNameSchema } from './topic-name';
import { appErrorSchema } from './outbox-types';

export const brokerHealthSchema = z.object({
  nodeId: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  reachable: z.boolean(),
  rttMs: z.number().nullable(),
  isController: z.boolean(),
  /** Why it is not reachable, in the operator's words. */
  error: appErrorSchema.nullable(),
  /** The system's or Kafka's own text for it ("connect ECONNREFUSED …"), for a search or a report. */
  detail: z.string().nullable(),
});

export const partitionHealthSchema = z.object({
  partition: z.number().int(),
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
  offlineReplicas: z.array(z.number().int()),
  underReplicated: z.boolean(),
  /**
   * Fewer replicas in sync than the topic's min.insync.replicas: acks=all writes (the order
   * producer's) are refused until one catches up. Worse than merely under-replicated.
   */
  writesBlocked: z.boolean(),
  offline: z.boolean(),
  /** The partition's own Kafka error (e.g. LEADER_NOT_AVAILABLE), else null. */
  error: z.string().nullable(),
});

/** A topic other than the order topic that has a problem: its own error, or its troubled partitions only. */
export const topicProblemSchema = z.object({
  name: z.string(),
  internal: z.boolean(),
  /** The topic's Kafka error (e.g. TOPIC_AUTHORIZATION_FAILED), else null. */
  error: z.string().nullable(),
  /** The topic's effective min.insync.replicas, when asked (a partition short of replicas) and answered. */
  minInsyncReplicas: z.number().int().nullable(),
  partitions: z.array(partitionHealthSchema),
});
export type TopicProblem = z.infer<typeof topicProblemSchema>;

export const clusterHealthSchema = z.object({
  checkedAt: z.iso.datetime(),
  reachable: z.boolean(),
  clusterId: z.string().nullable(),
  controllerId: z.number().int().nullable(),
  brokers: z.array(brokerHealthSchema),
  topic: z.object({
    name: z.string(),
    exists: z.boolean(),
    /** The cluster's error for the order topic other than "does not exist" (e.g. not authorized), else null. */
    error: z.string().nullable(),
    /** The topic's effective min.insync.replicas, when the cluster says. */
    minInsyncReplicas: z.number().int().nullable(),
    partitions: z.array(partitionHealthSchema),
  }),
  /**
   * Every other topic with an offline, leaderless or under-replicated partition, or an error of
   * its own, reported for that topic only: one broken topic never blanks the page.
   */
  otherTopics: z.array(topicProblemSchema),
  /** The risk checks' review topic (issue 12): routed orders wait while it is missing. Absent when the cluster is unreachable. */
  reviewTopic: z.object({ name: z.string(), exists: z.boolean() }).optional(),
  error: appErrorSchema.nullable(),
});
export type ClusterHealth = z.infer<typeof clusterHealthSchema>;

export const CHECKLIST_ITEM_IDS = [
  'autoCreateTopics',
  'deleteTopic',
  'replicationFactor',
  'minInsyncReplicas',
  'uncleanLeaderElection',
  'producerAcksIdempotent',
  'topicRetention',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

export const checklistItemSchema = z.object({
  id: z.enum(CHECKLIST_ITEM_IDS),
  status: z.enum(['pass', 'warn', 'unknown']),
  /** The value read from the cluster (or the app's producer), shown beside the sentence. */
  value: z.string().nullable(),
  /** The value as a length of time in ms (negative: no limit), for the screen to say in days or hours. */
  durationMs: z.number().optional(),
  /**
   * Why an item is unknown when the cluster answered but not for it (the order topic missing,
   * not allowed, its settings unanswered), in the error codes' words; a cluster not reached at
   * all is the checklist's own error instead.
   */
  reason: appErrorSchema.optional(),
});
/**
 * What each checklist item checks and one sentence of why, in both languages. The only place
 * these sentences live: the Diagnostics screen and any report read them from here.
 */
export const CHECKLIST_TEXT: Record<
  ChecklistItemId,
  { title: { en: string; ko: string }; why: { en: string; ko: string } }
> = {
  autoCreateTopics: {
    title: { en: 'auto.create.topics.enable = false', ko: 'auto.create.topics.enable = false' },
    why: {
      en: 'A mistyped topic name must fail loudly instead of silently creating a new topic that nobody reads.',
      ko: '토픽 이름을 잘못 입력하면 아무도 읽지 않는 새 토픽이 조용히 생기는 대신 분명한 오류가 나야 합니다.',
    },
  },
  deleteTopic: {
    title: { en: 'delete.topic.enable = false', ko: 'delete.topic.enable = false' },
    why: {
      en: "A deleted and re-created topic restarts its offsets at 0, which breaks downstream consumers' checkpoints, as happened to the original team.",
      ko: '삭제 후 다시 만든 토픽은 오프셋이 0부터 다시 시작되어, 원래 팀이 겪었던 것처럼 다운스트림 컨슈머의 체크포인트가 깨집니다.',
    },
  },
  replicationFactor: {
    title: { en: 'Order topic replication factor ≥ 3', ko: '주문 토픽 복제 계수 ≥ 3' },
    why: {
      en: 'With three copies of every order, one broker can fail or be restarted while orders stay safe and writable.',
      ko: '모든 주문의 복제본이 세 개 있으면 브로커 하나가 고장 나거나 재시작되어도 주문이 안전하게 저장됩니다.',
    },
  },
  minInsyncReplicas: {
    title: {
      en: 'min.insync.replicas ≥ 2, below the replication factor',
      ko: 'min.insync.replicas ≥ 2, 복제 계수보다 작게',
    },
    why: {
      en: 'An acknowledged order is then on at least two brokers, so losing one broker cannot lose it; with a replica to spare, one broker can stop without orders waiting.',
      ko: '확인된 주문이 최소 두 브로커에 저장되므로 브로커 하나를 잃어도 주문이 사라지지 않고, 복제본이 하나 남으므로 브로커 하나가 멈춰도 주문이 기다리지 않습니다.',
    },
  },
  uncleanLeaderElection: {
    title: { en: 'unclean.leader.election.enable = false', ko: 'unclean.leader.election.enable = false' },
    why: {
      en: 'An out-of-sync replica must never become leader, because it would silently drop orders that were already acknowledged.',
      ko: '동기화되지 않은 복제본이 리더가 되면 이미 확인된 주문이 조용히 사라지므로 절대 리더가 되어서는 안 됩니다.',
    },
  },
  producerAcksIdempotent: {
    title: { en: "This app's producer: acks=all with idempotence", ko: '이 앱의 프로듀서: acks=all + 멱등성' },
    why: {
      en: 'An order counts as sent only when every in-sync replica has it, and a retried send is never stored twice.',
      ko: '모든 동기화 복제본이 주문을 받았을 때만 전송 완료로 보고, 재전송된 주문이 두 번 저장되지 않습니다.',
    },
  },
  topicRetention: {
    title: {
      en: 'Order topic retention.ms ≥ Keep delivered orders (days)',
      ko: '주문 토픽 retention.ms ≥ 전송 완료 주문 보관 기간(일)',
    },
    why: {
      en: "The topic then still holds every order this terminal's history keeps (Settings, shown under Order history); with less (Kafka's default is 7 days) older orders are gone from it, and the topic cannot be replayed for the whole history.",
      ko: '그러면 이 단말기 기록에 남은 모든 주문이 토픽에도 남습니다(설정, 주문 기록 아래에 표시). 더 짧으면(Kafka 기본값은 7일) 오래된 주문은 토픽에서 사라져, 기록 전체를 토픽에서 다시 읽을 수 없습니다.',
    },
  },
};

/** The app's own order producer, as the checklist judges it. */
export interface ProducerSafetyConfig {
  acks: number;
  idempotent: boolean;
}

export const safetyChecklistSchema = z.object({
  checkedAt: z.iso.datetime(),
  items: z.array(checklistItemSchema),
  /** Why cluster items are "unknown" (cluster unreachable, configs not readable), else null. */
  error: appErrorSchema.nullable(),
});
export type SafetyChecklist = z.infer<typeof safetyChecklistSchema>;

export const createTopicInputSchema = z.strictObject({
  name: topicNameSchema,
  partitions: z.number().int().min(1).max(1000),
  replicationFactor: z.number().int().min(1).max(10),
});
