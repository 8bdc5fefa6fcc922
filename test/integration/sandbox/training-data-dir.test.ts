// Training mode keeps its sandbox cluster in a folder under the app's data dir: what a trainee
// delivered is still there, at the same offsets, when the app starts again, and retention
// bounds the folder (the broker defaults training mode sets are what DescribeConfigs reports).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_RETENTION, startSandboxFor, type RunningSandbox } from '../../../electron/app/sandbox-target';

let running: RunningSandbox | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await running?.close();
  running = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("training mode's sandbox", () => {
  it('keeps its topic and records in <data dir>/sandbox across a restart, with retention set', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'training-'));
    dirs.push(dataDir);
    const sandboxDir = path.join(dataDir, 'sandbox');
    running = await startSandboxFor('user-data', sandboxDir);
    let kafka = new Kafka({ brokers: running.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const [first] = await producer.send({ topic: 'user-data', acks: -1, messages: [{ key: 'C-1', value: 'order 1' }] });
    await producer.disconnect();
    await running.close();
    // a partition's directory appears with its first record
    expect(fs.readdirSync(path.join(sandboxDir, 'topics', 'user-data')).sort()).toEqual([
      String(first.partition),
      'topic.json',
    ]);

    running = await startSandboxFor('user-data', sandboxDir);
    kafka = new Kafka({ brokers: running.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets('user-data');
    const configs = await admin.describeConfigs({
      resources: [{ type: 4, name: '1', configNames: Object.keys(SANDBOX_RETENTION) }],
      includeSynonyms: false,
    });
    await admin.disconnect();
    expect(offsets.find((o) => o.partition === first.partition)).toMatchObject({
      low: '0',
      high: String(Number(first.baseOffset) + 1),
    });
    expect(Object.fromEntries(configs.resources[0].configEntries.map((e) => [e.configName, e.configValue]))).toEqual(
      SANDBOX_RETENTION,
    );
  });
});
