// The layering of electron/, proven on the real import graph: product code never reaches into
// the sandbox (training mode enters through its public entry), the sandbox imports nothing of
// the app but the wire module, and the wire module stands on Node alone. A deliberate
// violation of each rule is shown to be caught, so this test can fail.
import { describe, expect, it } from 'vitest';
import { boundaryViolations, importsOfSource, importsUnder } from '../../support/import-boundaries';

describe('import boundaries in electron/', () => {
  const edges = importsUnder('electron');

  it('reads the whole graph, dynamic imports included', () => {
    expect(edges.length).toBeGreaterThan(300);
    // Training mode loads the sandbox lazily, with import().
    expect(edges).toContainEqual({ from: 'electron/app/sandbox-target.ts', specifier: '../sandbox', to: 'electron/sandbox/index.ts' });
    expect(edges.some((e) => e.from.startsWith('electron/sandbox/') && e.to?.startsWith('electron/kafka-wire/'))).toBe(true);
    expect(edges.some((e) => e.from.startsWith('electron/cluster/') && e.to?.startsWith('electron/kafka-wire/'))).toBe(true);
  });

  it('has no violation', () => {
    expect(boundaryViolations(edges)).toEqual([]);
  });

  it('catches product code reaching into the sandbox, also through import() and from training mode past the entry', () => {
    expect(boundaryViolations(importsOfSource('electron/cluster/raw-connection.ts', "import { KafkaReader } from '../sandbox/protocol/kafka-reader';"))).toEqual([
      expect.stringContaining('product code never imports the sandbox'),
    ]);
    expect(boundaryViolations(importsOfSource('electron/bench/x.ts', "const m = await import('../sandbox');"))).toHaveLength(1);
    expect(boundaryViolations(importsOfSource('electron/app/sandbox-target.ts', "await import('../sandbox/fault-commands');"))).toHaveLength(1);
    expect(boundaryViolations(importsOfSource('electron/app/sandbox-target.ts', "await import('../sandbox');"))).toEqual([]);
  });

  it('catches the sandbox importing the app or a Kafka client', () => {
    expect(boundaryViolations(importsOfSource('electron/sandbox/apis/metadata.ts', "import { ClusterClient } from '../../cluster/cluster-client';"))).toEqual([
      expect.stringContaining('the sandbox imports nothing from the app except electron/kafka-wire'),
    ]);
    expect(boundaryViolations(importsOfSource('electron/sandbox/connection.ts', "import type { Settings } from '../../shared/settings-schema';"))).toHaveLength(1);
    expect(boundaryViolations(importsOfSource('electron/sandbox/connection.ts', "import { Kafka } from 'kafkajs';"))).toHaveLength(1);
    expect(boundaryViolations(importsOfSource('electron/sandbox/connection.ts', "import { Metadata } from '../kafka-wire/apis/metadata';"))).toEqual([]);
  });

  it('catches the wire module depending on either side, or on kafkajs', () => {
    expect(boundaryViolations(importsOfSource('electron/kafka-wire/api.ts', "import type { SandboxServices } from '../sandbox/api-handler';"))).toHaveLength(1);
    expect(boundaryViolations(importsOfSource('electron/kafka-wire/api.ts', "import { errorDetail } from '../cluster/error-mapper';"))).toHaveLength(1);
    expect(boundaryViolations(importsOfSource('electron/kafka-wire/api.ts', "import { Kafka } from 'kafkajs';"))).toHaveLength(1);
    expect(boundaryViolations(importsOfSource('electron/kafka-wire/crc32c.ts', "import { crc32c } from '@node-rs/crc32'; import zlib from 'node:zlib';"))).toEqual([]);
  });
});
