// DescribeConfigs v0-2 (Kafka 4.x accepts v1 and later): config values of brokers (resource
// type 4, name = broker id; only that broker answers for itself) and topics (type 2), with
// each value's source and, when asked (v1+), its synonyms in precedence order.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';
import type { KafkaReader } from '../kafka-reader';

export const ConfigResourceType = { TOPIC: 2, BROKER: 4 } as const;

/** Where a value comes from (DescribeConfigsResponse's ConfigSource). */
export const ConfigSource = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;

export interface DescribeConfigsRequest {
  /** configurationKeys null: every key. */
  resources: Array<{ resourceType: number; resourceName: string; configurationKeys: string[] | null }>;
  /** v1+ */
  includeSynonyms: boolean;
}

export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: number;
}

export interface DescribedConfig {
  name: string;
  value: string | null;
  readOnly: boolean;
  /** v1+ (v0 answers only whether it is the default: decoded as DEFAULT_CONFIG or UNKNOWN). */
  configSource: number;
  isSensitive: boolean;
  /** v1+ */
  synonyms: ConfigSynonym[];
}

export interface DescribeConfigsResult {
  errorCode: number;
  errorMessage: string | null;
  resourceType: number;
  resourceName: string;
  configs: DescribedConfig[];
}

export interface DescribeConfigsResponse {
  throttleTimeMs: number;
  results: DescribeConfigsResult[];
}

export const DescribeConfigs = defineApi<DescribeConfigsRequest, DescribeConfigsResponse>({
  apiKey: ApiKey.DescribeConfigs,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: null,
  encodeRequest(w, v, req) {
    w.array(req.resources, (w2, res) => {
      w2.int8(res.resourceType)
        .string(res.resourceName)
        .nullableArray(res.configurationKeys, (w3, k) => w3.string(k));
    });
    if (v >= 1) w.boolean(req.includeSynonyms);
  },
  decodeRequest(r, v) {
    const resources = r.array((x) => ({
      resourceType: x.int8(),
      resourceName: x.string(),
      configurationKeys: x.nullableArray((y) => y.string()),
    }));
    return { resources, includeSynonyms: v >= 1 ? r.boolean() : false };
  },
  encodeResponse(w, v, res) {
    w.int32(res.throttleTimeMs);
    w.array(res.results, (w2, result) => {
      w2.int16(result.errorCode)
        .nullableString(result.errorMessage)
        .int8(result.resourceType)
        .string(result.resourceName);
      w2.array(result.configs, (w3, c) => {
        w3.string(c.name).nullableString(c.value).boolean(c.readOnly);
        if (v === 0)
          w3.boolean(c.configSource === ConfigSource.DEFAULT_CONFIG); // is_default
        else w3.int8(c.configSource);
        w3.boolean(c.isSensitive);
        if (v >= 1) w3.array(c.synonyms, (w4, s) => w4.string(s.name).nullableString(s.value).int8(s.source));
      });
    });
  },
  decodeResponse(r, v) {
    const throttleTimeMs = r.int32();
    const readConfig = (y: KafkaReader): DescribedConfig => {
      const name = y.string();
      const value = y.nullableString();
      const readOnly = y.boolean();
      const configSource = v === 0 ? (y.boolean() ? ConfigSource.DEFAULT_CONFIG : ConfigSource.UNKNOWN) : y.int8();
      const isSensitive = y.boolean();
      const synonyms =
        v >= 1 ? y.array((z) => ({ name: z.string(), value: z.nullableString(), source: z.int8() })) : [];
      return { name, value, readOnly, configSource, isSensitive, synonyms };
    };
    const results = r.array((x) => ({
      errorCode: x.int16(),
      errorMessage: x.nullableString(),
      resourceType: x.int8(),
      resourceName: x.string(),
      configs: x.array(readConfig),
    }));
    return { throttleTimeMs, results };
  },
});
