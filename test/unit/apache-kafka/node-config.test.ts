import { describe, expect, it } from 'vitest';
import { nodeProperties, scramFormatArgs, type ClusterSettings } from '../../../tools/apache-kafka/node-config';

const nodes = [
  { id: 1, port: 19092, controllerPort: 19093 },
  { id: 2, port: 29092, controllerPort: 29093 },
  { id: 3, port: 39092, controllerPort: 39093 },
];
const settings: ClusterSettings = {
  host: '127.0.0.1',
  nodes,
  minInsyncReplicas: 2,
  autoCreateTopics: false,
  deleteTopicEnable: true,
  brokerConfig: {},
};

function parse(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('a harness node’s server.properties', () => {
  it('makes every node a combined broker and controller voting in one static quorum on 127.0.0.1', () => {
    const p = parse(nodeProperties(settings, 2, '/tmp/x/node-2/data'));
    expect(p).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '2',
      'controller.quorum.voters': '1@127.0.0.1:19093,2@127.0.0.1:29093,3@127.0.0.1:39093',
      listeners: 'PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:29092',
      'controller.listener.names': 'CONTROLLER',
      'log.dirs': '/tmp/x/node-2/data',
    });
  });

  it("has the store's settings: no auto-created topics, replication factor 3, min.insync.replicas 2", () => {
    const p = parse(nodeProperties(settings, 1, '/d'));
    expect(p).toMatchObject({
      'auto.create.topics.enable': 'false',
      'delete.topic.enable': 'true',
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.replication.factor': '3',
      'transaction.state.log.min.isr': '2',
    });
  });

  it('scales the internal topics down to a one-node cluster, which could not create them otherwise', () => {
    const p = parse(nodeProperties({ ...settings, nodes: [nodes[0]], minInsyncReplicas: 1 }, 1, '/d'));
    expect(p).toMatchObject({
      'default.replication.factor': '1',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'min.insync.replicas': '1',
    });
  });

  it('applies asked-for settings and extra broker configs last', () => {
    const p = parse(
      nodeProperties(
        {
          ...settings,
          autoCreateTopics: true,
          deleteTopicEnable: false,
          brokerConfig: { 'replica.fetch.wait.max.ms': '400', 'min.insync.replicas': '3' },
        },
        1,
        '/d',
      ),
    );
    expect(p).toMatchObject({
      'auto.create.topics.enable': 'true',
      'delete.topic.enable': 'false',
      'replica.fetch.wait.max.ms': '400',
      'min.insync.replicas': '3',
    });
  });

  it('escapes backslashes, which java.util.Properties would read as escapes', () => {
    expect(nodeProperties(settings, 1, 'C:\\kafka\\data')).toContain('log.dirs=C:\\\\kafka\\\\data\n');
  });

  it('refuses a node id the cluster does not have', () => {
    expect(() => nodeProperties(settings, 4, '/d')).toThrow('no node 4');
  });
});

describe('a SASL_SSL listener beside the plaintext one', () => {
  const secure = {
    users: { 'pos-7': 'correct horse' },
    keystoreFile: '/tmp/ca/broker.pem',
    truststoreFile: '/tmp/ca/ca.pem',
    requireClientCert: true,
  };

  it('listens and advertises SASL_SSL with SCRAM, PEM stores and required client certificates; brokers still talk plaintext', () => {
    const p = parse(
      nodeProperties({ ...settings, secure, nodes: nodes.map((n) => ({ ...n, securePort: n.port + 5 })) }, 2, '/d'),
    );
    expect(p.listeners).toBe('PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093,SASL_SSL://127.0.0.1:29097');
    expect(p['advertised.listeners']).toBe('PLAINTEXT://127.0.0.1:29092,SASL_SSL://127.0.0.1:29097');
    expect(p['listener.security.protocol.map']).toBe('CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL');
    expect(p['inter.broker.listener.name']).toBe('PLAINTEXT');
    expect(p['sasl.enabled.mechanisms']).toBe('SCRAM-SHA-256,SCRAM-SHA-512');
    expect(p['listener.name.sasl_ssl.ssl.keystore.type']).toBe('PEM');
    expect(p['listener.name.sasl_ssl.ssl.keystore.location']).toBe('/tmp/ca/broker.pem');
    expect(p['listener.name.sasl_ssl.ssl.client.auth']).toBe('required');
    expect(p['listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config']).toContain('ScramLoginModule required;');
  });

  it('can offer PLAIN instead, its users in the JAAS line, client certificates optional', () => {
    const p = parse(
      nodeProperties(
        {
          ...settings,
          secure: { ...secure, mechanisms: ['PLAIN'], requireClientCert: false },
          nodes: nodes.map((n) => ({ ...n, securePort: n.port + 5 })),
        },
        1,
        '/d',
      ),
    );
    expect(p['sasl.enabled.mechanisms']).toBe('PLAIN');
    expect(p['listener.name.sasl_ssl.plain.sasl.jaas.config']).toBe(
      'org.apache.kafka.common.security.plain.PlainLoginModule required user_pos-7="correct horse";',
    );
    expect(p['listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config']).toBeUndefined();
    expect(p['listener.name.sasl_ssl.ssl.client.auth']).toBe('none');
  });

  it('creates each user for both SCRAM mechanisms when the storage is formatted', () => {
    expect(scramFormatArgs(secure)).toEqual([
      '--add-scram',
      'SCRAM-SHA-256=[name=pos-7,password=correct horse]',
      '--add-scram',
      'SCRAM-SHA-512=[name=pos-7,password=correct horse]',
    ]);
    expect(scramFormatArgs(undefined)).toEqual([]);
    expect(parse(nodeProperties(settings, 1, '/d')).listeners).not.toContain('SASL_SSL');
  });
});
