// Child processes the specs run: browser mode (`start:browser`) and, for outage tests, a
// standalone cluster whose brokers the test stops and starts through its CLI's stdin commands:
// `npm run sandbox`, or `npm run kafka` (real Apache Kafka) under KAFKA_TARGET=kafka. Both
// take the same commands. Every child is stopped by its fixture, SIGKILL after a grace period.
import { spawnTsx, type TestChild } from '../support/child-process';
import { kafkaTargetKind } from '../support/target-kind';

export { PROJECT_DIR } from '../support/child-process';

export function startTsx(script: string, args: string[], env: NodeJS.ProcessEnv): TestChild {
  return spawnTsx(script, args, { env });
}

export interface ClusterProcess {
  kind: 'sandbox' | 'kafka';
  brokers: string[];
  /** Sends one fault command (`stop-all`, `start 2`, ...) and resolves with its answer line. */
  command(line: string): Promise<string>;
  stop(): Promise<void>;
}

/** A standalone 3-broker cluster with `topic` (3 partitions, RF 3, min.insync.replicas 2). */
export async function startClusterProcess(topic: string): Promise<ClusterProcess> {
  const kind = kafkaTargetKind() === 'kafka' ? 'kafka' : 'sandbox';
  const [script, count] =
    kind === 'kafka' ? ['tools/apache-kafka/cli.ts', '--nodes'] : ['electron/sandbox/cli.ts', '--brokers'];
  const child = spawnTsx(script, [count, '3', '--port', '0', '--topic', `${topic}:3:3`, '--min-insync-replicas', '2']);
  try {
    const ready = await child.nextLine(/^ready /, 240_000);
    return {
      kind,
      brokers: ready.slice('ready '.length).split(','),
      // A real cluster takes a while to stop and start again.
      command: (line) => child.command(line, 180_000),
      stop: async () => void (await child.stop('SIGTERM', 30_000)),
    };
  } catch (err) {
    await child.stop('SIGTERM', 30_000);
    throw err;
  }
}
