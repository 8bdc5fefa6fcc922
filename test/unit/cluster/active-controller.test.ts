// The controller Diagnostics names: the metadata quorum's leader (DescribeQuorum), and nobody
// when the quorum cannot say. A broker of our own making answers what a real one can: a leader,
// no leader, an error, or nothing at all; the sandbox answers with its own controller.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { activeController } from '../../../electron/cluster/active-controller';
import { clusterConfig, withTimeouts } from '../../../electron/cluster/cluster-config';
import { controllerIdOf } from '../../../electron/diagnostics/cluster-health';
import { encodeResponseFrame } from '../../../electron/kafka-wire/api';
import { ApiKey } from '../../../electron/kafka-wire/api-keys';
import { ApiVersions, type ApiVersionRange } from '../../../electron/kafka-wire/apis/api-versions';
import { CLUSTER_METADATA_TOPIC, DescribeQuorum } from '../../../electron/kafka-wire/apis/describe-quorum';
import { KafkaError } from '../../../electron/kafka-wire/error-codes';
import { startSandboxCluster, type SandboxCluster } from '../../../electron/sandbox';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

type Quorum = { errorCode?: number; leaderId?: number } | 'silent';

/** A broker that serves ApiVersions (with or without DescribeQuorum) and answers DescribeQuorum as told. */
async function fakeBroker(opts: { servesQuorum: boolean; quorum: Quorum }): Promise<string> {
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        const frame = buf.subarray(4, 4 + buf.readInt32BE(0));
        buf = buf.subarray(4 + frame.length);
        const [apiKey, version, correlationId] = [frame.readInt16BE(0), frame.readInt16BE(2), frame.readInt32BE(4)];
        if (apiKey === ApiKey.ApiVersions) {
          const apiKeys: ApiVersionRange[] = [{ apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 12 }];
          if (opts.servesQuorum) apiKeys.push({ apiKey: ApiKey.DescribeQuorum, minVersion: 0, maxVersion: 2 });
          socket.write(
            Buffer.concat(
              encodeResponseFrame(ApiVersions, version, correlationId, {
                errorCode: 0,
                apiKeys,
                throttleTimeMs: 0,
              }),
            ),
          );
        } else if (apiKey === ApiKey.DescribeQuorum && opts.quorum !== 'silent') {
          const q = opts.quorum;
          socket.write(
            Buffer.concat(
              encodeResponseFrame(DescribeQuorum, version, correlationId, {
                errorCode: q.errorCode ?? 0,
                topics: [
                  {
                    topicName: CLUSTER_METADATA_TOPIC,
                    partitions: [
                      {
                        partitionIndex: 0,
                        errorCode: 0,
                        leaderId: q.leaderId ?? -1,
                        leaderEpoch: 3,
                        highWatermark: 10n,
                        currentVoters: [],
                        observers: [],
                      },
                    ],
                  },
                ],
              }),
            ),
          );
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

const ask = (broker: string) =>
  activeController(
    withTimeouts(clusterConfig({ brokers: [broker], clientId: 'test' }), { connectMs: 2_000, requestMs: 300 }),
  );

describe('the active controller', () => {
  it('is the quorum leader the broker reports', async () => {
    expect(await ask(await fakeBroker({ servesQuorum: true, quorum: { leaderId: 2 } }))).toEqual({
      kind: 'leader',
      nodeId: 2,
    });
  });

  it('is unknown when the quorum has no leader, answers an error, or does not answer in time', async () => {
    for (const quorum of [
      { leaderId: -1 },
      { errorCode: KafkaError.NOT_LEADER_OR_FOLLOWER, leaderId: 2 },
      'silent',
    ] as const)
      expect(await ask(await fakeBroker({ servesQuorum: true, quorum })), JSON.stringify(quorum)).toMatchObject({
        kind: 'unknown',
      });
  });

  it('is unknown when no broker can be reached', async () => {
    const port = await fakeBroker({ servesQuorum: true, quorum: { leaderId: 1 } }).then((a) => a);
    await closers.pop()!();
    expect(await ask(port)).toMatchObject({ kind: 'unknown' });
  });

  it('is not asked of a cluster without a quorum (ZooKeeper mode), whose Metadata names its real controller', async () => {
    expect(await ask(await fakeBroker({ servesQuorum: false, quorum: 'silent' }))).toEqual({ kind: 'noQuorum' });
  });
});

describe('the controller Diagnostics shows', () => {
  it("is the quorum's leader, Metadata's controller_id only without a quorum, and nobody when unknown", () => {
    expect(controllerIdOf({ kind: 'leader', nodeId: 2 }, 3)).toBe(2);
    expect(controllerIdOf({ kind: 'noQuorum' }, 3)).toBe(3);
    expect(controllerIdOf({ kind: 'noQuorum' }, -1)).toBeNull();
    expect(controllerIdOf({ kind: 'unknown', reason: 'timeout' }, 3)).toBeNull();
  });
});

describe('the sandbox as a quorum', () => {
  let sandbox: SandboxCluster;
  it('names its controller as the leader, and the next one when it stops', async () => {
    sandbox = await startSandboxCluster({ brokers: 3, port: 0 });
    closers.push(() => sandbox.close());
    const first = await ask(sandbox.bootstrapServers[0]);
    expect(first).toEqual({ kind: 'leader', nodeId: sandbox.state.controllerId });
    const was = sandbox.state.controllerId;
    await sandbox.stopBroker(was);
    const live = sandbox.bootstrapServers.filter((_, i) => sandbox.brokerIds[i] !== was);
    const next = await ask(live[0]);
    expect(next).toMatchObject({ kind: 'leader' });
    expect(next).not.toEqual({ kind: 'leader', nodeId: was });
  });
});
