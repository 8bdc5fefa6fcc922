// The layering of electron/, proven on the real import graph: product code never reaches into
// the sandbox (training mode enters through its public entry), the sandbox imports nothing of
// the app but the wire module, and the wire module stands on Node alone. A deliberate
// violation of each rule is shown to be caught, so this test can fail.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { boundaryViolations, importsOfSource, importsUnder, REPO } from '../../../tools/lint/import-boundaries';

describe('import boundaries', () => {
  const edges = [...importsUnder('electron'), ...importsUnder('renderer'), ...importsUnder('shared')];

  it('reads the whole graph, dynamic imports included', () => {
    expect(edges.length).toBeGreaterThan(300);
    // Training mode loads the sandbox lazily, with import().
    expect(edges).toContainEqual({
      from: 'electron/app/sandbox-target.ts',
      specifier: '../sandbox',
      to: 'electron/sandbox/index.ts',
    });
    expect(edges.some((e) => e.from.startsWith('electron/sandbox/') && e.to?.startsWith('electron/kafka-wire/'))).toBe(
      true,
    );
    expect(edges.some((e) => e.from.startsWith('electron/cluster/') && e.to?.startsWith('electron/kafka-wire/'))).toBe(
      true,
    );
  });

  it('has no violation', () => {
    expect(boundaryViolations(edges)).toEqual([]);
  });

  it('catches product code reaching into the sandbox, also through import() and from training mode past the entry', () => {
    expect(
      boundaryViolations(
        importsOfSource(
          'electron/cluster/raw-connection.ts',
          "import { KafkaReader } from '../sandbox/protocol/kafka-reader';",
        ),
      ),
    ).toEqual([expect.stringContaining('product code never imports the sandbox')]);
    expect(
      boundaryViolations(importsOfSource('electron/bench/x.ts', "const m = await import('../sandbox');")),
    ).toHaveLength(1);
    expect(
      boundaryViolations(
        importsOfSource('electron/app/sandbox-target.ts', "await import('../sandbox/fault-commands');"),
      ),
    ).toHaveLength(1);
    expect(
      boundaryViolations(importsOfSource('electron/app/sandbox-target.ts', "await import('../sandbox');")),
    ).toEqual([]);
  });

  it('catches the sandbox importing the app or a Kafka client', () => {
    expect(
      boundaryViolations(
        importsOfSource(
          'electron/sandbox/apis/metadata.ts',
          "import { ClusterClient } from '../../cluster/cluster-client';",
        ),
      ),
    ).toEqual([expect.stringContaining('the sandbox imports nothing from the app except electron/kafka-wire')]);
    expect(
      boundaryViolations(
        importsOfSource(
          'electron/sandbox/connection.ts',
          "import type { Settings } from '../../shared/settings-schema';",
        ),
      ),
    ).toHaveLength(1);
    expect(
      boundaryViolations(importsOfSource('electron/sandbox/connection.ts', "import { Kafka } from 'kafkajs';")),
    ).toHaveLength(1);
    expect(
      boundaryViolations(
        importsOfSource('electron/sandbox/connection.ts', "import { Metadata } from '../kafka-wire/apis/metadata';"),
      ),
    ).toEqual([]);
  });

  it('catches the wire module depending on either side, or on kafkajs', () => {
    expect(
      boundaryViolations(
        importsOfSource('electron/kafka-wire/api.ts', "import type { SandboxServices } from '../sandbox/api-handler';"),
      ),
    ).toHaveLength(1);
    expect(
      boundaryViolations(
        importsOfSource('electron/kafka-wire/api.ts', "import { errorDetail } from '../cluster/error-mapper';"),
      ),
    ).toHaveLength(1);
    expect(
      boundaryViolations(importsOfSource('electron/kafka-wire/api.ts', "import { Kafka } from 'kafkajs';")),
    ).toHaveLength(1);
    expect(
      boundaryViolations(
        importsOfSource(
          'electron/kafka-wire/crc32c.ts',
          "import { crc32c } from '@node-rs/crc32'; import zlib from 'node:zlib';",
        ),
      ),
    ).toEqual([]);
  });

  it('catches a service importing the transport, and the window side loading a service', () => {
    expect(
      boundaryViolations(importsOfSource('electron/orders/dispatcher.ts', "import { x } from '../ipc/bind-requests';")),
    ).toEqual([expect.stringContaining('services import only services')]);
    expect(
      boundaryViolations(
        importsOfSource('electron/settings/settings-store.ts', "import { x } from '../relay/relay-dispatch';"),
      ),
    ).toHaveLength(1);
    expect(
      boundaryViolations(
        importsOfSource('electron/relay/relay-dispatch.ts', "import { OutboxStore } from '../orders/outbox-store';"),
      ),
    ).toEqual([expect.stringContaining("the window's process never loads the services")]);
    expect(
      boundaryViolations(importsOfSource('electron/main/desktop.ts', "await import('../cluster/cluster-client');")),
    ).toHaveLength(1);
    expect(
      boundaryViolations(
        importsOfSource(
          'electron/service-host/host.ts',
          "import { startBrowserServer } from '../browser-mode/server';",
        ),
      ),
    ).toHaveLength(1);
    expect(
      boundaryViolations(
        importsOfSource('electron/orders/dispatcher.ts', "import { ApiKey } from '../kafka-wire/api-keys';"),
      ),
    ).toEqual([]);
  });

  it('keeps tools/ (the Kafka harness, the lint rules) out of the app', () => {
    expect(
      boundaryViolations(
        importsOfSource(
          'electron/diagnostics/create-topic.ts',
          "import { waitForTopics } from '../../tools/apache-kafka/cluster-metadata';",
        ),
      ),
    ).toEqual([expect.stringContaining('the app never imports tools/')]);
    expect(
      boundaryViolations(
        importsOfSource(
          'tools/apache-kafka/cluster-metadata.ts',
          "import { Metadata } from '../../electron/kafka-wire/apis/metadata';",
        ),
      ),
    ).toEqual([]);
  });

  it('keeps the renderer to renderer/ and shared/, and shared/ to itself', () => {
    expect(
      boundaryViolations(
        importsOfSource('renderer/shell/App.tsx', "import { OutboxStore } from '../../electron/orders/outbox-store';"),
      ),
    ).toHaveLength(1);
    expect(boundaryViolations(importsOfSource('renderer/shell/App.tsx', "import fs from 'node:fs';"))).toHaveLength(1);
    expect(
      boundaryViolations(
        importsOfSource('shared/contract.ts', "import { Dispatcher } from '../electron/orders/dispatcher';"),
      ),
    ).toHaveLength(1);
    expect(
      boundaryViolations(
        importsOfSource('renderer/shell/App.tsx', "import { requests } from '../../shared/contract';"),
      ),
    ).toEqual([]);
  });

  it('makes `npm run lint` fail on a deliberate violation, with the same words', async () => {
    const eslint = new ESLint({ cwd: REPO });
    const [result] = await eslint.lintText(
      "import { OutboxStore } from '../orders/outbox-store';\nexport const x = OutboxStore;\n",
      {
        filePath: path.join(REPO, 'electron/relay/deliberate-violation.ts'),
      },
    );
    expect(result.messages).toEqual([
      expect.objectContaining({
        ruleId: 'order-desk/import-boundaries',
        message: expect.stringContaining("the window's process never loads the services"),
      }),
    ]);
    const [clean] = await eslint.lintText(
      "import { appError } from '../../shared/error-codes';\nexport const x = appError;\n",
      {
        filePath: path.join(REPO, 'electron/relay/deliberately-clean.ts'),
      },
    );
    expect(clean.messages).toEqual([]);
  }, 60_000);
});
