// Each test gets its own data directory and its own browser-mode server, plus a typed client of
// the same contract for checks the screen cannot make (e.g. which brokers the app is using).
// Which cluster the app uses follows KAFKA_TARGET (test/support/kafka-target.ts):
//   sandbox  no brokers configured: the app starts its own sandbox cluster (the Sandbox badge);
//   kafka    the kafka leg's shared real Apache Kafka cluster, with an order topic made for the
//            test (never user-data), deleted afterwards with any other topic the test made;
//   KAFKA_BROKERS set: that cluster, the same way.
// A spec that brings its own cluster overrides `appCluster`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import WebSocket from 'ws';
import { createApiClient } from '../../shared/api-client';
import { BENCH_TOPIC } from '../../shared/bench-types';
import type { OrderDeskApi } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/settings-schema';
import { createWsTransport, wsUrlFor } from '../../renderer/transport/ws-transport';
import { SettingsStore } from '../../electron/settings/settings-store';
import { kafkaCluster, targetKind } from '../support/kafka-target';
import { startTsx } from './processes';

export interface AppCluster {
  brokers: string[];
  /** The order topic the app is set to. */
  topic: string;
  /** A name for a topic the test makes the app create (deleted afterwards where the cluster outlives the test). */
  topicName(base: string): string;
}

export interface AppServer {
  url: string;
  dataDir: string;
  api: OrderDeskApi;
  output: string[];
  /** The cluster the app is configured with; null when it runs its own sandbox. */
  cluster: AppCluster | null;
  /** A topic name the test may make the app create: unique, cleaned up afterwards. */
  topicName(base: string): string;
}

export const test = base.extend<{
  appEnv: NodeJS.ProcessEnv;
  /**
   * The test may make the benchmark pane's own topic (always BENCH_TOPIC): remove it afterwards if
   * it did. Only such tests may: on a cluster shared by both workers, a test that merely ran
   * while another made it would otherwise delete it under that one (a kafka-leg CI run of
   * 5d38db1: the logs test's teardown deleted it before the Diagnostics test ran its benchmark).
   */
  makesBenchTopic: boolean;
  appCluster: AppCluster | null;
  app: AppServer;
}>({
  appEnv: [{}, { option: true }],
  makesBenchTopic: [false, { option: true }],
  appCluster: async ({ makesBenchTopic }, use) => {
    if (targetKind === 'sandbox') return use(null);
    const cluster = await kafkaCluster();
    try {
      const topic = cluster.topic('e2e-orders');
      await cluster.createTopic(topic, { partitions: 3, replicationFactor: 3 });
      const benchExisted = makesBenchTopic && (await cluster.topicExists(BENCH_TOPIC));
      await use({ brokers: cluster.brokers, topic, topicName: (b) => cluster.topic(b) });
      if (makesBenchTopic && !benchExisted && (await cluster.topicExists(BENCH_TOPIC)))
        await cluster.deleteTopic(BENCH_TOPIC);
    } finally {
      await cluster.close();
    }
  },
  app: async ({ appEnv, appCluster }, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-e2e-'));
    const env: NodeJS.ProcessEnv = { ...process.env, ORDER_DESK_DATA_DIR: dataDir, ...appEnv };
    if (appCluster) {
      new SettingsStore(dataDir, {}).save({
        ...DEFAULT_SETTINGS,
        brokers: appCluster.brokers,
        topic: appCluster.topic,
      });
      // The settings name the brokers; an inherited KAFKA_BROKERS would override them (one the
      // test sets is meant to).
      if (!appEnv.KAFKA_BROKERS) delete env.KAFKA_BROKERS;
    }
    const child = startTsx('electron/browser-mode/cli.ts', ['--port', '0'], env);
    try {
      const ready = await child.nextLine(/^ready http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const url = ready.slice('ready '.length);
      const transport = createWsTransport(wsUrlFor(url), WebSocket as unknown as typeof globalThis.WebSocket);
      let n = 0;
      const topicName = appCluster ? appCluster.topicName : (b: string) => `${b}-${++n}`;
      await use({
        url,
        dataDir,
        api: createApiClient(transport),
        output: child.output,
        cluster: appCluster,
        topicName,
      });
      transport.close();
    } finally {
      await child.stop();
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('app-output', { body: child.output.join('\n') });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
