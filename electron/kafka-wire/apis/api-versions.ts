// ApiVersions v0-3. v3 is flexible (compact arrays, tagged fields) and is what librdkafka sends
// first; its response header is still v0 so that any client can read the answer. A broker
// answers a version it does not know with UNSUPPORTED_VERSION in the v0 layout.
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';
import type { TaggedField } from '../kafka-reader';

export interface ApiVersionsRequest {
  /** v3+ */
  clientSoftwareName?: string;
  clientSoftwareVersion?: string;
}

export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export interface ApiVersionsResponse {
  errorCode: number;
  apiKeys: ApiVersionRange[];
  /** v1+ */
  throttleTimeMs: number;
  /** v3+: supported and finalized features, kept as they came. */
  taggedFields?: TaggedField[];
}

export const ApiVersions = defineApi<ApiVersionsRequest, ApiVersionsResponse>({
  apiKey: ApiKey.ApiVersions,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 3,
  responseHeaderAlwaysV0: true,
  encodeRequest(w, v, req) {
    if (v >= 3)
      w.compactString(req.clientSoftwareName ?? '')
        .compactString(req.clientSoftwareVersion ?? '')
        .taggedFields();
  },
  decodeRequest(r, v) {
    if (v < 3) return {};
    const req = { clientSoftwareName: r.compactString(), clientSoftwareVersion: r.compactString() };
    r.taggedFields();
    return req;
  },
  encodeResponse(w, v, res) {
    w.int16(res.errorCode);
    if (v >= 3) {
      w.compactArray(res.apiKeys, (w2, k) => w2.int16(k.apiKey).int16(k.minVersion).int16(k.maxVersion).taggedFields());
    } else {
      w.array(res.apiKeys, (w2, k) => w2.int16(k.apiKey).int16(k.minVersion).int16(k.maxVersion));
    }
    if (v >= 1) w.int32(res.throttleTimeMs);
    if (v >= 3) w.taggedFields(res.taggedFields);
  },
  decodeResponse(r, v) {
    const errorCode = r.int16();
    const readRange = (x: typeof r): ApiVersionRange => {
      const range = { apiKey: x.int16(), minVersion: x.int16(), maxVersion: x.int16() };
      if (v >= 3) x.taggedFields();
      return range;
    };
    const apiKeys = v >= 3 ? r.compactArray(readRange) : r.array(readRange);
    const throttleTimeMs = v >= 1 ? r.int32() : 0;
    const taggedFields = v >= 3 ? r.taggedFields() : undefined;
    return { errorCode, apiKeys, throttleTimeMs, ...(taggedFields ? { taggedFields } : {}) };
  },
});
