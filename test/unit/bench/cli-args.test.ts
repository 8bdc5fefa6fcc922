import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../electron/bench/cli-args';

const seed = (acks: string) =>
  `--topic ack0-test --num-records 100000 --record-size 1000 --throughput 10000 --producer-props bootstrap.servers=localhost:9092 acks=${acks}`.split(
    ' ',
  );

describe("the CLI takes kafka-producer-perf-test's flags", () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['-1', -1],
    ['all', -1],
  ])('parses the seed command line with acks=%s', (acks, want) => {
    const r = parseCliArgs(seed(acks));
    expect(r.ok).toBe(true);
    if (r.ok === true) {
      expect(r.options).toMatchObject({
        topic: 'ack0-test',
        numRecords: 100_000,
        recordSize: 1000,
        throughput: 10_000,
        acks: want,
        bootstrapServers: ['localhost:9092'],
        compression: 'none',
        batchSize: null,
        lingerMs: null,
        json: false,
      });
    }
  });

  it("without acks, takes the Java producer's default since Kafka 3.0 (all), as perf-test on Kafka 4.x does", () => {
    const r = parseCliArgs(seed('0').filter((a) => a !== 'acks=0'));
    expect(r.ok === true && r.options.acks).toBe(-1);
  });

  it('maps batch.size, linger.ms, compression.type and client.id; reports unknown properties as ignored', () => {
    const r = parseCliArgs([
      '--topic',
      't',
      '--num-records',
      '10',
      '--payload-file',
      'p.txt',
      '--payload-delimiter',
      '|',
      '--throughput',
      '0.5',
      '--warmup-records',
      '2',
      '--producer-props',
      'bootstrap.servers=a:1,b:2',
      'batch.size=32768',
      'linger.ms=5',
      'compression.type=gzip',
      'client.id=me',
      'buffer.memory=1',
      '--print-metrics',
      '--json',
    ]);
    expect(r.ok).toBe(true);
    if (r.ok === true) {
      expect(r.options).toMatchObject({
        payloadFile: 'p.txt',
        payloadDelimiter: '|',
        throughput: 0.5,
        warmupRecords: 2,
        bootstrapServers: ['a:1', 'b:2'],
        batchSize: 32768,
        lingerMs: 5,
        compression: 'gzip',
        clientId: 'me',
        printMetrics: true,
        json: true,
        ignoredProps: ['buffer.memory'],
        recordSize: null,
      });
    }
  });

  it.each([
    [['--num-records', '1'], '--topic is required'],
    [[...seed('0').slice(0, 2), '--num-records', 'ten'], '--num-records must be a whole number'],
    [seed('2'), 'acks must be 0, 1, -1 or all'],
    [seed('0').filter((a) => a !== '--record-size' && a !== '1000'), 'give either --record-size or --payload-file'],
    [[...seed('0'), 'compression.type=zstd'], 'compression.type=zstd is not available'],
    [seed('0').slice(0, 8), 'either --producer-props or --producer.config must be given'],
    [[...seed('0'), '--bogus'], 'unknown argument --bogus'],
    [[...seed('0'), 'nokey'], '--producer-props expects key=value'],
  ])('refuses %j: %s', (argv, expected) => {
    const r = parseCliArgs(argv);
    expect(r.ok).toBe(false);
    if (r.ok === false) expect(r.message).toContain(expected);
  });
});
