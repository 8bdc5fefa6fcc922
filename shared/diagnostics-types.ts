import { z } from 'zod';
import { appErrorSchema } from './outbox-types';

export const brokerHealthSchema = z.object({
  nodeId: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  reachable: z.boolean(),
  rttMs: z.number().nullable(),
  isController: z.boolean(),
  error: z.string().nullable(),
});

export const partitionHealthSchema = z.object({
  partition: z.number().int(),
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
  offlineReplicas: z.array(z.number().int()),
  underReplicated: z.boolean(),
  offline: z.boolean(),
});

export const clusterHealthSchema = z.object({
  checkedAt: z.iso.datetime(),
  reachable: z.boolean(),
  clusterId: z.string().nullable(),
  controllerId: z.number().int().nullable(),
  brokers: z.array(brokerHealthSchema),
  topic: z.object({
    name: z.string(),
    exists: z.boolean(),
    partitions: z.array(partitionHealthSchema),
  }),
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
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

export const checklistItemSchema = z.object({
  id: z.enum(CHECKLIST_ITEM_IDS),
  status: z.enum(['pass', 'warn', 'unknown']),
  /** The value read from the cluster (or the app's producer), shown beside the sentence. */
  value: z.string().nullable(),
});
export const safetyChecklistSchema = z.object({
  checkedAt: z.iso.datetime(),
  items: z.array(checklistItemSchema),
});
export type SafetyChecklist = z.infer<typeof safetyChecklistSchema>;

export const createTopicInputSchema = z.strictObject({
  name: z.string().trim().regex(/^[A-Za-z0-9._-]{1,249}$/),
  partitions: z.number().int().min(1).max(1000),
  replicationFactor: z.number().int().min(1).max(10),
});
