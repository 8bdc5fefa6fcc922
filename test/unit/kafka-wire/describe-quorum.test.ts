// DescribeQuorum v0's bytes, laid out by hand from apache/kafka's DescribeQuorumRequest.json and
// DescribeQuorumResponse.json (flexible from v0: compact arrays and strings, a tagged-field
// byte closing every structure), so the module is checked against the spec and not only
// against itself.
import { describe, expect, it } from 'vitest';
import { DescribeQuorum } from '../../../electron/kafka-wire/apis/describe-quorum';
import { KafkaReader } from '../../../electron/kafka-wire/kafka-reader';
import { KafkaWriter } from '../../../electron/kafka-wire/kafka-writer';
import { requestHeaderVersion, responseHeaderVersion } from '../../../electron/kafka-wire/api';

const name = Buffer.from('__cluster_metadata').toString('hex'); // 18 bytes: compact length 0x13
const i64 = (n: number) => n.toString(16).padStart(16, '0');

const REQUEST = ['02', '13' + name, '02', '00000000', '00', '00', '00'].join('');

const RESPONSE = [
  '0000', // error_code
  '02', // topics: 1
  '13' + name,
  '02', // partitions: 1
  '00000000', // partition_index
  '0000', // error_code
  '00000002', // leader_id
  '00000007', // leader_epoch
  i64(42), // high_watermark
  '03', // current_voters: 2
  '00000001' + i64(42) + '00',
  '00000002' + 'ffffffffffffffff' + '00',
  '01', // observers: 0
  '00', // partition tagged fields
  '00', // topic tagged fields
  '00', // top-level tagged fields
].join('');

describe('DescribeQuorum v0 on the wire', () => {
  it('asks for partition 0 of the metadata log as the spec lays it out, with flexible headers', () => {
    const w = new KafkaWriter();
    DescribeQuorum.encodeRequest(w, 0, { topics: [{ topicName: '__cluster_metadata', partitions: [0] }] });
    expect(w.toBuffer().toString('hex')).toBe(REQUEST);
    expect(requestHeaderVersion(DescribeQuorum, 0)).toBe(2);
    expect(responseHeaderVersion(DescribeQuorum, 0)).toBe(1);
  });

  it('reads the leader, its epoch and the voters from an answer laid out as the spec says', () => {
    const r = new KafkaReader(Buffer.from(RESPONSE, 'hex'));
    const res = DescribeQuorum.decodeResponse(r, 0);
    expect(r.remaining()).toBe(0);
    expect(res.errorCode).toBe(0);
    expect(res.topics[0].partitions[0]).toMatchObject({ leaderId: 2, leaderEpoch: 7, errorCode: 0 });
    expect(res.topics[0].partitions[0].currentVoters.map((v) => v.replicaId)).toEqual([1, 2]);
    expect(res.topics[0].partitions[0].observers).toEqual([]);
  });

  it('refuses versions it does not read', () => {
    expect(() => DescribeQuorum.decodeResponse(new KafkaReader(Buffer.from(RESPONSE, 'hex')), 1)).toThrow(/v1/);
  });
});
