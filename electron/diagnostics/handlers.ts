// The `diagnostics` group of the IPC contract, over the plain services in this folder.
import type { RequestHandlers } from '../../shared/contract';
import type { ProducerSafetyConfig } from '../../shared/diagnostics-types';
import type { Settings } from '../../shared/settings-schema';
import type { ClusterConfig, ClusterConfigResult } from '../cluster/cluster-config';
import { checkClusterHealth, type BrokerMemory } from './cluster-health';
import { createTopic } from './create-topic';
import { checkSafety } from './safety-checklist';
import { reviewTopicExists } from './review-topic';

export interface DiagnosticsDeps {
  getSettings(): Settings;
  /** How to reach the cluster the app talks to now, or why the settings cannot work. */
  clusterConfig(): ClusterConfigResult;
  /** The app's own order producer, judged by the checklist. */
  producerConfig(): ProducerSafetyConfig;
}

export function createDiagnosticsHandlers(deps: DiagnosticsDeps): RequestHandlers['diagnostics'] {
  // Remembered per cluster so a stopped broker stays visible as unreachable; forgotten when
  // the operator points the app at other brokers.
  let memory: BrokerMemory = new Map();
  let memoryFor = '';
  const memoryOf = (config: ClusterConfig): BrokerMemory => {
    const key = JSON.stringify(config.brokers);
    if (key !== memoryFor) {
      memory = new Map();
      memoryFor = key;
    }
    return memory;
  };

  return {
    async health() {
      const c = deps.clusterConfig();
      if (!c.ok) return { ok: false, error: c.problem };
      const s = deps.getSettings();
      const health = await checkClusterHealth(c.config, s.topic, memoryOf(c.config));
      if (!health.reachable) return { ok: true, value: health };
      // The review topic must exist like the order topic (the app never creates topics by sending).
      const exists = await reviewTopicExists(c.config, s.risk.reviewTopic);
      return {
        ok: true,
        value: exists === null ? health : { ...health, reviewTopic: { name: s.risk.reviewTopic, exists } },
      };
    },
    async checklist() {
      const c = deps.clusterConfig();
      if (!c.ok) return { ok: false, error: c.problem };
      const s = deps.getSettings();
      return { ok: true, value: await checkSafety(c.config, s.topic, deps.producerConfig(), s.historyRetentionDays) };
    },
    async createTopic(input) {
      const c = deps.clusterConfig();
      return c.ok ? createTopic(c.config, input) : { ok: false, error: c.problem };
    },
  };
}
