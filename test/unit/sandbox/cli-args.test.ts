// The CLI's flag parsing: what each flag becomes, and a clear refusal for each bad one.
import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseSaslUser, parseTopicSpec } from '../../../electron/sandbox/cli-args';

const run = (argv: string[]) => {
  const res = parseCliArgs(argv);
  if (res.kind !== 'run') throw new Error(`expected run, got ${JSON.stringify(res)}`);
  return res.config;
};
const refusal = (argv: string[]) => {
  const res = parseCliArgs(argv);
  if (res.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(res)}`);
  return res.message;
};

describe('parseCliArgs', () => {
  it('defaults: 3 brokers from port 9092, no topics, no SASL, no TLS', () => {
    expect(run([])).toEqual({ options: { brokers: 3, port: 9092 }, tls: null });
  });

  it('the README command line', () => {
    expect(run(['--brokers', '3', '--port', '9092', '--topic', 'user-data:3:3']).options).toEqual({
      brokers: 3,
      port: 9092,
      topics: [{ name: 'user-data', partitions: 3, replicationFactor: 3 }],
    });
  });

  it('every flag', () => {
    const cfg = run([
      '--brokers=5',
      '--port=0',
      '--topic=a:1:1',
      '--topic',
      'b.c_d-e:12:5',
      '--data-dir',
      '/tmp/x',
      '--min-insync-replicas',
      '2',
      '--auto-create-topics',
      '--delete-topic-enable',
      'false',
      '--max-request-bytes',
      '65536',
      '--broker-config',
      'log.retention.ms=3600000',
      '--broker-config=queued.max.request.bytes=-1',
      '--sasl-user',
      'alice:pa:ss',
      '--sasl-user=bob:x',
      '--tls-key',
      'k.pem',
      '--tls-cert',
      'c.pem',
    ]);
    expect(cfg).toEqual({
      options: {
        brokers: 5,
        port: 0,
        topics: [
          { name: 'a', partitions: 1, replicationFactor: 1 },
          { name: 'b.c_d-e', partitions: 12, replicationFactor: 5 },
        ],
        dataDir: '/tmp/x',
        minInsyncReplicas: 2,
        autoCreateTopics: true,
        deleteTopicEnable: false,
        maxRequestBytes: 65536,
        brokerConfig: { 'log.retention.ms': '3600000', 'queued.max.request.bytes': '-1' },
        sasl: { users: { alice: 'pa:ss', bob: 'x' } },
      },
      tls: { keyFile: 'k.pem', certFile: 'c.pem' },
    });
  });

  it('--help wins over everything', () => {
    expect(parseCliArgs(['--port', 'x', '--help']).kind).toBe('help');
    expect(parseCliArgs(['-h']).kind).toBe('help');
  });

  it.each([
    [['--brokers', '0'], '--brokers must be between 1 and 100, got 0'],
    [['--brokers', 'three'], '--brokers must be a whole number, got "three"'],
    [['--port', '-1'], "Option '--port' argument is ambiguous"],
    [['--port', '70000'], '--port must be between 0 and 65535, got 70000'],
    [['--port', '65535', '--brokers', '3'], '--port 65535 leaves no room for 3 brokers'],
    [['--topic', 'orders'], '--topic must be NAME:PARTITIONS:REPLICATION, got "orders"'],
    [['--topic', 'orders:0:1'], '--topic orders partitions must be between 1 and 10000, got 0'],
    [['--topic', 'orders:3:4'], '--topic orders replication factor must be between 1 and 3, got 4'],
    [['--topic', 'bad name:1:1'], 'topic name "bad name" is illegal'],
    [['--topic', 'a:1:1', '--topic', 'a:2:2'], '--topic a is given twice'],
    [['--min-insync-replicas', '4'], '--min-insync-replicas must be between 1 and 3, got 4'],
    [['--delete-topic-enable', 'yes'], '--delete-topic-enable must be true or false, got "yes"'],
    [['--sasl-user', 'alice'], '--sasl-user must be NAME:PASSWORD, got "alice"'],
    [['--sasl-user', 'alice:'], '--sasl-user alice: the password is empty'],
    [['--sasl-user', 'a:1', '--sasl-user', 'a:2'], '--sasl-user a is given twice'],
    [['--tls-key', 'k.pem'], '--tls-key and --tls-cert must be given together'],
    [['--brokers'], "Option '--brokers <value>' argument missing"],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--auto-create-topics=yes'], "Option '--auto-create-topics' does not take an argument"],
    [['extra'], 'unexpected argument "extra"'],
    [['--data-dir', ''], '--data-dir needs a directory'],
    [['--broker-config', 'log.retention.ms'], '--broker-config must be KEY=VALUE, got "log.retention.ms"'],
    [['--broker-config', 'log.retention.mss=1'], '--broker-config: unknown broker config log.retention.mss'],
    [
      ['--broker-config', 'log.segment.bytes=1000'],
      '--broker-config: log.segment.bytes must be between 1048576 and 2147483647, got 1000',
    ],
    [
      ['--broker-config', 'connections.max.idle.ms=soon'],
      '--broker-config: connections.max.idle.ms must be a whole number, got "soon"',
    ],
    [['--broker-config', 'delete.topic.enable=yes'], '--broker-config: delete.topic.enable must be true or false'],
    [
      ['--broker-config', 'log.retention.ms=1', '--broker-config', 'log.retention.ms=2'],
      '--broker-config log.retention.ms is given twice',
    ],
  ])('%j → %s', (argv, message) => {
    expect(refusal(argv)).toContain(message);
  });
});

describe('parseTopicSpec / parseSaslUser', () => {
  it('a password may contain colons', () => {
    expect(parseSaslUser('u:a:b:c')).toEqual(['u', 'a:b:c']);
  });
  it('replication cannot exceed the broker count', () => {
    expect(() => parseTopicSpec('t:1:2', 1)).toThrow('replication factor must be between 1 and 1');
    expect(parseTopicSpec('t:1:1', 1)).toEqual({ name: 't', partitions: 1, replicationFactor: 1 });
  });
});
