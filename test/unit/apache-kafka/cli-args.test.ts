import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../tools/apache-kafka/cli-args';

describe('npm run kafka flags', () => {
  it('reads the issue’s command line', () => {
    expect(
      parseCliArgs([
        '--nodes',
        '3',
        '--port',
        '0',
        '--topic',
        'user-data:3:3',
        '--min-insync-replicas',
        '2',
        '--delete-topic-enable',
        'false',
        '--auto-create-topics',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        nodes: 3,
        port: 0,
        topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
        minInsyncReplicas: 2,
        deleteTopicEnable: false,
        autoCreateTopics: true,
      },
    });
  });

  it('defaults to 3 nodes from port 9092, like npm run sandbox', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'run', options: { nodes: 3, port: 9092 } });
  });

  it('knows --help and --resolve-only', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--resolve-only'])).toEqual({ kind: 'resolve' });
  });

  it.each([
    [['--nodes', '0'], '--nodes must be between 1 and 9, got 0'],
    [['--nodes', 'three'], '--nodes must be a whole number, got "three"'],
    [['--port', '65535', '--nodes', '3'], '--port 65535 leaves no room for 3 nodes'],
    [['--topic', 'orders:3:4'], '--topic orders replication factor must be between 1 and 3, got 4'],
    [['--topic', 'orders'], '--topic must be NAME:PARTITIONS:REPLICATION, got "orders"'],
    [['--topic', 'a:1:1', '--topic', 'a:2:1'], '--topic a is given twice'],
    [['--min-insync-replicas', '4'], '--min-insync-replicas must be between 1 and 3, got 4'],
    [['--delete-topic-enable', 'maybe'], '--delete-topic-enable must be true or false, got "maybe"'],
    [['--latency'], "Unknown option '--latency'"],
    [['extra'], 'unexpected argument "extra"'],
  ])('refuses %j: %s', (argv, message) => {
    const r = parseCliArgs(argv);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message).toContain(message);
  });
});
